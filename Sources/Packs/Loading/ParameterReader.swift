import Check
import Config
import Model

/// Reads a rule's `parameters:`: each a name with a kind (the same `ParameterKind`s Swift
/// rules declare, so `.caselint.yml` `rule-settings:` checks and sets them the same way),
/// a default, a summary and the source of the default.
///
///     parameters:
///       visit-interval:
///         kind: interval
///         default: 10 working days
///         summary: longest time between visits while a plan is open
///         source: Central Bedfordshire child protection procedures
enum ParameterReader {
    static let kinds = ["integer", "interval", "text", "list", "codes", "choice", "flag", "share"]
    static let keys = ["kind", "default", "summary", "source", "of", "min", "max"]

    /// Code lists a `codes` or `choice` parameter may name by name.
    static let vocabularies: [String: [String]] = [
        "agencies": Vocabulary.agencies,
        "relationships": Vocabulary.relationships,
        "practitioner-roles": Vocabulary.practitionerRoles,
        "notification-subjects": Vocabulary.notificationSubjects,
        "risk-factors": Vocabulary.riskFactors,
    ]

    static func read(_ value: YAMLValue, _ reader: YAMLReader) -> [PackParameter]? {
        var out: [PackParameter] = []
        var ok = true
        for (name, nameValue, spec) in reader.mapping(value, what: "parameters") {
            guard isKebab(name) else {
                reader.report("parameter names are kebab-case (visit-interval), not '\(name)'", at: nameValue)
                ok = false
                continue
            }
            var entries: [String: YAMLValue] = [:]
            for e in reader.mapping(spec, allowed: keys, what: "parameter \(name)") { entries[e.key] = e.value }
            guard let kv = entries["kind"] else {
                reader.report("parameter \(name) needs 'kind': one of \(kinds.joined(separator: ", "))", at: nameValue)
                ok = false
                continue
            }
            guard let kindName = reader.choice(kv, what: "kind", among: kinds) else { ok = false; continue }
            var kind: ParameterKind
            switch kindName {
            case "integer":
                let min = entries["min"].flatMap { reader.integer($0, what: "min") } ?? 0
                let max = entries["max"].flatMap { reader.integer($0, what: "max") } ?? 1_000_000
                guard min <= max else { reader.report("min must not be more than max", at: spec); ok = false; continue }
                kind = .integer(min...max)
            case "interval": kind = .interval
            case "text": kind = .text
            case "list": kind = .list
            case "flag": kind = .flag
            case "share": kind = .share
            default:
                guard let ov = entries["of"] else {
                    reader.report("a \(kindName) parameter needs 'of': its codes, as a list or the name of a standard list (\(vocabularies.keys.sorted().joined(separator: ", ")))", at: kv)
                    ok = false
                    continue
                }
                var options: [String]
                if ov.node.sequence == nil, let s = ov.scalarText {
                    guard let v = vocabularies[s] else {
                        let hint = Suggest.closest(s, among: Array(vocabularies.keys)).map { "; did you mean '\($0)'?" } ?? ""
                        reader.report("'\(s)' is not a standard list\(hint) (lists: \(vocabularies.keys.sorted().joined(separator: ", "))); or give the codes as a list", at: ov)
                        ok = false
                        continue
                    }
                    options = v
                } else {
                    options = reader.strings(ov, what: "of")
                }
                kind = kindName == "codes" ? .codes(options) : .choice(options)
            }
            guard let dv = entries["default"] else {
                reader.report("parameter \(name) needs 'default': the value when .caselint.yml sets none", at: nameValue)
                ok = false
                continue
            }
            let input: ParameterInput
            let written: String
            if let seq = dv.node.sequence {
                let items = seq.compactMap { reader.string(YAMLValue(node: $0, path: dv.path), what: "each entry of default") }
                input = .list(items)
                written = items.joined(separator: ", ")
            } else if let s = reader.string(dv, what: "default") {
                input = .scalar(s)
                written = s
            } else { ok = false; continue }
            if case .failure(let e) = kind.parse(input) {
                reader.report("the default of \(name) \(e.description)", at: dv)
                ok = false
                continue
            }
            let summary = entries["summary"].flatMap { reader.string($0, what: "summary") } ?? ""
            let source = entries["source"].flatMap { reader.string($0, what: "source") } ?? ""
            if summary.isEmpty || source.isEmpty {
                reader.report("parameter \(name) needs a 'summary' (what it sets) and a 'source' (where its default comes from)", at: nameValue)
                ok = false
                continue
            }
            let parameter = Parameter(name: name, defaultValue: written, summary: summary, source: source, kind: kind)
            out.append(PackParameter(name: name, kind: kind, slot: out.count, parameter: parameter))
        }
        return ok ? out : nil
    }

    static func isKebab(_ s: String) -> Bool {
        !s.isEmpty && s.first!.isLetter && s.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "-" }
    }
}
