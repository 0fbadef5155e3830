/// Fingerprints: a finding's identity across data drops, for baselines, suppressions and
/// CI tools (SARIF `partialFingerprints`, GitLab `fingerprint`).
///
/// A fingerprint is built from the rule and the identity of the record the finding is
/// about — the child's LA child id, the record's path inside the child, and the field —
/// never from line numbers or file names, so a new drop with lines inserted or a renamed
/// file keeps its baseline. Findings with no child (a header, a malformed file) fall back to
/// their logical path, and then to the file's path. Findings that still share an identity
/// (two unknown elements in one record) are told apart by their order of occurrence.
public enum Fingerprint {
    /// The identity a fingerprint is hashed from, without the occurrence number.
    public static func identity(of d: Diagnostic, filePath: String) -> String {
        if let child = d.childID, !child.isEmpty {
            // `Findings` keys start with the child already; mapper keys do not.
            let key = d.recordKey ?? d.path.map(withoutChildPrefix) ?? ""
            return key.hasPrefix(child + "|") ? "child:" + key : "child:" + child + "|" + key
        }
        if let key = d.recordKey { return "record:" + key + "|" + (d.path ?? "") }
        if let path = d.path { return "path:" + path }
        return "file:" + filePath
    }

    /// Sets `fingerprint` on every finding of a run. `diagnostics` must be in report order so
    /// occurrence numbers are the same on every run.
    public static func assign(_ diagnostics: inout [Diagnostic], path: (FileID) -> String) {
        var seen: [String: Int] = [:]
        for i in diagnostics.indices {
            let base = diagnostics[i].ruleID + "\u{1F}" + identity(of: diagnostics[i], filePath: path(diagnostics[i].location.file))
            let n = seen[base, default: 0]
            seen[base] = n + 1
            diagnostics[i].fingerprint = String(SHA256.hex(n == 0 ? base : base + "\u{1F}\(n)").prefix(32))
        }
    }

    /// `Child[12]/CINdetails[1]/CPPendDate` → `CINdetails[1]/CPPendDate`.
    static func withoutChildPrefix(_ path: String) -> String {
        guard let slash = path.firstIndex(of: "/") else { return "" }
        return String(path[path.index(after: slash)...])
    }
}
