import ArgumentParser
import Check
import Config
import Foundation
import Pipeline

/// `--rules` and `--config` for the commands that list or explain rules: the rule packs of
/// the configuration (found from the current folder, or named) and those named here.
struct PackOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("A rule pack (YAML) whose rules to include (repeatable).", valueName: "path"))
    var rules: [String] = []

    @Option(help: "Include the rule packs of this configuration file instead of the .caselint.yml found from the current folder.")
    var config: String?

    /// Every rule: built-in, the configuration's packs and `--rules`. A mistake in a pack
    /// exits with status 2 after printing it.
    func catalogue() throws -> [Rule] { try loaded().rules }

    /// The built-in rules and the packs loaded, with where each pack rule is written.
    func loaded() throws -> RuleCatalogue {
        let configPath = config ?? Configuration.find(from: FileManager.default.currentDirectoryPath)
        let paths = (configPath.map { Configuration.rulePacks(in: $0) } ?? []) + rules
        switch RuleCatalogue.load(packs: paths) {
        case .success(let loaded): return loaded
        case .failure(let problems):
            printError(problems.description)
            throw ExitCode(2)
        }
    }
}
