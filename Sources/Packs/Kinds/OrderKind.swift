import Check
import Model

/// `order`: date A is not after date B (`first: startDate`, `then: endDate`). A finding
/// at B when it is earlier, with a note at A. Either date may be a list of fields tried in
/// turn, or a field of the enclosing record (`parent.referralDate`) or of the child.
enum OrderKind {
    static let kind = Kind(name: "order", keys: ["record", "when", "unless", "first", "then"],
                           placeholders: ["first", "then", "first-field", "then-field", "days", "record"], compile: compile)

    static func compile(_ input: CaseInput) -> CompiledCase? {
        guard let selection = Selection.read(input) else { return nil }
        let names = input.names(selection.kinds)
        guard let fv = input.required("first", "the date that comes first"),
              let tv = input.required("then", "the date that must not be before it"),
              let first = input.dates(fv, names, what: "first"),
              let then = input.dates(tv, names, what: "then"),
              let message = input.builder(selection.kinds, placeholders: kind.placeholders)
        else { return nil }
        let fields = (first.names + then.names).map { "\(selection.kinds[0].name).\($0)" }
        return CompiledCase(check: .child { run, out in
            selection.each(run) { i in
                let env = run.env(i)
                guard let at = first.first(env), let bt = then.first(env), bt.day < at.day else { return }
                let (a, b) = (at.dated, bt.dated)
                var slots = Slots()
                slots["first"] = Slots.day(a.day, personal: a.personal)
                slots["then"] = Slots.day(b.day, personal: b.personal)
                slots["first-field"] = "\(a.field.source.name)"
                slots["then-field"] = "\(b.field.source.name)"
                slots["days"] = "\(a.day - b.day)"
                slots["record"] = "\(b.record.kind.name)"
                let note = out.note("\(a.field.source.name) is \(Slots.day(a.day, personal: a.personal)) here", at: a.field, of: a.record)
                out.report(message(slots, run, record: run.ref(i)), at: b.field, of: b.record, notes: [note])
            }
        }, fields: fields, triggers: selection.kinds)
    }
}
