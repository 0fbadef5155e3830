import Check
import Checks
import Model
import Pipeline
import Testing

/// Every rule's examples run through the real reader, mapper and engine.
@Suite struct RuleExampleTests {
    static let rulesWithExamples = Catalogue.rules.filter { !$0.examples.isEmpty }

    @Test(arguments: rulesWithExamples)
    func examplesBehaveAsDeclared(rule: Rule) {
        for example in rule.examples {
            let found = ExampleRunner.run(example, of: rule)
            #expect(!found.contains { $0.ruleID == "CONFIG" || $0.ruleID == "EXAMPLE" },
                    "\(rule.id) example cannot run: \(example.caption): \(found.map(\.message.redacted))")
            if example.triggers {
                #expect(found.contains { $0.ruleID == rule.id }, "\(rule.id) should trigger: \(example.caption)")
            } else {
                #expect(found.isEmpty, "\(rule.id) should not trigger: \(example.caption); got \(found.map(\.message.redacted))")
            }
        }
    }

    /// Rules that judge a file as a whole (unreadable path, not an export) are tested by
    /// the command-line tests instead.
    static let fileLevel: Set<String> = ["IO001", "IO002", "SUP001", "SUP002"]

    @Test(arguments: Catalogue.rules.filter { !fileLevel.contains($0.id) })
    func everyRuleHasExamplesThatMustAndMustNotTrigger(rule: Rule) {
        #expect(rule.examples.contains { $0.triggers }, "\(rule.id) has no example that triggers")
        #expect(rule.examples.contains { !$0.triggers }, "\(rule.id) has no example that passes")
    }

    @Test func ruleDocumentationIsComplete() {
        var ids = Set<String>()
        for rule in Catalogue.rules {
            #expect(ids.insert(rule.id).inserted, "duplicate rule id \(rule.id)")
            #expect(rule.name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(rule.id) name is not kebab-case")
            #expect(!rule.message.isEmpty && !rule.rationale.isEmpty && !rule.source.isEmpty, "\(rule.id) lacks documentation")
        }
    }

    @Test func dfeQueriesAreWarningsAndErrorsAreErrors() {
        for rule in Catalogue.rules where rule.id.hasPrefix("CIN") {
            #expect(rule.severity == (rule.id.hasSuffix("Q") ? .warning : .error), "\(rule.id)")
        }
    }
}
