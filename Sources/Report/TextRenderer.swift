import Check
import Model

/// GNU-style diagnostics, the form editors and CI logs parse:
/// `path:line:col: error: message [ID]`, then `note:` lines, then a summary.
public struct TextRenderer: Sendable {
    public var color: Bool
    public var showValues: Bool

    public init(color: Bool, showValues: Bool) {
        self.color = color
        self.showValues = showValues
    }

    public func render(_ result: LintResult) -> String {
        render(result, summary: true)
    }

    /// The findings, then (unless `summary` is false, as with `--quiet`) the lines about the
    /// baseline and the summary line.
    public func render(_ result: LintResult, summary withSummary: Bool) -> String {
        var out = ""
        for d in result.diagnostics { out += lines(d, in: result) }
        guard withSummary else { return out }
        if let baseline = result.hidden.baselinePath {
            for gone in result.hidden.goneFromBaseline {
                let what = [gone.childID.map { "child \($0)" }, gone.logicalPath].compactMap { $0 }.joined(separator: ", ")
                out += line(baseline, label(.note), "baselined finding no longer found\(what.isEmpty ? "" : " (\(what))"): \(gone.message) [\(gone.rule)]")
            }
        }
        out += summary(result) + "\n"
        return out
    }

    /// One finding and its notes.
    public func lines(_ d: Diagnostic, in result: LintResult) -> String {
        var out = line(location(d.location, in: result), label(d.severity), d.message.text(showValues: showValues) + " [\(d.ruleID)]")
        for note in d.notes {
            out += line(location(note.location, in: result), label(.note), note.message.text(showValues: showValues))
        }
        return out
    }

    /// `9 files, 341 children: 120 errors, 300 warnings`.
    public func summary(_ result: LintResult) -> String {
        let files = plural(result.filesChecked, "file", "files")
        let children = plural(result.children, "child", "children")
        let errors = plural(result.count(.error), "error", "errors")
        let warnings = plural(result.count(.warning), "warning", "warnings")
        var s = "\(files), \(children): \(errors), \(warnings)"
        let notes = result.count(.note)
        if notes > 0 { s += ", " + plural(notes, "note", "notes") }
        var hidden: [String] = []
        if result.hidden.baselined > 0 { hidden.append("\(result.hidden.baselined) in the baseline") }
        if result.hidden.suppressed > 0 { hidden.append("\(result.hidden.suppressed) suppressed") }
        if !hidden.isEmpty { s += " (not shown: \(hidden.joined(separator: ", ")))" }
        let gone = result.hidden.goneFromBaseline.count
        if gone > 0 { s += "; \(plural(gone, "baselined finding is", "baselined findings are")) no longer found: rewrite the baseline with --write-baseline to prune" }
        if result.unreadable > 0 { s += "; \(plural(result.unreadable, "path", "paths")) could not be read" }
        return s
    }

    private func plural(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }

    private func location(_ l: SourceLocation, in result: LintResult) -> String {
        let path = result.path(of: l.file)
        return l.line == 0 ? path : "\(path):\(l.line):\(l.column)"
    }

    private func label(_ s: Severity) -> String {
        guard color else { return s.rawValue }
        switch s {
        case .error: return "\u{1B}[1;31merror\u{1B}[0m"
        case .warning: return "\u{1B}[1;35mwarning\u{1B}[0m"
        case .note: return "\u{1B}[1;30mnote\u{1B}[0m"
        }
    }

    private func line(_ location: String, _ label: String, _ message: String) -> String {
        let loc = color ? "\u{1B}[1m\(location):\u{1B}[0m" : "\(location):"
        return "\(loc) \(label): \(message)\n"
    }
}
