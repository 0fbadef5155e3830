import Check
import Model

/// `attendance`: a meeting includes each of a list of agencies (`agencies:`) among the
/// values of a repeating field (`field:`, default `attendingAgency`). Records of one
/// meeting from several agencies (the same type and date) are one meeting: who attended
/// is what any of them records. One finding per meeting, at its first record, with notes
/// at the others.
enum AttendanceKind {
    static let kind = Kind(name: "attendance", keys: ["record", "when", "unless", "field", "agencies"],
                           placeholders: ["missing", "agencies", "date", "record"], compile: compile)

    static func compile(_ input: CaseInput) -> CompiledCase? {
        guard let selection = Selection.read(input) else { return nil }
        let names = input.names(selection.kinds)
        var field: FieldAccess?
        if let v = input.value("field") {
            field = input.field(v, names)
        } else {
            do throws(ExpressionError) { field = try names.field(["attendingAgency"], at: 0) } catch {
                input.reader.report("a \(selection.kinds.map(\.name).joined(separator: " or ")) record has no attendingAgency: name the field that lists who attended with 'field:'", at: input.node)
                return nil
            }
        }
        guard let field,
              let av = input.required("agencies", "the agencies that must attend: a list, or a list parameter ($required-agencies)"),
              let agencies = input.list(av, what: "agencies", codes: field.codes),
              let message = input.builder(selection.kinds, placeholders: kind.placeholders)
        else { return nil }
        var keys: [RecordKind: FieldKey] = [:]
        for k in selection.kinds { keys[k] = EventDate.key(for: k) }
        let dates = keys
        let kinds = selection.kinds
        return CompiledCase(check: .child { run, out in
            var required: [String]?
            var judged: [(kind: RecordKind, day: Day)] = []
            selection.each(run) { i in
                let record = run.ref(i)
                let day = dates[record.kind].flatMap { record.day($0) }
                if let day {
                    if judged.contains(where: { $0.kind == record.kind && $0.day == day }) { return }
                    judged.append((record.kind, day))
                }
                if required == nil { required = agencies.value(run) }
                // The meeting's records: this one, and those of its type and date by others.
                var meeting = [i]
                if let day, let key = dates[record.kind] {
                    for j in run.records.indices where j != i && run.records[j].kind == record.kind {
                        if run.ref(j).day(key) == day { meeting.append(j) }
                    }
                }
                let missing = required!.filter { agency in !meeting.contains { field.any(run.env($0)) { $0 == agency } } }
                guard !missing.isEmpty else { return }
                var slots = Slots()
                slots["missing"] = "\(inWords(missing))"
                slots["agencies"] = "\(inWords(required!))"
                slots["date"] = "\(day.map { "\($0)" } ?? "no date")"
                slots["record"] = "\(record.kind.name)"
                let notes = meeting.dropFirst().map { j -> Note in
                    let other = run.ref(j)
                    return out.note("the same \(other.kind.name) recorded\(by(other)) here", at: other)
                }
                let message = message(slots, run, record: record)
                if let f = record[field.key], !f.text.isEmpty {
                    out.report(message, at: f, of: record, notes: notes)
                } else {
                    out.report(message, at: record, missing: field.key.name, notes: notes)
                }
            }
        }, fields: kinds.map { "\($0.name).\(field.key.name)" }, triggers: kinds)
    }
}
