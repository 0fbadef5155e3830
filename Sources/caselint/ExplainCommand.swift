import ArgumentParser
import Check
import Checks
import Model
import Pipeline
import Report

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a rule: what it checks, why, its source and its examples."
    )

    @Argument(help: "A rule id, such as CIN8925.")
    var id: String

    @OptionGroup var packs: PackOptions

    func run() throws {
        let catalogue = try packs.loaded()
        let rules = catalogue.rules
        guard let rule = rules.first(where: { $0.id == id.uppercased() }) else {
            let suggestion = Suggest.closest(id.uppercased(), among: rules.map(\.id)).map { " (did you mean \($0)?)" } ?? ""
            printError("caselint: error: no rule with id '\(id)'\(suggestion); 'caselint rules' lists them")
            throw ExitCode(2)
        }
        // A pack rule says where it is written, so it can be read and changed there.
        let written = (BuiltInPack.packs + catalogue.packs).lazy.compactMap { pack in
            pack.rules.first { $0.rule.id == rule.id }.map { "\(pack.name) \(pack.version), \(pack.path):\($0.line)" }
        }.first
        print(RuleText.explain(rule, writtenIn: written), terminator: "")
    }
}
