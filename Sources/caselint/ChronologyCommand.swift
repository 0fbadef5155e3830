import ArgumentParser
import Check
import Chronology
import Model
import Pipeline
import Report
import Synchronization

struct ChronologyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chronology",
        abstract: "Show a child's multi-agency chronology: every agency's events in date order, with findings and gaps.",
        discussion: """
            The records of each child are linked across the agencies' files as 'check' links them, and every rule \
            runs. Each event shows its date, agency, what happened and its source file:line; each finding is shown \
            under the event it concerns; spells on a child protection plan with no visit seeing the child longer \
            than the local visit interval (PRC010's interval in the configuration, or --gap) are shown as gaps; \
            referrals and notifications with no recorded acknowledgement are marked.

            Without --child, an index lists every child (one line each); --all prints every child's chronology. \
            Personal values (birth and death dates, names, free text) are withheld unless --show-values is given. \
            docs/chronology.md describes the output.
            """
    )

    @Argument(help: "Files and folders to read.")
    var paths: [String] = []

    @Option(name: .customLong("child"), parsing: .singleValue, help: "Show this child (LA child id; repeatable).")
    var children: [String] = []

    @Flag(help: "Show every child's chronology instead of the index.")
    var all = false

    @Option(help: "Show spells on a plan without a visit longer than this as gaps (e.g. '10 working days', '2 weeks'); default: PRC010's configured interval, else 10 working days.")
    var gap: String?

    @Flag(help: "Print personal values (birth and death dates, names, free text).")
    var showValues = false

    @Option(help: "Read settings from this file instead of the .caselint.yml found from the first path.")
    var config: String?

    @Option(name: .customLong("profile"), help: ArgumentHelp("A mapping profile (YAML) for an agency export (repeatable).", valueName: "path"))
    var profiles: [String] = []

    @Option(name: .customLong("rules"), help: ArgumentHelp("A rule pack (YAML) whose findings show in the chronology (repeatable).", valueName: "path"))
    var rules: [String] = []

    @Option(help: "Use this CIN census ruleset (e.g. cin2025_26) instead of the one each file's header implies.")
    var ruleset: String?

    @Option(name: .shortAndLong, help: "Files to read at once (default: all cores).")
    var jobs: Int?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder to read") }
        if let gap, Interval(gap) == nil { throw ValidationError("--gap must be a number and a unit (days, working days, weeks or months), not '\(gap)'") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let ruleset, Ruleset(name: ruleset) == nil {
            throw ValidationError("unknown ruleset '\(ruleset)'; known rulesets: \(Ruleset.all.map(\.name).joined(separator: ", "))")
        }
    }

    func run() throws {
        let setup: RunSetup
        switch RunSetup.make(.init(paths: paths, config: config, ruleset: ruleset, jobs: jobs, profiles: profiles, rules: rules)) {
        case .success(let made): setup = made
        case .failure(let status): throw ExitCode(status.code)
        }
        var options = setup.options
        let wanted = Set(children)
        let detailed = all || !wanted.isEmpty
        let kept = Mutex<[Child]>([])
        options.linkedChildren = { child in
            if wanted.isEmpty || child.laChildID.map(wanted.contains) == true { kept.withLock { $0.append(child) } }
        }
        let result = Linter(options: options).run()
        if !result.configErrors.isEmpty {
            for error in result.configErrors { printError(error.description) }
            throw ExitCode(2)
        }
        let interval = gap.flatMap(Interval.init) ?? {
            if case .interval(let i)? = options.parameters["PRC010", "interval"] { return i }
            return Interval(10, .workingDays)
        }()
        let index = FindingIndex(result.diagnostics)
        let chronologyOptions = Chronology.Options(visitInterval: interval, showValues: showValues)
        var found = kept.withLock { $0 }.map { Chronology(child: $0, findings: index, options: chronologyOptions) }
        found.sort { a, b in
            switch (a.childID, b.childID) {
            case let (x?, y?): return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.location < b.location
            }
        }
        let files = result.files
        let text = ChronologyText(showValues: showValues) { files[Int($0.rawValue)].path }
        for id in children where !found.contains(where: { $0.childID == id }) {
            printError("caselint: error: no child with LA child id '\(id)' in \(paths.joined(separator: " "))")
        }
        if detailed {
            printOut(found.map(text.render).joined(separator: "\n"))
        } else {
            printOut(text.index(found))
            printOut("\(found.count) \(found.count == 1 ? "child" : "children"); 'caselint chronology --child ID' shows one child's chronology, --all every child's.\n")
        }
        if result.unreadable > 0 { throw ExitCode(2) }
        if children.contains(where: { id in !found.contains { $0.childID == id } }) { throw ExitCode(2) }
    }
}
