/// Register checks that do not stop a run but that the board must see (SPEC §1.2, §1.4).
public enum RegisterQuality {
    /// Structural norms (Procedure §7.1) and external examiner oversight (Procedure §8).
    public static func norms(of course: Course) -> [Finding] {
        var messages: [Message] = []
        let code = course.code
        if course.type == .microCredential && course.credits < course.type.creditBand.lowerBound {
            messages.append(.creditsBelowMicroCredentialNorm(code, credits: course.credits))
        } else if !course.type.creditBand.contains(course.credits) {
            messages.append(.creditsOutsideNorm(code, credits: course.credits, type: course.type))
        }
        if course.type == .professional && course.professionalBody.isEmpty {
            messages.append(.noProfessionalBody(code))
        }
        if course.externalExaminer.isEmpty {
            if course.type == .microCredential {
                messages.append(.noExternalExaminerForMicroCredential(code))
            } else if course.type != .attendance && course.level >= 5 {
                messages.append(.noExternalExaminerAtLevel(code, level: course.level))
            }
        }
        return messages.map { Finding($0, at: course.source, course: code.description) }
    }

    /// A deadline outside its academic year, or on or after its last board, leaves no board at which
    /// the work can be presented within the year of initial enrolment.
    public static func planning(
        _ deadline: Day, key: Register.DeadlineKey, in year: AcademicYear, at source: SourceLine
    ) -> Finding? {
        let message: Message
        if !year.contains(deadline) {
            message = .deadlineOutsideYear(
                key, deadline: deadline, year: year.code, starts: year.starts, ends: year.ends)
        } else if let last = year.lastBoard, deadline >= last {
            message = .deadlineAfterLastBoard(key, deadline: deadline, lastBoard: last, year: year.code)
        } else {
            return nil
        }
        return Finding(message, at: source, course: key.course.description, component: key.component.description)
    }
}
