import Check
import Checks
import Config
import Discover
import Pipeline

/// What the commands that lint (`check`, `chronology`) share: the configuration, found
/// from the first path or named, and the run's options built from it and the command
/// line (the command line wins).
struct RunSetup {
    var configuration: Configuration?
    var options: LintOptions
    /// Every rule the run knows: built-in, and the rule packs' (`rules:`, `--rules`).
    var catalogue: [Rule]

    /// Settings a command passes on from its command line.
    struct CommandLine {
        var paths: [String]
        var config: String?
        var select: [String] = []
        var ignore: [String] = []
        var ruleset: String?
        var jobs: Int?
        var profiles: [String] = []
        /// Rule packs named on the command line (`--rules`), after the configuration's.
        var rules: [String] = []
    }

    /// The setup, or the exit status after printing why there is none (2: a mistake in
    /// the configuration or an unknown rule id).
    static func make(_ c: CommandLine) -> Result<RunSetup, ExitStatus> {
        let configPath = c.config ?? Configuration.find(from: c.paths[0])
        // Rule packs load first: the configuration's rule-settings may name their rules.
        let packPaths = (configPath.map { Configuration.rulePacks(in: $0) } ?? []) + c.rules
        let loaded: RuleCatalogue
        switch RuleCatalogue.load(packs: packPaths) {
        case .success(let l): loaded = l
        case .failure(let problems):
            printError(problems.description)
            printError("caselint: error: \(problems.errors.count == 1 ? "a mistake" : "\(problems.errors.count) mistakes") in the rule packs; nothing was checked")
            return .failure(ExitStatus(2))
        }
        let catalogue = loaded.rules
        var configuration: Configuration?
        if let path = configPath {
            switch Configuration.load(path: path, rules: catalogue) {
            case .success(let loaded): configuration = loaded
            case .failure(let problems):
                printError(problems.description)
                printError("caselint: error: the configuration \(path) has \(problems.errors.count == 1 ? "a mistake" : "\(problems.errors.count) mistakes"); nothing was checked")
                return .failure(ExitStatus(2))
            }
        }
        let select = split(c.select), ignore = split(c.ignore)
        for (entry, suggestion) in RuleSelection.unknown(select + ignore, among: catalogue.map(\.id)) {
            printError("caselint: error: no rule id is or starts with '\(entry)'\(suggestion.map { "; did you mean \($0)?" } ?? "") ('caselint rules' lists them)")
            return .failure(ExitStatus(2))
        }
        var options = LintOptions(paths: c.paths)
        options.rulePacks = packPaths
        options.packRules = loaded.packRules
        options.ruleset = c.ruleset.flatMap(Ruleset.init(name:)) ?? configuration?.ruleset
        options.select = select.isEmpty ? (configuration?.select ?? []) : select
        options.ignore = (configuration?.ignore ?? []) + ignore
        if let jobs = c.jobs { options.jobs = jobs }
        // Profiles named on the command line first: the first profile that matches a file maps it.
        options.profiles = c.profiles + (configuration?.profiles ?? [])
        if let configuration {
            options.severities = configuration.severities
            options.parameters = configuration.parameters
            options.limits = configuration.limits
            if !configuration.include.isEmpty || !configuration.exclude.isEmpty {
                options.pathFilter = PathFilter(base: configuration.base, include: configuration.include.map(Glob.init),
                                                exclude: configuration.exclude.map(Glob.init))
            }
        }
        return .success(RunSetup(configuration: configuration, options: options, catalogue: catalogue))
    }

    static func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",").map { String($0).trimmingSpaces } }.filter { !$0.isEmpty }
    }
}

/// A process exit status carried as an error.
struct ExitStatus: Error {
    let code: Int32
    init(_ code: Int32) { self.code = code }
}
