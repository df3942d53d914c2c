import Foundation
import Input
import Regulations

#if FUZZING
    import CLibFuzzer
#endif

/// The fuzz target of the sheet reader: any bytes, read as a CSV sheet and as a workbook, then screened at
/// a board, must give rows and findings, never a crash, a hang, a finding without a line, or rows that do
/// not reconcile. Built with libFuzzer (`Tests/fuzz/run-sheet-fuzz.sh`); built without it, it runs the
/// files it is given once each, as a regression test of a corpus.
@main
enum SheetFuzz {
    static func main() {
        #if FUZZING
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            exit(
                LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                    SheetFuzz.read(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
                    return 0
                })
        #else
            let files = CommandLine.arguments.dropFirst().flatMap(filesIn)
            for file in files {
                guard let bytes = FileManager.default.contents(atPath: file) else { fatalError("cannot read \(file)") }
                read(Array(bytes))
            }
            print(
                "\(files.count) inputs read as CSV and as workbooks: no crash, every finding with a line, every sheet reconciled"
            )
        #endif
    }

    /// The files of a folder (not its sub-folders), or the file itself.
    static func filesIn(_ path: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [path] }
        return names.sorted().map { path + "/" + $0 }.filter { file in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) && !isFolder.boolValue
        }
    }

    /// The worked example's board, against which every row read is screened.
    static let presentation = WorkedExample.presentation

    static func read(_ bytes: [UInt8]) {
        for name in ["fuzz.csv", "fuzz.xlsx"] {
            // A workbook that would hang the reader is stopped within a second, not the minute a command
            // gives it: libFuzzer would take the minute for a hang of its own.
            let sheet = MarkSheet.read(
                bytes: bytes, name: name, displayedAs: WorkedExample.sheet, place: 0, workbookTimeLimit: 1)
            check(sheet.findings, "reading it as \(name)")
            if sheet.rowsRead != sheet.rows.count + sheet.rowsRejected + sheet.rowsBlank {
                fatalError(
                    "\(name): \(sheet.rowsRead) rows read, \(sheet.rows.count) parsed, \(sheet.rowsRejected) rejected, \(sheet.rowsBlank) blank"
                )
            }
            let screening = Screening.screen(sheet.rows, at: presentation)
            check(screening.findings, "screening its rows as \(name)")
            if screening.counted.count + screening.superseded.count + screening.rejectedCount != sheet.rows.count {
                fatalError("\(name): the rows screened do not reconcile")
            }
        }
    }

    static func check(_ findings: Findings, _ doing: String) {
        for finding in findings {
            // Messages, not preconditions: a release build keeps a fatal error's words.
            if finding.line < 1 { fatalError("a finding without a line, \(doing): \(finding.compilerStyle)") }
            let length = finding.message.description.utf8.count
            if length >= 4096 { fatalError("a message of \(length) bytes, \(doing): \(finding.code.rawValue)") }
        }
    }
}
