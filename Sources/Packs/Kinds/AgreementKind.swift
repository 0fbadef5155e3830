import Check
import Model

/// `agreement`: the same field agrees across the child's records of a type (`record:`,
/// default `person`) from different agencies (`across: agencies`, the default) or from
/// different files (`across: sources`). The first record (the linked child's first
/// source) is the reference; each record of another agency that differs is a finding at
/// its value, with a note at the reference. Dates are compared as dates, codes without
/// regard to case; a personal value is withheld unless `--show-values`.
enum AgreementKind {
    static let kind = Kind(name: "agreement", keys: ["record", "when", "unless", "field", "across"],
                           placeholders: ["value", "other", "agency", "other-agency", "field", "record"], compile: compile)

    static func compile(_ input: CaseInput) -> CompiledCase? {
        var kinds: [RecordKind] = [.person]
        if input.value("record") != nil {
            guard let k = input.kinds() else { return nil }
            kinds = k
        }
        let names = input.names(kinds)
        let (when, okWhen) = input.optionalPredicate("when", names)
        let (unless, okUnless) = input.optionalPredicate("unless", names)
        guard okWhen, okUnless,
              let fv = input.required("field", "the field that must agree"),
              let field = input.field(fv, names),
              let across = input.choice("across", among: ["agencies", "sources"], default: "agencies"),
              let message = input.builder(kinds, placeholders: kind.placeholders)
        else { return nil }
        guard field.scope == .this, !field.isAgency else {
            input.reader.report("field must be a field of the \(kinds.map(\.name).joined(separator: " or ")) record itself", at: fv)
            return nil
        }
        let selection = Selection(kinds: kinds, when: when, unless: unless)
        let byAgency = across == "agencies"
        let isDate = field.type == .date
        return CompiledCase(check: .child { run, out in
            var reference: (field: Field, record: RecordRef, normal: String)?
            selection.each(run) { i in
                let record = run.ref(i)
                guard let f = record[field.key], !f.text.isEmpty else { return }
                let normal = isDate ? (f.day.map { "\($0)" } ?? f.text) : f.text.uppercased()
                guard let ref = reference else { reference = (f, record, normal); return }
                guard normal != ref.normal else { return }
                let a = record.record.agency, b = ref.record.record.agency
                let sameFile = f.location.file == ref.field.location.file
                if byAgency {
                    if a == b && (a.name != "unknown" || sameFile) { return }
                } else if sameFile {
                    return
                }
                var slots = Slots()
                slots["value"] = Slots.value(f.text, personal: field.personal)
                slots["other"] = Slots.value(ref.field.text, personal: field.personal)
                slots["agency"] = "\(a.name)"
                slots["other-agency"] = "\(b.name)"
                slots["field"] = "\(field.key.name)"
                slots["record"] = "\(record.kind.name)"
                let note = out.note("\(ref.field.source.name) recorded\(by(ref.record)) is \(Slots.value(ref.field.text, personal: field.personal)) here",
                                    at: ref.field, of: ref.record)
                out.report(message(slots, run, record: record), at: f, of: record, notes: [note])
            }
        }, fields: kinds.map { "\($0.name).\(field.key.name)" }, triggers: kinds)
    }
}
