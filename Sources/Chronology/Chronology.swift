import Check
import Model

/// A child's multi-agency chronology: every dated event in every agency's records of the
/// child, in date order, each with the findings about it, and the gaps a reader should
/// see — spells on a child protection plan with no visit in which the child was seen,
/// referrals and notifications with no recorded acknowledgement.
public struct Chronology: Sendable {
    /// One line of the timeline.
    public struct Event: Sendable {
        public let day: Day
        public let agency: String
        public let text: Message
        public let location: SourceLocation
        /// What the record lacks at this moment ("no recorded acknowledgement").
        public let missing: String?
        public var findings: [Diagnostic] = []
    }

    /// A spell with no recorded contact.
    public struct Gap: Sendable {
        public let from: Day
        public let to: Day
        public let workingDays: Int
        /// True when the spell runs to the plan's end or the end of the data, not to a visit.
        public let trailing: Bool
        public let text: String
    }

    public enum Entry: Sendable {
        case event(Event)
        case gap(Gap)

        public var day: Day {
            switch self {
            case .event(let e): e.day
            case .gap(let g): g.to
            }
        }
    }

    /// A record with no date of its own, and its findings.
    public struct Undated: Sendable {
        public let agency: String
        public let text: Message
        public let location: SourceLocation
        public var findings: [Diagnostic] = []
    }

    /// The child's LA child id, when a source gives one.
    public let childID: String?
    /// Where the child's first record is, naming a child with no LA child id.
    public let location: SourceLocation
    public private(set) var entries: [Entry] = []
    public private(set) var undated: [Undated] = []
    /// Findings about the child tied to no record on the timeline (a person record's field).
    public private(set) var loose: [Diagnostic] = []
    /// Agencies in order of first appearance on the timeline.
    public private(set) var agencies: [String] = []
    public private(set) var files: Set<FileID> = []
    /// Spells on a plan (start, end or nil while open).
    public private(set) var plans: [(start: Day, end: Day?)] = []
    /// True when personal moments (birth, death) are on the timeline.
    public let showsPersonal: Bool

    public var events: [Event] { entries.compactMap { if case .event(let e) = $0 { e } else { nil } } }
    public var gaps: [Gap] { entries.compactMap { if case .gap(let g) = $0 { g } else { nil } } }
    public var findingCount: Int {
        events.reduce(0) { $0 + $1.findings.count } + undated.reduce(0) { $0 + $1.findings.count } + loose.count
    }
    public var unanswered: Int { events.count { $0.missing != nil } }

    /// How gaps are found: the longest spell on a plan without a visit that saw the child.
    public struct Options: Sendable {
        public var visitInterval: Interval
        public var showValues: Bool
        public var calendar: WorkingDayCalendar
        public init(visitInterval: Interval = Interval(10, .workingDays), showValues: Bool = false,
                    calendar: WorkingDayCalendar = .englandAndWales) {
            self.visitInterval = visitInterval
            self.showValues = showValues
            self.calendar = calendar
        }
    }

    /// The chronology of one linked child, with the run's findings placed at the events
    /// they concern.
    public init(child: Child, findings: FindingIndex, options: Options) {
        childID = child.laChildID
        location = child.location
        showsPersonal = options.showValues
        // Where each record's values are: a finding at any of them is about that record.
        var recordAt: [SourceLocation: Int] = [:]
        var lastDay: Day?
        var pending: [(event: Event, order: Int, record: Int, key: FieldKey)] = []
        for (i, record) in child.records.enumerated() {
            let r = RecordRef(child: child, index: i)
            recordAt[record.location] = i
            var f = Int(record.fieldStart)
            while f < Int(record.fieldEnd) {
                recordAt[child.fields[f].location] = recordAt[child.fields[f].location] ?? i
                recordAt[child.fields[f].valueLocation] = recordAt[child.fields[f].valueLocation] ?? i
                f += 1
            }
            files.insert(record.location.file)
            let agency = record.agency.name
            let moments = EventCatalogue.moments(of: record.kind)
            var dated = false
            for m in moments {
                guard let d = r.day(m.key) else { continue }
                dated = true
                if m.personal && !options.showValues { continue }
                if record.parent >= 0, lastDay.map({ d > $0 }) ?? true { lastDay = d }
                let event = Event(day: d, agency: agency, text: m.describe(r), location: r[m.key]?.location ?? record.location,
                                  missing: m.missing?(r))
                pending.append((event, pending.count, i, m.key))
            }
            if !dated, let text = EventCatalogue.undated(r) {
                undated.append(Undated(agency: agency, text: text, location: record.location))
            }
        }
        // Findings: at the moment whose date they point at, else the record's first moment,
        // else an undated record, else loose.
        var firstMoment: [Int: Int] = [:]
        var momentAt: [SourceLocation: Int] = [:]
        for (p, entry) in pending.enumerated() {
            if firstMoment[entry.record] == nil { firstMoment[entry.record] = p }
            momentAt[entry.event.location] = p
        }
        var undatedAt: [SourceLocation: Int] = [:]
        for (u, item) in undated.enumerated() { undatedAt[item.location] = u }
        for d in findings.diagnostics(for: child, recordAt: recordAt) {
            if let p = momentAt[d.location] {
                pending[p].event.findings.append(d)
            } else if let i = recordAt[d.location], let p = firstMoment[i] {
                pending[p].event.findings.append(d)
            } else if let i = recordAt[d.location], let u = undatedAt[child.records[i].location] {
                undated[u].findings.append(d)
            } else {
                loose.append(d)
            }
        }
        pending.sort { ($0.event.day, $0.event.location, $0.order) < ($1.event.day, $1.event.location, $1.order) }
        var entries = pending.map { Entry.event($0.event) }
        for e in pending where !agencies.contains(e.event.agency) { agencies.append(e.event.agency) }

        // Spells on a plan without a visit that saw the child.
        for p in child.records.indices where child.records[p].kind == .cpPlan {
            let plan = RecordRef(child: child, index: p)
            guard let start = plan.day(.startDate) else { continue }
            plans.append((start, plan.day(.endDate)))
        }
        plans.sort { $0.start < $1.start }
        var seen: [Day] = []
        for v in child.records(.visit) {
            if v[.childSeen]?.bool == true, let d = v.day(.date) { seen.append(d) }
        }
        seen.sort()
        var gaps: [(Gap, trailing: Bool)] = []
        let death = Chronology.deathDay(child)
        for plan in plans {
            var stop = plan.end ?? lastDay ?? plan.start
            // After a death the spell is not a gap in visits; where it ends would show the
            // date of death, so it is not drawn unless values are shown.
            var trailingAllowed = true
            if let death, death <= stop {
                stop = death
                trailingAllowed = options.showValues
            }
            var previous = plan.start
            for d in seen where d > plan.start && d <= stop {
                if let g = Chronology.gap(from: previous, to: d, trailing: false, options) { gaps.append((g, false)) }
                previous = d
            }
            if trailingAllowed, stop > previous, let g = Chronology.gap(from: previous, to: stop, trailing: true, options) {
                gaps.append((g, true))
            }
        }
        // A gap goes before the events of the day it ends on a visit, after them when it
        // runs to the plan's end or the end of the data.
        for (gap, trailing) in gaps {
            var at = entries.firstIndex { $0.day >= gap.to } ?? entries.count
            if trailing { while at < entries.count && entries[at].day == gap.to { at += 1 } }
            entries.insert(.gap(gap), at: at)
        }
        self.entries = entries
    }

    /// A spell from `from` to `to` longer than the visit interval, or nil. Its working
    /// days count `to` itself: a visit on the 11th working day after the last is one day
    /// over an interval of 10.
    static func gap(from: Day, to: Day, trailing: Bool, _ options: Options) -> Gap? {
        guard to > options.visitInterval.end(from: from, calendar: options.calendar) else { return nil }
        let wd = options.calendar.workingDays(from: from + 1, to: to + 1)
        let end = trailing ? "to \(to)" : "to the next visit on \(to)"
        let text = "no recorded visit seeing the child for \(to - from) days (\(wd) working days) while on a child protection plan, from \(from) \(end); the local interval is \(options.visitInterval)"
        return Gap(from: from, to: to, workingDays: wd, trailing: trailing, text: text)
    }

    /// The earliest date of death any agency records.
    static func deathDay(_ child: Child) -> Day? {
        var death: Day?
        for i in child.records.indices where child.records[i].parent < 0 {
            if let d = RecordRef(child: child, index: i).day(.deathDate), death.map({ d < $0 }) ?? true { death = d }
        }
        return death
    }
}

/// The run's findings, found by child and by place.
public struct FindingIndex: Sendable {
    private let diagnostics: [Diagnostic]
    private let byChild: [String: [Int]]
    private let byLocation: [SourceLocation: [Int]]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
        var byChild: [String: [Int]] = [:]
        var byLocation: [SourceLocation: [Int]] = [:]
        for (i, d) in diagnostics.enumerated() {
            if let c = d.childID { byChild[c, default: []].append(i) }
            if d.location.line > 0 { byLocation[d.location, default: []].append(i) }
        }
        self.byChild = byChild
        self.byLocation = byLocation
    }

    /// The findings about a child: those at its records' values, and those naming its LA
    /// child id; each once, in report order.
    func diagnostics(for child: Child, recordAt: [SourceLocation: Int]) -> [Diagnostic] {
        var picked = Set<Int>()
        for location in recordAt.keys { for i in byLocation[location] ?? [] { picked.insert(i) } }
        if let id = child.laChildID { for i in byChild[id] ?? [] { picked.insert(i) } }
        return picked.sorted().map { diagnostics[$0] }
    }

    /// How many findings name the child id.
    public func count(for childID: String) -> Int { byChild[childID]?.count ?? 0 }
}
