import Foundation
import Check
import Checks
import Config
import Discover
import Model
import Pipeline
import Report
#if canImport(Glibc)
import Glibc
#endif

/// One `caselint check`: configuration, the run, suppressions and baseline, reports, gating.
/// Returns the exit status: 0 pass, 1 findings fail the run, 2 usage, configuration or
/// unreadable input.
struct CheckRun {
    let command: CheckCommand

    init(command: CheckCommand) {
        self.command = command
    }

    mutating func execute() -> Int32 {
        let c = command
        let setup: RunSetup
        switch RunSetup.make(.init(paths: c.paths, config: c.config, select: c.select, ignore: c.ignore, ruleset: c.ruleset,
                                   jobs: c.jobs, profiles: c.profiles, rules: c.rules)) {
        case .success(let made): setup = made
        case .failure(let status): return status.code
        }
        let configuration = setup.configuration
        var options = setup.options
        let catalogue = setup.catalogue

        // Where reports go; an output may never be one of the inputs.
        let plan: OutputPlan
        do { plan = try OutputPlan(formats: c.format, outputs: c.output, quiet: c.quiet) } catch {
            printError("caselint: error: \(error.description)")
            return 2
        }
        let outputs = plan.destinations.compactMap(\.path) + [c.writeBaseline].compactMap { $0 }
        let outputIdentity = Dictionary(outputs.map { (SamePath.canonical($0), $0) }, uniquingKeysWith: { a, _ in a })
        for input in c.paths {
            if let clash = outputIdentity[SamePath.canonical(input)] {
                printError("caselint: error: refusing to write a report to \(clash): it is one of the inputs")
                return 2
            }
        }

        let gate = Gate(failOn: c.failOn ?? configuration?.failOn.flatMap(Gate.Level.init(rawValue:)) ?? .error,
                        maxWarnings: c.maxWarnings ?? configuration?.maxWarnings)

        // The run, with a progress line on a terminal.
        var line: ProgressLine?
        if !c.quiet && ProgressLine.wanted() {
            let progress = Progress()
            options.progress = progress
            line = ProgressLine(progress: progress)
        }
        var result = Linter(options: options).run()
        line?.stop()
        // A mistake in a mapping profile stops the run before any file is checked.
        if !result.configErrors.isEmpty {
            for error in result.configErrors { printError(error.description) }
            return 2
        }

        for (i, facts) in result.facts.enumerated() where facts.format != nil {
            if let clash = outputIdentity[SamePath.canonical(result.files[i].path)] {
                printError("caselint: error: refusing to write a report to \(clash): it is one of the inputs")
                return 2
            }
        }

        // Suppressions, then the baseline.
        if let path = c.suppressions ?? configuration?.suppressions {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                printError("caselint: error: cannot read the suppressions file \(path)")
                return 2
            }
            switch SuppressionFile.load(path: path, text: text, rules: catalogue) {
            case .success(let file): result = Triage.suppress(result, with: file, today: today())
            case .failure(let problems):
                printError(problems.description)
                return 2
            }
        }
        if let path = c.writeBaseline {
            let baseline = Triage.baseline(of: result)
            do { try AtomicFile.write(baseline.serialized(), to: path) } catch {
                printError("caselint: error: \(error.description)")
                return 2
            }
            if !c.quiet { printError("caselint: wrote \(baseline.entries.count) finding\(baseline.entries.count == 1 ? "" : "s") to the baseline \(path)") }
            result = Triage.applyBaseline(result, baseline, path: path)
        } else if let path = c.baseline ?? configuration?.baseline {
            do { result = Triage.applyBaseline(result, try Baseline.read(path: path), path: path) } catch {
                printError(error.description)
                return 2
            }
        }

        // Reports.
        if c.verbose {
            for skipped in result.skipped { printError("skipped \(skipped.path): \(skipped.reason)") }
        }
        let useColor = c.color == .always || (c.color == .auto && isatty(STDOUT_FILENO) == 1 && getenv("NO_COLOR") == nil)
        for destination in plan.destinations {
            let toTerminal = destination.path == nil
            let text = destination.format.render(result, showValues: c.showValues, color: toTerminal && useColor,
                                                 failAt: gate.failAt, summary: !(toTerminal && c.quiet))
            if let path = destination.path {
                do { try AtomicFile.write(text, to: path) } catch {
                    printError("caselint: error: \(error.description)")
                    return 2
                }
            } else {
                printOut(text)
            }
        }
        if c.statistics {
            let table = Statistics.render(result)
            if let f = plan.stdoutFormat, f != .text { printError(table.trimmingTrailingNewline) } else { printOut(table) }
        }

        if result.unreadable > 0 { return 2 }
        return gate.failure(result) == nil ? 0 : 1
    }

    private func today() -> Day {
        if let t = command.today, let d = Day(iso: t) { return d }
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
    }
}

extension String {
    var trimmingTrailingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
