import Input
import Regulations

/// One course and occurrence, whose sheet a team fills in for a board.
public struct SheetKey: Hashable, Comparable, Sendable {
    public let course: Code
    public let occurrence: Code

    public init(course: Code, occurrence: Code) {
        self.course = course
        self.occurrence = occurrence
    }

    public static func < (lhs: SheetKey, rhs: SheetKey) -> Bool {
        (lhs.course, lhs.occurrence) < (rhs.course, rhs.occurrence)
    }
}

extension OwedSheet {
    /// The course and occurrence that owes the sits.
    public var key: SheetKey { SheetKey(course: course.code, occurrence: occurrence) }
}

/// A template to download: the file name `board template` gives it and its bytes.
public struct TemplateFile: Sendable {
    public let name: String
    public let bytes: [UInt8]
}

// Mark-sheet templates (SPEC §6) are `board template`'s own, `MarkSheetTemplate`, over the register as
// the service holds it: a download is byte for byte the file the command writes for the same sheet.
extension Institution {
    /// Every course and occurrence with sits owed at `board`, in code order, from the earlier boards'
    /// sheets as `board template` reads them: a sealed one changed since its seal refuses (409).
    public func owed(at board: Day) throws -> [OwedSheet] {
        do {
            return try MarkSheetTemplate.owed(
                config: config, register: register.register, board: board, seals: try ledger.sealBook())
        } catch is BrokenSeals {
            throw Refusal(409, .earlierSealedSheetsChanged)
        }
    }

    /// The template of one course and occurrence at `board`; nil when it owes the board no sits, for which
    /// `board template` writes no file either.
    public func template(_ key: SheetKey, at board: Day, format: MarkSheetTemplate.Format) throws -> TemplateFile? {
        guard let sheet = try owed(at: board).first(where: { $0.key == key }) else { return nil }
        return TemplateFile(
            name: MarkSheetTemplate.fileName(of: sheet, board: board, format: format),
            bytes: MarkSheetTemplate.file(of: sheet, board: board, format: format))
    }
}
