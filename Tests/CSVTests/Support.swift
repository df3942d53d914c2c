import CSV
import Foundation
import Testing

/// What `CSVReader.forEachRecord` delivered from some bytes: each record's line and fields, and the
/// error that stopped it, if any.
struct CSVReadResult {
    /// A record's line and fields, kept as the reader lends them (it refills one record for the next).
    struct Record {
        let line: Int
        let fields: [String?]
        let bytes: [[UInt8]]
    }

    var records: [Record] = []
    var error: CSVError?

    var lines: [Int] { records.map(\.line) }
    var fields: [[String?]] { records.map(\.fields) }
}

func readCSV(bytes: [UInt8]) -> CSVReadResult {
    var result = CSVReadResult()
    do {
        try CSVReader.forEachRecord(in: bytes) { record in
            result.records.append(
                .init(
                    line: record.line, fields: (0..<record.count).map(record.text),
                    bytes: (0..<record.count).map { Array(record.bytes($0)) }))
        }
    } catch {
        result.error = error
    }
    return result
}

func readCSV(_ text: String) -> CSVReadResult { readCSV(bytes: Array(text.utf8)) }

extension CSVError {
    /// The line of a `.broken` error, nil for any other error.
    var brokenLine: Int? {
        if case .broken(let line, _) = self { return line }
        return nil
    }
}

/// A parameterised test's argument with a name, so a failure reads "BOM only", not "case 3".
struct Named<Value: Sendable>: CustomTestStringConvertible, Sendable {
    let testDescription: String
    let value: Value

    init(_ name: String, _ value: Value) {
        testDescription = name
        self.value = value
    }
}

enum SharedTestData {
    /// `../shared/testdata` beside the checkout, found from this file: Tests/CSVTests/Support.swift.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // <package>/Tests/CSVTests
        .deletingLastPathComponent()  // <package>/Tests
        .deletingLastPathComponent()  // <package>
        .deletingLastPathComponent()  // the workspace that holds the package and shared/
        .appendingPathComponent("shared/testdata").path

    static var spectrumIsAvailable: Bool {
        FileManager.default.fileExists(atPath: folder + "/csv-spectrum/csvs")
    }
}
