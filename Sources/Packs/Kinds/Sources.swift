import Check
import Model

/// A date a kind measures from or to, written as one field or a list of fields tried in
/// turn (`from: [decisionDate, date]`: the decision's date, else the referral's).
struct DateFields: Sendable {
    let fields: [FieldAccess]

    /// The first present date, with the record and field that hold it, found in place: a
    /// kind that reads a date for every record it selects copies the field out only for a
    /// finding (`DatedAt.dated`).
    func first(_ env: Env) -> DatedAt? {
        for f in fields {
            guard let (record, i) = f.position(env), let d = record.day(at: i) else { continue }
            return DatedAt(day: d, record: record, field: i)
        }
        return nil
    }

    /// `decisionDate or date`, for messages.
    var spelled: String { fields.map(\.spelled).joined(separator: " or ") }
    /// The fields a rule reads, for `caselint explain`.
    var names: [String] { fields.map(\.key.name) }
}

/// A date read in place: its day, its record, and the index of its field in the child's
/// fields (copied out as a `Dated` for a finding).
struct DatedAt {
    let day: Day
    let record: RecordRef
    let field: Int

    var dated: Dated { Dated(day: day, record: record, field: record.child.fields[field]) }
}

extension Dated {
    /// A personal date (a birth date) is withheld from messages.
    var personal: Bool { Schema.isPersonal(field.key) }
}

/// Other records a kind looks for: one or more record types, each with a condition
/// (which may name the trigger record as `outer.`) and its date field. Written as one
/// mapping (`{ record: notification, where: subject = 'cp-plan-start', date: sentDate }`)
/// or a list of them (`[cpReview, { record: conference, where: conferenceType = 'review' }]`).
struct RecordSource: Sendable {
    struct Part: Sendable {
        let kind: RecordKind
        let filter: Pred?
        /// True when the condition names the trigger (`outer.`): it is then tested for
        /// each trigger; otherwise once per record.
        let usesOuter: Bool
        let date: FieldKey
    }
    let parts: [Part]
    let spelled: String
    /// The record types, each once (worked out once: rules ask for every child).
    let kinds: [RecordKind]

    init(parts: [Part], spelled: String) {
        self.parts = parts
        self.spelled = spelled
        var kinds: [RecordKind] = []
        for p in parts where !kinds.contains(p.kind) { kinds.append(p.kind) }
        self.kinds = kinds
    }

    func date(of kind: RecordKind) -> FieldKey? { parts.first { $0.kind == kind }?.date }

    /// The child's records of these types with a valid date, passing their condition
    /// (when it does not depend on the trigger), in date order, then source order.
    func candidates(_ run: Run) -> [Candidate] {
        var out: [Candidate] = []
        let records = run.records
        for i in records.indices {
            let kind = records[i].kind
            for (p, part) in parts.enumerated() where part.kind == kind {
                let r = run.ref(i)
                guard let d = r.day(part.date) else { continue }
                if !part.usesOuter, part.filter?(run.env(i)) == false { continue }
                out.append(Candidate(day: d, index: i, part: p))
                break
            }
        }
        if out.count > 1 { out.sort { $0.day != $1.day ? $0.day < $1.day : $0.index < $1.index } }
        return out
    }

    /// True when the candidate passes its condition for the trigger `outer`.
    func accepts(_ c: Candidate, outer: Int, _ run: Run) -> Bool {
        let part = parts[c.part]
        guard part.usesOuter, let accepted = part.filter?(run.env(c.index, outer: outer)) else { return true }
        if accepted { return true }
        // Another part of the same record type may take it.
        for (p, other) in parts.enumerated() where p != c.part && other.kind == part.kind {
            if other.filter?(run.env(c.index, outer: outer)) ?? true { return true }
        }
        return false
    }
}

/// A record found by a `RecordSource`.
struct Candidate {
    let day: Day
    let index: Int
    let part: Int
}

/// The trigger days a rule has judged for one child: the same event recorded twice (a plan
/// in the census and in another agency's file) is judged once. The first day is kept
/// apart, so that a child with one trigger, the most common, makes no list.
struct JudgedDays {
    private var first: Int32?
    private var more: [Int32] = []

    /// True the first time `day` is given.
    mutating func isNew(_ day: Day) -> Bool {
        guard let first else {
            first = day.number
            return true
        }
        if first == day.number || more.contains(day.number) { return false }
        more.append(day.number)
        return true
    }
}

extension Array where Element == Candidate {
    /// Index of the first candidate dated on or after `day` (binary search).
    func firstIndex(onOrAfter day: Day) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid].day < day { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

extension Node {
    /// True when the condition names the record it is matched against (`outer.`) outside
    /// a nested `exists()`/`during()`/`count()`, whose own `outer.` is another record.
    var usesOuter: Bool {
        switch self {
        case .and(let a, let b), .or(let a, let b): a.usesOuter || b.usesOuter
        case .not(let a, _): a.usesOuter
        case .compare(let a, _, let b, _), .member(let a, _, let b, _): a.usesOuter || b.usesOuter
        case .name(let parts, _): parts.count == 2 && parts[0] == "outer"
        case .list(let items, _): items.contains { $0.usesOuter }
        case .call(_, let args, _, _): args.contains { $0.usesOuter }
        case .parameter, .string, .number, .date: false
        }
    }
}
