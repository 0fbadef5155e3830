import Check
import Model
import Report

/// Whether a run fails: `--fail-on error|warning|never` and `--max-warnings N`.
/// Exit status 2 (unreadable input) is decided before this.
public struct Gate: Sendable, Equatable {
    public enum Level: String, Sendable, CaseIterable {
        case error, warning, never
    }
    public var failOn: Level
    public var maxWarnings: Int?

    public init(failOn: Level = .error, maxWarnings: Int? = nil) {
        self.failOn = failOn
        self.maxWarnings = maxWarnings
    }

    /// The lowest severity that fails the run, nil when none does.
    public var failAt: Severity? {
        switch failOn {
        case .error: .error
        case .warning: .warning
        case .never: nil
        }
    }

    /// Nil when the run passes, else why it fails (for the log).
    public func failure(_ result: LintResult) -> String? {
        var reasons: [String] = []
        if let failAt {
            let n = result.diagnostics.count { $0.severity >= failAt }
            if n > 0 { reasons.append("\(n) finding\(n == 1 ? "" : "s") at or above \(failAt.rawValue)") }
        }
        if let maxWarnings {
            let n = result.count(.warning)
            if n > maxWarnings { reasons.append("\(n) warnings, more than --max-warnings \(maxWarnings)") }
        }
        return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }
}
