/// Where a course's credits and level sit in the European frameworks, as `transcripts.csv`, the
/// printed transcript and the credential all state them.
public enum Frameworks {
    public static let standard =
        "The following items are provided for each Micro-Credential certificate: … Notional workload needed to achieve the learning outcomes (in ECTS credits, wherever possible); Level (and cycle, if applicable) of the learning experience leading to the microcredential (EQF, QF-EHEA), if applicable (UNIC Standard for Micro-Credentials, Mandatory Elements)."

    /// The ECTS credits of CQFW credits: half of them, as SPEC §3 has it (a CQFW credit is 10 notional
    /// hours, an ECTS credit 20–30), written as they are printed: `10`, `7.5`.
    public static func ects(ofCQFW credits: Int) -> String {
        credits % 2 == 0 ? String(credits / 2) : "\(credits / 2).5"
    }

    /// The EQF level of a CQFW/FHEQ level 1–8, as the UK's referencing to the EQF sets it: levels 1–3
    /// sit one EQF level higher, 4 and 5 both at EQF 5, 6–8 at the same level.
    public static func eqfLevel(ofCQFW level: Int) -> Int {
        switch level {
        case ...3: level + 1
        case 4, 5: 5
        default: level
        }
    }

    /// The QF-EHEA cycle of a CQFW/FHEQ level, where it has one (levels 1–4 have none).
    public static func cycle(ofCQFW level: Int) -> Cycle? {
        switch level {
        case 5: .short
        case 6: .first
        case 7: .second
        case 8: .third
        default: nil
        }
    }

    public enum Cycle: Sendable { case short, first, second, third }
}
