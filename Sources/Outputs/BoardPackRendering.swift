import Foundation
import Input
import Mustache

extension BoardPack {
    /// The pack rendered with `template` (Mustache text), or with the built-in template.
    public func html(template: String = BoardPack.defaultTemplate) throws -> String {
        try MustacheTemplate(string: template).render(self)
    }

    /// `board-report.html` of a run: the built-in template, or the one `[outputs] board_pack_template` names.
    public static func html(of run: BoardRun) throws(OutputError) -> String {
        let pack = BoardPack(run)
        guard let path = run.config.boardPackTemplate else {
            // The built-in template is valid: the tests render it.
            return try! pack.html()
        }
        let template: String
        do {
            template = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw OutputError(
                path: path,
                reason:
                    "cannot read the board pack template that [outputs] board_pack_template names in \(run.config.relative(run.config.file)) (\(error.localizedDescription)); fix the path or remove the key to use the built-in template"
            )
        }
        do {
            return try pack.html(template: template)
        } catch {
            throw OutputError(
                path: path,
                reason:
                    "the board pack template is not valid Mustache (\(error)); fix it or remove [outputs] board_pack_template"
            )
        }
    }
}

// Every value of the pack is handed to Mustache by name, not found by reflection (`Mirror`), which is
// slow for the thousands of values of a large pack. A name not listed is looked up in the enclosing values.
extension BoardPack: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "institution": institution
        case "institutionWelsh": institutionWelsh
        case "institutionCode": institutionCode
        case "boardDate": boardDate
        case "boardDateWelsh": boardDateWelsh
        case "boardISO": boardISO
        case "academicYear": academicYear
        case "toolVersion": toolVersion
        case "reconciliation": reconciliation
        case "outcomeColumns": outcomeColumns
        case "summary": summary
        case "totals": totals
        case "totalEnrolments": totalEnrolments
        case "courses": courses
        case "registerWarningRows": registerWarningRows
        case "hasRegisterWarnings": hasRegisterWarnings
        case "exceptionFiles": exceptionFiles
        case "exceptionCount": exceptionCount
        case "errorCount": errorCount
        case "warningCount": warningCount
        case "noteCount": noteCount
        case "sealRows": sealRows
        case "hasSeals": hasSeals
        case "amendmentRows": amendmentRows
        case "amendmentCount": amendmentCount
        case "hasAmendments": hasAmendments
        case "amendmentsLeftOut": amendmentsLeftOut
        default: nil
        }
    }
}

extension BoardPack.Reconciled: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "read": read
        case "counted": counted
        case "superseded": superseded
        case "rejected": rejected
        case "balances": balances
        case "sentence": sentence
        default: nil
        }
    }
}

extension BoardPack.SummaryRow: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "code": code
        case "anchor": anchor
        case "title": title
        case "titleWelsh": titleWelsh
        case "typeName": typeName
        case "enrolments": enrolments
        case "hasSection": hasSection
        case "counts": counts
        default: nil
        }
    }
}

extension BoardPack.Count: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "outcome": outcome
        case "count": count
        case "zero": zero
        default: nil
        }
    }
}

extension BoardPack.Bin: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "count": count
        default: nil
        }
    }
}

extension BoardPack.FindingFile: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "file": file
        case "count": count
        case "findingRows": findingRows
        default: nil
        }
    }
}

extension BoardPack.CourseSection: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "code": code
        case "anchor": anchor
        case "title": title
        case "titleWelsh": titleWelsh
        case "typeName": typeName
        case "credits": credits
        case "level": level
        case "passMark": passMark
        case "resitCap": resitCap
        case "attendanceThreshold": attendanceThreshold
        case "externalExaminer": externalExaminer
        case "registerWarnings": registerWarnings
        case "professionalBody": professionalBody
        case "isAttendance": isAttendance
        case "isMarked": isMarked
        case "enrolments": enrolments
        case "outcomeCounts": outcomeCounts
        case "bins": bins
        case "markCount": markCount
        case "histogramSVG": histogramSVG
        case "mean": mean
        case "median": median
        case "passRate": passRate
        case "welshMedium": welshMedium
        case "certificateNote": certificateNote
        case "decisionRows": decisionRows
        case "resitRows": resitRows
        case "withdrawalRows": withdrawalRows
        case "certificateRows": certificateRows
        case "transcriptRows": transcriptRows
        case "hasResits": hasResits
        case "hasWithdrawals": hasWithdrawals
        case "hasCertificates": hasCertificates
        case "hasTranscripts": hasTranscripts
        default: nil
        }
    }
}
