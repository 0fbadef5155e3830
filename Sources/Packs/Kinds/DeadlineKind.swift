import Check
import Config
import Model

/// `deadline`: event B within a span of event A (`from:` → `to:`, after it or, with
/// `direction: before`, before it). B is a date of the same record (`acknowledgedDate`),
/// or another record of the child, from any agency (`{ record: strategyDiscussion }`),
/// or the first of a list of either.
///
/// `followed-by`: event A must be followed within a span by a record of another kind
/// (`then:`) — for each code of a list when `each:` says so (a notification to each
/// agency of `$notify-agencies`). Both live here: they share the window, the end of the
/// data and the rule that absence needs evidence.
enum DeadlineKind {
    static let deadline = Kind(
        name: "deadline",
        keys: ["record", "when", "unless", "from", "to", "within", "direction", "missing", "until", "absence"],
        placeholders: ["from", "to", "deadline", "within", "elapsed", "from-field", "to-field", "record"],
        compile: compileDeadline)
    static let followedBy = Kind(
        name: "followed-by",
        keys: ["record", "when", "unless", "from", "then", "within", "each", "until", "absence"],
        placeholders: ["from", "deadline", "within", "missing", "from-field", "then", "record"],
        compile: compileFollowedBy)

    /// What `to:` may name: a date of the record, or another record.
    enum Target {
        case field(DateFields)
        case record(RecordSource)
    }

    /// Common keys: the trigger, its date, the span, when the obligation lapses.
    struct Trigger {
        let selection: Selection
        let from: DateFields
        let within: IntervalRef
        let until: DateFields?
        let absenceAlways: Bool
    }

    static func trigger(_ input: CaseInput) -> Trigger? {
        guard let selection = Selection.read(input) else { return nil }
        let names = input.names(selection.kinds)
        var from: DateFields?
        if let v = input.value("from") {
            from = input.dates(v, names, what: "from")
            if from == nil { return nil }
        } else {
            var keys: [FieldAccess] = []
            for k in selection.kinds {
                guard let key = EventDate.key(for: k) else {
                    input.reader.report("a \(k.name) record has no date of its own: say which with 'from:'", at: input.node)
                    return nil
                }
                keys.append(FieldAccess(scope: .this, key: key, type: .date, repeats: false, personal: false, codes: nil, isAgency: false))
            }
            from = DateFields(fields: keys)
        }
        guard let within = input.interval("within", "the span of time allowed ('1 working day', '$notify-within')") else { return nil }
        var until: DateFields?
        if let v = input.value("until") {
            guard let u = input.dates(v, names, what: "until") else { return nil }
            until = u
        }
        guard let absence = input.choice("absence", among: ["needs-evidence", "always"], default: "needs-evidence") else { return nil }
        return Trigger(selection: selection, from: from!, within: within, until: until, absenceAlways: absence == "always")
    }

    static func compileDeadline(_ input: CaseInput) -> CompiledCase? {
        guard let t = trigger(input),
              let toValue = input.required("to", "the date that must fall within the span: a field, or another record { record: …, where: …, date: … }")
        else { return nil }
        let kinds = t.selection.kinds
        // `to:` is one target or a list of them, tried in turn.
        let items = toValue.node.sequence.map { $0.map { YAMLValue(node: $0, path: toValue.path) } } ?? [toValue]
        var targets: [Target] = []
        for item in items {
            if item.node.mapping != nil {
                guard let s = input.source(item, outer: kinds, what: "to") else { return nil }
                targets.append(.record(s))
            } else {
                guard let d = input.dates(item, input.names(kinds), what: "to") else { return nil }
                targets.append(.field(d))
            }
        }
        let hasRecord = targets.contains { if case .record = $0 { true } else { false } }
        guard let direction = input.choice("direction", among: ["after", "before"], default: "after"),
              let missing = input.choice("missing", among: ["report", "after-deadline", "ignore"], default: hasRecord ? "after-deadline" : "report"),
              let message = input.builder(kinds, placeholders: deadline.placeholders)
        else { return nil }
        let rule = DeadlineRule(trigger: t, targets: targets, before: direction == "before", missing: missing, message: message)
        var fields = t.from.names
        for target in targets {
            switch target {
            case .field(let d): fields += d.names
            case .record(let s): fields += s.kinds.map { "\($0.name).\(s.date(of: $0)!.name)" }
            }
        }
        return CompiledCase(check: .child { run, out in rule.check(&run, &out) }, fields: fields.map { $0.contains(".") ? $0 : "\(kinds[0].name).\($0)" },
                            triggers: kinds)
    }

    static func compileFollowedBy(_ input: CaseInput) -> CompiledCase? {
        guard let t = trigger(input),
              let thenValue = input.required("then", "the record that must follow: { record: …, where: …, date: … }"),
              let then = input.source(thenValue, outer: t.selection.kinds, what: "then")
        else { return nil }
        var each: (field: FieldAccess, codes: ListRef)?
        if let v = input.value("each") {
            var fieldValue: YAMLValue?, listValue: YAMLValue?
            for e in input.reader.mapping(v, allowed: ["field", "in"], what: "each") {
                if e.key == "field" { fieldValue = e.value } else { listValue = e.value }
            }
            guard let fieldValue, let listValue else {
                input.reader.report("each needs 'field' (of the record that follows) and 'in' (the codes, each of which needs its own)", at: v)
                return nil
            }
            guard let f = input.field(fieldValue, input.names(then.kinds)) else { return nil }
            guard let codes = input.list(listValue, what: "each.in", codes: f.codes) else { return nil }
            each = (f, codes)
        }
        guard let message = input.builder(t.selection.kinds, placeholders: followedBy.placeholders) else { return nil }
        let rule = FollowedByRule(trigger: t, then: then, each: each, message: message)
        let kind = t.selection.kinds[0].name
        var fields = t.from.names.map { "\(kind).\($0)" } + then.kinds.map { "\($0.name).\(then.date(of: $0)!.name)" }
        if let each { fields.append("\(then.kinds[0].name).\(each.field.key.name)") }
        return CompiledCase(check: .child { run, out in rule.check(&run, &out) }, fields: fields, triggers: t.selection.kinds)
    }
}

/// A note's words for where a record came from: ` by police`.
func by(_ record: RecordRef) -> String {
    let a = record.record.agency.name
    return a == "unknown" ? "" : " by \(a)"
}
