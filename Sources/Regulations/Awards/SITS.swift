/// The SITS-style files the registry loads by column name (SPEC §3).
public enum SITSTable: String, CaseIterable, Sendable {
    case sas = "SAS"
    case sra = "SRA"
    case smr = "SMR"
    case withdrawals = "withdrawals"

    public var fileName: String { rawValue + ".csv" }

    public var columns: [String] {
        switch self {
        case .sas: SASRecord.columnNames
        case .sra: SRARecord.columnNames
        case .smr: SMRRecord.columnNames
        case .withdrawals: WithdrawalRecord.columnNames
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

/// A record of one SITS-style file: its fields, and the one list that gives each column its name and
/// its place.
public protocol SITSRecord: Sendable {
    static var table: SITSTable { get }
    static var columns: [(name: String, field: @Sendable (Self) -> String)] { get }
}

extension SITSRecord {
    public static var columnNames: [String] { columns.map(\.name) }
}

/// The fields every record of an enrolment begins with.
public struct SITSEnrolment: Sendable {
    /// SPR_CODE: the student's programme route.
    public var sprCode: String
    /// MOD_CODE: the course.
    public var moduleCode: String
    /// MAV_OCCUR: the occurrence.
    public var occurrence: String
    /// AYR_CODE: the academic year as `[policy] ayr_code` writes it.
    public var academicYear: String
    /// PSL_CODE: the period slot; always `Y`, the whole year.
    public var periodSlot = "Y"
}

/// The marks of one sit as SAS and SRA write them. `*_PRCS`: `A` agreed by the board, `I` not yet
/// agreed. `*_PROC`: `COM` complete, `RAS` reassessment (resit) required, `DEF` deferred, `SAS`
/// assessment under way.
public struct SITSSitMarks: Sendable {
    public var actualMark = ""
    public var actualGrade = ""
    public var agreedMark = ""
    public var agreedGrade = ""
    public var processStatus = ""
    public var process = ""

    /// A sit is agreed once a course decision at or after its board used it (rule 5 or 6); a referred
    /// first sit is agreed with grade R. With no sit counted, the placeholder of a deferred or open sit.
    init(_ sit: Sit?, deferred: Bool, referred: Bool, marksUsedAt: Day?) {
        guard let sit else {
            actualGrade = deferred ? Grade.deferred.rawValue : ""
            processStatus = "I"
            process = deferred ? "DEF" : "SAS"
            return
        }
        let isAgreed = marksUsedAt.map { $0 >= sit.board } ?? false
        actualMark = String(sit.mark)
        actualGrade = sit.grade.rawValue
        agreedMark = isAgreed ? String(sit.mark) : ""
        agreedGrade = isAgreed ? (referred ? Grade.referred : sit.grade).rawValue : ""
        processStatus = isAgreed ? "A" : "I"
        process = referred ? "RAS" : isAgreed ? "COM" : "SAS"
    }
}

/// SAS: a component's first sit, counted or deferred.
public struct SASRecord: SITSRecord {
    public var enrolment: SITSEnrolment
    /// MAB_SEQ: the component.
    public var component: String
    public var marks: SITSSitMarks

    public static let table = SITSTable.sas
    public static let columns: [(name: String, field: @Sendable (Self) -> String)] = [
        ("SPR_CODE", { $0.enrolment.sprCode }), ("MOD_CODE", { $0.enrolment.moduleCode }),
        ("MAV_OCCUR", { $0.enrolment.occurrence }), ("AYR_CODE", { $0.enrolment.academicYear }),
        ("PSL_CODE", { $0.enrolment.periodSlot }), ("MAB_SEQ", { $0.component }),
        ("SAS_ACTM", { $0.marks.actualMark }), ("SAS_ACTG", { $0.marks.actualGrade }),
        ("SAS_AGRM", { $0.marks.agreedMark }),
        ("SAS_AGRG", { $0.marks.agreedGrade }), ("SAS_PRCS", { $0.marks.processStatus }),
        ("SAS_PROC", { $0.marks.process }),
    ]
}

/// SRA: a referred component's resit, with blank marks until it is sat.
public struct SRARecord: SITSRecord {
    public var enrolment: SITSEnrolment
    /// MAB_SEQ: the component.
    public var component: String
    /// SRA_RSEQ: the resit's sequence; there is a single resit.
    public var resitSequence = "001"
    public var marks: SITSSitMarks

    public static let table = SITSTable.sra
    public static let columns: [(name: String, field: @Sendable (Self) -> String)] = [
        ("SPR_CODE", { $0.enrolment.sprCode }), ("MOD_CODE", { $0.enrolment.moduleCode }),
        ("MAV_OCCUR", { $0.enrolment.occurrence }), ("AYR_CODE", { $0.enrolment.academicYear }),
        ("PSL_CODE", { $0.enrolment.periodSlot }), ("MAB_SEQ", { $0.component }), ("SRA_RSEQ", { $0.resitSequence }),
        ("SRA_ACTM", { $0.marks.actualMark }), ("SRA_ACTG", { $0.marks.actualGrade }),
        ("SRA_AGRM", { $0.marks.agreedMark }),
        ("SRA_AGRG", { $0.marks.agreedGrade }), ("SRA_PRCS", { $0.marks.processStatus }),
        ("SRA_PROC", { $0.marks.process }),
    ]
}

/// SMR: the course result.
public struct SMRRecord: SITSRecord {
    public var enrolment: SITSEnrolment
    /// SMR_ACTM, SMR_ACTG: the course mark and its grade, when rule 5 or 6 computed one.
    public var actualMark: String
    public var actualGrade: String
    /// SMR_AGRM: the agreed mark (capped after a resit).
    public var agreedMark: String
    /// SMR_AGRG: the outcome's grade.
    public var agreedGrade: String
    /// SMR_RSLT: `P` pass, `F` fail or withdrawn, `D` no result yet.
    public var result: String
    /// SMR_CRED: the credits on a pass, 0 on FAIL or WITHDRAWN, blank otherwise.
    public var credits: String
    /// SMR_CURA: the current attempt.
    public var currentAttempt: String
    /// SMR_PRCS, SMR_PROC: as for a sit.
    public var processStatus: String
    public var process: String

    public static let table = SITSTable.smr
    public static let columns: [(name: String, field: @Sendable (Self) -> String)] = [
        ("SPR_CODE", { $0.enrolment.sprCode }), ("MOD_CODE", { $0.enrolment.moduleCode }),
        ("MAV_OCCUR", { $0.enrolment.occurrence }), ("AYR_CODE", { $0.enrolment.academicYear }),
        ("PSL_CODE", { $0.enrolment.periodSlot }), ("SMR_ACTM", { $0.actualMark }), ("SMR_ACTG", { $0.actualGrade }),
        ("SMR_AGRM", { $0.agreedMark }), ("SMR_AGRG", { $0.agreedGrade }), ("SMR_RSLT", { $0.result }),
        ("SMR_CRED", { $0.credits }),
        ("SMR_CURA", { $0.currentAttempt }), ("SMR_PRCS", { $0.processStatus }), ("SMR_PROC", { $0.process }),
    ]

    init(_ enrolment: SITSEnrolment, decision: Decision, course: Course) {
        self.enrolment = enrolment
        let outcome = decision.outcome
        let marked = decision.actualMark != nil
        actualMark = decision.actualMark.map(String.init) ?? ""
        actualGrade =
            if !marked { "" } else if outcome == .pass || outcome == .passResit {
                "P"
            } else if outcome == .fail
                || outcome == .refer
            { "F" } else { "" }
        agreedMark = marked ? decision.agreedMark.map(String.init) ?? "" : ""
        agreedGrade = outcome.grade?.rawValue ?? ""
        result =
            switch outcome {
            case .pass, .passResit: "P"
            case .fail, .withdrawn: "F"
            default: "D"
            }
        credits =
            switch outcome {
            case .pass, .passResit: String(course.credits)
            case .fail, .withdrawn: "0"
            default: ""
            }
        currentAttempt = String(decision.attempt ?? 1)
        processStatus = outcome.concludes || outcome == .refer || outcome == .deferred ? "A" : "I"
        process =
            switch outcome {
            case .pass, .passResit, .fail, .withdrawn: "COM"
            case .refer: "RAS"
            case .deferred: "DEF"
            default: "SAS"
            }
    }
}

/// withdrawals: a student withdrawn, and why.
public struct WithdrawalRecord: SITSRecord {
    public var sprCode: String
    public var moduleCode: String
    public var occurrence: String
    public var academicYear: String
    /// WITHDRAWN_AT: the date the student withdrew for STUDENT_WITHDREW, else the board that withdrew them.
    public var withdrawnAt: String
    /// REASON: the reason code.
    public var reason: String

    public static let table = SITSTable.withdrawals
    public static let columns: [(name: String, field: @Sendable (Self) -> String)] = [
        ("SPR_CODE", { $0.sprCode }), ("MOD_CODE", { $0.moduleCode }), ("MAV_OCCUR", { $0.occurrence }),
        ("AYR_CODE", { $0.academicYear }), ("WITHDRAWN_AT", { $0.withdrawnAt }), ("REASON", { $0.reason }),
    ]
}

/// The records of one credit-bearing enrolment's result: each counted or deferred first sit (SAS),
/// each referred component's resit (SRA), the course result (SMR) and a withdrawal. Certificate of
/// Attendance courses have no SITS record (Procedure §13.1).
public struct SITSRecords: Sendable {
    public var sas: [SASRecord] = []
    public var sra: [SRARecord] = []
    public var smr: SMRRecord
    public var withdrawal: WithdrawalRecord?

    /// nil for an enrolment on a course that is not presented to boards.
    public init?(of result: EnrolmentResult, policy: Policy) {
        guard result.course.isPresentedToBoards else { return nil }
        let key = result.enrolment.key
        let enrolment = SITSEnrolment(
            sprCode: result.enrolment.sprCode, moduleCode: key.course.description,
            occurrence: key.occurrence.description, academicYear: policy.ayrCode.write(key.academicYear))
        for record in result.components {
            let deferredFirst = record.attempt == 1 && record.deferredAt != nil
            if record.firstSit != nil || deferredFirst {
                sas.append(
                    SASRecord(
                        enrolment: enrolment, component: record.component.code.description,
                        marks: SITSSitMarks(
                            record.firstSit, deferred: deferredFirst, referred: record.attempt == 2,
                            marksUsedAt: result.marksUsedAt)))
            }
            if record.attempt == 2 {
                sra.append(
                    SRARecord(
                        enrolment: enrolment, component: record.component.code.description,
                        marks: SITSSitMarks(
                            record.resit, deferred: record.deferredAt != nil, referred: false,
                            marksUsedAt: result.marksUsedAt)))
            }
        }
        let decision = result.decision
        smr = SMRRecord(enrolment, decision: decision, course: result.course)
        if decision.outcome == .withdrawn {
            let withdrawnAt =
                decision.reason == .studentWithdrew ? result.enrolment.statusDate ?? decision.board : decision.board
            withdrawal = WithdrawalRecord(
                sprCode: enrolment.sprCode, moduleCode: enrolment.moduleCode, occurrence: enrolment.occurrence,
                academicYear: enrolment.academicYear, withdrawnAt: withdrawnAt.description,
                reason: decision.reason?.rawValue ?? "")
        }
    }
}
