/// Where something was read, so every finding can name its file and line.
public struct SourceLine: Hashable, Sendable {
    public let file: String
    /// The physical line, counting the header as 1; 0 for the file as a whole when it cannot be opened.
    public let line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }
}
