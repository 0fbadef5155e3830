import ArgumentParser
import Check
import Checks
import Model
import Packs
import Pipeline

/// `caselint test-rules PACK…`: runs every example of every rule of the packs through the
/// real readers, linker and engine (as the test suite runs the built-in rules' examples),
/// and reports, compiler-style at the example's line, each that does not behave as
/// declared. A pack author's test, with no Swift and no test runner.
struct TestRulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-rules",
        abstract: "Run the examples of rule packs' rules; report each that does not trigger (or pass) as declared.",
        discussion: """
            Each rule's examples must trigger the rule (triggers:) or not (passes:). A failing example is \
            reported at its line in the pack: pack.yml:LINE:COL: error: example '…' should trigger LOCAL003 but did not.

            Exit status: 0 every example behaves as declared; 1 some do not; 2 a pack has a mistake \
            (reported at its line, as when a run loads it).
            """
    )

    @Argument(help: "Rule pack files (YAML).")
    var packs: [String] = []

    @Flag(help: "Test the built-in rule pack too (Checks/MultiAgency/pack).")
    var builtin = false

    @Flag(name: .shortAndLong, help: "Report every example, with what it found, not only those that fail.")
    var verbose = false

    @Flag(help: "Print personal values in the findings shown.")
    var showValues = false

    func validate() throws {
        if packs.isEmpty && !builtin { throw ValidationError("give at least one rule pack to test (or --builtin)") }
    }

    func run() throws {
        var tested: [RulePack] = builtin ? BuiltInPack.packs : []
        if !packs.isEmpty {
            switch RuleCatalogue.load(packs: packs) {
            case .success(let loaded): tested += loaded.packs
            case .failure(let problems):
                printError(problems.description)
                throw ExitCode(2)
            }
        }
        var rules = 0, examples = 0, failed = 0
        for pack in tested {
            for packRule in pack.rules {
                rules += 1
                let rule = packRule.rule
                for (example, at) in zip(rule.examples, packRule.examplePositions) {
                    examples += 1
                    let found = ExampleRunner.run(example, of: rule)
                    let place = "\(pack.path):\(at.line):\(at.column)"
                    let broken = found.filter { $0.ruleID == "CONFIG" || $0.ruleID == "EXAMPLE" }
                    let own = found.filter { $0.ruleID == rule.id }
                    if let problem = broken.first {
                        failed += 1
                        printOut("\(place): error: example '\(example.caption)' of \(rule.id) cannot run: \(problem.message.text(showValues: showValues))\n")
                    } else if example.triggers && own.isEmpty {
                        failed += 1
                        printOut("\(place): error: example '\(example.caption)' should trigger \(rule.id) but did not\n")
                    } else if !example.triggers && !own.isEmpty {
                        failed += 1
                        printOut("\(place): error: example '\(example.caption)' should not trigger \(rule.id) but did: \(own[0].message.text(showValues: showValues))\n")
                    } else if verbose {
                        let what = own.isEmpty ? "passes" : "triggers \(rule.id): \(own[0].message.text(showValues: showValues))"
                        printOut("\(place): note: example '\(example.caption)' \(what)\n")
                    }
                }
            }
        }
        let summary = "\(tested.count) pack\(tested.count == 1 ? "" : "s"), \(rules) rule\(rules == 1 ? "" : "s"), \(examples) example\(examples == 1 ? "" : "s"): "
            + (failed == 0 ? "all behave as declared" : "\(failed) do\(failed == 1 ? "es" : "") not behave as declared")
        printOut(summary + "\n")
        if failed > 0 { throw ExitCode(1) }
    }
}
