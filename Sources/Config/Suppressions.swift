import Check
import Model

/// One accepted finding, written by a person with a reason: rule + record (+ field),
/// optionally until a date. Unlike a baseline (a snapshot taken by a tool), a suppression
/// is a decision, so it must say why, and it can lapse.
public struct Suppression: Sendable, Equatable {
    public var rule: String
    /// The LA child id of the record.
    public var child: String
    /// The record's path inside the child (`CINdetails[1]/Assessments[1]`); nil for every
    /// record of the child.
    public var record: String?
    /// The field (`AssessmentAuthorisationDate`); nil for the whole record.
    public var field: String?
    public var reason: String
    /// The last day the suppression applies; after it, it is reported (SUP001).
    public var expires: Day?
    /// Where the entry is written, to point at it.
    public var line: Int
    public var column: Int

    public init(rule: String, child: String, record: String? = nil, field: String? = nil, reason: String,
                expires: Day? = nil, line: Int = 1, column: Int = 1) {
        self.rule = rule
        self.child = child
        self.record = record
        self.field = field
        self.reason = reason
        self.expires = expires
        self.line = line
        self.column = column
    }

    /// True when the entry covers a finding.
    public func matches(_ d: Diagnostic) -> Bool {
        guard d.ruleID.uppercased() == rule.uppercased(), d.childID == child else { return false }
        let relative = d.path.map(Suppression.withoutChild) ?? ""
        if let record, relative != record, !relative.hasPrefix(record + "/") { return false }
        if let field {
            // A finding about a missing field names it in its record key, not its path.
            let keyField = d.recordKey?.split(separator: "|", omittingEmptySubsequences: false).last.map(String.init)
            guard relative == field || relative.hasSuffix("/" + field) || keyField == field else { return false }
        }
        return true
    }

    static func withoutChild(_ path: String) -> String {
        guard let slash = path.firstIndex(of: "/") else { return "" }
        return String(path[path.index(after: slash)...])
    }
}

/// A suppressions file:
///
/// ```yaml
/// suppressions:
///   - rule: CIN8670Q
///     child: A1234
///     record: CINdetails[1]/Assessments[1]   # optional
///     field: AssessmentAuthorisationDate     # optional
///     reason: assessment signed off on paper; the case system is being corrected
///     expires: 2025-09-30                    # optional
/// ```
public struct SuppressionFile: Sendable {
    public let path: String
    public let entries: [Suppression]

    public init(path: String, entries: [Suppression]) {
        self.path = path
        self.entries = entries
    }

    /// Reads and checks a suppressions file; every mistake is a `ConfigError` at its line.
    public static func load(path: String, text: String, rules: [Rule]) -> Result<SuppressionFile, ConfigErrors> {
        let reader = YAMLReader(path: path)
        guard let doc = reader.parse(text) else { return .failure(ConfigErrors(reader.problems)) }
        var entries: [Suppression] = []
        let ids = rules.map(\.id)
        for (key, _, value) in reader.mapping(doc, allowed: ["suppressions"], what: "the suppressions file") where key == "suppressions" {
            for item in reader.sequence(value, what: "suppressions") {
                let fields = reader.mapping(item, allowed: ["rule", "child", "record", "field", "reason", "expires"],
                                            what: "a suppression")
                var rule: String?, child: String?, record: String?, field: String?, reason: String?, expires: Day?
                for (name, _, v) in fields {
                    switch name {
                    case "rule":
                        guard let id = reader.string(v, what: "rule") else { continue }
                        if ids.contains(id.uppercased()) { rule = id.uppercased() } else {
                            let hint = Suggest.closest(id.uppercased(), among: ids).map { " (did you mean \($0)?)" } ?? ""
                            reader.report("no rule with id '\(id)'\(hint)", at: v)
                        }
                    case "child": child = reader.string(v, what: "child")
                    case "record": record = reader.string(v, what: "record")
                    case "field": field = reader.string(v, what: "field")
                    case "reason": reason = reader.string(v, what: "reason")
                    case "expires":
                        guard let s = reader.string(v, what: "expires") else { continue }
                        if let day = Day(iso: s) { expires = day } else {
                            reader.report("expires must be a date written yyyy-mm-dd, not '\(s)'", at: v)
                        }
                    default: break
                    }
                }
                let present = Set(fields.map(\.key))
                for required in ["rule", "child", "reason"] where !present.contains(required) {
                    reader.report("a suppression needs '\(required)'\(required == "reason" ? ": say why the finding is accepted" : "")", at: item)
                }
                if let reason, reason.trimmingCharacters(in: " ").isEmpty {
                    reader.report("the reason of a suppression must not be empty", at: item)
                }
                if let rule, let child, let reason {
                    entries.append(Suppression(rule: rule, child: child, record: record, field: field, reason: reason,
                                               expires: expires, line: item.line, column: item.column))
                }
            }
        }
        if !reader.problems.isEmpty { return .failure(ConfigErrors(reader.problems)) }
        return .success(SuppressionFile(path: path, entries: entries))
    }
}

/// Every problem found in one file, reported together so a user fixes them in one pass.
public struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    public let errors: [ConfigError]
    /// In file order, so they read top to bottom like the file.
    public init(_ errors: [ConfigError]) {
        self.errors = errors.enumerated().sorted { a, b in
            (a.element.path, a.element.line, a.element.column, a.offset) < (b.element.path, b.element.line, b.element.column, b.offset)
        }.map(\.element)
    }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
