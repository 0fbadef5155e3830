import Check
import Model

/// One JSON object per finding, one per line: for streaming into other tools. Each object is
/// exactly a finding of the `json` report (docs/json-format.md).
public struct JSONLinesRenderer: Sendable {
    public var showValues: Bool

    public init(showValues: Bool) {
        self.showValues = showValues
    }

    public func render(_ result: LintResult) -> String {
        let finding = FindingJSON(showValues: showValues)
        var out = ""
        for d in result.diagnostics {
            out += JSONWriter.Value.object(finding.object(d, in: result)).serialized() + "\n"
        }
        return out
    }
}
