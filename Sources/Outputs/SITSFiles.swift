import CSV
import Input
import Regulations

/// sits/SAS.csv, sits/SRA.csv, sits/SMR.csv and sits/withdrawals.csv: the records of every
/// credit-bearing enrolment, each table in its own file (SPEC §3).
enum SITSFiles {
    /// The four files' bytes, in the order of `SITSTable.allCases`.
    static func files(_ run: BoardRun) -> [SITSTable: [UInt8]] {
        var texts = Dictionary(
            uniqueKeysWithValues: SITSTable.allCases.map { table in
                var text = CSVText()
                text.line(table.columns)
                return (table, text)
            })
        for result in run.replay.enrolments {
            guard let records = SITSRecords(of: result, policy: run.config.policy) else { continue }
            for record in records.sas { write(record, into: &texts[.sas]!) }
            for record in records.sra { write(record, into: &texts[.sra]!) }
            write(records.smr, into: &texts[.smr]!)
            if let withdrawal = records.withdrawal { write(withdrawal, into: &texts[.withdrawals]!) }
        }
        return texts.mapValues {
            var text = $0; return text.take()
        }
    }

    private static func write<Record: SITSRecord>(_ record: Record, into text: inout CSVText) {
        for column in Record.columns { text.field(column.field(record)) }
        text.endLine()
    }
}
