import Check
import Config
import Map
import Model
import Yams

/// Reads a rule's `examples:`: small inputs that must (`triggers:`) or must not
/// (`passes:`) make the rule report, written as interchange records inline — the
/// `.records` format Swift rules' examples use — one source (`records:`) or several
/// linked as a run links files (`sources:`), or as a CIN census `<Child>` (`cin-census:`).
/// Every record is checked against the model when the pack loads: record types, fields,
/// dates and yes/no values.
///
///     examples:
///       - triggers: a visit with no child-seen
///         records:
///           - { record: visit, laChildID: A1, date: 2024-03-01, seenAlone: true }
enum ExampleReader {
    static let keys = ["triggers", "passes", "records", "sources", "cin-census"]

    static func read(_ value: YAMLValue, _ reader: YAMLReader) -> [(example: Example, line: Int, column: Int)]? {
        var out: [(Example, Int, Int)] = []
        var ok = true
        for item in reader.sequence(value, what: "examples") {
            var entries: [String: YAMLValue] = [:]
            for e in reader.mapping(item, allowed: keys, what: "an example") { entries[e.key] = e.value }
            let triggers: Bool
            let caption: String
            if let t = entries["triggers"], let s = reader.string(t, what: "triggers") {
                triggers = true
                caption = s
            } else if let p = entries["passes"], let s = reader.string(p, what: "passes") {
                triggers = false
                caption = s
            } else {
                reader.report("an example needs 'triggers: what it shows' (the rule must report) or 'passes: what it shows' (it must not)", at: item)
                ok = false
                continue
            }
            if entries["triggers"] != nil && entries["passes"] != nil {
                reader.report("an example either triggers or passes, not both", at: item)
                ok = false
                continue
            }
            let inputs = ["records", "sources", "cin-census"].filter { entries[$0] != nil }
            guard inputs.count == 1 else {
                reader.report("an example needs one of 'records' (a list of records), 'sources' (a list of such lists, one per file) or 'cin-census' (a <Child> element)", at: item)
                ok = false
                continue
            }
            let example: Example?
            switch inputs[0] {
            case "records":
                example = records([entries["records"]!], reader).map { Example(triggers: triggers, format: .records, caption, $0) }
            case "sources":
                let sources = reader.sequence(entries["sources"]!, what: "sources")
                example = sources.isEmpty ? nil : records(sources, reader).map { Example(triggers: triggers, format: .records, caption, $0) }
            default:
                example = reader.string(entries["cin-census"]!, what: "cin-census").map { Example(triggers: triggers, format: .cinCensus, caption, $0) }
            }
            guard let example else { ok = false; continue }
            out.append((example, item.line, item.column))
        }
        return ok ? out : nil
    }

    /// The records of each source, checked, written as YAML documents (the `.records` text).
    private static func records(_ sources: [YAMLValue], _ reader: YAMLReader) -> String? {
        var documents: [String] = []
        for source in sources {
            let items = reader.sequence(source, what: "records")
            if items.isEmpty { reader.report("an example's source holds no records", at: source); return nil }
            var lines: [String] = []
            for item in items {
                guard let line = record(item, reader) else { return nil }
                lines.append(line)
            }
            documents.append(lines.joined(separator: "\n"))
        }
        return documents.joined(separator: "\n---\n")
    }

    /// One record as a YAML flow mapping, after checking its type, fields and values.
    private static func record(_ item: YAMLValue, _ reader: YAMLReader) -> String? {
        let entries = reader.mapping(item, what: "a record")
        guard let typeEntry = entries.first(where: { $0.key == "record" }),
              let typeName = reader.string(typeEntry.value, what: "record") else {
            reader.report("a record needs 'record': its type (\(Names.kindNames.joined(separator: ", ")))", at: item)
            return nil
        }
        guard let kind = Names.kind(typeName) else {
            reader.report(Names.unknownKind(typeName), at: typeEntry.value)
            return nil
        }
        var parts: [String] = []
        for (key, keyValue, value) in entries {
            if key == "record" { parts.append("record: \(quoted(typeName))"); continue }
            if key == "agency" {
                guard let a = reader.choice(value, what: "agency", among: Vocabulary.agencies) else { return nil }
                parts.append("agency: \(quoted(a))")
                continue
            }
            guard let spec = Schema.field(named: key), RowLayout.accepts(spec.key, in: kind) else {
                let allowed = Names.fieldNames(of: [kind]) + Schema.childIdentifiers.map(\.name) + ["agency"]
                let hint = Suggest.closest(key, among: allowed).map { "; did you mean '\($0)'?" } ?? ""
                reader.report("'\(key)' is not a field of a \(kind.name) record\(hint)", at: keyValue)
                return nil
            }
            let values: [YAMLValue]
            if let seq = value.node.sequence {
                guard spec.repeats else {
                    reader.report("\(key) holds one value, not a list", at: value)
                    return nil
                }
                values = seq.map { YAMLValue(node: $0, path: value.path) }
            } else {
                values = [value]
            }
            var texts: [String] = []
            for v in values {
                guard let text = reader.string(v, what: key) else { return nil }
                if let problem = invalid(text, spec) {
                    reader.report(problem, at: v)
                    return nil
                }
                texts.append(text)
            }
            parts.append(spec.repeats ? "\(key): [\(texts.map(quoted).joined(separator: ", "))]" : "\(key): \(quoted(texts[0]))")
        }
        return "- { " + parts.joined(separator: ", ") + " }"
    }

    /// Why an example's value is not one its field can hold, or nil.
    private static func invalid(_ text: String, _ spec: FieldSpec) -> String? {
        switch spec.type {
        case .date where Day(iso: text) == nil:
            return "\(spec.key.name) must be a date written yyyy-mm-dd, not '\(text)'"
        case .bool where Field.parseBool(text) == nil:
            return "\(spec.key.name) is yes or no (true or false), not '\(text)'"
        case .integer where Int(text) == nil:
            return "\(spec.key.name) is a whole number, not '\(text)'"
        case .code:
            guard let codes = spec.codes, !codes.contains(text) else { return nil }
            // An example may show a code outside the list on purpose (code-list rules):
            // only a near miss is taken for a typo.
            guard let near = Suggest.closest(text, among: codes) else { return nil }
            return "'\(text)' is not a standard \(spec.key.name) code; did you mean '\(near)'? (an example may hold a code outside the list, but not one a letter away from one in it)"
        default:
            return nil
        }
    }

    /// A YAML scalar: plain when it reads the same that way, else double-quoted.
    static func quoted(_ s: String) -> String {
        if isPlain(s) { return s }
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// Whether `s` can be written unquoted. Every pack example's values are read at each
    /// start-up: plain ASCII is judged byte by byte, not a `Character` at a time.
    private static func isPlain(_ s: String) -> Bool {
        guard let first = s.utf8.first, s.utf8.last != UInt8(ascii: " "), !s.contains(": "), !s.contains(" #") else { return false }
        if !s.utf8.contains(where: { $0 >= 0x80 }) {
            func alphanumeric(_ b: UInt8) -> Bool { (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || (b >= 0x30 && b <= 0x39) }
            return alphanumeric(first) && s.utf8.allSatisfy { alphanumeric($0) || " ._/@'-;".utf8.contains($0) }
        }
        return s.first.map { $0.isLetter || $0.isNumber } == true
            && s.allSatisfy { $0.isLetter || $0.isNumber || " ._/@'-;".contains($0) }
    }
}
