import Check
import Model

/// The JSON object of one finding, shared by the `json` report and the `jsonl` stream so the
/// two never drift apart. Its fields are documented in docs/json-format.md.
public struct FindingJSON: Sendable {
    public var showValues: Bool

    public init(showValues: Bool) {
        self.showValues = showValues
    }

    public func object(_ d: Diagnostic, in result: LintResult) -> JSONWriter.Object {
        let rule = result.rule(d.ruleID)
        var o = JSONWriter.Object()
        o["id"] = .string(d.ruleID)
        o["name"] = rule.map { .string($0.name) } ?? .null
        o["severity"] = .string(d.severity.rawValue)
        o["category"] = rule.map { .string($0.category.rawValue) } ?? .null
        o["message"] = .string(d.message.text(showValues: showValues))
        o["path"] = .string(result.path(of: d.location.file))
        o["line"] = position(d.location.line)
        o["column"] = position(d.location.column)
        o["logicalPath"] = optional(d.path)
        o["childID"] = optional(d.childID)
        o["agency"] = optional(d.agency)
        o["related"] = .array(d.notes.map { n in
            var r = JSONWriter.Object()
            r["message"] = .string(n.message.text(showValues: showValues))
            r["path"] = .string(result.path(of: n.location.file))
            r["line"] = position(n.location.line)
            r["column"] = position(n.location.column)
            r["logicalPath"] = optional(n.path)
            return .object(r)
        })
        o["fingerprint"] = .string(result.fingerprint(d))
        return o
    }

    /// Line and column are null for a finding about a whole file.
    private func position(_ n: UInt32) -> JSONWriter.Value { n == 0 ? .null : .int(Int(n)) }

    private func optional(_ s: String?) -> JSONWriter.Value { s.map(JSONWriter.Value.string) ?? .null }
}
