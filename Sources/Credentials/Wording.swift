import Regulations

/// Every phrase the certificates, transcripts and credentials print, in English and in Welsh, in
/// one place so that a translator reviews one file. Values (names, codes, numbers) are never
/// translated; phrases that take one are functions.
struct Wording: Sendable {
    let language: Language

    static let english = Wording(language: .english)
    static let welsh = Wording(language: .welsh)

    static func of(_ language: Language) -> Wording { language == .english ? .english : .welsh }

    private func say(_ english: String, _ welsh: String) -> String { language == .english ? english : welsh }

    // MARK: Titles of the documents

    /// What a pass on a course of `type` earns: its certificate, titled as the regulations title it,
    /// or for a micro-credential the micro-credential itself.
    func award(_ type: CourseType) -> String {
        guard let title = type.certificateTitle else { return microCredential }
        // Certificates of Attendance have always printed the mutated Welsh form, certificates.csv the
        // radical one; which is right is a translator's call, and either change alters issued files.
        if type == .attendance { return say(title.english, "Tystysgrif Bresenoldeb") }
        return say(title.english, title.welsh)
    }

    var transcript: String { say("Transcript of Results", "Trawsgrifiad o Ganlyniadau") }
    var microCredential: String { say("Micro-credential", "Micro-gymhwyster") }
    var transcriptShort: String { say("Transcript", "Trawsgrifiad") }

    func courseType(_ type: CourseType) -> String {
        switch type {
        case .microCredential: return say("Micro-credential", "Micro-gymhwyster")
        case .continuingEducation: return say("Short course (continuing education)", "Cwrs byr (addysg barhaus)")
        case .professional: return say("Short course (professional)", "Cwrs byr (proffesiynol)")
        case .attendance: return say("Non-credit-bearing short course", "Cwrs byr heb gredydau")
        }
    }

    // MARK: The certificate's sentences

    var certifies: String { say("This is to certify that", "Tystir bod") }

    func achieved(_ type: CourseType) -> String {
        type == .attendance
            ? say("has attended", "wedi mynychu") : say("has successfully completed", "wedi cwblhau’n llwyddiannus")
    }

    // MARK: Labels

    var learner: String { say("Learner", "Dysgwr") }
    var name: String { say("Name", "Enw") }
    var studentNumber: String { say("Student number", "Rhif myfyriwr") }
    var sprCode: String { say("SPR code", "Cod SPR") }
    var course: String { say("Course", "Cwrs") }
    var title: String { say("Title", "Teitl") }
    var creditsAndLevel: String { say("Credits and level", "Credydau a lefel") }
    var courseCode: String { say("Course code", "Cod y cwrs") }
    var type: String { say("Type", "Math") }
    var occurrence: String { say("Occurrence", "Achlysur") }
    var academicYear: String { say("Academic year", "Blwyddyn academaidd") }
    var credits: String { say("Credits", "Credydau") }
    var level: String { say("Level", "Lefel") }
    var result: String { say("Result", "Canlyniad") }
    var grade: String { say("Grade", "Gradd") }
    var agreedMark: String { say("Agreed mark", "Marc cytunedig") }
    var passMark: String { say("Pass mark", "Marc pasio") }
    var attendance: String { say("Attendance", "Presenoldeb") }
    var creditsAwarded: String { say("Credits awarded", "Credydau a ddyfarnwyd") }
    var assessment: String { say("Type of assessment", "Math o asesiad") }
    var learningOutcomes: String { say("Learning outcomes", "Deilliannau dysgu") }
    var qualityAssurance: String { say("Quality assurance", "Sicrhau ansawdd") }
    var externalExaminer: String { say("External examiner", "Arholwr allanol") }
    var professionalBody: String { say("Endorsed by", "Wedi’i gymeradwyo gan") }
    var awardingBody: String { say("Awarding body", "Corff dyfarnu") }
    var dateOfIssue: String { say("Date of issue", "Dyddiad cyhoeddi") }
    var credentialID: String { say("Digital credential", "Tystlythyr digidol") }

    // MARK: Values in words

    /// The outcomes that earn a transcript in words; the others, which `Issuance` refuses, as coded.
    func outcome(_ outcome: Outcome) -> String {
        switch outcome {
        case .pass: return say("Pass", "Pasio")
        case .passResit: return say("Pass (after resit)", "Pasio (ar ôl ailsefyll)")
        case .fail: return say("Fail", "Methu")
        case .attended: return say("Attended", "Wedi mynychu")
        case .refer, .deferred, .pending, .inProgress, .withdrawn, .notAttended: return outcome.rawValue
        }
    }

    /// The result in one line: outcome, grade, agreed mark, attendance.
    func summary(of result: ConfirmedResult) -> String {
        var parts = [outcome(result.outcome)]
        if let grade = result.outcome.grade { parts.append("\(self.grade.lowercased()) \(grade.rawValue)") }
        if let mark = result.decision.agreedMark {
            parts.append("\(agreedMark.lowercased()) \(self.mark(mark, passMark: result.passMark))")
        }
        if let attendance = result.attendance { parts.append("\(self.attendance.lowercased()) \(attendance) %") }
        return parts.joined(separator: "; ")
    }

    /// `64 / 100 (pass mark 40)`.
    func mark(_ mark: Int, passMark: Int?) -> String {
        "\(mark) / 100" + (passMark.map { " (\(self.passMark.lowercased()) \($0))" } ?? "")
    }

    /// The quality assurance of the course in one paragraph: the procedure, the external examiner,
    /// the professional body.
    func qualityAssurance(of result: ConfirmedResult) -> String {
        var text = procedure(of: result)
        let course = result.course
        if !course.externalExaminer.isEmpty { text += " \(externalExaminer): \(course.externalExaminer)." }
        if !course.professionalBody.isEmpty { text += " \(professionalBody) \(course.professionalBody)." }
        return text
    }

    func credits(of course: Course) -> String {
        guard course.credits > 0 else { return say("Non-credit-bearing", "Heb gredydau") }
        let ects = Frameworks.ects(ofCQFW: course.credits)
        return say("\(course.credits) credits (\(ects) ECTS)", "\(course.credits) credyd (\(ects) ECTS)")
    }

    func level(_ course: Course) -> String {
        let eqf = Frameworks.eqfLevel(ofCQFW: course.level)
        var text = say(
            "CQFW/FHEQ level \(course.level); EQF level \(eqf)", "lefel \(course.level) FfCChC/FHEQ; lefel \(eqf) EQF")
        if let cycle = Frameworks.cycle(ofCQFW: course.level) {
            let name: String
            switch cycle {
            case .short: name = say("short cycle", "cylch byr")
            case .first: name = say("first cycle", "cylch cyntaf")
            case .second: name = say("second cycle", "ail gylch")
            case .third: name = say("third cycle", "trydydd cylch")
            }
            text += say("; QF-EHEA \(name)", "; \(name) QF-EHEA")
        }
        return text
    }

    /// The register holds components' titles in English only.
    func component(_ component: Component) -> String { "\(component.title) (\(component.weight) %)" }

    /// How the result was quality assured. Attendance courses are not presented to boards
    /// (Procedure §11.3): their certificate rests on the attendance the course team recorded.
    func procedure(of result: ConfirmedResult) -> String {
        if result.course.type == .attendance {
            return say(
                "Delivered under the University’s Short Courses and Micro-credentials Procedure; attendance recorded by the course team; issued on \(date(result.decision.board)).",
                "Cyflwynwyd o dan Weithdrefn Cyrsiau Byr a Micro-gymwysterau’r Brifysgol; cofnodwyd presenoldeb gan dîm y cwrs; cyhoeddwyd ar \(date(result.decision.board))."
            )
        }
        return say(
            "Approved, delivered and assessed under the University’s Short Courses and Micro-credentials Procedure; results confirmed by the University Assessment Board of \(date(result.decision.board)).",
            "Cymeradwywyd, cyflwynwyd ac aseswyd o dan Weithdrefn Cyrsiau Byr a Micro-gymwysterau’r Brifysgol; cadarnhawyd y canlyniadau gan Fwrdd Asesu’r Brifysgol ar \(date(result.decision.board))."
        )
    }

    func awardedBy(_ issuer: Issuer) -> String {
        language == .english ? "\(issuer.name), \(issuer.country)" : "\(issuer.nameWelsh), \(issuer.countryWelsh)"
    }

    func verification(stem: String) -> String {
        say(
            "Signed digital copy (Open Badges 3.0): \(stem).jwt, verified with the University’s public key in issuer.json.",
            "Copi digidol wedi’i lofnodi (Open Badges 3.0): \(stem).jwt, a wirir ag allwedd gyhoeddus y Brifysgol yn issuer.json."
        )
    }

    /// `19 February 2026`, `19 Chwefror 2026`.
    func date(_ day: Day) -> String {
        let months =
            language == .english
            ? [
                "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December",
            ]
            : [
                "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref",
                "Tachwedd", "Rhagfyr",
            ]
        return "\(day.day) \(months[day.month - 1]) \(day.year)"
    }

    /// `20`, `7.5`: a number a credential holds, without a needless `.0`.
    func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// The course title in this language, the English one where the register has no Welsh title.
    func title(_ course: Course) -> String {
        language == .welsh && !course.titleWelsh.isEmpty ? course.titleWelsh : course.title
    }

    func institution(_ issuer: Issuer) -> String { language == .english ? issuer.name : issuer.nameWelsh }
}
