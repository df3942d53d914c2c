extension RowRules {
    /// Not a rejection but a reading: the component code Excel shortened is put back, with a warning,
    /// before the row rules judge the row. `board check` and `board run` screen rows alike, so both do it.
    public enum ComponentCodePadded {
        public static let identifier = FindingCode.componentCodePadded
        public static let regulation =
            "A component code that is all digits, is not a component of the course, and equals exactly one of the course's all-digit component codes once their leading zeros are removed, is read as that code (Excel drops the zeros of 001: SPEC §1.8)."

        /// The course's component that `component` stands for once Excel's dropped zeros are put back;
        /// nil when it is a component of the course already, or stands for none or for more than one.
        public static func restored(_ component: Code, of course: Code, in register: Register) -> Code? {
            guard isDigits(component), let components = register.components[course],
                !components.contains(where: { $0.code == component })
            else { return nil }
            let matches = components.filter {
                isDigits($0.code) && withoutLeadingZeros($0.code.description) == component.description
            }
            return matches.count == 1 ? matches[0].code : nil
        }

        private static func isDigits(_ code: Code) -> Bool {
            code.description.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        }

        /// `001` is `1`, `000` is `0`: a number keeps one digit.
        private static func withoutLeadingZeros(_ digits: String) -> String {
            let kept = digits.drop { $0 == "0" }
            return kept.isEmpty ? "0" : String(kept)
        }

        /// A component code as written, and what it is read as (nil: as written).
        public struct Example: Sendable, CustomStringConvertible {
            public let description: String
            public let written: String
            public let readAs: String?
        }

        /// Against the worked example's MC4002, components 001 and 002.
        public static let examples: [Example] = [
            Example(description: "1 is 001", written: "1", readAs: "001"),
            Example(description: "2 is 002", written: "2", readAs: "002"),
            Example(description: "001 is itself", written: "001", readAs: nil),
            Example(description: "01 is not 001 (Excel drops every leading zero)", written: "01", readAs: nil),
            Example(description: "3 stands for no component", written: "3", readAs: nil),
            Example(description: "A1 is not all digits", written: "A1", readAs: nil),
        ]
    }
}
