import Check
import Config
import Model
import Report

/// What a run hides and why: findings a suppression covers, and findings recorded in a
/// baseline. Applied after the run, so fingerprints are those of the complete run.
public enum Triage {
    /// Drops findings covered by an active suppression. An expired suppression covers
    /// nothing and is reported (SUP001); an active one that covered nothing is a note
    /// (SUP002), but only when its rule ran.
    public static func suppress(_ result: LintResult, with file: SuppressionFile, today: Day) -> LintResult {
        var r = result
        let id = FileID(UInt32(r.files.count))
        var used = [Bool](repeating: false, count: file.entries.count)
        var kept: [Diagnostic] = []
        for d in r.diagnostics {
            if let i = file.entries.indices.first(where: { i in
                let s = file.entries[i]
                return !isExpired(s, today: today) && s.matches(d)
            }) {
                used[i] = true
                r.hidden.suppressed += 1
            } else {
                kept.append(d)
            }
        }
        var own: [Diagnostic] = []
        for (i, s) in file.entries.enumerated() {
            let at = SourceLocation(file: id, line: UInt32(s.line), column: UInt32(s.column))
            let what = "\(s.rule) for child \(s.child)\(s.record.map { " at \($0)" } ?? "")\(s.field.map { ", field \($0)" } ?? "")"
            if let expires = s.expires, isExpired(s, today: today) {
                own.append(Diagnostic(ruleID: "SUP001", severity: severity("SUP001", r, .warning),
                                      message: "the suppression of \(what) expired on \(expires); renew it with a new date and reason, or remove it",
                                      location: at, path: "suppressions[\(i + 1)]"))
            } else if !used[i], r.rule(s.rule) != nil {
                own.append(Diagnostic(ruleID: "SUP002", severity: severity("SUP002", r, .note),
                                      message: "the suppression of \(what) matches no finding; it can be removed",
                                      location: at, path: "suppressions[\(i + 1)]"))
            }
        }
        // Only rules the run selected report; the file is listed only when it has something to say.
        own = own.filter { r.rule($0.ruleID) != nil }
        if !own.isEmpty {
            r.files.append(SourceFile(id: id, path: file.path))
            r.facts.append(FileFacts(format: "caselint-suppressions"))
            Fingerprint.assign(&own) { _ in file.path }
            kept.append(contentsOf: own)
            kept.sort(by: Diagnostic.reportOrder)
        }
        r.diagnostics = kept
        return r
    }

    /// Drops findings recorded in the baseline and lists baseline entries no finding matches
    /// (only for rules that ran: an entry of a rule left out today is not gone).
    public static func applyBaseline(_ result: LintResult, _ baseline: Baseline, path: String) -> LintResult {
        var r = result
        let known = baseline.fingerprints
        let current = Set(result.diagnostics.map { result.fingerprint($0) })
        r.diagnostics = result.diagnostics.filter { !known.contains(result.fingerprint($0)) }
        r.hidden.baselined += result.diagnostics.count - r.diagnostics.count
        r.hidden.goneFromBaseline += baseline.entries.filter { !current.contains($0.fingerprint) && result.rule($0.rule) != nil }
        r.hidden.baselinePath = path
        return r
    }

    /// The findings a baseline written now records: the data's findings, not the run's own
    /// remarks about its suppressions file.
    public static func baseline(of result: LintResult) -> Baseline {
        var r = result
        r.diagnostics = result.diagnostics.filter { !$0.ruleID.hasPrefix("SUP") }
        return Baseline(result: r)
    }

    static func isExpired(_ s: Suppression, today: Day) -> Bool {
        guard let expires = s.expires else { return false }
        return expires < today
    }

    private static func severity(_ id: String, _ r: LintResult, _ fallback: Severity) -> Severity {
        r.rule(id)?.severity ?? fallback
    }
}
