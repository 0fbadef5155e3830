import Foundation
import Check
import Model

/// One finding recorded in a baseline. Only the fingerprint is matched; the other fields
/// are there so a person reading the file (or pruning it) knows what each entry was. The
/// message is always the redacted one: baselines are committed next to the data.
public struct BaselineEntry: Sendable, Hashable {
    public var fingerprint: String
    public var rule: String
    public var childID: String?
    public var logicalPath: String?
    public var message: String

    public init(fingerprint: String, rule: String, childID: String?, logicalPath: String?, message: String) {
        self.fingerprint = fingerprint
        self.rule = rule
        self.childID = childID
        self.logicalPath = logicalPath
        self.message = message
    }

    var json: JSONWriter.Object {
        var o = JSONWriter.Object()
        o["fingerprint"] = .string(fingerprint)
        o["id"] = .string(rule)
        o["childID"] = childID.map(JSONWriter.Value.string) ?? .null
        o["logicalPath"] = logicalPath.map(JSONWriter.Value.string) ?? .null
        o["message"] = .string(message)
        return o
    }
}

/// A baseline file: the findings a team has accepted for now, by fingerprint
/// (`--write-baseline FILE` writes one, `--baseline FILE` hides what it lists).
///
/// ```json
/// {"caselintBaseline": 1, "findings": [{"fingerprint": "…", "id": "CIN8925", "childID": "A1", …}]}
/// ```
/// Entries are sorted by rule, child and path, so a rewritten baseline diffs cleanly.
public struct Baseline: Sendable {
    public static let formatVersion = 1
    public var entries: [BaselineEntry]

    public init(entries: [BaselineEntry]) {
        self.entries = entries.sorted {
            ($0.rule, $0.childID ?? "", $0.logicalPath ?? "", $0.fingerprint) < ($1.rule, $1.childID ?? "", $1.logicalPath ?? "", $1.fingerprint)
        }
    }

    /// The baseline of a run's findings.
    public init(result: LintResult) {
        self.init(entries: result.diagnostics.map { d in
            BaselineEntry(fingerprint: result.fingerprint(d), rule: d.ruleID, childID: d.childID,
                          logicalPath: d.path, message: d.message.redacted)
        })
    }

    public var fingerprints: Set<String> { Set(entries.map(\.fingerprint)) }

    public func serialized() -> String {
        var o = JSONWriter.Object()
        o["caselintBaseline"] = .int(Baseline.formatVersion)
        o["tool"] = .string("\(Tool.name) \(Tool.version)")
        o["findings"] = .array(entries.map { .object($0.json) })
        return JSONWriter.Value.object(o).serialized(indent: 2) + "\n"
    }

    public struct ReadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads a baseline file; the error says what is wrong in words a user can act on.
    public static func read(path: String) throws(ReadError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(description: "\(path): error: cannot read the baseline file")
        }
        guard let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let version = top["caselintBaseline"] as? Int, let findings = top["findings"] as? [[String: Any]] else {
            throw ReadError(description: "\(path): error: not a caselint baseline (write one with --write-baseline)")
        }
        guard version == formatVersion else {
            throw ReadError(description: "\(path): error: baseline format \(version) is not supported (this caselint reads format \(formatVersion))")
        }
        var entries: [BaselineEntry] = []
        for (i, f) in findings.enumerated() {
            guard let fingerprint = f["fingerprint"] as? String, let rule = f["id"] as? String else {
                throw ReadError(description: "\(path): error: entry \(i + 1) has no fingerprint or id")
            }
            entries.append(BaselineEntry(fingerprint: fingerprint, rule: rule, childID: f["childID"] as? String,
                                         logicalPath: f["logicalPath"] as? String, message: f["message"] as? String ?? ""))
        }
        return Baseline(entries: entries)
    }
}
