import ArgumentParser
import Check
import Model
import Pipeline
import Report
#if canImport(Glibc)
import Glibc
#endif

extension ReportFormat: ExpressibleByArgument {}
extension Gate.Level: ExpressibleByArgument {}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check export files and folders (the default command).",
        discussion: """
            Folders are walked recursively; each file's format is detected from its content.

            Several reports in one run: --format sarif --output a.sarif --format html --output report.html \
            (the k-th --output belongs to the k-th --format; the text report still goes to the terminal). \
            Reports are written atomically and never over an input.

            Settings come from .caselint.yml, found in the folder of the first path or above it \
            (or --config FILE); options on the command line win.
            """
    )

    @Argument(help: "Files and folders to check.")
    var paths: [String] = []

    @Option(help: "Use this CIN census ruleset (e.g. cin2025_26) instead of the one each file's header implies.")
    var ruleset: String?

    @Option(parsing: .singleValue, help: "Only run rules with this id or id prefix (repeatable, or comma-separated); replaces the configuration's select.")
    var select: [String] = []

    @Option(parsing: .singleValue, help: "Do not run rules with this id or id prefix (repeatable, or comma-separated); adds to the configuration's ignore.")
    var ignore: [String] = []

    @Option(parsing: .singleValue, help: "Report format, repeatable: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: [ReportFormat] = []

    @Option(name: [.short, .long], parsing: .singleValue, help: "Write the report of the matching --format to this file (repeatable; - is standard output).")
    var output: [String] = []

    @Option(help: "Read settings from this file instead of the .caselint.yml found from the first path.")
    var config: String?

    @Option(help: "Fail (exit status 1) on findings at this level or above: error, warning or never. Default: error.")
    var failOn: Gate.Level?

    @Option(help: "Fail when there are more warnings than this.")
    var maxWarnings: Int?

    @Option(help: "Hide the findings recorded in this baseline file, and list baselined findings that are gone.")
    var baseline: String?

    @Option(help: "Record the current findings in this baseline file (then hide them in this run).")
    var writeBaseline: String?

    @Option(help: "Findings accepted on purpose: a YAML file of rule, child, record, field, reason and expiry.")
    var suppressions: String?

    @Flag(help: "Print personal values (birth dates, UPNs, names, free text) in messages.")
    var showValues = false

    @Flag(name: .shortAndLong, help: "Print only the findings: no summary, no progress line, no text copy on the terminal when reports go to files.")
    var quiet = false

    @Flag(help: "After the findings, count them per rule, most frequent first.")
    var statistics = false

    @Flag(name: .shortAndLong, help: "List files that were skipped and why.")
    var verbose = false

    @Option(help: "Colour output: auto (only on a terminal), always or never.")
    var color: ColorChoice = .auto

    @Option(name: .shortAndLong, help: "Threads: files checked at once, and a large file's children checked side by side (default: all cores).")
    var jobs: Int?

    @Option(name: .customLong("profile"), help: ArgumentHelp(
        "A mapping profile (YAML) for an agency export (repeatable). Profiles found among the files walked are used too.",
        valueName: "path"))
    var profiles: [String] = []

    @Option(name: .customLong("rules"), help: ArgumentHelp(
        "A rule pack (YAML) to load besides the built-in rules and the configuration's (repeatable).", valueName: "path"))
    var rules: [String] = []

    @Option(help: .hidden)
    var today: String?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder to check") }
        if let ruleset, Ruleset(name: ruleset) == nil {
            let known = Ruleset.all.map(\.name).joined(separator: ", ")
            throw ValidationError("unknown ruleset '\(ruleset)'; known rulesets: \(known)")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let maxWarnings, maxWarnings < 0 { throw ValidationError("--max-warnings must be 0 or more") }
        if let today, Day(iso: today) == nil { throw ValidationError("--today must be a date written yyyy-mm-dd") }
    }

    func run() throws {
        AtomicFile.cleanUpOnSignals()
        var run = CheckRun(command: self)
        let status = run.execute()
        if status != 0 { throw ExitCode(status) }
    }
}

/// Writes a line to standard error.
func printError(_ s: String) {
    let line = s + "\n"
    _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
}

/// Writes text to standard output, unbuffered (so it interleaves correctly with stderr).
func printOut(_ s: String) {
    var bytes = Array(s.utf8)[...]
    while !bytes.isEmpty {
        let n = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
        if n < 0 { if errno == EINTR { continue } else { return } }
        bytes = bytes.dropFirst(n)
    }
}
