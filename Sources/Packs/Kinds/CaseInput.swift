import Check
import Config
import Model
import Yams

/// The keys of one rule (or of one of its `cases:`, merged over the rule's own), read
/// into compiled pieces: record types, conditions, field lists, dates, spans. Every
/// mistake is reported through the pack's `YAMLReader` at its line and column, with a
/// suggestion; a piece that cannot be read is nil and the rule is not built.
struct CaseInput {
    let reader: YAMLReader
    let keys: [String: (key: YAMLValue, value: YAMLValue)]
    /// The rule (or case) itself, for "needs a key" errors.
    let node: YAMLValue
    let parameters: [PackParameter]
    let kind: String
    /// The message template (the case's own, else the rule's).
    let message: YAMLValue?

    func value(_ key: String) -> YAMLValue? { keys[key]?.value }

    /// A key the kind cannot do without.
    func required(_ key: String, _ why: String) -> YAMLValue? {
        if let v = keys[key]?.value { return v }
        reader.report("a \(kind) rule needs '\(key)': \(why)", at: node)
        return nil
    }

    /// `record: visit` or `record: [cpReview, conference]`.
    func kinds(_ key: String = "record", _ why: String = "the record type it checks") -> [RecordKind]? {
        guard let v = required(key, why) else { return nil }
        return kinds(in: v, key)
    }

    func kinds(in v: YAMLValue, _ what: String) -> [RecordKind]? {
        let names = reader.strings(v, what: what)
        if names.isEmpty { reader.report("\(what) names no record type", at: v); return nil }
        var out: [RecordKind] = []
        for (i, name) in names.enumerated() {
            guard let k = Names.kind(name) else {
                let at = v.node.sequence.map { YAMLValue(node: $0[i], path: v.path) } ?? v
                reader.report(Names.unknownKind(name), at: at)
                return nil
            }
            out.append(k)
        }
        return out
    }

    func names(_ kinds: [RecordKind], outer: [RecordKind]? = nil) -> Names {
        Names(kinds: kinds, outerKinds: outer, parameters: parameters)
    }

    /// A condition, compiled; nil (and an error at its column) when it is not valid.
    func predicate(_ v: YAMLValue, _ names: Names) -> Pred? {
        guard let text = reader.string(v, what: "a condition") else { return nil }
        do throws(ExpressionError) {
            return try Compiler.predicate(text, names)
        } catch {
            report(error, in: v)
            return nil
        }
    }

    /// A condition's parsed form, to ask what it names before compiling it.
    func parsed(_ v: YAMLValue) -> Node? {
        guard let text = v.scalarText else { return nil }
        return try? Parser.parse(text)
    }

    func optionalPredicate(_ key: String, _ names: Names) -> (Pred?, ok: Bool) {
        guard let v = value(key) else { return (nil, true) }
        let p = predicate(v, names)
        return (p, p != nil)
    }

    /// An expression error at its column: the scalar's start plus the offset on its line.
    func report(_ error: ExpressionError, in v: YAMLValue) {
        var column = v.column + error.offset
        if let style = v.node.scalar?.style, style == .singleQuoted || style == .doubleQuoted { column += 1 }
        if let style = v.node.scalar?.style, style == .literal || style == .folded { column = v.column }
        reader.report(ConfigError(path: v.path, line: v.line, column: column, message: "\(error.message)"))
    }

    /// Field names of `kinds` (`fields: [author, authorRole, date]`).
    func fields(in v: YAMLValue, _ kinds: [RecordKind], what: String) -> [FieldAccess]? {
        let items = v.node.sequence.map { $0.map { YAMLValue(node: $0, path: v.path) } } ?? [v]
        var out: [FieldAccess] = []
        for item in items {
            guard let f = field(item, names(kinds)) else { return nil }
            out.append(f)
        }
        if out.isEmpty { reader.report("\(what) names no field", at: v); return nil }
        return out
    }

    func field(_ v: YAMLValue, _ names: Names) -> FieldAccess? {
        guard let text = reader.string(v, what: "a field") else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        do throws(ExpressionError) {
            return try names.field(parts, at: 0)
        } catch {
            report(error, in: v)
            return nil
        }
    }

    /// Date fields tried in turn: `startDate`, `[decisionDate, date]`, `parent.referralDate`.
    func dates(_ v: YAMLValue, _ names: Names, what: String) -> DateFields? {
        let items = v.node.sequence.map { $0.map { YAMLValue(node: $0, path: v.path) } } ?? [v]
        var out: [FieldAccess] = []
        for item in items {
            guard let f = field(item, names) else { return nil }
            guard f.type == .date || f.type == .dateTime else {
                reader.report("\(what) must be a date field, and \(f.spelled) is \(f.type.rawValue)", at: item)
                return nil
            }
            out.append(f)
        }
        return DateFields(fields: out)
    }

    /// Other records to look for: a record type, `{ record: notification, where: subject =
    /// 'cp-plan-start', date: sentDate }`, or a list of those. `outer` are the types of the
    /// record they are matched against.
    func source(_ v: YAMLValue, outer: [RecordKind]?, what: String) -> RecordSource? {
        let items = v.node.sequence.map { $0.map { YAMLValue(node: $0, path: v.path) } } ?? [v]
        var parts: [RecordSource.Part] = []
        var spelled: [String] = []
        for item in items {
            guard let p = sourceParts(item, outer: outer, what: what) else { return nil }
            parts += p
            for k in p.map(\.kind) where !spelled.contains(k.name) { spelled.append(k.name) }
        }
        if parts.isEmpty { reader.report("\(what) names no record type", at: v); return nil }
        return RecordSource(parts: parts, spelled: spelled.joined(separator: " or "))
    }

    private func sourceParts(_ v: YAMLValue, outer: [RecordKind]?, what: String) -> [RecordSource.Part]? {
        var recordValue = v
        var whereValue: YAMLValue?
        var dateValue: YAMLValue?
        if v.node.mapping != nil {
            var found = false
            for e in reader.mapping(v, allowed: ["record", "where", "date"], what: what) {
                switch e.key {
                case "record": recordValue = e.value; found = true
                case "where": whereValue = e.value
                default: dateValue = e.value
                }
            }
            if !found { reader.report("\(what) needs 'record': the record type to look for", at: v); return nil }
        }
        guard let kinds = kinds(in: recordValue, "record") else { return nil }
        var dates: [FieldKey] = []
        if let dateValue {
            guard let f = field(dateValue, names(kinds)) else { return nil }
            guard f.scope == .this, f.type == .date else {
                reader.report("date must be a date field of the record, and \(f.spelled) is not", at: dateValue)
                return nil
            }
            for k in kinds {
                guard Schema.kind(k, has: f.key) else {
                    reader.report("a \(k.name) record has no \(f.key.name)", at: dateValue)
                    return nil
                }
                dates.append(f.key)
            }
        } else {
            for k in kinds {
                guard let key = EventDate.key(for: k) else {
                    reader.report("a \(k.name) record has no date of its own: name one with 'date:'", at: recordValue)
                    return nil
                }
                dates.append(key)
            }
        }
        var filter: Pred?
        var usesOuter = false
        if let whereValue {
            usesOuter = parsed(whereValue)?.usesOuter ?? false
            guard let p = predicate(whereValue, names(kinds, outer: outer)) else { return nil }
            filter = p
        }
        return zip(kinds, dates).map { RecordSource.Part(kind: $0, filter: filter, usesOuter: usesOuter, date: $1) }
    }

    /// `10 working days` or `$visit-interval`.
    func interval(_ key: String, _ why: String) -> IntervalRef? {
        guard let v = required(key, why), let text = reader.string(v, what: key) else { return nil }
        if text.hasPrefix("$") {
            let name = String(text.dropFirst())
            guard let p = parameter(name, at: v) else { return nil }
            guard p.kind == .interval else {
                reader.report("\(key) needs a span of time, and $\(name) is \(p.kind.summary)", at: v)
                return nil
            }
            return .parameter(slot: p.slot, name: name)
        }
        guard let i = Interval(text) else {
            reader.report("\(key) must be a span of time such as '10 working days', '2 weeks' or '3 months' (or a parameter, $name), not '\(text)'", at: v)
            return nil
        }
        return .literal(i)
    }

    /// A list of codes: `[police, health]` or `$required-agencies`; `codes` are the values
    /// allowed (a coded field's standard list).
    func list(_ v: YAMLValue, what: String, codes: [String]?) -> ListRef? {
        if let text = v.scalarText, text.hasPrefix("$") {
            let name = String(text.dropFirst())
            guard let p = parameter(name, at: v) else { return nil }
            switch p.kind {
            case .list: return .parameter(slot: p.slot)
            case .codes(let allowed):
                if let codes, let bad = allowed.first(where: { !codes.contains($0) }) {
                    reader.report("$\(name) may hold '\(bad)', which is not a standard code here (codes: \(codes.joined(separator: ", ")))", at: v)
                    return nil
                }
                return .parameter(slot: p.slot)
            default:
                reader.report("\(what) needs a list, and $\(name) is \(p.kind.summary)", at: v)
                return nil
            }
        }
        let items = v.node.sequence.map { $0.map { YAMLValue(node: $0, path: v.path) } } ?? [v]
        var out: [String] = []
        for item in items {
            guard let s = reader.string(item, what: "each entry of \(what)") else { return nil }
            if let codes, !codes.contains(s) {
                reader.report(Compiler.notACode(s, of: what, codes), at: item)
                return nil
            }
            out.append(s)
        }
        return .literal(out)
    }

    func parameter(_ name: String, at v: YAMLValue) -> PackParameter? {
        if let p = parameters.first(where: { $0.name == name }) { return p }
        let hint = Suggest.closest(name, among: parameters.map(\.name)).map { "; did you mean '$\($0)'?" } ?? ""
        let declared = parameters.isEmpty ? "the rule declares none" : "declared: \(parameters.map { "$" + $0.name }.joined(separator: ", "))"
        reader.report("unknown parameter '$\(name)'\(hint) (\(declared))", at: v)
        return nil
    }

    /// The message template, its placeholders checked: the kind's values, the rule's
    /// parameters and the fields of `kinds`.
    func builder(_ kinds: [RecordKind], placeholders: [String]) -> Message.Builder? {
        guard let v = message, let text = reader.string(v, what: "message") else { return nil }
        let fields = Names.fieldNames(of: kinds)
        let allowed = Set(placeholders + parameters.map(\.name) + fields)
        switch Template.parse(text, allowed: allowed) {
        case .success(let t): return Message.Builder(template: t, parameters: parameters)
        case .failure(let bad):
            let options = placeholders + parameters.map(\.name) + fields
            let hint = Suggest.closest(bad.name, among: options).map { "; did you mean '{\($0)}'?" } ?? ""
            report(ExpressionError(message: "unknown placeholder '{\(bad.name)}'\(hint) (this rule's: \((placeholders + parameters.map(\.name)).map { "{\($0)}" }.joined(separator: ", ")), or a field of the record)", offset: bad.offset), in: v)
            return nil
        }
    }

    func choice(_ key: String, among options: [String], default value: String) -> String? {
        guard let v = self.value(key) else { return value }
        return reader.choice(v, what: key, among: options)
    }

    func flag(_ key: String, default value: Bool) -> Bool? {
        guard let v = self.value(key) else { return value }
        return reader.bool(v, what: key)
    }
}
