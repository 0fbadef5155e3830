import Foundation
import Model
import Pipeline
import Report

/// Writes files into a fresh folder, lints it, removes it.
func lintFiles(_ files: [(String, [UInt8])], profiles: [String] = [], select: [String] = []) throws -> LintResult {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("caselint-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, bytes) in files {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
    var options = LintOptions(paths: [dir.path])
    options.profiles = profiles.map { dir.appendingPathComponent($0).path }
    options.select = select
    options.jobs = 1
    let result = Linter(options: options).run()
    return result
}

func lintFiles(_ files: [(String, String)], profiles: [String] = [], select: [String] = []) throws -> LintResult {
    try lintFiles(files.map { ($0.0, Array($0.1.utf8)) }, profiles: profiles, select: select)
}

extension LintResult {
    /// `RULE line:col` for each diagnostic, `file:line:col` for configuration errors.
    var positions: [String] {
        diagnostics.map { "\($0.ruleID) \($0.location.line):\($0.location.column)" }
            + configErrors.map { "config \(URL(fileURLWithPath: $0.path).lastPathComponent):\($0.line):\($0.column)" }
    }
}
