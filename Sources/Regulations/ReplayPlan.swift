/// A replay laid out by enrolment. What happens to one enrolment at a board depends only on its own
/// rows and its own earlier boards (SPEC §2: row checks, conflicts and duplicates are per enrolment, and
/// so are decisions), so each enrolment is replayed through every board on its own, and any range of
/// enrolments can be decided apart from the rest — on another core — and the parts combined in order.
public struct ReplayPlan: Sendable {
    let register: Register
    let policy: Policy
    let year: AcademicYear
    let board: Day
    /// The year's boards up to and including `board`, and the rows presented to each.
    let boards: [Day]
    let presented: [[MarkRow]]
    /// The sheets the rows were read from, which a row names by place.
    let sheets: [String]
    /// The year's enrolments in decisions.csv order, each as where it is in `register.enrolments.listed`
    /// (found again without hashing its key): an enrolment's place is its index here.
    let registered: [Int32]
    let rowsByBoard: [BoardRows]
    /// Each course's components, held once for all its enrolments.
    let components: [Code: [SharedComponent]]
    /// Each course, held once for all its enrolments' results.
    let courses: [Code: SharedCourse]
    /// Whether each result keeps its trail, the step of each board with the rows it counted: `board
    /// explain` shows it; a run's outputs need only the decisions, and a year's trail was half of a
    /// run's results.
    let keepsTrail: Bool

    /// One board's rows, as indices into its presented rows: grouped by the place of their enrolment,
    /// each group in presentation order.
    struct BoardRows: Sendable {
        var order: [Int32] = []
        /// `order[start[place]..<start[place + 1]]` are the rows of the enrolment at `place`.
        var start: [Int32] = []
        /// Rows for no enrolment of the year, in presentation order: every one of them is rejected.
        var elsewhere: [Int32] = []
    }

    /// Runs `count` jobs, perhaps several at once on other threads: the shell chooses, the core has no
    /// threads of its own. Each job writes only its own part.
    public typealias Perform = @Sendable (_ count: Int, _ job: @Sendable (Int) -> Void) -> Void

    /// Every job in turn, on the caller's thread.
    public static let oneAfterAnother: Perform = { count, job in (0..<count).forEach(job) }

    /// What a replay needs of the register alone: the year's enrolments in decisions.csv order, the
    /// table that finds one from a row, and the courses and their components, each shared by its
    /// enrolments. Made apart from the plan, so that a run makes it while its sheets are still read:
    /// made after, it kept one core busy for a fortieth of a second while the other waited.
    public struct YearEnrolments: Sendable {
        let year: String
        let registered: [Int32]
        fileprivate let places: Places
        let components: [Code: [SharedComponent]]
        let courses: [Code: SharedCourse]

        public init(register: Register, year: AcademicYear) {
            self.year = year.code
            components = register.components.mapValues { $0.map(SharedComponent.init) }
            courses = register.courses.mapValues(SharedCourse.init)
            // Only this year's enrolments are sorted: the register holds every year's. One on a course the
            // register lacks is not decided (the register check refuses it); its rows are rejected as any
            // other. Sorted by their codes alone (`EnrolmentKey.codesInOrder`): sorting the keys moved and
            // compared their year's strings. Each key is read in place, and its course looked up once for
            // the enrolments that come together on it.
            let listed = register.enrolments.listed
            var ofTheYear: [(codes: (course: Code, occurrence: Code, student: Code), index: Int32)] = []
            ofTheYear.reserveCapacity(listed.count)
            var onCourse: (code: Code, isRegistered: Bool)?
            for index in listed.indices where listed[index].key.academicYear == year.code {
                let course = listed[index].key.course
                if onCourse?.code != course { onCourse = (course, register.courses[course] != nil) }
                if onCourse!.isRegistered { ofTheYear.append((listed[index].key.codesInOrder, Int32(index))) }
            }
            ofTheYear.sort { $0.codes < $1.codes }
            registered = ofTheYear.map(\.index)
            places = Places(ofTheYear.map(\.codes), year: year.rowCode)
        }
    }

    /// Each board's rows are grouped by one job of `perform`. `sheets` names the sheets the rows were
    /// read from, by the place each row gives. `enrolments`, when given, must be of this register and year.
    public init(
        register: Register, policy: Policy, year: AcademicYear, through board: Day, sheets: [String],
        presented: [Day: [MarkRow]], enrolments: YearEnrolments? = nil, keepingTrail: Bool = true,
        perform: Perform = oneAfterAnother
    ) {
        precondition(year.boards.contains(board), "a run is for one of the year's boards")
        precondition(enrolments.map { $0.year == year.code } != false, "the enrolments are of another year")
        self.register = register
        self.policy = policy
        self.year = year
        self.board = board
        keepsTrail = keepingTrail
        boards = year.boards.filter { $0 <= board }
        self.presented = boards.map { presented[$0] ?? [] }
        self.sheets = sheets
        let enrolments = enrolments ?? YearEnrolments(register: register, year: year)
        registered = enrolments.registered
        components = enrolments.components
        courses = enrolments.courses
        let places = enrolments.places
        let ranks = Screening.ranks(of: sheets)
        let boardsRows = self.presented
        rowsByBoard = [BoardRows](unsafeUninitializedCapacity: boardsRows.count) { grouped, initialized in
            let slots = Slots(grouped)
            perform(boardsRows.count) { number in
                (slots.buffer.baseAddress! + number).initialize(
                    to: Self.group(boardsRows[number], by: places, ranks: ranks))
            }
            initialized = boardsRows.count
        }
    }

    /// Each enrolment's place, found from a row in an open-addressing table of places: the enrolment of
    /// every row is looked up, and a dictionary hashed each row's three codes and year with a keyed
    /// SipHash.
    fileprivate struct Places: Sendable {
        /// Each place's codes, all of one year: plain data, 36 bytes a place where a key with its year's
        /// string took 56.
        private let keys: [(course: Code, occurrence: Code, student: Code)]
        /// The year of every place, as a row holds it.
        private let year: YearCode?
        private var slots: [Int32]
        /// 64 - log2(slots.count): the slot is the top bits of the hash.
        private let shift: Int

        var count: Int { keys.count }

        init(_ keys: [(course: Code, occurrence: Code, student: Code)], year: YearCode?) {
            self.keys = keys
            self.year = year
            var capacity = 16
            var shift = 60
            while capacity < keys.count * 2 {
                capacity *= 2
                shift -= 1
            }
            self.shift = shift
            slots = Array(repeating: -1, count: capacity)
            for (place, key) in keys.enumerated() {
                var slot = self.slot(key.student, key.course, key.occurrence)
                while slots[slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
                slots[slot] = Int32(place)
            }
        }

        private func slot(_ student: Code, _ course: Code, _ occurrence: Code) -> Int {
            let spread: UInt64 = 0x9E37_79B9_7F4A_7C15
            let hash = (((student.quickHash ^ course.quickHash) &* spread) ^ occurrence.quickHash) &* spread
            return Int(truncatingIfNeeded: hash >> shift)
        }

        /// The place of the row's enrolment; nil for none of the year.
        func place(of row: MarkRow) -> Int32? {
            guard row.academicYear == year else { return nil }
            var slot = slot(row.student, row.course, row.occurrence)
            while slots[slot] >= 0 {
                let place = Int(slots[slot])
                if keys[place].student == row.student && keys[place].course == row.course
                    && keys[place].occurrence == row.occurrence
                {
                    return slots[slot]
                }
                slot = (slot + 1) & (slots.count - 1)
            }
            return nil
        }
    }

    /// A counting sort of the board's rows by enrolment place, stable in presentation order.
    private static func group(_ rows: [MarkRow], by places: Places, ranks: [Int32]) -> BoardRows {
        var grouped = BoardRows()
        let order = Screening.presentationOrder(of: rows, ranks: ranks)
        var placeOfRow = [Int32](repeating: -1, count: rows.count)
        var counts = [Int32](repeating: 0, count: places.count + 1)
        for index in order {
            if let place = places.place(of: rows[index]) {
                placeOfRow[index] = place
                counts[Int(place) + 1] += 1
            } else {
                grouped.elsewhere.append(Int32(index))
            }
        }
        for place in 0..<places.count { counts[place + 1] += counts[place] }
        grouped.start = counts
        var next = counts
        grouped.order = [Int32](repeating: 0, count: Int(counts[places.count]))
        for index in order where placeOfRow[index] >= 0 {
            let place = Int(placeOfRow[index])
            grouped.order[Int(next[place])] = Int32(index)
            next[place] += 1
        }
        return grouped
    }

    /// Decides every enrolment, in `ranges` ranges handed to `perform`, which may run them on several
    /// threads at once (each range writes only its own results), and combines them in place order. The
    /// results are written where they will stay: a year of two million enrolments is not copied again.
    public func decideAll(inRanges ranges: Int, perform: Perform) -> ReplayResult {
        let count = registered.count
        let ranges = max(1, min(ranges, count))
        var parts = [ReplayResult](repeating: ReplayResult(), count: ranges)
        var result = ReplayResult()
        result.listed = register.enrolments.listed
        result.enrolments = [EnrolmentResult](unsafeUninitializedCapacity: count) { results, initialized in
            parts.withUnsafeMutableBufferPointer { parts in
                let (results, parts) = (Slots(results), Slots(parts))
                perform(ranges) { range in
                    let places = count * range / ranges..<count * (range + 1) / ranges
                    parts.buffer[range] = decide(
                        places, into: UnsafeMutableBufferPointer(rebasing: results.buffer[places]))
                }
            }
            initialized = count
        }
        // Sized once: grown part by part, the list was copied into fresh memory at each doubling.
        result.findings.reserveCapacity(parts.reduce(0) { $0 + $1.findings.count })
        for part in parts {
            result.findings += part.findings
            result.counted += part.counted
            result.superseded += part.superseded
            result.rejected += part.rejected
        }
        // The rows for no enrolment of the year are screened (and rejected) here.
        for (number, day) in boards.enumerated() where !rowsByBoard[number].elsewhere.isEmpty {
            let rows = rowsByBoard[number].elsewhere.map { presented[number][Int($0)] }
            _ = screen(
                rows,
                at: Presentation(
                    board: day, year: year, register: register, sheets: sheets, history: { _ in EnrolmentHistory() }),
                into: &result)
        }
        result.findings.sortInFileOrder()
        return result
    }

    /// Replays the enrolments at `places` through every board, initializing `results` with theirs, in
    /// place order; the part returned holds the counts and findings.
    private func decide(_ places: Range<Int>, into results: UnsafeMutableBufferPointer<EnrolmentResult>)
        -> ReplayResult
    {
        // Each board's rows, and where each enrolment's are, read through pointers taken once for the
        // range; and the year's boards in a list of the range's own. The plan's lists are read by both
        // cores at once: retained and released for each enrolment and board, their counts of references
        // bounced between the cores.
        var year = year
        year.boards = year.boards.map { $0 }
        return withEachBuffer(of: presented) { presented in
            withEachBuffer(of: rowsByBoard.map(\.order)) { order in
                withEachBuffer(of: rowsByBoard.map(\.start)) { start in
                    decide(
                        places, into: results, year: year,
                        rows: (presented: presented, order: order, start: start))
                }
            }
        }
    }

    /// `decide(_:into:)` with the year and each board's rows as the range holds them: `rows.presented[b]`
    /// are the rows presented at board `b`, and `rows.order[b][rows.start[b][place]..<rows.start[b][place
    /// + 1]]` the places among them of the rows of the enrolment at `place` (as in `BoardRows`).
    private func decide(
        _ places: Range<Int>, into results: UnsafeMutableBufferPointer<EnrolmentResult>, year: AcademicYear,
        rows byBoard: (
            presented: [UnsafeBufferPointer<MarkRow>], order: [UnsafeBufferPointer<Int32>],
            start: [UnsafeBufferPointer<Int32>]
        )
    ) -> ReplayResult {
        var part = ReplayResult()
        // One presentation for the range, its board and enrolment changed as the replay goes: building one
        // for each enrolment and board retained the register and the year each time.
        var presentation = Presentation(board: board, year: year, register: register, sheets: sheets)
        // Enrolments come course by course: the course and its components are looked up once per course.
        // The course is read through its shared reference: copying it out retained each of its strings.
        var onCourse: (shared: SharedCourse, components: [SharedComponent], codes: [Code])?
        // And the deadlines once per occurrence: every enrolment on it has the same.
        var onOccurrence: (key: EnrolmentKey, dues: [Day])?
        var rows: [MarkRow] = []
        // The history of every enrolment with nothing decided yet, one for each range: one for all, shared
        // by both cores, had its count of references bounce between them for every enrolment and board.
        let nothingDecided = EnrolmentHistory()
        for place in places {
            let enrolment = register.enrolments.listed[Int(registered[place])]
            if onCourse?.shared.course.code != enrolment.key.course {
                let components = components[enrolment.key.course] ?? []
                onCourse = (courses[enrolment.key.course]!, components, components.map(\.component.code))
            }
            let shared = onCourse!.shared
            let isPresentedToBoards = shared.course.isPresentedToBoards
            var state: EnrolmentState?
            if isPresentedToBoards {
                let key = enrolment.key
                if onOccurrence?.key.course != key.course || onOccurrence?.key.occurrence != key.occurrence
                    || onOccurrence?.key.academicYear != key.academicYear
                {
                    let dues = EnrolmentState.dues(of: key, components: onCourse!.components, in: register, year: year)
                    onOccurrence = (key, dues)
                }
                state = EnrolmentState(
                    enrolment, of: shared.course, components: onCourse!.components, dues: onOccurrence!.dues,
                    year: year, policy: policy, keepingTrail: keepsTrail)
            }
            let slot = results.baseAddress! + (place - places.lowerBound)
            // Every enrolment of the plan is of its year.
            let screened = ScreenedEnrolment(
                enrolment, year: year.rowCode, isPresentedToBoards: isPresentedToBoards, components: onCourse!.codes)
            for (number, day) in boards.enumerated() {
                // Read in place: a copy of the board's arrays retained them, from both cores at once. Into
                // one list for the range, emptied for each enrolment and board: the screening lets it go
                // before the next.
                rows.removeAll(keepingCapacity: true)
                for position in Int(byBoard.start[number][place])..<Int(byBoard.start[number][place + 1]) {
                    rows.append(byBoard.presented[number][Int(byBoard.order[number][position])])
                }
                var presentedHere: [PresentedSit] = []
                var deferredHere: [Code] = []
                if !rows.isEmpty {
                    presentation.board = day
                    presentation.screenedHistory = state?.history ?? nothingDecided
                    presentation.screened = screened
                    let screening = screen(rows, at: presentation, into: &part)
                    // Each counted row is read in place, by index: a copy retained its strings.
                    let counted = screening.counted
                    for row in counted.indices {
                        // The row checks guarantee the component exists; a row never goes missing silently.
                        guard
                            let index = state?.components.firstIndex(where: {
                                $0.component.code == counted[row].component
                            })
                        else { continue }
                        let counting = state!.components[index].count(
                            counted[row].entry, submittedOn: counted[row].submittedOn, language: counted[row].language,
                            at: day, in: year, passMark: state!.context.passMark)
                        if case .flag(.deferral) = counted[row].entry { deferredHere.append(counted[row].component) }
                        if keepsTrail {
                            presentedHere.append(PresentedSit(row: counted[row], counting: counting))
                        }
                    }
                }
                state?.decide(at: day, presented: presentedHere, deferredHere: deferredHere)
            }
            // Taken, not bound: a bound copy retained every list and string of the state once more.
            if let state = state.take() {
                slot.initialize(to: state.result(listedAt: Int(registered[place]), course: shared))
                if slot.pointee.decision.board == board {
                    part.findings += slot.pointee.components.filter { $0.current == nil && $0.due < board }.map {
                        Replay.overdue($0, of: enrolment, at: board, last: year.lastBoard == board)
                    }
                }
            } else {
                let decision = AttendanceRule.decide(enrolment, at: board, threshold: policy.attendanceThreshold)
                slot.initialize(
                    to: EnrolmentResult(
                        listedAt: Int(registered[place]), course: shared, components: [], decision: decision,
                        steps: keepsTrail ? [BoardStep(board: board, decision: decision)] : []))
            }
        }
        return part
    }

    /// Screens rows at one board, adding the counts and findings to `part`.
    private func screen(_ rows: [MarkRow], at presentation: Presentation, into part: inout ReplayResult)
        -> Screening
    {
        let screening = Screening.screen(inPresentationOrder: rows, at: presentation)
        part.counted += screening.counted.count
        part.superseded += screening.superseded.count
        part.rejected += screening.rejectedCount
        part.findings += screening.findings
        return screening
    }
}

/// Calls `body` with a pointer to the elements of each of `lists`, in order, valid for the call.
private func withEachBuffer<Element, Result>(
    of lists: [[Element]], _ body: ([UnsafeBufferPointer<Element>]) -> Result
) -> Result {
    var buffers: [UnsafeBufferPointer<Element>] = []
    buffers.reserveCapacity(lists.count)
    func from(_ index: Int) -> Result {
        guard index < lists.count else { return body(buffers) }
        return lists[index].withUnsafeBufferPointer { buffer in
            buffers.append(buffer)
            return from(index + 1)
        }
    }
    return from(0)
}

/// Memory that several jobs write at once, each its own elements: the boards' rows of `ReplayPlan.init`,
/// the results and parts of `decideAll`'s ranges.
private struct Slots<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>

    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
