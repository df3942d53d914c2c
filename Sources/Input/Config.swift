import Foundation
import Regulations
import TOMLKit

/// `board.toml`, validated (SPEC §1.1). Paths are resolved against the folder the file is in.
public struct BoardConfig: Sendable {
    public struct Institution: Sendable {
        public var name: String
        public var nameWelsh: String
        public var code: Code
        public var country: String
        /// `[institution] country_cy`: the country or region in Welsh, for bilingual certificates; nil
        /// to print `country` in both languages.
        public var countryWelsh: String?
        /// `[institution] country_code`: ISO 3166-1 alpha-2 (`GB`), the country of a credential issuer's address.
        public var countryCode: String?
    }

    /// `[credentials]`: how `board credentials` signs what it issues (SPEC §9).
    public struct CredentialSettings: Sendable {
        /// `signing_key`: the signing key file; nil for the default in the user's configuration folder.
        public var signingKey: String?
        /// `issuer_id`: the URI every credential names as its issuer, where the University publishes
        /// `issuer.json`; nil for the signing key's own `did:key`.
        public var issuerID: String?
        /// `issuer_url`: the University's web site, shown in the issuer's profile.
        public var issuerURL: String?
    }

    public var file: String
    public var institution: Institution
    public var courses: String
    public var components: String
    public var deadlines: String
    public var enrolments: String
    public var marks: String
    public var reports: String
    public var exports: String
    /// `[outputs] board_pack_template`: a Mustache file that replaces the built-in board pack template.
    public var boardPackTemplate: String?
    /// `[outputs] ledger`: the SQLite ledger of nightly exports; nil for `<exports>/ledger.sqlite`.
    public var ledgerFile: String?
    public var credentials: CredentialSettings
    public var policy: Policy
    public var academicYears: [AcademicYear]
    public var serve = ServeSettings()
    /// The folder the config is in: input paths are shown relative to it.
    public var folder: String

    /// The academic year a board date belongs to, if it is a configured board.
    public func year(ofBoard board: Day) -> AcademicYear? {
        academicYears.first { $0.boards.contains(board) }
    }

    public var allBoards: [Day] { academicYears.flatMap(\.boards) }

    /// The configured board a mark-sheet folder is named by: its ISO date (`marks/2026-02-19/`), else nil.
    public func board(namedBy folder: String) -> Day? {
        guard folder.count == 10, folder.contains("-"), let day = Day(folder), year(ofBoard: day) != nil else {
            return nil
        }
        return day
    }

    /// A path as a person would read it: relative to the config's folder when it is inside it.
    public func relative(_ path: String) -> String {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// `[outputs] ledger`, else `<exports>/ledger.sqlite`.
    public var ledger: String { ledgerFile ?? exports + "/ledger.sqlite" }

    /// `<reports>/<year>/<board>/`: where a run at `board` writes its files.
    public func reportFolder(of board: Day, under reports: String? = nil) -> String {
        (reports ?? self.reports) + "/" + year(ofBoard: board)!.folderName + "/" + board.description
    }
}

/// A config that cannot be used, with every problem found, each naming its key.
public struct ConfigError: Error, Sendable {
    public let file: String
    public let problems: [(line: Int, key: String, message: String)]
}

extension BoardConfig {
    public static func load(from path: String) throws(ConfigError) -> BoardConfig {
        let text: String
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw ConfigError(
                file: path,
                problems: [
                    (
                        0, "",
                        "is a folder, not a config file; pass the path of the file, e.g. --config \((path as NSString).appendingPathComponent("board.toml"))"
                    )
                ])
        }
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(
                file: path,
                problems: [
                    (
                        0, "",
                        "cannot read the config file (\(error.localizedDescription)); pass its path with --config PATH"
                    )
                ])
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(
                file: path, problems: [(error.source.begin.line, "", "not valid TOML: \(error.description)")])
        } catch {
            throw ConfigError(file: path, problems: [(0, "", "not valid TOML: \(error)")])
        }
        var reader = ConfigReader(root: root)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        func resolve(_ relative: String) -> String {
            relative.hasPrefix("/")
                ? relative
                : URL(fileURLWithPath: relative, relativeTo: URL(fileURLWithPath: folder + "/")).standardizedFileURL
                    .path
        }

        let name = reader.string("institution.name", required: true) ?? ""
        let nameWelsh = reader.string("institution.name_cy") ?? ""
        let codeText = reader.string("institution.code", required: true) ?? "X"
        let code = Code(codeText)
        if code == nil {
            reader.problem(
                "institution.code", "\"\(codeText)\" is not a valid code: use 1-12 letters, digits, '-' or '_'")
        }
        let country = reader.string("institution.country") ?? ""
        let countryWelsh = reader.string("institution.country_cy")
        let countryCode = reader.string("institution.country_code")
        if let countryCode, countryCode.utf8.count != 2 || !countryCode.utf8.allSatisfy({ (65...90).contains($0) }) {
            reader.problem(
                "institution.country_code",
                "\"\(countryCode)\" is not an ISO 3166-1 country code; write two capital letters, e.g. \"GB\"")
        }
        let issuerID = reader.string("credentials.issuer_id")
        if let issuerID, !isURI(issuerID) {
            reader.problem(
                "credentials.issuer_id",
                "\"\(issuerID)\" is not a URI; write the address where issuer.json is published, e.g. \"https://www.example.ac.uk/credentials/issuer.json\", or leave it out to use the signing key's did:key"
            )
        }
        let issuerURL = reader.string("credentials.issuer_url")
        if let issuerURL, !issuerURL.hasPrefix("https://") && !issuerURL.hasPrefix("http://") {
            reader.problem(
                "credentials.issuer_url", "\"\(issuerURL)\" is not a web address; write it as https://…")
        }

        var policy = Policy()
        policy.passMark = reader.mark("policy.pass_mark") ?? policy.passMark
        policy.passMarkLevel7 = reader.mark("policy.pass_mark_level7") ?? policy.passMarkLevel7
        policy.resitCap = reader.bool("policy.resit_cap") ?? policy.resitCap
        policy.attendanceThreshold = reader.mark("policy.attendance_threshold") ?? policy.attendanceThreshold
        if let style = reader.string("policy.ayr_code") {
            if let parsed = Policy.AYRStyle(rawValue: style) {
                policy.ayrCode = parsed
            } else {
                reader.problem("policy.ayr_code", "\"\(style)\" is not a known style; write \"2025/6\" or \"25/26\"")
            }
        }

        let years = reader.academicYears()
        var config = BoardConfig(
            file: URL(fileURLWithPath: path).standardizedFileURL.path,
            institution: Institution(
                name: name, nameWelsh: nameWelsh, code: code ?? Code("X")!, country: country,
                countryWelsh: countryWelsh, countryCode: countryCode),
            courses: resolve(reader.string("inputs.courses") ?? "register/courses.csv"),
            components: resolve(reader.string("inputs.components") ?? "register/components.csv"),
            deadlines: resolve(reader.string("inputs.deadlines") ?? "register/deadlines.csv"),
            enrolments: resolve(reader.string("inputs.enrolments") ?? "enrolments.csv"),
            marks: resolve(reader.string("inputs.marks") ?? "marks"),
            reports: resolve(reader.string("outputs.reports") ?? "Reports"),
            exports: resolve(reader.string("outputs.exports") ?? "Reports/exports"),
            boardPackTemplate: reader.string("outputs.board_pack_template").map(resolve),
            ledgerFile: reader.string("outputs.ledger").map(resolve),
            credentials: CredentialSettings(
                signingKey: reader.string("credentials.signing_key").map {
                    resolve(NSString(string: $0).expandingTildeInPath)
                },
                issuerID: issuerID, issuerURL: issuerURL),
            policy: policy, academicYears: years, folder: folder)
        config.serve.insecureCookies = reader.bool("serve.insecure_cookies") ?? false
        config.serve.trustedUserHeader = reader.string("serve.trusted_user_header")
        config.serve.trustedProxies = reader.strings("serve.trusted_proxies")
        config.serve.publicURL = reader.string("serve.public_url")
        guard reader.problems.isEmpty else { throw ConfigError(file: path, problems: reader.problems) }
        return config
    }
}

/// An absolute URI (RFC 3986): a scheme (a letter, then letters, digits, `+`, `-` or `.`), a colon,
/// then more, with no spaces.
private func isURI(_ text: String) -> Bool {
    guard let colon = text.firstIndex(of: ":"), text.index(after: colon) != text.endIndex,
        !text.contains(where: \.isWhitespace)
    else { return false }
    let scheme = Array(text[..<colon].utf8)
    let isLetter = { (byte: UInt8) in (65...90).contains(byte) || (97...122).contains(byte) }
    return scheme.first.map(isLetter) == true
        && scheme.allSatisfy { isLetter($0) || (48...57).contains($0) || "+-.".utf8.contains($0) }
}

/// Reads typed values by dotted key, collecting a problem for each one that is missing or mistyped.
private struct ConfigReader {
    let root: TOMLTable
    var problems: [(line: Int, key: String, message: String)] = []

    mutating func problem(_ key: String, _ message: String) {
        problems.append((0, key, message))
    }

    func value(_ key: String) -> TOMLValueConvertible? {
        var table: TOMLTable? = root
        let parts = key.split(separator: ".").map(String.init)
        for part in parts.dropLast() { table = table?[part]?.table }
        return table?[parts.last!]
    }

    mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let value = value(key) else {
            if required { problem(key, "is missing; add it to board.toml") }
            return nil
        }
        guard let string = value.string else {
            problem(key, "must be a quoted string")
            return nil
        }
        return string
    }

    mutating func strings(_ key: String) -> [String] {
        guard let value = value(key) else { return [] }
        let strings = value.array.map { array in (0..<array.count).compactMap { array[$0].string } }
        guard let strings, strings.count == value.array?.count else {
            problem(key, "must be a list of quoted strings, e.g. [\"127.0.0.1\"]")
            return []
        }
        return strings
    }

    mutating func mark(_ key: String) -> Int? {
        guard let value = value(key) else { return nil }
        guard let number = value.int, (0...100).contains(number) else {
            problem(key, "must be a whole number from 0 to 100")
            return nil
        }
        return number
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let value = value(key) else { return nil }
        guard let flag = value.bool else {
            problem(key, "must be true or false")
            return nil
        }
        return flag
    }

    func day(_ value: TOMLValueConvertible) -> Day? {
        if let date = value.date { return Day(year: date.year, month: date.month, day: date.day) }
        if let string = value.string { return Day(string) }
        return nil
    }

    mutating func academicYears() -> [AcademicYear] {
        guard let array = root["academic_years"]?.array, !array.isEmpty else {
            problem("academic_years", "is missing; add an [[academic_years]] table with code, starts, ends and boards")
            return []
        }
        var years: [AcademicYear] = []
        for index in 0..<array.count {
            let prefix = "academic_years[\(index)]"
            guard let table = array[index].table else {
                problem(prefix, "must be a table with code, starts, ends and boards")
                continue
            }
            let code = table["code"]?.string
            if code == nil || !isYearCode(code!) {
                problem("\(prefix).code", "must be an academic year such as \"2025/26\"")
            }
            let starts = table["starts"].flatMap(day)
            if starts == nil { problem("\(prefix).starts", "must be a date such as 2025-08-01") }
            let ends = table["ends"].flatMap(day)
            if ends == nil { problem("\(prefix).ends", "must be a date such as 2026-07-31") }
            var boards: [Day] = []
            if let list = table["boards"]?.array, !list.isEmpty {
                for position in 0..<list.count {
                    if let board = day(list[position]) {
                        boards.append(board)
                    } else {
                        problem("\(prefix).boards[\(position)]", "must be a date such as 2025-12-11")
                    }
                }
            } else {
                problem("\(prefix).boards", "must list at least one board date, e.g. boards = [2025-12-11, 2026-02-19]")
            }
            guard let code, let starts, let ends else { continue }
            if ends <= starts { problem("\(prefix).ends", "\(ends) is not after starts (\(starts))") }
            for (position, board) in boards.enumerated() {
                if board < starts || board > ends {
                    problem(
                        "\(prefix).boards[\(position)]", "board \(board) lies outside the year \(starts) to \(ends)")
                }
                if position > 0 && board <= boards[position - 1] {
                    problem(
                        "\(prefix).boards[\(position)]",
                        "board \(board) is not after \(boards[position - 1]); boards must be strictly increasing")
                }
            }
            years.append(AcademicYear(code: code, starts: starts, ends: ends, boards: boards))
        }
        for (index, year) in years.enumerated() {
            for other in years[..<index] {
                if other.code == year.code {
                    problem("academic_years[\(index)].code", "\(year.code) is configured twice")
                } else if year.starts <= other.ends && other.starts <= year.ends {
                    problem(
                        "academic_years[\(index)]",
                        "\(year.code) overlaps \(other.code); academic years must not overlap")
                }
            }
        }
        return years
    }

    func isYearCode(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let first = Int(parts[0]),
            let second = Int(parts[1])
        else { return false }
        return (first + 1) % 100 == second
    }
}

extension Day {
    /// The calendar day `date` falls on where `board` runs: how a command or the service knows today.
    public init(inLocalCalendar date: Date) {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
