import Check
import Model

/// One finding a row, for a spreadsheet: UTF-8 with a byte-order mark (so Excel reads it as
/// UTF-8), every field quoted, CRLF line ends (RFC 4180). A cell that a spreadsheet would
/// take for a formula (starting with `=`, `+`, `-`, `@`) is prefixed with `'`, so opening a
/// report can never run one.
public struct CSVRenderer: Sendable {
    public static let columns = ["severity", "rule", "name", "category", "message", "file", "line", "column",
                                 "logical path", "child id", "agency", "related", "fingerprint"]
    public var showValues: Bool

    public init(showValues: Bool) {
        self.showValues = showValues
    }

    public func render(_ result: LintResult) -> String {
        var out = "\u{FEFF}" + row(CSVRenderer.columns)
        for d in result.diagnostics {
            let rule = result.rule(d.ruleID)
            let related = d.notes.map { n in
                let at = n.location.line == 0 ? result.path(of: n.location.file) : "\(result.path(of: n.location.file)):\(n.location.line):\(n.location.column)"
                return "\(at): \(n.message.text(showValues: showValues))"
            }.joined(separator: "\n")
            out += row([
                d.severity.rawValue, d.ruleID, rule?.name ?? "", rule?.category.rawValue ?? "",
                d.message.text(showValues: showValues), result.path(of: d.location.file),
                d.location.line == 0 ? "" : String(d.location.line), d.location.column == 0 ? "" : String(d.location.column),
                d.path ?? "", d.childID ?? "", d.agency ?? "", related, result.fingerprint(d),
            ])
        }
        return out
    }

    private func row(_ cells: [String]) -> String {
        cells.map(CSVRenderer.quote).joined(separator: ",") + "\r\n"
    }

    public static func quote(_ cell: String) -> String {
        var s = cell
        if let first = s.first, "=+-@\t\r".contains(first) { s = "'" + s }
        return "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
