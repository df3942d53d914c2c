import Regulations

/// The changes an export sends. Each is found course occurrence by course occurrence and kept as bytes
/// in one buffer, its sort key and its values, so that a first export of millions of records holds no
/// string or list per record; the files and the ledger take them in order of table and key.
struct Delta {
    struct Change {
        let action: ExportAction
        /// An UPDATE or DELETE of a record whose last version sent a board agreed (`ExportRecord.isAgreed`):
        /// it takes an agreed record back out of SITS, or changes it.
        let takesBackAgreed: Bool
        /// The change's course occurrence, by its place in `occurrences`.
        let occurrence: Int32
        /// `RecordID.sortKey`, in `bytes`.
        let sortKey: Range<Int>
        /// The values after the key as the file writes them, in `bytes`.
        let values: Range<Int>
    }

    private(set) var bytes: [UInt8] = []
    private(set) var changes: [Change] = []
    /// The course occurrences of the changes, each once.
    private(set) var occurrences: [CourseOccurrence] = []

    var isEmpty: Bool { changes.isEmpty }

    /// The UPDATEs and DELETEs of records last sent as agreed by a board: what an export as of an
    /// earlier date than the last one's takes back from SITS.
    private(set) var agreedTakenBack = 0

    /// The DELETEs of records last sent as agreed by a board, by table: none is sent without `--rewind`.
    var agreedDeleted: [SITSTable: Int] {
        var counts: [SITSTable: Int] = [:]
        for change in changes where change.action == .delete && change.takesBackAgreed {
            counts[table(of: change), default: 0] += 1
        }
        return counts
    }

    /// The first `count` of the DELETEs of records last sent as agreed, in the order of the files.
    func firstAgreedDeleted(_ count: Int) -> [RecordID] {
        var first: [ArraySlice<UInt8>] = []
        for change in changes where change.action == .delete && change.takesBackAgreed {
            let sortKey = bytes[change.sortKey]
            let place = first.firstIndex { sortKey.lexicographicallyPrecedes($0) } ?? first.endIndex
            guard place < count else { continue }
            first.insert(sortKey, at: place)
            if first.count > count { first.removeLast() }
        }
        return first.map { RecordID(sortKey: $0) }
    }

    /// The changes of each occurrence are added together, by `compare`. `committed`: the values the last
    /// committed export sent of the key (of an UPDATE or DELETE), whether a board agreed them.
    private mutating func add(
        _ action: ExportAction, _ sortKey: some Collection<UInt8>, values: some Collection<UInt8>,
        committed: [UInt8]? = nil
    ) {
        let keyStart = bytes.count
        bytes.append(contentsOf: sortKey)
        let valuesStart = bytes.count
        bytes.append(contentsOf: values)
        let table = SITSTable.allCases[Int(bytes[keyStart])]
        let takesBackAgreed = committed.map { ExportRecord.isAgreed(table: table, values: $0) } ?? false
        if takesBackAgreed { agreedTakenBack += 1 }
        changes.append(
            Change(
                action: action, takesBackAgreed: takesBackAgreed, occurrence: Int32(occurrences.count - 1),
                sortKey: keyStart..<valuesStart, values: valuesStart..<bytes.count))
    }

    /// The changes in the order of the files: by table, then key.
    mutating func sort() {
        let bytes = self.bytes
        changes.sort { bytes[$0.sortKey].lexicographicallyPrecedes(bytes[$1.sortKey]) }
    }

    func table(of change: Change) -> SITSTable { SITSTable.allCases[Int(bytes[change.sortKey.lowerBound])] }

    func id(of change: Change) -> RecordID { RecordID(sortKey: bytes[change.sortKey]) }

    func values(of change: Change) -> String { String(decoding: bytes[change.values], as: UTF8.self) }

    /// The change's line in its file, appended to `line`.
    func appendLine(of change: Change, to line: inout [UInt8]) {
        ExportRecord.line(change.action, id(of: change), values: bytes[change.values], into: &line)
    }

    /// How many changes of each table and action.
    var counts: [SITSTable: [ExportAction: Int]] {
        var counts: [SITSTable: [ExportAction: Int]] = [:]
        for table in SITSTable.allCases {
            for action in ExportAction.allCases { counts[table, default: [:]][action] = 0 }
        }
        for change in changes { counts[table(of: change)]![change.action]! += 1 }
        return counts
    }

    /// What must be sent so that a registry holds `records` (one course occurrence's records now),
    /// whatever it holds of what was sent (`sent`): a new key is an INSERT, changed values an UPDATE, a
    /// key sent and absent now a DELETE with the values last sent. A record an orphaned folder sent
    /// otherwise than it is now is sent again even where the last committed export sent it as it is:
    /// a registry that loaded that folder holds it wrong.
    mutating func compare(_ records: [ExportRecord], with sent: SentOccurrence, of occurrence: CourseOccurrence) {
        occurrences.append(occurrence)
        // A first export, or an occurrence new to the ledger, sends every record as an INSERT.
        guard !sent.committed.isEmpty || !sent.unconfirmed.isEmpty else {
            for record in records { add(.insert, record.sortKey, values: record.values) }
            return
        }
        var seen: Set<[UInt8]> = []
        for record in records {
            let sortKey = Array(record.sortKey)
            seen.insert(sortKey)
            let unconfirmed = sent.unconfirmed[sortKey] ?? []
            if let committed = sent.committed[sortKey] {
                if !committed.elementsEqual(record.values)
                    || unconfirmed.contains(where: { $0.map { !$0.elementsEqual(record.values) } ?? true })
                {
                    // Sent again only for an orphaned folder: nothing SITS holds of it changes.
                    add(
                        .update, sortKey, values: record.values,
                        committed: committed.elementsEqual(record.values) ? nil : committed)
                }
            } else {
                add(.insert, sortKey, values: record.values)
            }
        }
        for (id, values) in sent.committed where !seen.contains(id) {
            add(.delete, id, values: values, committed: values)
        }
        for (id, versions) in sent.unconfirmed where !seen.contains(id) && sent.committed[id] == nil {
            if let values = versions.last(where: { $0 != nil }) ?? nil { add(.delete, id, values: values) }
        }
    }
}
