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

    init(file: FileID, rules: [Rule], ruleset: Ruleset?) {
        self.file = file
        self.rules = rules
        forcedRuleset = ruleset
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
        diagnostics.append(contentsOf: checker!.check(child))
        diagnostics.append(contentsOf: checker!.observe(child))
    }

    func diagnostic(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    func finish() {
        if let checker { diagnostics.append(contentsOf: checker.finish()) }
    }
}
