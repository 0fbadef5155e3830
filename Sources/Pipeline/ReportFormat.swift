import Check
import Model
import Report

/// The report formats `--format` accepts, and how each renders a run.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, jsonl, sarif, junit, github, gitlab, csv, html

    /// Renders `result`. `color` applies to text only; `failAt` decides which JUnit cases fail.
    public func render(_ result: LintResult, showValues: Bool, color: Bool = false, failAt: Severity? = .error,
                       summary: Bool = true) -> String {
        switch self {
        case .text: TextRenderer(color: color, showValues: showValues).render(result, summary: summary)
        case .json: JSONRenderer(showValues: showValues).render(result)
        case .jsonl: JSONLinesRenderer(showValues: showValues).render(result)
        case .sarif: SARIFRenderer(showValues: showValues).render(result)
        case .junit: JUnitRenderer(showValues: showValues, failAt: failAt).render(result)
        case .github: GitHubRenderer(showValues: showValues).render(result)
        case .gitlab: GitLabRenderer(showValues: showValues).render(result)
        case .csv: CSVRenderer(showValues: showValues).render(result)
        case .html: HTMLRenderer(showValues: showValues).render(result)
        }
    }
}

/// Where each report goes. The k-th `--output` belongs to the k-th `--format`; a format
/// without an output, or whose output is `-`, goes to standard output (only one may).
/// When every report goes to a file, the terminal still gets the text report unless
/// `--quiet`.
public struct OutputPlan: Sendable, Equatable {
    public struct Destination: Sendable, Equatable {
        public let format: ReportFormat
        /// nil for standard output.
        public let path: String?
    }
    public let destinations: [Destination]

    public init(formats: [ReportFormat], outputs: [String], quiet: Bool) throws(OutputPlanError) {
        let formats = formats.isEmpty ? [.text] : formats
        guard outputs.count <= formats.count else {
            throw OutputPlanError("there are more --output options than --format options; give a --format before each --output")
        }
        var list: [Destination] = []
        for (i, format) in formats.enumerated() {
            // `-` is standard output, as for most command-line tools.
            let path = i < outputs.count && outputs[i] != "-" ? outputs[i] : nil
            list.append(Destination(format: format, path: path))
        }
        let toStdout = list.filter { $0.path == nil }
        if toStdout.count > 1 {
            throw OutputPlanError("only one report can go to standard output, but \(toStdout.map(\.format.rawValue).joined(separator: " and ")) have no --output")
        }
        var seen = Set<String>()
        for d in list {
            if let p = d.path, !seen.insert(p).inserted { throw OutputPlanError("two reports would be written to \(p)") }
        }
        if toStdout.isEmpty && !quiet { list.append(Destination(format: .text, path: nil)) }
        destinations = list
    }

    /// The report standard output carries, if any.
    public var stdoutFormat: ReportFormat? { destinations.first { $0.path == nil }?.format }
}

public struct OutputPlanError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
