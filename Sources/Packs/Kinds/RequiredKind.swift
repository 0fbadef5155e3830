import Check
import Config
import Model

/// `required`: a record must hold fields — all of `fields`, or at least one of the
/// alternatives of `one-of` (an alternative may be several fields that count together:
/// a given name *and* a birth date) — optionally only when a condition holds. One finding
/// per record, at the record, naming what is missing.
enum RequiredKind {
    static let kind = Kind(name: "required", keys: ["record", "when", "unless", "fields", "one-of"],
                           placeholders: ["missing", "record"], compile: compile)

    static func compile(_ input: CaseInput) -> CompiledCase? {
        guard let selection = Selection.read(input) else { return nil }
        let kinds = selection.kinds
        var all: [FieldAccess] = []
        var alternatives: [[FieldAccess]] = []
        if let v = input.value("fields") {
            guard let f = input.fields(in: v, kinds, what: "fields") else { return nil }
            all = f
        }
        if let v = input.value("one-of") {
            guard let items = v.node.sequence, !items.isEmpty else {
                input.reader.report("one-of must be a list of fields (or of lists of fields that count together)", at: v)
                return nil
            }
            for node in items {
                let item = YAMLValue(node: node, path: v.path)
                guard let group = input.fields(in: item, kinds, what: "an entry of one-of") else { return nil }
                alternatives.append(group)
            }
        }
        if all.isEmpty && alternatives.isEmpty {
            input.reader.report("a required rule needs 'fields' (each must be present) or 'one-of' (at least one must be)", at: input.node)
            return nil
        }
        guard let message = input.builder(kinds, placeholders: kind.placeholders) else { return nil }
        let required = all, groups = alternatives
        let choices = alternatives.map { $0.map(\.spelled).joined(separator: " and ") }
        let oneOfText = choices.count < 2 ? choices.joined() : choices.dropLast().joined(separator: ", ") + ", or " + choices.last!
        let fieldNames = (all + alternatives.flatMap { $0 }).map { "\(kinds[0].name).\($0.key.name)" }
        return CompiledCase(check: .child { run, out in
            selection.each(run) { i in
                let env = run.env(i)
                var missing: [String] = []
                for f in required where !f.isPresent(env) { missing.append(f.spelled) }
                if !groups.isEmpty, !groups.contains(where: { group in group.allSatisfy { $0.isPresent(env) } }) {
                    missing.append(oneOfText)
                }
                guard !missing.isEmpty else { return }
                let record = run.ref(i)
                var slots = Slots()
                slots["missing"] = "\(inWords(missing))"
                slots["record"] = "\(record.kind.name)"
                out.report(message(slots, run, record: record), at: record, missing: missing.joined(separator: ","))
            }
        }, fields: fieldNames, triggers: kinds)
    }
}
