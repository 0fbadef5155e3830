import ArgumentParser

@main
struct Caselint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caselint",
        abstract: "Lint child-protection agency exports: records lacking detail, missing handovers, inconsistent procedure.",
        discussion: """
            caselint reads export folders (DfE CIN census XML and more), builds one model of each child, and reports \
            what is missing, late or inconsistent as compiler-style diagnostics.

            Exit status: 0 no error found; 1 errors found; 2 usage error or unreadable input.
            Personal values (birth dates, UPNs, names, free text) are never printed unless --show-values is given.
            """,
        subcommands: [CheckCommand.self, RulesCommand.self, ExplainCommand.self, SynthCommand.self],
        defaultSubcommand: CheckCommand.self
    )
}
