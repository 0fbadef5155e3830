import Model

/// A child protection plan as a span of days.
public struct PlanSpan {
    public let record: RecordRef
    public let start: Day
    /// Nil while the plan is open.
    public let end: Day?

    public init(record: RecordRef, start: Day, end: Day?) {
        self.record = record
        self.start = start
        self.end = end
    }

    /// True when the plan is open on `day` ("on a plan": started on or before it, not
    /// ended before it).
    public func contains(_ day: Day) -> Bool { start <= day && (end.map { day <= $0 } ?? true) }
}

/// A dated record: the day, the record, and the field that holds the day (for pointing).
public struct Dated {
    public let day: Day
    public let record: RecordRef
    public let field: Field

    public init(day: Day, record: RecordRef, field: Field) {
        self.day = day
        self.record = record
        self.field = field
    }
}

extension Child {
    /// Each source's root record (a `person`, or an `identity` when the source only names
    /// the child): identifiers and characteristics land there.
    public var roots: [RecordRef] {
        var out: [RecordRef] = []
        for i in records.indices where records[i].parent < 0 { out.append(RecordRef(child: self, index: i)) }
        return out
    }

    /// The earliest valid date of a person field (birth, death) on any source's root
    /// record, with where it is.
    public func personDay(_ key: FieldKey) -> Dated? {
        var best: Dated?
        for i in records.indices where records[i].parent < 0 {
            let root = RecordRef(child: self, index: i)
            if let f = root[key], let d = f.day, best.map({ d < $0.day }) ?? true { best = Dated(day: d, record: root, field: f) }
        }
        return best
    }

    /// The child protection plans with a valid start, in order of start.
    public var plans: [PlanSpan] {
        var out: [PlanSpan] = []
        for r in self.records(.cpPlan) {
            if let s = r.day(.startDate) { out.append(PlanSpan(record: r, start: s, end: r.day(.endDate))) }
        }
        out.sort { $0.start < $1.start }
        return out
    }

    /// Records of `kind` with a valid date in `key`, in date order (source order within a day).
    public func dated(_ kind: RecordKind, _ key: FieldKey, where keep: (RecordRef) -> Bool = { _ in true }) -> [Dated] {
        var out: [Dated] = []
        for r in self.records(kind) {
            if let f = r[key], let d = f.day, keep(r) { out.append(Dated(day: d, record: r, field: f)) }
        }
        out.sort { $0.day < $1.day }
        return out
    }

    /// The last day the data says anything about the child: the latest valid date in any
    /// record other than the person records (whose expected birth dates and UASC end
    /// dates lie ahead). Intervals that run "to the end of the data" stop here.
    public var lastRecordedDay: Day? {
        var last: Day?
        for r in records where r.parent >= 0 {
            var i = Int(r.fieldStart)
            while i < Int(r.fieldEnd) {
                if let d = fields[i].day, last.map({ d > $0 }) ?? true { last = d }
                i += 1
            }
        }
        return last
    }

    /// True when the child is under 12 months old on `day`, or not yet born (a recorded
    /// birth date after it, or an expected birth date and no birth date).
    public func isInfant(on day: Day) -> Bool {
        if let birth = personDay(.birthDate)?.day { return day < birth.adding(years: 1) }
        if let expected = personDay(.expectedBirthDate)?.day { return day < expected.adding(years: 1) }
        return false
    }

    /// True when the child's records come from more than one agency (records whose source
    /// names no agency are not counted): the data drop holds a multi-agency picture of the
    /// child, not one agency's return.
    public var isMultiAgency: Bool {
        var first: Agency?
        for r in records where r.agency != .unknown {
            if let f = first { if r.agency != f { return true } } else { first = r.agency }
        }
        return false
    }

    /// Whether the absence of records of `kind` says anything about this child.
    ///
    /// A rule that looks for another agency's record (a health contact, a visit) judges a
    /// child only when the child's records include records of that kind or come from more
    /// than one agency: a CIN census return checked alone (or two of them) holds no visits
    /// and no health contacts, and saying so of every child would be noise.
    public func judgesAbsence(of kind: RecordKind) -> Bool {
        isMultiAgency || records.contains { $0.kind == kind }
    }
}

extension Agency {
    /// The agency of records whose source names none.
    public static let unknown = Agency("unknown")
}

extension RecordRef {
    /// True for a record in a statutory return's own layout (a CIN census `CINdetails`,
    /// `ChildProtectionPlans`; SSDA903 XML), whose element names are not the model's: the
    /// return's own rules (CIN4008, CIN8915, CIN8565 …) check it against the return's other
    /// dates, and a multi-agency rule leaves that comparison to them.
    public var isFromReturnLayout: Bool { record.source != record.kind.symbol }

    /// The index of the root record (the source's child or row group) the record is in.
    public var rootIndex: Int {
        var i = index
        while child.records[i].parent >= 0 { i = Int(child.records[i].parent) }
        return i
    }
}

extension Array where Element == Dated {
    /// Index of the first element dated on or after `day` (binary search; the array is in
    /// date order).
    public func firstIndex(onOrAfter day: Day) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid].day < day { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// True when some element is dated within `[from, to]`.
    public func any(from: Day, to: Day) -> Bool {
        let i = firstIndex(onOrAfter: from)
        return i < count && self[i].day <= to
    }
}

/// `n day(s)`.
public func days(_ n: Int) -> String { n == 1 ? "1 day" : "\(n) days" }

/// `n working day(s)`.
public func workingDays(_ n: Int) -> String { n == 1 ? "1 working day" : "\(n) working days" }

/// ` by police`: who recorded a record, for notes (nothing when its source names no agency).
public func by(_ record: RecordRef) -> String {
    record.record.agency == .unknown ? "" : " by \(record.record.agency.name)"
}

/// A list in words: `a`, `a and b`, `a, b and c`.
public func inWords(_ items: [String]) -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}

/// A local code as the vocabulary writes it: `Social worker` → `social-worker`.
public func normalisedCode(_ text: String) -> String {
    String(text.lowercased().map { $0 == " " || $0 == "_" ? "-" : $0 })
}
