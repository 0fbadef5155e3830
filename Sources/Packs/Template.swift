import Check
import Model

/// A finding's message written in a pack: text with `{placeholders}` for the values that
/// matter — a parameter (`{notify-within}`), a value the kind measured (`{from}`, `{gap}`,
/// `{missing}`), or a field of the record (`{recordID}`). Split once when the pack loads;
/// a personal value (a birth date, a name) is withheld unless `--show-values`, as in
/// Swift rules' `\(personal:)`.
struct Template: Sendable {
    enum Part: Sendable {
        case text(String)
        case slot(String)
    }
    let parts: [Part]
    let source: String

    /// The template, or the first unknown placeholder's name and offset.
    static func parse(_ text: String, allowed: Set<String>) -> Result<Template, UnknownPlaceholder> {
        var parts: [Part] = []
        var literal = ""
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            if chars[i] == "{", let close = chars[(i + 1)...].firstIndex(of: "}") {
                let name = String(chars[(i + 1)..<close]).trimmingCharacters(in: " ")
                guard allowed.contains(name) else { return .failure(UnknownPlaceholder(name: name, offset: i)) }
                if !literal.isEmpty { parts.append(.text(literal)); literal = "" }
                parts.append(.slot(name))
                i = close + 1
                continue
            }
            literal.append(chars[i])
            i += 1
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        return .success(Template(parts: parts, source: text))
    }

    /// The message, asking `value` for each placeholder.
    func render(_ value: (String) -> Message) -> Message {
        var m: Message = ""
        for part in parts {
            switch part {
            case .text(let s):
                m.redacted += s
                m.revealed += s
            case .slot(let name):
                let v = value(name)
                m.redacted += v.redacted
                m.revealed += v.revealed
            }
        }
        return m
    }

    /// The template as documentation: parameters show their defaults, other placeholders
    /// stay as written.
    func documented(_ parameters: [Parameter]) -> String {
        var s = ""
        for part in parts {
            switch part {
            case .text(let t): s += t
            case .slot(let name): s += parameters.first { $0.name == name }?.defaultValue ?? "{\(name)}"
            }
        }
        return s
    }
}

/// A placeholder a template may not use, at its offset.
struct UnknownPlaceholder: Error {
    let name: String
    let offset: Int
}

/// The values a kind offers a message, filled in only when a finding is made.
struct Slots {
    var values: [String: Message] = [:]

    subscript(_ name: String) -> Message? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// A date: printed unless it is a personal one (a birth date).
    static func day(_ d: Day?, personal: Bool) -> Message {
        guard let d else { return "none" }
        return personal ? "\(personal: d)" : "\(d)"
    }

    /// A field's value, withheld when the field is personal.
    static func value(_ text: String, personal: Bool) -> Message {
        personal ? "\(personal: text)" : "\(text)"
    }
}
