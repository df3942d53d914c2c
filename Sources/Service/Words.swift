/// The language of the pages: course-team pages in English or Welsh (SPEC §8), chosen on the page
/// and remembered on the account.
public enum PageLanguage: String, Sendable, CaseIterable {
    case english = "en"
    case welsh = "cy"

    public init(_ code: String?) { self = code.flatMap(PageLanguage.init(rawValue:)) ?? .english }

    /// The other language, which the switch offers.
    var other: PageLanguage { self == .english ? .welsh : .english }
}

/// Every sentence the service says to a person, in one place, in English and Welsh. A finding about a
/// sheet keeps its own words (Regulations' `Message`); these are the service's own.
public enum ServiceMessage: Sendable, Equatable {
    case signInFailed
    case signInLocked(until: String)
    case signInNeeded
    case passwordsDiffer
    case passwordTooShort
    case passwordTooLong
    case passwordLinkUnusable
    case passwordSet
    case formExpired
    case forbidden
    case notFound
    case tooLarge(megabytes: Int)
    case notASheet
    case noFile
    case boardSealed(String)
    case uploadGone
    case cannotConfirm(errors: Int)
    case cannotWrite
    case sealed(board: String, version: Int, files: Int)
    case sealedAlready(board: String, version: Int)
    case sealNotYetMet(board: String)
    case sealEarlierBoardOpen(board: String, earlier: String)
    case sealedFilesChanged
    case earlierSealedSheetsChanged
    case sealUnbalanced
    case runStarted
    case runAlreadyRunning

    public func text(_ language: PageLanguage) -> String {
        let (english, welsh) = words
        return language == .welsh ? welsh : english
    }

    private var words: (String, String) {
        switch self {
        case .signInFailed:
            (
                "The email address or password is not right. After five failed attempts in ten minutes the account is locked for ten minutes.",
                "Nid yw'r cyfeiriad e-bost neu'r cyfrinair yn gywir. Ar ôl pum ymgais aflwyddiannus mewn deg munud caiff y cyfrif ei gloi am ddeg munud."
            )
        case .signInLocked(let until):
            (
                "This account is locked after five failed sign-ins in ten minutes. Try again after \(until) (UTC).",
                "Mae'r cyfrif hwn wedi'i gloi ar ôl pum ymgais aflwyddiannus mewn deg munud. Rhowch gynnig arall ar ôl \(until) (UTC)."
            )
        case .signInNeeded:
            ("Please sign in to continue.", "Mewngofnodwch i barhau.")
        case .passwordsDiffer:
            (
                "The two passwords are not the same; type the same password twice.",
                "Nid yw'r ddau gyfrinair yr un fath; teipiwch yr un cyfrinair ddwywaith."
            )
        case .passwordTooShort:
            (
                "The password is too short: use at least \(PasswordRule.minimumLength) characters.",
                "Mae'r cyfrinair yn rhy fyr: defnyddiwch o leiaf \(PasswordRule.minimumLength) nod."
            )
        case .passwordTooLong:
            (
                "The password is too long: use at most \(PasswordRule.maximumBytes) letters and digits.",
                "Mae'r cyfrinair yn rhy hir: defnyddiwch \(PasswordRule.maximumBytes) llythyren a digid ar y mwyaf."
            )
        case .passwordLinkUnusable:
            (
                "This link has been used or has expired (links last 24 hours). Ask the Assessment and Awards team for a new one.",
                "Mae'r ddolen hon wedi'i defnyddio neu wedi dod i ben (mae dolenni'n para 24 awr). Gofynnwch i'r tîm Asesu a Dyfarniadau am un newydd."
            )
        case .passwordSet:
            ("Your password is set. Sign in with it now.", "Mae eich cyfrinair wedi'i osod. Mewngofnodwch ag ef nawr.")
        case .formExpired:
            (
                "This form has expired or did not come from this site, so nothing was changed. Go back, reload the page and try again.",
                "Mae'r ffurflen hon wedi dod i ben neu ni ddaeth o'r wefan hon, felly ni newidiwyd dim. Ewch yn ôl, ail-lwythwch y dudalen a rhowch gynnig arall arni."
            )
        case .forbidden:
            (
                "Your account cannot open this page: it is for another course or another role.",
                "Ni all eich cyfrif agor y dudalen hon: mae ar gyfer cwrs arall neu rôl arall."
            )
        case .notFound:
            ("There is no such page.", "Nid oes tudalen o'r fath.")
        case .tooLarge(let megabytes):
            (
                "The file is larger than \(megabytes) MB, more than any mark sheet; nothing was uploaded. Check that it is the right file.",
                "Mae'r ffeil yn fwy na \(megabytes) MB, mwy nag unrhyw daflen farciau; ni uwchlwythwyd dim. Gwiriwch mai dyma'r ffeil gywir."
            )
        case .notASheet:
            (
                "This file is not a mark sheet: upload the template saved as CSV (.csv) or as an Excel workbook (.xlsx). Nothing was uploaded.",
                "Nid taflen farciau yw'r ffeil hon: uwchlwythwch y templed wedi'i gadw fel CSV (.csv) neu fel llyfr gwaith Excel (.xlsx). Ni uwchlwythwyd dim."
            )
        case .noFile:
            (
                "Choose the filled-in sheet to upload first.",
                "Dewiswch y daflen wedi'i llenwi i'w huwchlwytho yn gyntaf."
            )
        case .boardSealed(let board):
            (
                "The board of \(board) is sealed: it has met and its sheets are frozen. Ask the Assessment and Awards team.",
                "Mae bwrdd \(board) wedi'i selio: mae wedi cyfarfod ac mae ei daflenni wedi'u rhewi. Gofynnwch i'r tîm Asesu a Dyfarniadau."
            )
        case .uploadGone:
            (
                "This upload is no longer held (uploads are kept for an hour before they are confirmed). Upload the sheet again.",
                "Nid yw'r uwchlwythiad hwn yn cael ei gadw mwyach (cedwir uwchlwythiadau am awr cyn eu cadarnhau). Uwchlwythwch y daflen eto."
            )
        case .cannotConfirm(let errors):
            (
                "The sheet cannot be submitted while the check finds errors (\(errors)): correct them in the sheet and upload it again.",
                "Ni ellir cyflwyno'r daflen tra bo'r gwiriad yn canfod gwallau (\(errors)): cywirwch nhw yn y daflen a'i huwchlwytho eto."
            )
        case .cannotWrite:
            (
                "The sheet could not be saved, so it was not submitted. Please try again in a few minutes, and tell the Assessment and Awards team if it happens again.",
                "Nid oedd modd cadw'r daflen, felly ni chafodd ei chyflwyno. Rhowch gynnig arall arni ymhen ychydig funudau, a dywedwch wrth y tîm Asesu a Dyfarniadau os digwydd eto."
            )
        case .sealed(let board, let version, let files):
            (
                "The board of \(board) is sealed (version \(version), \(files) files): it takes no more submissions, and its sheets cannot change without an unsealing on record.",
                "Mae bwrdd \(board) wedi'i selio (fersiwn \(version), \(files) ffeil): nid yw'n derbyn rhagor o gyflwyniadau."
            )
        case .sealedAlready(let board, let version):
            (
                "The board of \(board) is sealed already (version \(version)) and its files are as sealed: nothing to do.",
                "Mae bwrdd \(board) wedi'i selio eisoes (fersiwn \(version)): dim i'w wneud."
            )
        case .sealNotYetMet(let board):
            (
                "The board of \(board) has not met yet: a board is sealed once it has met. Nothing was sealed.",
                "Nid yw bwrdd \(board) wedi cyfarfod eto. Ni seliwyd dim."
            )
        case .sealEarlierBoardOpen(let board, let earlier):
            (
                "The board of \(earlier) is not sealed: the boards of a year are sealed in order, so seal it before \(board). Nothing was sealed.",
                "Nid yw bwrdd \(earlier) wedi'i selio: selir byrddau blwyddyn yn eu trefn. Ni seliwyd dim."
            )
        case .sealedFilesChanged:
            (
                "The files of a sealed board of this year have changed since it was sealed: restore them, or unseal that board with board unseal and a reason. Nothing was sealed.",
                "Mae ffeiliau bwrdd wedi'i selio wedi newid ers ei selio. Ni seliwyd dim."
            )
        case .earlierSealedSheetsChanged:
            (
                "The sheets of a sealed board before this one have changed since it was sealed, so the sits owed cannot be worked out: the Assessment and Awards team must restore them, or unseal that board with a reason.",
                "Mae taflenni bwrdd wedi'i selio cyn yr un hwn wedi newid ers ei selio, felly ni ellir cyfrifo'r asesiadau sy'n ddyledus: rhaid i'r tîm Asesu a Dyfarniadau eu hadfer, neu ddad-selio'r bwrdd hwnnw gyda rheswm."
            )
        case .sealUnbalanced:
            (
                "The board's rows do not reconcile, which is a fault in board: tell its maintainers. Nothing was sealed.",
                "Nid yw rhesi'r bwrdd yn cysoni. Ni seliwyd dim."
            )
        case .runStarted:
            ("The board run has started; this page shows its progress.", "Mae rhediad y bwrdd wedi dechrau.")
        case .runAlreadyRunning:
            (
                "A run of this board is already under way; its progress is below.",
                "Mae rhediad o'r bwrdd hwn eisoes ar y gweill."
            )
        }
    }
}

/// The words of the pages, by the name a template uses (`{{w.signIn}}`), in English and Welsh.
enum Words {
    static func of(_ language: PageLanguage) -> [String: String] {
        language == .welsh ? welsh : english
    }

    private static let pairs: [String: (String, String)] = [
        "service": ("Mark sheet submissions", "Cyflwyno taflenni marciau"),
        "skip": ("Skip to the main content", "Neidio i'r prif gynnwys"),
        "signIn": ("Sign in", "Mewngofnodi"),
        "signOut": ("Sign out", "Allgofnodi"),
        "signedInAs": ("Signed in as", "Wedi mewngofnodi fel"),
        "email": ("Email address", "Cyfeiriad e-bost"),
        "password": ("Password", "Cyfrinair"),
        "passwordAgain": ("The same password again", "Yr un cyfrinair eto"),
        "passwordHint": (
            "At least 12 characters. A phrase of several words is easy to remember and hard to guess.",
            "O leiaf 12 nod. Mae ymadrodd o sawl gair yn hawdd i'w gofio ac yn anodd ei ddyfalu."
        ),
        "setPassword": ("Set your password", "Gosod eich cyfrinair"),
        "switchTo": ("Cymraeg", "English"),
        "switchToLabel": ("Newid i'r Gymraeg (switch to Welsh)", "Switch to English (newid i'r Saesneg)"),
        "yourSheets": ("Your mark sheets", "Eich taflenni marciau"),
        "yourSheetsIntro": (
            "For each board that is still open, download the sheet of each of your courses, fill in the marks (in Excel if you like), then upload it here. You will see what the check finds, line by line, and what has changed, before you confirm.",
            "Ar gyfer pob bwrdd sy'n dal ar agor, lawrlwythwch daflen pob un o'ch cyrsiau, llenwch y marciau (yn Excel os dymunwch), yna uwchlwythwch hi yma. Fe welwch beth mae'r gwiriad yn ei ganfod, fesul llinell, a beth sydd wedi newid, cyn i chi gadarnhau."
        ),
        "boardOf": ("Board of", "Bwrdd"),
        "noOpenBoards": ("No board is open for submissions.", "Nid oes bwrdd ar agor i gyflwyno iddo."),
        "noSheets": (
            "None of your courses owes this board any marks.",
            "Nid oes arnoch farciau i'r bwrdd hwn ar gyfer unrhyw un o'ch cyrsiau."
        ),
        "course": ("Course", "Cwrs"),
        "title": ("Title", "Teitl"),
        "occurrence": ("Occurrence", "Digwyddiad"),
        "sitsOwed": ("Sits owed", "Asesiadau sy'n ddyledus"),
        "template": ("Template", "Templed"),
        "submitted": ("Submitted", "Cyflwynwyd"),
        "notYet": ("Not yet", "Dim eto"),
        "upload": ("Upload", "Uwchlwytho"),
        "uploadSheet": ("Upload the filled-in sheet", "Uwchlwytho'r daflen wedi'i llenwi"),
        "filledSheetFor": ("Filled-in sheet for", "Taflen wedi'i llenwi ar gyfer"),
        "csv": ("CSV", "CSV"),
        "xlsx": ("Excel", "Excel"),
        "receipt": ("Receipt", "Derbynneb"),
        "checkOf": ("Check of your sheet for", "Gwiriad o'ch taflen ar gyfer"),
        "findings": ("What the check found", "Beth ganfu'r gwiriad"),
        "noFindings": ("The check found nothing to correct.", "Ni chanfu'r gwiriad ddim i'w gywiro."),
        "line": ("Line", "Llinell"),
        "severity": ("Kind", "Math"),
        "code": ("Code", "Cod"),
        "whatToDo": ("What it means and what to do", "Beth mae'n ei olygu a beth i'w wneud"),
        "error": ("error", "gwall"),
        "warning": ("warning", "rhybudd"),
        "note": ("note", "nodyn"),
        "preview": ("What this submission changes", "Beth mae'r cyflwyniad hwn yn ei newid"),
        "previewIntro": (
            "Compared with your last submission of this sheet to this board.",
            "O'i gymharu â'ch cyflwyniad diwethaf o'r daflen hon i'r bwrdd hwn."
        ),
        "new": ("New", "Newydd"),
        "changed": ("Changed", "Wedi newid"),
        "unchanged": ("Unchanged", "Heb newid"),
        "blank": ("Blank (no result yet)", "Gwag (dim canlyniad eto)"),
        "student": ("Student", "Myfyriwr"),
        "component": ("Component", "Cydran"),
        "attempt": ("Attempt", "Cynnig"),
        "was": ("Was", "Roedd"),
        "now": ("Now", "Nawr"),
        "changedRows": ("Rows changed since your last submission", "Rhesi wedi newid ers eich cyflwyniad diwethaf"),
        "confirm": ("Confirm and submit", "Cadarnhau a chyflwyno"),
        "confirmIntro": (
            "Confirming writes the sheet to the board's folder as a new file, exactly as you uploaded it (an Excel workbook as CSV, as the check read it), and gives you a receipt.",
            "Mae cadarnhau yn ysgrifennu'r daflen i ffolder y bwrdd fel ffeil newydd, yn union fel y'i huwchlwythwyd (llyfr gwaith Excel fel CSV, fel y darllenodd y gwiriad ef), ac yn rhoi derbynneb i chi."
        ),
        "backToSheets": ("Back to your mark sheets", "Yn ôl i'ch taflenni marciau"),
        "receiptNumber": ("Receipt number", "Rhif y dderbynneb"),
        "board": ("Board", "Bwrdd"),
        "file": ("File", "Ffeil"),
        "digest": ("SHA-256 of the file", "SHA-256 y ffeil"),
        "rows": ("Rows", "Rhesi"),
        "submittedBy": ("Submitted by", "Cyflwynwyd gan"),
        "submittedAt": ("Submitted at (UTC)", "Cyflwynwyd am (UTC)"),
        "receiptIntro": (
            "Your sheet has been submitted to the board. Keep this receipt: the digest proves which file was received.",
            "Mae eich taflen wedi'i chyflwyno i'r bwrdd. Cadwch y dderbynneb hon: mae'r crynodeb yn profi pa ffeil a dderbyniwyd."
        ),
        "downloadReceipt": ("Download the receipt", "Lawrlwytho'r dderbynneb"),
        "problem": ("There is a problem", "Mae problem"),
    ]

    private static let english = pairs.mapValues(\.0)
    private static let welsh = pairs.mapValues(\.1)
}
