extension RowRules {
    public enum UnknownComponent: RowRule {
        public static let identifier = FindingCode.unknownComponent
        public static let regulation = "A mark is for one of the course's assessments (components.csv)."

        public static func check(_ row: MarkRow, _ board: Presentation) -> Message? {
            let components = board.register.components[row.course, default: []]
            return components.contains { $0.code == row.component }
                ? nil : .unknownComponent(row.component, course: row.course, components: components.map(\.code))
        }

        public static let examples: [RowExample] = [
            .passes("component 002") { row, _ in row.component = Code("002")! },
            .rejects("component 003 of a two-component course") { row, _ in row.component = Code("003")! },
        ]
    }
}
