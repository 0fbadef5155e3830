import Foundation
import Model
import Pipeline
import Report

/// Paths inside the repository, found from this file's location.
enum Repo {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

/// Serialises `lint`, which changes the process's working directory.
private let lintLock = NSLock()

/// Lints paths given relative to the repository root, as the command line would.
func lint(_ paths: [String], select: [String] = [], ruleset: String? = nil) -> LintResult {
    lintLock.lock()
    defer { lintLock.unlock() }
    let cwd = FileManager.default.currentDirectoryPath
    FileManager.default.changeCurrentDirectoryPath(Repo.root.path)
    defer { FileManager.default.changeCurrentDirectoryPath(cwd) }
    var options = LintOptions(paths: paths)
    options.select = select
    options.ruleset = ruleset.flatMap { .init(name: $0) }
    return Linter(options: options).run()
}

/// Runs the built `caselint` binary and returns its exit status, standard output and error.
func runCaselint(_ arguments: [String], in directory: String = Repo.root.path) throws -> (status: Int32, out: String, err: String) {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("caselint")
    let candidates = [binary.path, Repo.path(".build/debug/caselint")]
    guard let executable = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
        throw CocoaError(.fileNoSuchFile)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

extension LintResult {
    /// `(rule id, LA child id)` pairs, for comparing with what the DfE rules say.
    var findings: Set<String> {
        Set(diagnostics.map { "\($0.ruleID) \($0.childID ?? "-")" })
    }

    func ids(_ prefix: String = "") -> [String] {
        diagnostics.map(\.ruleID).filter { $0.hasPrefix(prefix) }
    }
}
