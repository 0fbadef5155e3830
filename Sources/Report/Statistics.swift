import Check
import Model

/// Counts of findings per rule, for `--statistics` and report totals.
public enum Statistics {
    public static func countsByRule(_ result: LintResult) -> [String: Int] {
        var counts: [String: Int] = [:]
        for d in result.diagnostics { counts[d.ruleID, default: 0] += 1 }
        return counts
    }

    /// One line per rule with findings, most frequent first (ties by id):
    /// `   12  CIN1104   warning  initial-conference-before-referral`.
    public static func render(_ result: LintResult) -> String {
        let counts = countsByRule(result).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        guard !counts.isEmpty else { return "no findings\n" }
        let countWidth = String(counts[0].value).count
        let idWidth = counts.map(\.key.count).max() ?? 0
        var out = ""
        for (id, n) in counts {
            let rule = result.rule(id)
            let severity = rule?.severity.rawValue ?? result.diagnostics.first { $0.ruleID == id }?.severity.rawValue ?? ""
            out += pad(String(n), countWidth, left: true) + "  " + pad(id, idWidth) + "  " + pad(severity, 7) + "  " + (rule?.name ?? "") + "\n"
        }
        return out.replacingTrailingSpaces()
    }

    static func pad(_ s: String, _ w: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, w - s.count))
        return left ? fill + s : s + fill
    }
}

extension String {
    /// Trims spaces at the end of every line.
    func replacingTrailingSpaces() -> String {
        split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in
                var l = Substring(line)
                while l.last == " " { l.removeLast() }
                return String(l)
            }
            .joined(separator: "\n")
    }
}
