/// The SITS-style files the registry loads by column name (SPEC §3).
public enum SITSTable: String, CaseIterable, Sendable {
    case sas = "SAS"
    case sra = "SRA"
    case smr = "SMR"
    case withdrawals = "withdrawals"

    public var fileName: String { rawValue + ".csv" }

    public var columns: [String] {
        switch self {
        case .sas:
            [
                "SPR_CODE", "MOD_CODE", "MAV_OCCUR", "AYR_CODE", "PSL_CODE", "MAB_SEQ", "SAS_ACTM", "SAS_ACTG",
                "SAS_AGRM", "SAS_AGRG", "SAS_PRCS", "SAS_PROC",
            ]
        case .sra:
            [
                "SPR_CODE", "MOD_CODE", "MAV_OCCUR", "AYR_CODE", "PSL_CODE", "MAB_SEQ", "SRA_RSEQ", "SRA_ACTM",
                "SRA_ACTG", "SRA_AGRM", "SRA_AGRG", "SRA_PRCS", "SRA_PROC",
            ]
        case .smr:
            [
                "SPR_CODE", "MOD_CODE", "MAV_OCCUR", "AYR_CODE", "PSL_CODE", "SMR_ACTM", "SMR_ACTG", "SMR_AGRM",
                "SMR_AGRG", "SMR_RSLT", "SMR_CRED", "SMR_CURA", "SMR_PRCS", "SMR_PROC",
            ]
        case .withdrawals:
            ["SPR_CODE", "MOD_CODE", "MAV_OCCUR", "AYR_CODE", "WITHDRAWN_AT", "REASON"]
        }
    }

    /// The columns that identify a record: the same key in a later file is the same record, updated.
    public var keyColumns: Int {
        switch self {
        case .sas: 6
        case .sra: 7
        case .smr: 5
        case .withdrawals: 4
        }
    }
}

/// One record of a SITS-style file, its values in the table's column order.
public struct SITSRecord: Hashable, Sendable {
    public let table: SITSTable
    public let values: [String]

    public init(table: SITSTable, values: [String]) {
        self.table = table
        self.values = values
    }

    public var key: [String] { Array(values.prefix(table.keyColumns)) }
}

/// Process codes. `*_PRCS`: `A` agreed by the board, `I` not yet agreed. `*_PROC`: `COM` complete,
/// `RAS` reassessment (resit) required, `DEF` deferred, `SAS` assessment under way.
public enum SITSProcess {
    public static let agreed = "A"
    public static let notYetAgreed = "I"
    public static let complete = "COM"
    public static let resit = "RAS"
    public static let deferred = "DEF"
    public static let underWay = "SAS"
}

extension Policy.AYRStyle {
    /// `2025/26` written as SITS expects: `2025/6` or `25/26`.
    public func write(_ year: String) -> String {
        let parts = year.split(separator: "/")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2 else { return year }
        switch self {
        case .long: return "\(parts[0])/\(parts[1].suffix(1))"
        case .short: return "\(parts[0].suffix(2))/\(parts[1])"
        }
    }
}

extension SITSRecord {
    /// The records of credit-bearing enrolments: each counted or deferred sit (SAS first sits, SRA resits),
    /// each course result (SMR) and each withdrawal. Component marks are agreed once a course decision
    /// has used them (rule 5 or 6 at or after the board that counted them); until then they are actual
    /// marks only. Certificate of Attendance courses have no SITS record (Procedure §13.1).
    public static func records(for results: [EnrolmentResult], policy: Policy) -> [SITSRecord] {
        var records: [SITSRecord] = []
        forEachRecord(in: results, policy: policy) { records.append(SITSRecord(table: $0, values: $1)) }
        return records
    }

    /// Hands the records of `records(for:policy:)` to `body` one at a time, in the same order, without
    /// keeping them: a whole year's records would be held at once only to be written out.
    public static func forEachRecord(
        in results: [EnrolmentResult], policy: Policy, _ body: (SITSTable, [String]) -> Void
    ) {
        var values: [String] = []
        values.reserveCapacity(16)
        var year = (code: "", written: "")
        var course: Course?
        for index in results.indices {
            let key = results[index].enrolment.key
            // The course is taken from the result once per course, not copied for each enrolment.
            if course?.code != key.course { course = results[index].course }
            guard course!.isPresentedToBoards else { continue }
            if year.code != key.academicYear { year = (key.academicYear, policy.ayrCode.write(key.academicYear)) }
            // A sit is agreed when a course decision at or after its board used it.
            let lastMarked = results[index].marksUsedAt
            // Every record of the enrolment starts with these four, made into text once.
            values.removeAll(keepingCapacity: true)
            values.append(results[index].enrolment.sprCode)
            values.append(key.course.description)
            values.append(key.occurrence.description)
            values.append(year.written)
            func startRecord() { values.removeSubrange(4...) }
            func appendSit(_ sit: Sit?, deferred: Bool, referred: Bool) {
                guard let sit else {
                    values.append("")
                    values.append(deferred ? Grade.deferred.rawValue : "")
                    values.append("")
                    values.append("")
                    values.append(SITSProcess.notYetAgreed)
                    values.append(deferred ? SITSProcess.deferred : SITSProcess.underWay)
                    return
                }
                let isAgreed = lastMarked.map { $0 >= sit.board } ?? false
                let mark = String(sit.mark)
                values.append(mark)
                values.append(sit.grade.rawValue)
                values.append(isAgreed ? mark : "")
                values.append(isAgreed ? (referred ? Grade.referred.rawValue : sit.grade.rawValue) : "")
                values.append(isAgreed ? SITSProcess.agreed : SITSProcess.notYetAgreed)
                values.append(
                    referred ? SITSProcess.resit : isAgreed ? SITSProcess.complete : SITSProcess.underWay)
            }
            let components = results[index].components
            for position in components.indices {
                let attempt = components[position].attempt
                let deferredAt = components[position].deferredAt
                let code = components[position].component.code.description
                let deferredFirst = attempt == 1 && deferredAt != nil
                let firstSit = components[position].firstSit
                if firstSit != nil || deferredFirst {
                    startRecord()
                    values.append("Y")
                    values.append(code)
                    appendSit(firstSit, deferred: deferredFirst, referred: attempt == 2)
                    body(.sas, values)
                }
                if attempt == 2 {
                    startRecord()
                    values.append("Y")
                    values.append(code)
                    values.append("001")
                    appendSit(components[position].resit, deferred: deferredAt != nil, referred: false)
                    body(.sra, values)
                }
            }
            startRecord()
            values.append("Y")
            // The decision is read in place, not copied: it carries its course mark and components.
            values += courseResult(results[index].decision, course: course!)
            body(.smr, values)
            if results[index].decision.outcome == .withdrawn {
                let board = results[index].decision.board
                let reason = results[index].decision.reason
                let at = reason == .studentWithdrew ? results[index].enrolment.statusDate ?? board : board
                startRecord()
                values.append(at.description)
                values.append(reason?.rawValue ?? "")
                body(.withdrawals, values)
            }
        }
    }

    static func courseResult(_ decision: Decision, course: Course) -> [String] {
        let marked = decision.actualMark != nil
        let result: String =
            switch decision.outcome {
            case .pass, .passResit: "P"
            case .fail, .withdrawn: "F"
            default: "D"
            }
        let credits: String =
            switch decision.outcome {
            case .pass, .passResit: String(course.credits)
            case .fail, .withdrawn: "0"
            default: ""
            }
        let actualGrade: String =
            switch decision.outcome {
            case .pass, .passResit: "P"
            case .fail, .refer: "F"
            default: ""
            }
        let process: String =
            switch decision.outcome {
            case .pass, .passResit, .fail, .withdrawn: SITSProcess.complete
            case .refer: SITSProcess.resit
            case .deferred: SITSProcess.deferred
            default: SITSProcess.underWay
            }
        let isAgreed = decision.outcome.concludes || decision.outcome == .refer || decision.outcome == .deferred
        return [
            marked ? String(decision.actualMark!) : "", marked ? actualGrade : "",
            marked ? String(decision.agreedMark!) : "", decision.outcome.grade?.rawValue ?? "", result, credits,
            String(decision.attempt ?? 1), isAgreed ? SITSProcess.agreed : SITSProcess.notYetAgreed, process,
        ]
    }
}
