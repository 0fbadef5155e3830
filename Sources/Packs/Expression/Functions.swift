import Check
import Model

/// The functions of the condition language (docs/rule-packs.md, "Conditions"): presence,
/// ages and spans between dates, "during" an episode (on a plan at the event's date),
/// other records of the child, and whether a record was read from a CIN census return.
struct Functions {
    let compiler: Compiler
    var names: Names { compiler.names }

    static let all = ["has", "age", "days", "weeks", "months", "years", "working_days", "during", "exists", "count", "from_census"]

    func call(_ name: String, _ args: [Node], filter: Node?, at: Int) throws(ExpressionError) -> Compiled {
        if filter != nil, !["during", "exists", "count"].contains(name) {
            throw ExpressionError(message: "'where' belongs to during(), exists() and count()", offset: at)
        }
        switch name {
        case "has":
            guard args.count == 1, case .name(let parts, let offset) = args[0] else {
                throw ExpressionError(message: "has() takes one field: has(seenAlone)", offset: at)
            }
            let f = try names.field(parts, at: offset)
            return .bool { f.isPresent($0) }
        case "age":
            guard args.count == 1, case .name(let parts, let offset) = args[0], parts.count == 1,
                  let unit = Span(rawValue: parts[0]), unit != .workingDays else {
                throw ExpressionError(message: "age() takes a unit: age(days), age(weeks), age(months) or age(years)", offset: at)
            }
            let event = try eventDate(at: offset, what: "age()")
            let birth = FieldAccess(scope: .child, key: .birthDate, type: .date, repeats: false, personal: true, codes: nil, isAgency: false)
            return .number { env in
                guard let b = birth.day(env), let d = event(env) else { return nil }
                return Double(env.shared.withCalendar { unit.between(b, d, calendar: $0) })
            }
        case "days", "weeks", "months", "years", "working_days":
            let unit = Span(rawValue: name)!
            guard args.count == 2 else { throw ExpressionError(message: "\(name)() takes two dates: \(name)(startDate, endDate)", offset: at) }
            let a = try compiler.compile(args[0]), b = try compiler.compile(args[1])
            guard case .date(let from) = a, case .date(let to) = b else {
                throw ExpressionError(message: "\(name)() takes two dates: \(name)(startDate, endDate)", offset: at)
            }
            return .number { env in
                guard let x = from(env), let y = to(env) else { return nil }
                return Double(env.shared.withCalendar { unit.between(x, y, calendar: $0) })
            }
        case "during", "exists", "count":
            guard args.count == 1, case .name(let parts, let offset) = args[0], parts.count == 1 else {
                throw ExpressionError(message: "\(name)() takes a record type: \(name)(cpPlan) or \(name)(cpPlan where …)", offset: at)
            }
            guard let kind = Names.kind(parts[0]) else { throw ExpressionError(message: Names.unknownKind(parts[0]), offset: offset) }
            let test: Pred? = try filter.map { (f) throws(ExpressionError) -> Pred in try Compiler(names: names.inner([kind])).predicate(f) }
            if name == "during" { return .bool(try during(kind, test, at: offset)) }
            if name == "exists" {
                return .bool { env in
                    for i in 0..<env.recordCount where env.ref(i).kind == kind {
                        if test?(env.with(record: i, outer: env.record)) ?? true { return true }
                    }
                    return false
                }
            }
            return .number { env in
                var n = 0
                for i in 0..<env.recordCount where env.ref(i).kind == kind {
                    if test?(env.with(record: i, outer: env.record)) ?? true { n += 1 }
                }
                return Double(n)
            }
        case "from_census":
            guard args.isEmpty else { throw ExpressionError(message: "from_census() takes nothing", offset: at) }
            // The DfE's own rules check a CIN census return's records against each other;
            // a rule can leave those comparisons to them.
            return .bool { env in env.shared.family(of: env.ref(env.record).location.file) == .cinCensus }
        default:
            let hint = Suggest.closest(name, among: Functions.all).map { "; did you mean '\($0)'?" } ?? ""
            throw ExpressionError(message: "unknown function '\(name)'\(hint) (functions: \(Functions.all.joined(separator: ", ")))", offset: at)
        }
    }

    /// The date of the record a condition is about (its `date`, `startDate` …).
    private func eventDate(at offset: Int, what: String) throws(ExpressionError) -> @Sendable (Env) -> Day? {
        var keys: [RecordKind: FieldKey] = [:]
        for k in names.kinds {
            guard let key = EventDate.key(for: k) else {
                throw ExpressionError(message: "\(what) needs the date of the record, and a \(k.name) record has none", offset: offset)
            }
            keys[k] = key
        }
        if keys.count == 1, let key = keys.values.first {
            return { env in env.ref(env.record).day(key) }
        }
        let byKind = keys
        return { env in
            let r = env.ref(env.record)
            return byKind[r.kind].flatMap { r.day($0) }
        }
    }

    /// True when a record of `kind` (passing `test`) spans the record's date: started on
    /// or before it, and not ended before it.
    private func during(_ kind: RecordKind, _ test: Pred?, at offset: Int) throws(ExpressionError) -> Pred {
        guard let span = EventDate.span(for: kind) else {
            throw ExpressionError(message: "during() needs a record type with a start and an end (cpPlan, cinPlan, careEpisode, cinEpisode …); \(kind.name) has none", offset: offset)
        }
        let event = try eventDate(at: offset, what: "during()")
        return { env in
            guard let d = event(env) else { return false }
            for i in 0..<env.recordCount {
                let r = env.ref(i)
                guard r.kind == kind else { continue }
                guard let start = r.day(span.start), start <= d else { continue }
                if let end = r.day(span.end), end < d { continue }
                if test?(env.with(record: i, outer: env.record)) ?? true { return true }
            }
            return false
        }
    }
}

/// Whole units between two dates, for ages and durations.
enum Span: String {
    case days, weeks, months, years
    case workingDays = "working_days"

    /// `calendar`: the run's, for working days (the one its deadlines are counted in).
    func between(_ a: Day, _ b: Day, calendar: WorkingDayCalendar) -> Int {
        switch self {
        case .days: return b - a
        case .weeks: return (b - a) / 7
        case .workingDays: return calendar.workingDays(from: a, to: b)
        case .months, .years:
            let x = a.components, y = b.components
            var m = (y.year - x.year) * 12 + (y.month - x.month)
            if b >= a, y.day < x.day { m -= 1 } else if b < a, y.day > x.day { m += 1 }
            return self == .months ? m : m / 12
        }
    }
}
