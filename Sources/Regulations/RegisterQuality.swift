/// Register checks that do not stop a run but that the board must see (SPEC §1.2, §1.4).
public enum RegisterQuality {
    /// Structural norms (Procedure §7.1) and external examiner oversight (Procedure §8).
    public static func norms(of course: Course) -> [Finding] {
        var findings: [Finding] = []
        let at = course.source
        let code = course.code.description
        let band = course.type.creditBand
        if course.type == .microCredential && course.credits < band.lowerBound {
            findings.append(
                Finding(
                    .warning, .creditsOutsideNorm, at: at, course: code,
                    "\(code) carries \(course.credits) credits; a micro-credential is normally not less than 20 credits (Procedure §7.1)"
                ))
        } else if !band.contains(course.credits) {
            findings.append(
                Finding(
                    .error, .creditsOutsideNorm, at: at, course: code,
                    "\(code) carries \(course.credits) credits, outside the \(band.lowerBound == band.upperBound ? "\(band.lowerBound)" : "\(band.lowerBound)-\(band.upperBound)") of a \(course.type.name) (Procedure §7.1): its students are decided but no certificate is issued until the register is corrected"
                ))
        }
        if course.type == .professional && course.professionalBody.isEmpty {
            findings.append(
                Finding(
                    .error, .noProfessionalBody, at: at, course: code,
                    "\(code) is a Professional Certificate with no professional_body: no certificate is issued until the endorsing body is recorded"
                ))
        }
        let needsExaminer =
            course.type == .microCredential
            || (course.type != .attendance && course.level >= 5)
        if needsExaminer && course.externalExaminer.isEmpty {
            findings.append(
                Finding(
                    .warning, .noExternalExaminer, at: at, course: code,
                    course.type == .microCredential
                        ? "\(code) has no external examiner; micro-credentials at any level require external examination (Procedure §8)"
                        : "\(code) is at level \(course.level) with no external examiner; credit-bearing short courses at level 5 or above should have external examiner oversight (Procedure §8)"
                ))
        }
        return findings
    }

    /// A deadline outside its academic year, or on or after its last board, leaves no board at which
    /// the work can be presented within the year of initial enrolment.
    public static func planning(
        _ deadline: Day, key: Register.DeadlineKey, in year: AcademicYear, at source: SourceLine
    ) -> [Finding] {
        // Worded only for a deadline that is wrong: a large register has tens of thousands of sound ones.
        var subject: String {
            "the deadline \(deadline) for \(key.course) \(key.occurrence) component \(key.component)"
        }
        if !year.contains(deadline) {
            return [
                Finding(
                    .warning, .deadlineOutsideYear, at: source, course: key.course.description,
                    component: key.component.description,
                    "\(subject) falls outside \(year.code) (\(year.starts) to \(year.ends)); its students cannot be presented within the year"
                )
            ]
        }
        if let last = year.lastBoard, deadline >= last {
            return [
                Finding(
                    .warning, .deadlineAfterLastBoard, at: source, course: key.course.description,
                    component: key.component.description,
                    "\(subject) is on or after the year's last board (\(last)); its students cannot be presented within \(year.code)"
                )
            ]
        }
        return []
    }
}
