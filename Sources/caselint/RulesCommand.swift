import ArgumentParser
import Check
import Checks
import Model
import Pipeline

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules: id, name, severity, category."
    )

    @Option(help: "Only rules of this CIN census ruleset (e.g. cin2026_27).")
    var ruleset: String?

    @Option(help: "Only rules of this category: \(Category.allCases.map(\.rawValue).joined(separator: ", ")).")
    var category: String?

    @OptionGroup var packs: PackOptions

    func validate() throws {
        if let ruleset, Ruleset(name: ruleset) == nil {
            throw ValidationError("unknown ruleset '\(ruleset)'; known rulesets: \(Ruleset.all.map(\.name).joined(separator: ", "))")
        }
        if let category, Category(rawValue: category) == nil {
            throw ValidationError("unknown category '\(category)'; categories: \(Category.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        var rules = try packs.catalogue()
        if let set = ruleset.flatMap(Ruleset.init(name:)) { rules = rules.filter { $0.applies(to: set) } }
        if let category { rules = rules.filter { $0.category.rawValue == category } }
        let idWidth = max(2, rules.map(\.id.count).max() ?? 0)
        let nameWidth = max(4, rules.map(\.name.count).max() ?? 0)
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
        print("\(pad("ID", idWidth))  \(pad("NAME", nameWidth))  \(pad("SEVERITY", 8))  CATEGORY")
        for rule in rules {
            print("\(pad(rule.id, idWidth))  \(pad(rule.name, nameWidth))  \(pad(rule.severity.rawValue, 8))  \(rule.category.rawValue)")
        }
        print("\(rules.count) rules")
    }
}
