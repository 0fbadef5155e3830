import Check
import Model

/// A rule's documentation as plain text, for `caselint explain`.
public enum RuleText {
    /// `writtenIn`: for a rule of a rule pack, the pack and the line the rule starts at.
    public static func explain(_ rule: Rule, writtenIn: String? = nil) -> String {
        var s = "\(rule.id)  \(rule.name)\n"
        s += "  severity:  \(rule.severity.rawValue)\n"
        s += "  category:  \(rule.category.rawValue)\n"
        s += "  message:   \(rule.message)\n"
        if let years = rule.years {
            let first = "cin\(years.lowerBound - 1)_\(years.lowerBound % 100)"
            let last = "cin\(years.upperBound - 1)_\(years.upperBound % 100)"
            s += "  rulesets:  \(first == last ? first : "\(first) to \(last)")\n"
        }
        if !rule.fields.isEmpty { s += "  fields:    \(rule.fields.joined(separator: ", "))\n" }
        s += "  source:    \(rule.source)\n"
        if let writtenIn { s += "  rule pack: \(writtenIn)\n" }
        s += "\n" + wrap(rule.rationale, indent: "  ") + "\n"
        if !rule.parameters.isEmpty {
            s += "\nParameters:\n"
            for p in rule.parameters {
                s += "  \(p.name) = \(p.defaultValue)  \(p.summary) (\(p.source)); \(p.kind.summary)\n"
            }
        }
        if !rule.examples.isEmpty {
            s += "\nExamples:\n"
            for e in rule.examples {
                let format = e.format == .cinCensus ? "" : " (\(e.format.rawValue))"
                s += "  \(e.triggers ? "triggers" : "passes"): \(e.caption)\(format)\n"
                for line in e.input.split(separator: "\n", omittingEmptySubsequences: false) {
                    s += "      \(line)\n"
                }
                if let profile = e.profile {
                    s += "    read through the mapping profile:\n"
                    for line in profile.split(separator: "\n", omittingEmptySubsequences: false) { s += "      \(line)\n" }
                }
            }
        }
        return s
    }

    /// Wraps text at 90 columns.
    static func wrap(_ text: String, indent: String) -> String {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > 90, line != indent {
                lines.append(line)
                line = indent
            }
            line += (line == indent ? "" : " ") + word
        }
        if line != indent { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}

extension RuleText {
    /// A rule's help as plain text: what it checks, why, and its source and parameters.
    public static func helpText(_ rule: Rule) -> String {
        var s = "\(sentence(rule.message))\n\n\(rule.rationale)\n\nSource: \(sentence(rule.source))"
        if !rule.parameters.isEmpty {
            s += "\n\nParameters:"
            for p in rule.parameters { s += "\n- \(p.name) (default \(p.defaultValue)): \(p.summary)" }
        }
        s += "\n\nRun `caselint explain \(rule.id)` for examples."
        return s
    }

    /// The same as Markdown, for viewers that render it.
    public static func helpMarkdown(_ rule: Rule) -> String {
        var s = "**\(rule.id) \(rule.name)**: \(sentence(rule.message))\n\n\(rule.rationale)\n\n*Source:* \(sentence(rule.source))"
        if !rule.parameters.isEmpty {
            s += "\n\n*Parameters:*\n"
            for p in rule.parameters { s += "\n- `\(p.name)` (default `\(p.defaultValue)`): \(p.summary)" }
        }
        s += "\n\nRun `caselint explain \(rule.id)` for examples."
        return s
    }

    /// Ends `s` with a full stop unless it ends with punctuation already.
    static func sentence(_ s: String) -> String {
        guard let last = s.last else { return s }
        return ".!?)".contains(last) ? s : s + "."
    }
}
