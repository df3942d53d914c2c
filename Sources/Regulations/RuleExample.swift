/// Where an example of a rule is written: a failing example points at its own line, as SwiftLint's
/// `Example` does, not at the test that runs it.
public struct ExampleLocation: Sendable {
    public let fileID: String
    public let filePath: String
    public let line: Int
    public let column: Int

    public init(fileID: String, filePath: String, line: Int, column: Int) {
        self.fileID = fileID
        self.filePath = filePath
        self.line = line
        self.column = column
    }
}
