/// The register, deadlines and enrolments once they are known to be consistent (SPEC §1.6).
public struct Register: Sendable {
    public var courses: [Code: Course]
    /// Each course's components in sequence order.
    public var components: [Code: [Component]]
    public var deadlines: [DeadlineKey: Day]
    public var enrolments: [EnrolmentKey: Enrolment]

    /// A component's deadline for one run of a course in one academic year.
    public struct DeadlineKey: Hashable, Sendable {
        public let course: Code
        public let occurrence: Code
        public let academicYear: String
        public let component: Code

        public init(course: Code, occurrence: Code, academicYear: String, component: Code) {
            self.course = course
            self.occurrence = occurrence
            self.academicYear = academicYear
            self.component = component
        }

        /// The codes alone: the year is the same for most keys looked up together. Equality compares it.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(course)
            hasher.combine(occurrence)
            hasher.combine(component)
        }
    }

    public init(
        courses: [Code: Course] = [:], components: [Code: [Component]] = [:], deadlines: [DeadlineKey: Day] = [:],
        enrolments: [EnrolmentKey: Enrolment] = [:]
    ) {
        self.courses = courses
        self.components = components
        self.deadlines = deadlines
        self.enrolments = enrolments
    }

    public func deadline(for enrolment: EnrolmentKey, component: Code) -> Day? {
        deadlines[
            DeadlineKey(
                course: enrolment.course, occurrence: enrolment.occurrence,
                academicYear: enrolment.academicYear, component: component)]
    }
}
