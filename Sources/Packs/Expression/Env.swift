import Check
import Model

/// What a compiled condition is evaluated against: one record of a child, the record it
/// is matched against (the trigger, when a kind looks for a later record), and the rule's
/// parameter values. Passed by value; nothing is allocated per evaluation.
struct Env {
    /// The child, unretained: an `Env` is made for every record a condition is evaluated
    /// on, and holding the child strongly retained and released it each time (a count the
    /// other checking threads and the return-level thread update too). Valid while the
    /// `Run` that made it holds the child; read it through `ref(_:)`.
    let owner: Unmanaged<Child>
    /// Index of the record the condition is about.
    let record: Int
    /// Index of the record it is matched against (`outer.` fields), or -1.
    let outer: Int
    /// What the return shares, unretained (see `RunShared`).
    let shared: Unmanaged<RunShared>

    func with(record: Int, outer: Int) -> Env {
        Env(owner: owner, record: record, outer: outer, shared: shared)
    }

    /// Record `i` of the child.
    func ref(_ i: Int) -> RecordRef { RecordRef(owner: owner, index: i) }

    /// How many records the child has.
    var recordCount: Int { owner._withUnsafeGuaranteedRef { Int($0.header.recordCount) } }
}

typealias Pred = @Sendable (Env) -> Bool

/// Where a field is read from, relative to the record a condition is about.
enum RecordScope: Equatable, Sendable {
    /// The record itself (`seenAlone`).
    case this
    /// The record that encloses it (`parent.referralDate`: a CIN census assessment's episode).
    case parent
    /// The record it is matched against (`outer.date`).
    case outer
    /// The child: the first of its person (or identity) records, from any source, that
    /// has the field (`child.birthDate`).
    case child
}

/// A field reference compiled once: scope, key and type; reading it is a scan of one
/// record's fields by interned key, as a Swift rule reads `record[.seenAlone]`.
struct FieldAccess: Sendable {
    let scope: RecordScope
    let key: FieldKey
    let type: ValueType
    let repeats: Bool
    let personal: Bool
    /// The standard codes of a coded field (nil: any).
    let codes: [String]?
    /// `agency`: the agency that recorded the record, not a field.
    let isAgency: Bool

    /// `child.birthDate` as written in a pack.
    var spelled: String {
        switch scope {
        case .this: key.name
        case .parent: "parent." + key.name
        case .outer: "outer." + key.name
        case .child: "child." + key.name
        }
    }

    /// The index of the record holding the field, or nil.
    @inline(__always)
    func recordIndex(_ env: Env) -> Int? {
        switch scope {
        case .this: return env.record
        case .parent:
            let p = env.ref(env.record).record.parent
            return p < 0 ? nil : Int(p)
        case .outer: return env.outer < 0 ? nil : env.outer
        case .child:
            for i in 0..<env.recordCount {
                let r = env.ref(i)
                if r.record.parent < 0 && r.hasText(key) { return i }
            }
            return nil
        }
    }

    /// True when the record holds a non-empty value of the field: a presence test that
    /// copies no field out (`required` rules ask it of every record they select).
    func isPresent(_ env: Env) -> Bool {
        if isAgency { return text(env) != nil }
        guard let i = recordIndex(env) else { return false }
        return env.ref(i).hasText(key)
    }

    /// Where the first non-empty value is: its record, and its index in the child's
    /// fields. Found in place, copying no field out.
    func position(_ env: Env) -> (record: RecordRef, field: Int)? {
        guard !isAgency, let i = recordIndex(env) else { return nil }
        let r = env.ref(i)
        guard let f = r.textIndex(key) else { return nil }
        return (r, f)
    }

    func text(_ env: Env) -> String? {
        if isAgency {
            guard let i = recordIndex(env) else { return nil }
            let a = env.ref(i).record.agency.name
            return a == "unknown" ? nil : a
        }
        guard let i = recordIndex(env) else { return nil }
        return env.ref(i).text(key)
    }

    /// A yes/no field's value, read in place (nil: missing, or neither yes nor no).
    func flag(_ env: Env) -> Bool? {
        guard let i = recordIndex(env) else { return nil }
        return env.ref(i).flag(key)
    }

    func day(_ env: Env) -> Day? {
        guard let i = recordIndex(env) else { return nil }
        return env.ref(i).day(key)
    }

    /// True when some non-empty value satisfies `test` (every value of a repeating field).
    func any(_ env: Env, _ test: (String) -> Bool) -> Bool {
        if isAgency || !repeats {
            guard let t = text(env) else { return false }
            return test(t)
        }
        guard let i = recordIndex(env) else { return false }
        return env.ref(i).anyText(key, test)
    }
}

/// The date a record is about, for `age()`, `during()` and the kinds' defaults: `date`
/// for events, `startDate` for episodes, `sentDate` for notifications, `referralDate` for
/// CIN episodes.
enum EventDate {
    static let candidates = ["date", "startDate", "sentDate", "referralDate", "interestDate"].map(FieldKey.init)

    static func key(for kind: RecordKind) -> FieldKey? {
        candidates.first { Schema.kind(kind, has: $0) }
    }

    /// The span of an episode: its start and end fields (`startDate`/`endDate`;
    /// `referralDate`/`closureDate` for a CIN episode).
    static func span(for kind: RecordKind) -> (start: FieldKey, end: FieldKey)? {
        if kind == .cinEpisode { return (.referralDate, .closureDate) }
        if Schema.kind(kind, has: .startDate), Schema.kind(kind, has: .endDate) { return (.startDate, .endDate) }
        return nil
    }
}
