import Check
import Model

/// The JSON object of one finding, shared by the `json` report and the `jsonl` stream so the
/// two never drift apart. Its fields are documented in docs/json-format.md.
public struct FindingJSON: Sendable {
    public var showValues: Bool

    public init(showValues: Bool) {
        self.showValues = showValues
    }

    /// Writes the finding as one object of `out`.
    public func write(_ d: Diagnostic, in result: LintResult, to out: inout JSONWriter.Stream) {
        let rule = result.rule(d.ruleID)
        out.object { o in
            o.key("id"); o.string(d.ruleID)
            o.key("name"); o.string(rule?.name)
            o.key("severity"); o.string(d.severity.rawValue)
            o.key("category"); o.string(rule?.category.rawValue)
            o.key("message"); o.string(d.message.text(showValues: showValues))
            o.key("path"); o.string(result.path(of: d.location.file))
            o.key("line"); position(d.location.line, &o)
            o.key("column"); position(d.location.column, &o)
            o.key("logicalPath"); o.string(d.path)
            o.key("childID"); o.string(d.childID)
            o.key("agency"); o.string(d.agency)
            o.key("related")
            o.array { related in
                for n in d.notes {
                    related.element()
                    related.object { r in
                        r.key("message"); r.string(n.message.text(showValues: showValues))
                        r.key("path"); r.string(result.path(of: n.location.file))
                        r.key("line"); position(n.location.line, &r)
                        r.key("column"); position(n.location.column, &r)
                        r.key("logicalPath"); r.string(n.path)
                    }
                }
            }
            o.key("fingerprint"); o.string(result.fingerprint(d))
        }
    }

    /// Line and column are null for a finding about a whole file.
    private func position(_ n: UInt32, _ out: inout JSONWriter.Stream) {
        if n == 0 { out.null() } else { out.int(Int(n)) }
    }
}
