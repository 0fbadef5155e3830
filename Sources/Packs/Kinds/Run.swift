import Check
import Model

/// What every child of one return shares when a pack rule checks it: the rule's
/// parameter values for the run, the calendar, the census reference date, the kind of
/// each file. Made once per return (`RuleReader.check`) and borrowed, not retained, by
/// each child's `Run` and `Env`: the checking threads would otherwise contend for these
/// arrays' reference counts on every child.
final class RunShared: Sendable {
    let params: [ParameterValue]
    let calendar: WorkingDayCalendar
    /// The census reference date of the run's return, when it has one: the data cover
    /// up to it even where a child's own records stop earlier.
    let referenceDate: Day?
    let families: [SourceFamily?]

    init(params: [ParameterValue], context: CheckContext) {
        self.params = params
        calendar = context.calendar
        referenceDate = context.census?.referenceDate
        families = context.families
    }
}

/// How `Run` and `Env` read what the return shares: in place, through a reference that is
/// never retained (an `unowned(unsafe)` one was retained and released at each read, a
/// count both checking threads updated for every record).
extension Unmanaged where Instance == RunShared {
    /// The value of the rule's parameter in `slot` (`$name` in conditions).
    func param(_ slot: Int) -> ParameterValue { _withUnsafeGuaranteedRef { $0.params[slot] } }
    /// Runs `body` with the run's calendar, borrowed.
    func withCalendar<R>(_ body: (WorkingDayCalendar) -> R) -> R { _withUnsafeGuaranteedRef { body($0.calendar) } }
    /// What kind of source a file of the run is (`from_census()`).
    func family(of file: FileID) -> SourceFamily? { _withUnsafeGuaranteedRef { $0.families.family(of: file) } }
    var referenceDate: Day? { _withUnsafeGuaranteedRef { $0.referenceDate } }
}

/// One pack rule checking one child: the child, what the return shares, and what several
/// kinds ask of a child, worked out at most once (the end of its data, whether absence
/// can be judged). It borrows the child, which its caller holds for the whole run, and
/// what the return shares (see `RunShared`): holding the child retained it for each pack
/// rule, a count the return-level thread updates at the same time. So a `Run` lives only
/// for the call it was made for; keep what the return shares, not the `Run`.
struct Run {
    private let owner: Unmanaged<Child>
    let shared: Unmanaged<RunShared>
    private var end: Day??
    private var multiAgency: Bool?

    init(child: Child, shared: RunShared) {
        owner = .passUnretained(child)
        self.shared = .passUnretained(shared)
    }

    func env(_ record: Int, outer: Int = -1) -> Env {
        Env(owner: owner, record: record, outer: outer, shared: shared)
    }

    /// A handle on the child's record `i`.
    func ref(_ i: Int) -> RecordRef { RecordRef(owner: owner, index: i) }

    /// The child's records, read in place (valid while the run is).
    var records: UnsafeBufferPointer<Record> {
        owner._withUnsafeGuaranteedRef { UnsafeBufferPointer(start: $0.recordBase, count: Int($0.header.recordCount)) }
    }

    /// The last day the data say anything about the child (docs/multi-agency-rules.md):
    /// the latest date in any of its records other than person records (whose expected
    /// birth dates lie ahead), or the return's reference date if later.
    mutating func endOfData() -> Day? {
        if let end { return end }
        var last = owner._withUnsafeGuaranteedRef { $0.lastRecordedDay }
        if let ref = shared.referenceDate, last.map({ ref > $0 }) ?? true { last = ref }
        end = .some(last)
        return last
    }

    /// Whether the absence of records of `kinds` says anything about this child
    /// (docs/multi-agency-rules.md, "Absence needs evidence"): only when the child has
    /// such records, or records from more than one agency. A CIN census return checked
    /// alone holds no notifications or visits, and saying so of every child is noise.
    mutating func judgesAbsence(of kinds: [RecordKind]) -> Bool {
        if records.contains(where: { kinds.contains($0.kind) }) { return true }
        if let multiAgency { return multiAgency }
        let many = owner._withUnsafeGuaranteedRef { $0.isMultiAgency }
        multiAgency = many
        return many
    }
}

/// A span of time written in a rule: a literal (`10 working days`) or a parameter
/// (`$visit-interval`), whose value the run's configuration may set.
enum IntervalRef: Sendable {
    case literal(Interval)
    case parameter(slot: Int, name: String)

    func value(_ run: Run) -> Interval {
        switch self {
        case .literal(let i): return i
        case .parameter(let slot, _):
            if case .interval(let i) = run.shared.param(slot) { return i }
            return Interval(0, .days)
        }
    }

    /// The placeholder a message can name it by.
    var parameterName: String? {
        if case .parameter(_, let name) = self { return name }
        return nil
    }
}

/// A list of codes written in a rule: literal or a list parameter.
enum ListRef: Sendable {
    case literal([String])
    case parameter(slot: Int)

    func value(_ run: Run) -> [String] {
        switch self {
        case .literal(let l): return l
        case .parameter(let slot):
            if case .list(let l) = run.shared.param(slot) { return l }
            return []
        }
    }
}

extension Interval {
    /// The first day that is still within the interval before `end` (counting back).
    func start(before end: Day, calendar: WorkingDayCalendar) -> Day {
        switch unit {
        case .days: end - count
        case .weeks: end - 7 * count
        case .months: end.adding(months: -count)
        case .workingDays: calendar.adding(workingDays: -count, to: end)
        }
    }

    /// How long from `a` to `b`, in words and in this interval's unit where that reads
    /// naturally (working days stay working days; other units are counted in days).
    func elapsed(from a: Day, to b: Day, calendar: WorkingDayCalendar) -> String {
        if unit == .workingDays {
            let n = calendar.workingDays(from: a, to: b)
            return n == 1 ? "1 working day" : "\(n) working days"
        }
        let n = b - a
        if unit == .weeks, n >= 7 {
            let w = n / 7, d = n % 7
            return "\(n) days (\(w) week\(w == 1 ? "" : "s")\(d == 0 ? "" : " and \(d) day\(d == 1 ? "" : "s")"))"
        }
        return n == 1 ? "1 day" : "\(n) days"
    }
}
