import Check
import Model

/// GitLab Code Quality report (a JSON array of Code Climate issues), which GitLab shows in
/// merge requests. Severity: error → critical, warning → minor, note → info. The
/// fingerprint is the finding's record identity, so GitLab tells new findings from old.
public struct GitLabRenderer: Sendable {
    public var showValues: Bool

    public init(showValues: Bool) {
        self.showValues = showValues
    }

    public func render(_ result: LintResult) -> String {
        let issues: [JSONWriter.Value] = result.diagnostics.map { d in
            var o = JSONWriter.Object()
            o["type"] = .string("issue")
            o["check_name"] = .string(d.ruleID)
            o["description"] = .string(d.message.text(showValues: showValues) + " [\(d.ruleID)]")
            if let rule = result.rule(d.ruleID) { o["categories"] = .array([.string(rule.category.rawValue)]) }
            o["severity"] = .string(severity(d.severity))
            o["fingerprint"] = .string(result.fingerprint(d))
            var lines = JSONWriter.Object()
            lines["begin"] = .int(max(1, Int(d.location.line)))
            var location = JSONWriter.Object()
            location["path"] = .string(result.path(of: d.location.file))
            location["lines"] = .object(lines)
            o["location"] = .object(location)
            return .object(o)
        }
        return JSONWriter.Value.array(issues).serialized(indent: 2) + "\n"
    }

    private func severity(_ s: Severity) -> String {
        switch s {
        case .error: "critical"
        case .warning: "minor"
        case .note: "info"
        }
    }
}
