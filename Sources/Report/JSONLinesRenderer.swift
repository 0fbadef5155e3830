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
        var out = JSONWriter.Stream(indent: nil, capacity: 700 * result.diagnostics.count + 64)
        for d in result.diagnostics {
            finding.write(d, in: result, to: &out)
            out.endLine()
        }
        return out.text
    }
}
