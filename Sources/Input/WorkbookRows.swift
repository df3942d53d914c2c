import Foundation
import Regulations
import Workbook

/// The rows of a workbook's first worksheet, read within a time limit.
///
/// ZIPFoundation 0.9.20, on Linux, inflates a part until zlib says the stream has ended; a damaged part
/// whose stream runs on to the end of the file never says so, and the loop spins for ever (fixed upstream
/// after 0.9.20). So the workbook is read on a thread of its own, and one that has not finished in
/// `limit` seconds is refused as damaged: the command goes on, and the spinning thread ends with the
/// process. A workbook of a million rows reads in a few seconds; the limit is far beyond that.
enum WorkbookRows {
    static let timeLimit: Double = 60

    enum Failure: Error {
        case broken(WorkbookError)
        case timedOut(seconds: Double)

        var message: Message {
            switch self {
            case .broken(let error): .brokenWorkbook(reason: error.description)
            case .timedOut(let seconds): .workbookTimedOut(seconds: Int(seconds))
            }
        }
    }

    static func read(_ bytes: [UInt8], within limit: Double = timeLimit) -> Result<[WorksheetRow], Failure> {
        /// Written by the reading thread before it signals, read by this one after: never at once.
        final class Outcome: @unchecked Sendable {
            var rows: Result<[WorksheetRow], WorkbookError>?
        }
        let outcome = Outcome()
        let finished = DispatchSemaphore(value: 0)
        let data = Data(bytes)
        let thread = Thread {
            outcome.rows = Result { () throws(WorkbookError) in try Workbook.rows(ofFirstSheetIn: data) }
            finished.signal()
        }
        // libxml2 and XMLParser recurse a little for each open element: room for deep, odd documents.
        thread.stackSize = 16 << 20
        thread.start()
        guard finished.wait(timeout: .now() + limit) == .success, let rows = outcome.rows else {
            return .failure(.timedOut(seconds: limit))
        }
        return rows.mapError { .broken($0) }
    }
}
