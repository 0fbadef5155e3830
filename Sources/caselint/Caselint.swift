import ArgumentParser
import Foundation
import Report

@main
struct Caselint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caselint",
        abstract: "Lint child-protection agency exports: records lacking detail, missing handovers, inconsistent procedure.",
        discussion: """
            caselint reads export folders (DfE CIN census XML and more), builds one model of each child, and reports \
            what is missing, late or inconsistent as compiler-style diagnostics.

            Exit status: 0 no finding fails the run; 1 findings fail the run (--fail-on, --max-warnings); \
            2 usage or configuration error, or unreadable input.
            Personal values (birth dates, UPNs, names, free text) are never printed unless --show-values is given.
            """,
        version: Tool.version,
        subcommands: [CheckCommand.self, RulesCommand.self, ExplainCommand.self, TestRulesCommand.self, InitCommand.self, ChronologyCommand.self, SynthCommand.self],
        defaultSubcommand: CheckCommand.self
    )

    /// Runs the command, with usage errors (argument parser's status 64) reported as
    /// status 2, the status caselint documents for every usage or configuration error.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                let message = fullMessage(for: error)
                if !message.isEmpty { printError(message) }
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
