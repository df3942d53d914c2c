/// The register's enrolments, found by key: listed once, in the order they were added, with an
/// open-addressing table of their places hashed by `Code.quickHash`. A large register holds millions;
/// a dictionary of whole enrolments kept each in a bucket of 200 bytes, half of them empty, and wrote
/// twice as much fresh memory as the enrolments themselves.
public struct EnrolmentTable: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    /// Every enrolment, in the order added.
    public private(set) var listed: [Enrolment] = []
    /// Places in `listed`, -1 for an empty slot; at least twice as many slots as enrolments.
    private var slots: [Int32] = []
    /// 64 - log2(slots.count): a key's first slot is the top bits of its hash.
    private var shift = 64

    public init() {}

    /// `enrolments`, whose keys must differ (the enrolment list refuses a second row of a key).
    public init(_ enrolments: [Enrolment]) {
        listed = enrolments
        reindex()
    }

    public init(dictionaryLiteral elements: (EnrolmentKey, Enrolment)...) {
        for (key, enrolment) in elements { self[key] = enrolment }
    }

    public var count: Int { listed.count }
    public var isEmpty: Bool { listed.isEmpty }
    public var keys: [EnrolmentKey] { listed.map(\.key) }
    public var values: [Enrolment] { listed }

    public func makeIterator() -> some IteratorProtocol<(key: EnrolmentKey, value: Enrolment)> {
        listed.lazy.map { (key: $0.key, value: $0) }.makeIterator()
    }

    /// Where the enrolment of `key` is in `listed`; nil when it is not on the register.
    public func place(of key: EnrolmentKey) -> Int? {
        guard !slots.isEmpty else { return nil }
        var slot = firstSlot(of: key)
        while slots[slot] >= 0 {
            let place = Int(slots[slot])
            if listed[place].key == key { return place }
            slot = (slot + 1) & (slots.count - 1)
        }
        return nil
    }

    /// The enrolment of `key`. Setting one adds it or replaces it (its own key must be `key`); setting
    /// nil takes it off.
    public subscript(key: EnrolmentKey) -> Enrolment? {
        get { place(of: key).map { listed[$0] } }
        set {
            let place = place(of: key)
            guard let newValue else {
                if let place {
                    listed.remove(at: place)
                    reindex()
                }
                return
            }
            precondition(newValue.key == key, "an enrolment is found by its own key")
            if let place {
                listed[place] = newValue
            } else {
                listed.append(newValue)
                if listed.count * 2 > slots.count { reindex() } else { insert(listed.count - 1) }
            }
        }
    }

    private func firstSlot(of key: EnrolmentKey) -> Int {
        let spread: UInt64 = 0x9E37_79B9_7F4A_7C15
        let hash = (((key.student.quickHash ^ key.course.quickHash) &* spread) ^ key.occurrence.quickHash) &* spread
        return Int(truncatingIfNeeded: hash >> shift)
    }

    /// The table of places built again for every enrolment listed, twice as large as needed or more.
    private mutating func reindex() {
        var capacity = 16
        shift = 60
        while capacity < listed.count * 2 {
            capacity *= 2
            shift -= 1
        }
        slots = Array(repeating: -1, count: capacity)
        for place in listed.indices { insert(place) }
    }

    private mutating func insert(_ place: Int) {
        let key = listed[place].key
        var slot = firstSlot(of: key)
        while slots[slot] >= 0 {
            precondition(listed[Int(slots[slot])].key != key, "enrolment \(key) is listed twice")
            slot = (slot + 1) & (slots.count - 1)
        }
        slots[slot] = Int32(place)
    }
}
