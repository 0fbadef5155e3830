import Check
import Model

/// JUnit XML, which CI servers (GitLab, Jenkins, Azure DevOps) show as a test report: a
/// `testsuite` per file and a `testcase` per rule and file. A test case fails when the rule
/// found something at or above the failing level (`--fail-on`); findings below it are listed
/// in the case's `system-out`, so the report agrees with the run's exit status.
public struct JUnitRenderer: Sendable {
    public var showValues: Bool
    /// The lowest severity that fails a test case; nil when nothing fails (`--fail-on never`).
    public var failAt: Severity?

    public init(showValues: Bool, failAt: Severity? = .error) {
        self.showValues = showValues
        self.failAt = failAt
    }

    public func render(_ result: LintResult) -> String {
        var byFile: [[Diagnostic]] = Array(repeating: [], count: result.files.count)
        for d in result.diagnostics { byFile[Int(d.location.file.rawValue)].append(d) }

        var suites: [String] = []
        var totalTests = 0, totalFailures = 0
        for (i, file) in result.files.enumerated() {
            let facts = result.facts[i]
            let found = byFile[i]
            // A file that was skipped quietly and has no finding is not part of the report.
            if facts.format == nil && found.isEmpty { continue }
            var cases: [(rule: String, name: String, findings: [Diagnostic])] = []
            var seen = Set<String>()
            // A data file gets a case for every rule that applies to it; the suppressions file
            // only for what was found in it.
            if facts.format != nil && facts.format != "caselint-suppressions" {
                let ruleset = facts.ruleset.flatMap(Ruleset.init(name:))
                // Rules about the run itself (an unreadable path, the suppressions file) are
                // cases only where they found something.
                for rule in result.rules where (ruleset.map(rule.applies(to:)) ?? true) && !JUnitRenderer.aboutTheRun(rule.id) {
                    cases.append((rule.id, rule.name, found.filter { $0.ruleID == rule.id }))
                    seen.insert(rule.id)
                }
            }
            for d in found where !seen.contains(d.ruleID) {
                seen.insert(d.ruleID)
                cases.append((d.ruleID, result.rule(d.ruleID)?.name ?? "", found.filter { $0.ruleID == d.ruleID }))
            }
            var body = ""
            var failures = 0
            for c in cases {
                let failing = c.findings.filter { d in failAt.map { d.severity >= $0 } ?? false }
                let passing = c.findings.filter { d in !(failAt.map { d.severity >= $0 } ?? false) }
                let name = XMLText.escape(c.name.isEmpty ? c.rule : "\(c.rule) \(c.name)")
                let open = "    <testcase name=\"\(name)\" classname=\"\(XMLText.escape(file.path))\""
                if failing.isEmpty && passing.isEmpty {
                    body += open + "/>\n"
                    continue
                }
                body += open + ">\n"
                if !failing.isEmpty {
                    failures += 1
                    let worst = failing.map(\.severity).max()!
                    let summary = failing.count == 1 ? failing[0].message.text(showValues: showValues)
                                                     : "\(failing.count) findings"
                    body += "      <failure type=\"\(worst.rawValue)\" message=\"\(XMLText.escape(summary))\">"
                    body += XMLText.escape(failing.map { lines($0, in: result) }.joined()) + "</failure>\n"
                }
                if !passing.isEmpty {
                    body += "      <system-out>" + XMLText.escape(passing.map { lines($0, in: result) }.joined()) + "</system-out>\n"
                }
                body += "    </testcase>\n"
            }
            totalTests += cases.count
            totalFailures += failures
            suites.append("  <testsuite name=\"\(XMLText.escape(file.path))\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
                          + body + "  </testsuite>\n")
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"\(Tool.name)\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\" errors=\"0\">\n"
            + suites.joined() + "</testsuites>\n"
    }

    static func aboutTheRun(_ id: String) -> Bool { id.hasPrefix("IO") || id.hasPrefix("SUP") }

    /// The finding and its notes as GNU lines, as the text format prints them.
    private func lines(_ d: Diagnostic, in result: LintResult) -> String {
        var s = "\(place(d.location, result)): \(d.severity.rawValue): \(d.message.text(showValues: showValues)) [\(d.ruleID)]\n"
        for n in d.notes { s += "\(place(n.location, result)): note: \(n.message.text(showValues: showValues))\n" }
        return s
    }

    private func place(_ l: SourceLocation, _ result: LintResult) -> String {
        l.line == 0 ? result.path(of: l.file) : "\(result.path(of: l.file)):\(l.line):\(l.column)"
    }
}
