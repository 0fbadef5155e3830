import ArgumentParser
import Check
import Model
import Pipeline
import Report
#if canImport(Glibc)
import Glibc
#endif

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, jsonl
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check export files and folders (the default command).",
        discussion: "Folders are walked recursively; each file's format is detected from its content."
    )

    @Argument(help: "Files and folders to check.")
    var paths: [String] = []

    @Option(help: "Use this CIN census ruleset (e.g. cin2025_26) instead of the one each file's header implies.")
    var ruleset: String?

    @Option(parsing: .singleValue, help: "Only run rules with this id or id prefix (repeatable, or comma-separated).")
    var select: [String] = []

    @Option(parsing: .singleValue, help: "Do not run rules with this id or id prefix (repeatable, or comma-separated).")
    var ignore: [String] = []

    @Option(help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat = .text

    @Flag(help: "Print personal values (birth dates, UPNs, names, free text) in messages.")
    var showValues = false

    @Flag(name: .shortAndLong, help: "List files that were skipped and why.")
    var verbose = false

    @Option(help: "Colour output: auto (only on a terminal), always or never.")
    var color: ColorChoice = .auto

    @Option(name: .shortAndLong, help: "Files to check at once (default: all cores).")
    var jobs: Int?

    @Option(name: .customLong("profile"), help: ArgumentHelp(
        "A mapping profile (YAML) for an agency export (repeatable). Profiles found among the files walked are used too.",
        valueName: "path"))
    var profiles: [String] = []

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder to check") }
        if let ruleset, Ruleset(name: ruleset) == nil {
            let known = Ruleset.all.map(\.name).joined(separator: ", ")
            throw ValidationError("unknown ruleset '\(ruleset)'; known rulesets: \(known)")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        var options = LintOptions(paths: paths)
        options.ruleset = ruleset.flatMap(Ruleset.init(name:))
        options.select = split(select)
        options.ignore = split(ignore)
        if let jobs { options.jobs = jobs }
        options.profiles = profiles
        let linter = Linter(options: options)
        let result = linter.run()
        if !result.configErrors.isEmpty {
            for error in result.configErrors { printError(error.description) }
            throw ExitCode(2)
        }

        if verbose {
            for skipped in result.skipped { printError("skipped \(skipped.path): \(skipped.reason)") }
        }
        let useColor = color == .always || (color == .auto && isatty(STDOUT_FILENO) == 1 && getenv("NO_COLOR") == nil)
        switch format {
        case .text: print(TextRenderer(color: useColor, showValues: showValues).render(result), terminator: "")
        case .jsonl: print(JSONLinesRenderer(showValues: showValues).render(result), terminator: "")
        }

        if result.unreadable > 0 { throw ExitCode(2) }
        if result.count(.error) > 0 { throw ExitCode(1) }
    }

    private func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",").map { String($0).trimmingSpaces } }.filter { !$0.isEmpty }
    }
}

/// Writes a line to standard error.
func printError(_ s: String) {
    let line = s + "\n"
    _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
