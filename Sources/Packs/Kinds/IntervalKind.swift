import Check
import Config
import Model

/// `interval`: repeated events (`events:`) no more than a span apart (`every:`) while a
/// condition holds (`during:` an episode — a plan open, a placement). The stretches
/// measured are from the episode's start to the first event (`from-start`), between
/// consecutive events, and from the last event to the episode's end or the end of the
/// data (`to-end`). Episodes of one kind that overlap (one plan recorded by two
/// agencies) are one period. A finding points at the record that ends a stretch too
/// long (the late event, or the episode), with a note at the one that starts it.
enum IntervalKind {
    static let kind = Kind(name: "interval", keys: ["events", "during", "every", "from-start", "to-end", "absence"],
                           placeholders: ["from", "to", "gap", "every", "events", "record"], compile: compile)

    /// The episodes an interval rule runs within.
    struct During: Sendable {
        let kinds: [RecordKind]
        let filter: Pred?
        let start: DateFields
        let end: DateFields
    }

    static func compile(_ input: CaseInput) -> CompiledCase? {
        guard let ev = input.required("events", "the repeated records: visit, { record: visit, where: childSeen }, or a list"),
              let events = input.source(ev, outer: nil, what: "events"),
              let every = input.interval("every", "the longest stretch allowed between events ('10 working days', '$interval')")
        else { return nil }
        var during: During?
        if let v = input.value("during") {
            guard let d = readDuring(v, input) else { return nil }
            during = d
        }
        guard let fromStart = input.flag("from-start", default: true), let toEnd = input.flag("to-end", default: true),
              let absence = input.choice("absence", among: ["needs-evidence", "always"], default: "needs-evidence"),
              let message = input.builder(during?.kinds ?? events.kinds, placeholders: kind.placeholders)
        else { return nil }
        let rule = IntervalRule(events: events, during: during, every: every, fromStart: fromStart, toEnd: toEnd,
                                absenceAlways: absence == "always", message: message)
        var fields = events.kinds.map { "\($0.name).\(events.date(of: $0)!.name)" }
        if let during { fields += during.kinds.flatMap { k in (during.start.names + during.end.names).map { "\(k.name).\($0)" } } }
        // Stretches are measured within an episode, or from the first event when there is none.
        return CompiledCase(check: .child { run, out in rule.check(&run, &out) }, fields: fields,
                            triggers: during?.kinds ?? events.kinds)
    }

    /// `during: cpPlan` or `{ record: cpPlan, where: …, from: startDate, to: endDate }`.
    static func readDuring(_ v: YAMLValue, _ input: CaseInput) -> During? {
        var recordValue = v
        var whereValue: YAMLValue?, fromValue: YAMLValue?, toValue: YAMLValue?
        if v.node.mapping != nil {
            var found = false
            for e in input.reader.mapping(v, allowed: ["record", "where", "from", "to"], what: "during") {
                switch e.key {
                case "record": recordValue = e.value; found = true
                case "where": whereValue = e.value
                case "from": fromValue = e.value
                default: toValue = e.value
                }
            }
            if !found { input.reader.report("during needs 'record': the episode (cpPlan, careEpisode …)", at: v); return nil }
        }
        guard let kinds = input.kinds(in: recordValue, "during") else { return nil }
        let names = input.names(kinds)
        var start: DateFields?, end: DateFields?
        if let fromValue { start = input.dates(fromValue, names, what: "during.from") } else if let span = EventDate.span(for: kinds[0]) {
            start = DateFields(fields: [FieldAccess(scope: .this, key: span.start, type: .date, repeats: false, personal: false, codes: nil, isAgency: false)])
        }
        if let toValue { end = input.dates(toValue, names, what: "during.to") } else if let span = EventDate.span(for: kinds[0]) {
            end = DateFields(fields: [FieldAccess(scope: .this, key: span.end, type: .date, repeats: false, personal: false, codes: nil, isAgency: false)])
        }
        guard let start, let end else {
            input.reader.report("during needs an episode with a start and an end (cpPlan, careEpisode …), or 'from' and 'to' fields", at: v)
            return nil
        }
        var filter: Pred?
        if let whereValue {
            guard let p = input.predicate(whereValue, names) else { return nil }
            filter = p
        }
        return During(kinds: kinds, filter: filter, start: start, end: end)
    }
}
