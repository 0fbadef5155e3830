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

/// What a run learnt about one input file, for reports that list files.
public struct FileFacts: Sendable, Equatable {
    /// What the file was read as (`cin-census`), nil when it was not read.
    public var format: String?
    /// The CIN ruleset the file was checked with, when it is a census return.
    public var ruleset: String?
    public var children: Int
    /// Why the file was not checked, when it was not.
    public var skipped: String?

    public init(format: String? = nil, ruleset: String? = nil, children: Int = 0, skipped: String? = nil) {
        self.format = format
        self.ruleset = ruleset
        self.children = children
        self.skipped = skipped
    }
}

/// Findings a run found but does not show: baselined, suppressed.
public struct Hidden: Sendable {
    /// Findings recorded in the baseline.
    public var baselined = 0
    /// Findings covered by an active suppression.
    public var suppressed = 0
    /// Baseline entries that no finding matches any more: the baseline can be pruned.
    public var goneFromBaseline: [BaselineEntry] = []
    /// The baseline file used, if any.
    public var baselinePath: String?

    public init() {}
}

/// Everything a run found.
public struct LintResult: Sendable {
    /// Every input file, indexed by `FileID`.
    public var files: [SourceFile]
    /// In report order (file, line, column).
    public var diagnostics: [Diagnostic]
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
    /// Per file, indexed like `files`.
    public var facts: [FileFacts]
    /// The ruleset forced on the command line (`--ruleset`), nil when each file's header chose.
    public var requestedRuleset: String?
    public var hidden = Hidden()

    public init(files: [SourceFile], diagnostics: [Diagnostic], filesChecked: Int, children: Int,
                skipped: [SkippedFile], unreadable: Int, rules: [Rule], facts: [FileFacts]? = nil,
                requestedRuleset: String? = nil) {
        self.files = files
        self.diagnostics = diagnostics
        self.filesChecked = filesChecked
        self.children = children
        self.skipped = skipped
        self.unreadable = unreadable
        self.rules = rules
        self.facts = facts ?? Array(repeating: FileFacts(), count: files.count)
        self.requestedRuleset = requestedRuleset
        ruleIndex = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    private let ruleIndex: [String: Rule]

    public func path(of file: FileID) -> String { files[Int(file.rawValue)].path }

    public func count(_ severity: Severity) -> Int {
        // By index: a closure over the elements copied each finding, retaining its strings.
        var n = 0
        for i in diagnostics.indices where diagnostics[i].severity == severity { n += 1 }
        return n
    }

    /// The rule a finding names, when it is one of the run's rules.
    public func rule(_ id: String) -> Rule? { ruleIndex[id] }

    /// The CIN rulesets the files were checked with, sorted.
    public var rulesetsUsed: [String] { Set(facts.compactMap(\.ruleset)).sorted() }

    /// A finding's fingerprint (assigned by the run; computed alone here if it was not).
    public func fingerprint(_ d: Diagnostic) -> String {
        if let f = d.fingerprint { return f }
        var one = [d]
        Fingerprint.assign(&one, path: path(of:))
        return one[0].fingerprint!
    }
}
