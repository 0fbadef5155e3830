import Check
import Model

/// GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), which
/// GitHub shows as annotations on the run and the pull request. GitHub shows only the first
/// 10 annotations of each type per step, so errors come first, at most 10 of each type are
/// annotations, the rest are printed as plain GNU lines in the log, and a last line says how
/// many were not annotated.
public struct GitHubRenderer: Sendable {
    public static let annotationsPerType = 10
    public var showValues: Bool

    public init(showValues: Bool) {
        self.showValues = showValues
    }

    public func render(_ result: LintResult) -> String {
        var out = ""
        var plain = ""
        var left: [Severity: Int] = [:]
        for severity in [Severity.error, .warning, .note] {
            let found = result.diagnostics.filter { $0.severity == severity }
            for (i, d) in found.enumerated() {
                if i < GitHubRenderer.annotationsPerType {
                    out += annotation(d, in: result)
                } else {
                    plain += TextRenderer(color: false, showValues: showValues).lines(d, in: result)
                    left[severity, default: 0] += 1
                }
            }
        }
        out += plain
        out += "caselint: " + TextRenderer(color: false, showValues: showValues).summary(result)
        let more = [Severity.error, .warning, .note].compactMap { s -> String? in
            guard let n = left[s], n > 0 else { return nil }
            return "\(n) more \(n == 1 ? s.rawValue : s.rawValue + "s")"
        }
        if !more.isEmpty {
            out += "; GitHub shows \(GitHubRenderer.annotationsPerType) annotations of each type: \(more.joined(separator: " and ")) are listed above without annotations"
        }
        return out + "\n"
    }

    private func annotation(_ d: Diagnostic, in result: LintResult) -> String {
        let command: String = switch d.severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
        var properties = ["file=" + property(result.path(of: d.location.file))]
        if d.location.line > 0 {
            properties.append("line=\(d.location.line)")
            if d.location.column > 0 { properties.append("col=\(d.location.column)") }
        }
        let name = result.rule(d.ruleID)?.name
        properties.append("title=" + property(name.map { "\(d.ruleID) \($0)" } ?? d.ruleID))
        var message = d.message.text(showValues: showValues) + " [\(d.ruleID)]"
        for n in d.notes {
            let at = n.location.line == 0 ? result.path(of: n.location.file) : "\(result.path(of: n.location.file)):\(n.location.line):\(n.location.column)"
            message += "\nnote: \(at): \(n.message.text(showValues: showValues))"
        }
        return "::\(command) \(properties.joined(separator: ","))::\(data(message))\n"
    }

    /// Escapes a command's message.
    private func data(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Escapes a property value, which also may not hold `:` or `,`.
    private func property(_ s: String) -> String {
        data(s).split(separator: ":", omittingEmptySubsequences: false).joined(separator: "%3A")
            .split(separator: ",", omittingEmptySubsequences: false).joined(separator: "%2C")
    }
}
