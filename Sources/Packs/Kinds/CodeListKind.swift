import Check
import Config
import Map
import Model

/// `code-list` and `pattern`: every value of a field is one of a list of codes, or has a
/// form — a regular expression, or a check character (`nhs-number`, `upn`). One finding
/// per value that is not, at the value.
enum CodeListKind {
    static let codeList = Kind(name: "code-list", keys: ["record", "when", "unless", "field", "codes"],
                               placeholders: ["value", "field", "codes", "record"], compile: compileCodeList)
    static let pattern = Kind(name: "pattern", keys: ["record", "when", "unless", "field", "regex", "check"],
                              placeholders: ["value", "field", "record"], compile: compilePattern)

    /// Check-character functions a pattern rule may name.
    static let checks: [String: @Sendable (String) -> Bool] = [
        "nhs-number": CheckCharacters.isValidNHSNumber,
        "upn": CheckCharacters.isValidUPN,
    ]

    static func compileCodeList(_ input: CaseInput) -> CompiledCase? {
        guard let selection = Selection.read(input),
              let fv = input.required("field", "the coded field whose values it checks"),
              let field = input.field(fv, input.names(selection.kinds)),
              let cv = input.required("codes", "the values allowed: a list, a list parameter ($name), or 'standard' for the model's own list")
        else { return nil }
        let codes: ListRef
        if cv.scalarText == "standard" {
            guard let standard = field.codes else {
                input.reader.report("\(field.spelled) has no standard list of codes; list the codes allowed", at: cv)
                return nil
            }
            codes = .literal(standard)
        } else {
            guard let list = input.list(cv, what: "codes", codes: nil) else { return nil }
            codes = list
        }
        guard let message = input.builder(selection.kinds, placeholders: codeList.placeholders) else { return nil }
        let fields = ["\(selection.kinds[0].name).\(field.key.name)"]
        // A list written in the rule is the same for every child: its set is built here,
        // once. A list parameter may be configured, so it is read from the run for each
        // value tested. The list in words is made only for a finding.
        if case .literal(let list) = codes {
            let allowed = CodeSet(list)
            return values(selection, field, message, fields: fields, rejects: { _, text in !allowed.contains(text) },
                          codes: { _ in list })
        }
        return values(selection, field, message, fields: fields, rejects: { run, text in !codes.value(run).contains(text) },
                      codes: { run in codes.value(run) })
    }

    static func compilePattern(_ input: CaseInput) -> CompiledCase? {
        guard let selection = Selection.read(input),
              let fv = input.required("field", "the field whose values it checks"),
              let field = input.field(fv, input.names(selection.kinds))
        else { return nil }
        var test: (@Sendable (String) -> Bool)?
        if let v = input.value("check"), let name = input.reader.choice(v, what: "check", among: checks.keys.sorted()) {
            test = checks[name]
        }
        if let v = input.value("regex"), let text = input.reader.string(v, what: "regex") {
            do {
                let regex = RegexBox(try Regex(text))
                let previous = test
                test = { value in (previous?(value) ?? true) && regex.wholeMatches(value) }
            } catch {
                input.reader.report("regex is not a valid regular expression: \(error)", at: v)
                return nil
            }
        }
        guard let test else {
            if input.value("check") == nil && input.value("regex") == nil {
                input.reader.report("a pattern rule needs 'regex' (a regular expression the whole value must match) or 'check' (\(checks.keys.sorted().joined(separator: ", ")))", at: input.node)
            }
            return nil
        }
        guard let message = input.builder(selection.kinds, placeholders: pattern.placeholders) else { return nil }
        return values(selection, field, message, fields: ["\(selection.kinds[0].name).\(field.key.name)"],
                      rejects: { _, text in !test(text) }, codes: { _ in [] })
    }

    /// Reports each value of `field` in the selected records that `rejects`; `codes` gives
    /// the codes allowed, for the message. Both are called, not returned: a test handed
    /// out for each child retained its context, a count the checking threads share.
    private static func values(_ selection: Selection, _ field: FieldAccess, _ message: Message.Builder, fields: [String],
                               rejects: @escaping @Sendable (Run, String) -> Bool,
                               codes allowed: @escaping @Sendable (Run) -> [String]) -> CompiledCase {
        CompiledCase(check: .child { run, out in
            var codes: [String]?
            selection.each(run) { i in
                guard let index = field.recordIndex(run.env(i)) else { return }
                let record = run.ref(index)
                // Tested in place: fields are copied out only from a record that holds a
                // value to report (copying each matching field cost two a row).
                guard record.anyText(field.key, { rejects(run, $0) }) else { return }
                for f in record.all(field.key) {
                    guard !f.text.isEmpty, rejects(run, f.text) else { continue }
                    if codes == nil { codes = allowed(run) }
                    var slots = Slots()
                    slots["value"] = Slots.value(f.text, personal: field.personal)
                    slots["field"] = "\(f.source.name)"
                    slots["codes"] = "\(inWords(codes ?? []))"
                    slots["record"] = "\(record.kind.name)"
                    out.report(message(slots, run, record: record), at: f, of: record)
                }
            }
        }, fields: fields, triggers: selection.kinds)
    }
}

/// A compiled regular expression shared by the threads that check children. `Regex` is
/// not declared `Sendable`; matching does not change it.
final class RegexBox: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>
    init(_ regex: Regex<AnyRegexOutput>) { self.regex = regex }
    func wholeMatches(_ s: String) -> Bool { (try? regex.wholeMatch(in: s)) != nil }
}
