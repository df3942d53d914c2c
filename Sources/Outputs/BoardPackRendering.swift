import Foundation
import Input
import Mustache

extension BoardPack {
    /// The pack's template: one Mustache template that renders every page. Rendered for the opening
    /// page, its `{{#opening}}` sections are shown; for a course page, its `{{#course}}` sections. The
    /// head, styles, header and footer around them are shared, so an institution restyles the whole
    /// pack in one file.
    public struct Template: Sendable {
        let mustache: MustacheTemplate

        /// The built-in template. It is valid: the tests render it.
        public static let builtIn = try! Template(BoardPack.defaultTemplate)

        /// `text`, a Mustache template.
        public init(_ text: String) throws {
            mustache = try MustacheTemplate(string: text)
        }

        /// The template `[outputs] board_pack_template` names, or the built-in one.
        public static func of(_ config: BoardConfig) throws(OutputError) -> Template {
            guard let path = config.boardPackTemplate else { return builtIn }
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw OutputError(
                    path: path,
                    reason:
                        "cannot read the board pack template that [outputs] board_pack_template names in \(config.relative(config.file)) (\(error.localizedDescription)); fix the path or remove the key to use the built-in template"
                )
            }
            do {
                return try Template(text)
            } catch {
                throw OutputError(
                    path: path,
                    reason:
                        "the board pack template is not valid Mustache (\(error)); fix it or remove [outputs] board_pack_template"
                )
            }
        }
    }

    /// `board-report.html`.
    public func openingHTML(_ template: Template = .builtIn) -> String {
        template.mustache.render(Page(heading: heading, opening: opening, course: nil))
    }

    /// `courses/<COURSE>.html` of the `index`th course.
    public func courseHTML(_ index: Int, _ template: Template = .builtIn) -> String {
        template.mustache.render(Page(heading: heading, opening: nil, course: coursePage(index)))
    }
}

/// One page as the template sees it: the heading, and either the opening page or a course page.
private struct Page: MustacheParent {
    let heading: BoardPack.Heading
    let opening: BoardPack.OpeningPage?
    let course: BoardPack.CoursePage?

    func child(named name: String) -> Any? {
        switch name {
        case "opening": opening
        case "course": course
        default: heading.child(named: name)
        }
    }
}

// Every value of the pack is handed to Mustache by name, not found by reflection (`Mirror`), which is
// slow for the thousands of pages of a large pack. A name not listed is looked up in the enclosing values.
extension BoardPack.Heading: MustacheParent {
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
        default: nil
        }
    }
}

extension BoardPack.OpeningPage: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "reconciliation": reconciliation
        case "exceptionCount": exceptionCount
        case "errorCount": errorCount
        case "warningCount": warningCount
        case "noteCount": noteCount
        case "outcomeColumns": outcomeColumns
        case "courseRows": courseRows
        case "totals": totals
        case "totalEnrolments": totalEnrolments
        case "distribution": distribution
        case "passRate": passRate
        case "chaseRows": chaseRows
        case "hasChase": hasChase
        case "registerWarningRows": registerWarningRows
        case "hasRegisterWarnings": hasRegisterWarnings
        case "registerFileRows": registerFileRows
        case "hasRegisterFileWarnings": hasRegisterFileWarnings
        case "noCourseFiles": noCourseFiles
        case "exceptionCodes": exceptionCodes
        case "exceptionFolders": exceptionFolders
        case "hasCourseExceptions": hasCourseExceptions
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

extension BoardPack.OpeningPage.Reconciled: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "read": read
        case "counted": counted
        case "blank": blank
        case "superseded": superseded
        case "rejected": rejected
        case "balances": balances
        case "sentence": sentence
        default: nil
        }
    }
}

extension BoardPack.OpeningPage.FileFolder: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "folder": folder
        case "fileItems": fileItems
        default: nil
        }
    }
}

extension BoardPack.OpeningPage.CodeCount: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "severity": severity
        case "code": code
        case "count": count
        default: nil
        }
    }
}

extension BoardPack.Count: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "outcome": outcome
        case "count": count
        default: nil
        }
    }
}

extension BoardPack.Distribution: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "markCount": markCount
        case "histogramSVG": histogramSVG
        case "mean": mean
        case "median": median
        default: nil
        }
    }
}

extension BoardPack.FindingFile: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "anchor": anchor
        case "file": file
        case "count": count
        case "findingRows": findingRows
        case "leftOut": leftOut
        default: nil
        }
    }
}

extension BoardPack.CoursePage: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "code": code
        case "title": title
        case "titleWelsh": titleWelsh
        case "typeName": typeName
        case "credits": credits
        case "level": level
        case "passMark": passMark
        case "resitCap": resitCap
        case "attendanceThreshold": attendanceThreshold
        case "externalExaminer": externalExaminer
        case "professionalBody": professionalBody
        case "isAttendance": isAttendance
        case "isMarked": isMarked
        case "enrolments": enrolments
        case "outcomeCounts": outcomeCounts
        case "distribution": distribution
        case "passRate": passRate
        case "welshMedium": welshMedium
        case "registerWarningRows": registerWarningRows
        case "hasRegisterWarnings": hasRegisterWarnings
        case "decisionRows": decisionRows
        case "resitRows": resitRows
        case "hasResits": hasResits
        case "withdrawalRows": withdrawalRows
        case "hasWithdrawals": hasWithdrawals
        case "certificateNote": certificateNote
        case "certificateItems": certificateItems
        case "certificateCount": certificateCount
        case "hasCertificates": hasCertificates
        case "withheldBecause": withheldBecause
        case "transcriptItems": transcriptItems
        case "transcriptCount": transcriptCount
        case "hasTranscripts": hasTranscripts
        case "exceptionFiles": exceptionFiles
        case "exceptionCount": exceptionCount
        case "previous": previous
        case "next": next
        default: nil
        }
    }
}
