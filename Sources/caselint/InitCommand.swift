import ArgumentParser
import Config
import Pipeline

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter .caselint.yml (never over an existing one)."
    )

    @Argument(help: "The folder to write .caselint.yml in (default: the current folder).")
    var folder: String = "."

    func run() throws {
        let path = (folder.hasSuffix("/") ? folder : folder + "/") + Configuration.fileName
        do {
            try AtomicFile.create(StarterConfiguration.text, at: path)
        } catch {
            printError("caselint: error: \(error.description); edit it, or remove it first")
            throw ExitCode(2)
        }
        print("wrote \(path): every setting is there, commented; 'caselint rules' lists the rule ids")
    }
}
