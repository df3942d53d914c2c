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
    public static let agreed: StaticString = "A"
    public static let notYetAgreed: StaticString = "I"
    public static let complete: StaticString = "COM"
    public static let resit: StaticString = "RAS"
    public static let deferred: StaticString = "DEF"
    public static let underWay: StaticString = "SAS"
}

extension Grade {
    /// The grade as the SITS files write it, its raw value, fixed in the program: written as it is, with
    /// no check for characters to escape.
    public var literal: StaticString {
        switch self {
        case .pass: "P"
        case .fail: "F"
        case .nonSubmission: "NS"
        case .absent: "AB"
        case .late: "L"
        case .deferred: "M"
        case .referred: "R"
        case .withdrawn: "W"
        }
    }
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

/// Where `SITSRecord.write` puts the records, field by field: whole records for the nightly export, or
/// straight into a run's files without making each field into text first.
public protocol SITSRecordSink {
    /// The enrolment whose records follow, by their four leading fields.
    mutating func enrolment(spr: String, course: Code, occurrence: Code, academicYear: String)
    /// Starts a record of `table` with the enrolment's leading fields.
    mutating func begin(_ table: SITSTable)
    mutating func text(_ value: String)
    /// A field fixed in the program (a grade, a process code, `Y`): plain text, nothing to escape.
    mutating func literal(_ value: StaticString)
    mutating func number(_ value: Int)
    mutating func code(_ value: Code)
    mutating func day(_ value: Day)
    mutating func end()
}

extension SITSRecord {
    /// The records of credit-bearing enrolments: each counted or deferred sit (SAS first sits, SRA resits),
    /// each course result (SMR) and each withdrawal. Component marks are agreed once a course decision
    /// has used them (rule 5 or 6 at or after the board that counted them); until then they are actual
    /// marks only. Certificate of Attendance courses have no SITS record (Procedure §13.1).
    public static func records(for results: [EnrolmentResult], of listed: [Enrolment], policy: Policy) -> [SITSRecord] {
        var collector = RecordCollector()
        write(results, of: listed, policy: policy, into: &collector)
        return collector.records
    }

    /// Hands the records of `records(for:of:policy:)` to `sink` field by field, in the same order, without
    /// keeping them: a whole year's records would be held at once only to be written out.
    /// `listed`: the enrolments the results refer to (`ReplayResult.listed`).
    public static func write(
        _ results: [EnrolmentResult], of listed: [Enrolment], policy: Policy, into sink: inout some SITSRecordSink
    ) {
        var year = (code: "", written: "")
        var course: Course?
        for index in results.indices {
            let key = listed[results[index].listedAt].key
            // The course is taken from the result once per course, not copied for each enrolment.
            if course?.code != key.course { course = results[index].course }
            guard course!.isPresentedToBoards else { continue }
            if year.code != key.academicYear { year = (key.academicYear, policy.ayrCode.write(key.academicYear)) }
            // A sit is agreed when a course decision at or after its board used it.
            let lastMarked = results[index].marksUsedAt
            sink.enrolment(
                spr: listed[results[index].listedAt].sprCode, course: key.course, occurrence: key.occurrence,
                academicYear: year.written)
            func writeSit(_ sit: Sit?, deferred: Bool, referred: Bool) {
                guard let sit else {
                    sink.literal("")
                    sink.literal(deferred ? Grade.deferred.literal : "")
                    sink.literal("")
                    sink.literal("")
                    sink.literal(SITSProcess.notYetAgreed)
                    sink.literal(deferred ? SITSProcess.deferred : SITSProcess.underWay)
                    return
                }
                let isAgreed = lastMarked.map { $0 >= sit.board } ?? false
                sink.number(sit.mark)
                sink.literal(sit.grade.literal)
                if isAgreed { sink.number(sit.mark) } else { sink.literal("") }
                sink.literal(isAgreed ? (referred ? Grade.referred.literal : sit.grade.literal) : "")
                sink.literal(isAgreed ? SITSProcess.agreed : SITSProcess.notYetAgreed)
                sink.literal(referred ? SITSProcess.resit : isAgreed ? SITSProcess.complete : SITSProcess.underWay)
            }
            let components = results[index].components
            for position in components.indices {
                let attempt = components[position].attempt
                let deferredAt = components[position].deferredAt
                let code = components[position].component.code
                let deferredFirst = attempt == 1 && deferredAt != nil
                let firstSit = components[position].firstSit
                if firstSit != nil || deferredFirst {
                    sink.begin(.sas)
                    sink.literal("Y")
                    sink.code(code)
                    writeSit(firstSit, deferred: deferredFirst, referred: attempt == 2)
                    sink.end()
                }
                if attempt == 2 {
                    sink.begin(.sra)
                    sink.literal("Y")
                    sink.code(code)
                    sink.literal("001")
                    writeSit(components[position].resit, deferred: deferredAt != nil, referred: false)
                    sink.end()
                }
            }
            sink.begin(.smr)
            sink.literal("Y")
            // The decision is read in place, not copied: it carries its course mark and components.
            writeCourseResult(results[index].decision, course: course!, into: &sink)
            sink.end()
            if results[index].decision.outcome == .withdrawn {
                let board = results[index].decision.board
                let reason = results[index].decision.reason
                sink.begin(.withdrawals)
                sink.day(reason == .studentWithdrew ? listed[results[index].listedAt].statusDate ?? board : board)
                sink.text(reason?.rawValue ?? "")
                sink.end()
            }
        }
    }

    static func writeCourseResult(_ decision: Decision, course: Course, into sink: inout some SITSRecordSink) {
        let marked = decision.actualMark != nil
        let result: StaticString =
            switch decision.outcome {
            case .pass, .passResit: "P"
            case .fail, .withdrawn: "F"
            default: "D"
            }
        let actualGrade: StaticString =
            switch decision.outcome {
            case .pass, .passResit: "P"
            case .fail, .refer: "F"
            default: ""
            }
        let process: StaticString =
            switch decision.outcome {
            case .pass, .passResit, .fail, .withdrawn: SITSProcess.complete
            case .refer: SITSProcess.resit
            case .deferred: SITSProcess.deferred
            default: SITSProcess.underWay
            }
        let isAgreed = decision.outcome.concludes || decision.outcome == .refer || decision.outcome == .deferred
        if marked { sink.number(decision.actualMark!) } else { sink.literal("") }
        sink.literal(marked ? actualGrade : "")
        if marked { sink.number(decision.agreedMark!) } else { sink.literal("") }
        sink.literal(decision.outcome.grade?.literal ?? "")
        sink.literal(result)
        switch decision.outcome {
        case .pass, .passResit: sink.number(course.credits)
        case .fail, .withdrawn: sink.literal("0")
        default: sink.literal("")
        }
        sink.number(decision.attempt ?? 1)
        sink.literal(isAgreed ? SITSProcess.agreed : SITSProcess.notYetAgreed)
        sink.literal(process)
    }
}

/// Whole records, each field as text, for the nightly export.
private struct RecordCollector: SITSRecordSink {
    var records: [SITSRecord] = []
    private var leading: [String] = []
    private var table = SITSTable.sas
    private var values: [String] = []

    mutating func enrolment(spr: String, course: Code, occurrence: Code, academicYear: String) {
        leading = [spr, course.description, occurrence.description, academicYear]
    }

    mutating func begin(_ table: SITSTable) {
        self.table = table
        values = leading
    }

    mutating func text(_ value: String) { values.append(value) }
    mutating func literal(_ value: StaticString) { values.append(value.description) }
    mutating func number(_ value: Int) { values.append(String(value)) }
    mutating func code(_ value: Code) { values.append(value.description) }
    mutating func day(_ value: Day) { values.append(value.description) }
    mutating func end() { records.append(SITSRecord(table: table, values: values)) }
}
