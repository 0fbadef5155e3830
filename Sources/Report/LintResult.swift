import Check
import Config
import Model

/// A file that was found but not checked, and why.
public struct SkippedFile: Sendable, Equatable {
    public let path: String
    public let reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// Everything a run found.
public struct LintResult: Sendable {
    /// Every input file, indexed by `FileID`.
    public let files: [SourceFile]
    /// In report order (file, line, column).
    public let diagnostics: [Diagnostic]
    public let filesChecked: Int
    public let children: Int
    public let skipped: [SkippedFile]
    /// Paths that could not be read (the run exits with status 2).
    public let unreadable: Int
    /// The rules the run used.
    public let rules: [Rule]
    /// Mistakes in mapping profiles (or other configuration) that stopped the run before
    /// any file was checked: printed as `path:line:column: error: …`, exit status 2.
    public var configErrors: [ConfigError] = []

    public init(files: [SourceFile], diagnostics: [Diagnostic], filesChecked: Int, children: Int,
                skipped: [SkippedFile], unreadable: Int, rules: [Rule]) {
        self.files = files
        self.diagnostics = diagnostics
        self.filesChecked = filesChecked
        self.children = children
        self.skipped = skipped
        self.unreadable = unreadable
        self.rules = rules
    }

    public func path(of file: FileID) -> String { files[Int(file.rawValue)].path }

    public func count(_ severity: Severity) -> Int { diagnostics.count { $0.severity == severity } }
}

