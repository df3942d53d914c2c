extension RowRules {
    public enum NameMismatch: RowRule {
        public static let identifier = FindingCode.nameMismatch
        public static let regulation =
            "A row's family_name and given_names, when present and not blank, must match the enrolment: it is how a sheet sorted on one column in Excel is caught before a mark lands on the wrong student (SPEC §1.7)."

        public static func check(_ row: MarkRow, _ board: Presentation) -> Message? {
            guard !row.familyName.isEmpty || !row.givenNames.isEmpty, let enrolment = board.enrolment(of: row) else {
                return nil
            }
            if !row.familyName.isEmpty && !sameName(row.familyName, enrolment.familyName) {
                return .nameMismatch(
                    column: MarkRow.Column.familyName.rawValue, written: Quoted(row.familyName),
                    enrolled: enrolment.familyName, student: row.student)
            }
            if !row.givenNames.isEmpty && !sameName(row.givenNames, enrolment.givenNames) {
                return .nameMismatch(
                    column: MarkRow.Column.givenNames.rawValue, written: Quoted(row.givenNames),
                    enrolled: enrolment.givenNames, student: row.student)
            }
            return nil
        }

        /// Names compare case-insensitively, ignoring spaces, hyphens and apostrophes: `O'Brien` is
        /// `OBRIEN`, `Ap-Rhys` is `ap rhys`, and `'-Smith`, as a CSV output guards a name against formulas,
        /// is `-Smith`. Typographic apostrophes (`’`, as Excel's autocorrect types them) and no-break
        /// spaces count as the plain ones.
        static func sameName(_ written: String, _ enrolled: String) -> Bool {
            comparable(written) == comparable(enrolled)
        }

        private static func comparable(_ name: String) -> String {
            String(name.lowercased().unicodeScalars.filter { !ignored.contains($0) }.map(Character.init))
        }

        private static let ignored: Set<Unicode.Scalar> = [" ", "\u{A0}", "-", "'", "\u{2018}", "\u{2019}"]

        public static let examples: [RowExample] = [
            .passes("no names on the sheet"),
            .passes("the enrolment's names") { row, _ in
                row.familyName = "Jones"
                row.givenNames = "Ann"
            },
            .passes("names in another case, with spaces, hyphens and apostrophes") { row, _ in
                row.familyName = "'JO-NES"
                row.givenNames = "a’n n"
            },
            .passes("a family name only") { row, _ in row.familyName = "jones" },
            .rejects("another student's family name") { row, _ in row.familyName = "Roberts" },
            .rejects("another student's given names") { row, _ in
                row.familyName = "Jones"
                row.givenNames = "Catrin"
            },
        ]
    }
}
