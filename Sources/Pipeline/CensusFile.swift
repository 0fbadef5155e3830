import Check
import Map
import Model

/// Checks one CIN census return as its children stream out of the mapper.
final class CensusFile: RecordSink {
    private let file: FileID
    private let rules: [Rule]
    private let forcedRuleset: Ruleset?
    private var checker: ReturnChecker?
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var children = 0
    private let maxFindings: Int
    /// Findings past the per-file limit: counted, not kept.
    private var overflow = 0

    init(file: FileID, rules: [Rule], ruleset: Ruleset?, limits: Limits = .defaults) {
        self.file = file
        self.rules = rules
        forcedRuleset = ruleset
        maxFindings = limits.maxFindingsPerFile
    }

    /// Keeps findings up to the per-file limit, so a file with millions of them costs
    /// bounded memory.
    private func keep(_ found: [Diagnostic]) {
        let room = maxFindings - diagnostics.count
        if found.count <= room {
            diagnostics.append(contentsOf: found)
        } else {
            if room > 0 { diagnostics.append(contentsOf: found.prefix(room)) }
            overflow += found.count - max(room, 0)
        }
    }

    func header(_ header: Child) {
        let h = header.person
        let reference = h.day(.referenceDate)
        let ruleset = forcedRuleset ?? Ruleset.forHeader(year: h[.year]?.integer, referenceDate: reference)
        let context = CheckContext(file: file, census: reference.map(CensusPeriod.init), ruleset: ruleset, header: header)
        checker = ReturnChecker(rules: rules, context: context)
    }

    func child(_ child: Child) {
        if checker == nil {
            // No header: rules run without a census year (those that need one stay quiet).
            let context = CheckContext(file: file, census: nil, ruleset: forcedRuleset ?? .latest, header: nil)
            checker = ReturnChecker(rules: rules, context: context)
        }
        children += 1
        keep(checker!.check(child))
        keep(checker!.observe(child))
    }

    func diagnostic(_ diagnostic: Diagnostic) {
        keep([diagnostic])
    }

    /// Ends the return. Rules over the whole return (duplicates, shares, the header) run
    /// only when it was `complete`: read to its end, not cut short by malformed XML or a
    /// limit, since their verdicts need every child.
    func finish(complete: Bool = true) {
        if complete, let checker { keep(checker.finish()) }
        if overflow > 0 {
            diagnostics.append(Diagnostic(
                ruleID: "LIM003", severity: .warning,
                message: "\(overflow) more findings in this file are not shown (the limit is \(maxFindings) per file)",
                location: .wholeFile(file)))
        }
    }
}
