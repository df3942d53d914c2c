/// Findings as a sheet, a replay or a run holds them: each packed into bytes (its message, student,
/// course and component, as `Packed` writes them) with its file, line and severity beside, and made
/// back into a `Finding` when it is read. A sheet of a million rejected rows has a million findings
/// (issue 25): as values each takes 176 bytes and the strings it points to; packed, a bad mark takes
/// about 50, and a file's name is held once.
public struct Findings: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    /// Where a finding's bytes start, and what ordering and counting need without unpacking them.
    private struct Place: Sendable {
        var offset: Int
        var line: Int
        var file: Int32
        var severity: Severity
    }

    private var places: [Place] = []
    private var packed = Packed()
    private var files: [String] = []
    private var fileNumbers: [String: Int32] = [:]

    public init() {}

    public init(_ findings: some Sequence<Finding>) { append(contentsOf: findings) }

    public init(arrayLiteral findings: Finding...) { self.init(findings) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { places.count }

    public subscript(position: Int) -> Finding {
        let place = places[position]
        var bytes = Unpacking(packed, at: place.offset)
        let message = Message.unpack(from: &bytes)
        return Finding(
            message: message, file: files[Int(place.file)], line: place.line, student: bytes.text(),
            course: bytes.text(), component: bytes.text())
    }

    /// The file of the finding at `position`, without unpacking the rest of it.
    public func file(at position: Int) -> String { files[Int(places[position].file)] }

    /// The bytes the findings take, less the arrays' room to grow.
    var bytesHeld: Int { places.count * MemoryLayout<Place>.stride + packed.bytes.count }

    public func count(of severity: Severity) -> Int { places.count { $0.severity == severity } }

    public mutating func reserveCapacity(_ count: Int) { places.reserveCapacity(count) }

    public mutating func append(_ finding: Finding) {
        places.append(
            Place(
                offset: packed.bytes.count, line: finding.line, file: number(ofFile: finding.file),
                severity: finding.severity))
        finding.message.pack(into: &packed)
        packed.values(finding.student, finding.course, finding.component)
    }

    public mutating func append(contentsOf findings: some Sequence<Finding>) {
        for finding in findings { append(finding) }
    }

    /// Takes another's findings as they are packed, renumbering only their files.
    public mutating func append(contentsOf other: Findings) {
        let files = other.files.map { number(ofFile: $0) }
        let shift = packed.bytes.count
        places += other.places.map { place in
            Place(
                offset: place.offset + shift, line: place.line, file: files[Int(place.file)],
                severity: place.severity)
        }
        packed.append(contentsOf: other.packed)
    }

    public static func += (findings: inout Findings, more: Findings) { findings.append(contentsOf: more) }
    public static func += (findings: inout Findings, more: some Sequence<Finding>) {
        findings.append(contentsOf: more)
    }

    /// Puts the findings in file order (`Finding.precedesInFileOrder`); findings equal in that keep the
    /// order they came in (Swift's sort is stable). Only the places move.
    public mutating func sortInFileOrder() {
        let files = files
        places.sort { left, right in
            Finding.precedesInFileOrder(
                (files[Int(left.file)], left.line, left.severity), (files[Int(right.file)], right.line, right.severity))
        }
    }

    public static func == (left: Findings, right: Findings) -> Bool { left.elementsEqual(right) }

    private mutating func number(ofFile file: String) -> Int32 {
        if let number = fileNumbers[file] { return number }
        let number = Int32(files.count)
        files.append(file)
        fileNumbers[file] = number
        return number
    }
}
