#if canImport(Foundation)
import Foundation
#endif
import Check
import Config
import Model

/// Loads rule packs (docs/rule-packs.md). Every mistake — an unknown kind, field, record
/// type or parameter, a condition that does not parse, a duplicate id, an example that
/// is not valid — is a `ConfigError` at the pack's file:line:column with a suggestion,
/// and the run stops (exit status 2) before any file is checked.
public enum RulePackLoader {
    static let topKeys = ["pack", "version", "description", "rules"]

    /// Loads the pack in `path`. `taken` are rule ids already in use (built-in rules,
    /// earlier packs), with where each is defined, so a duplicate says where the first is.
    public static func load(path: String, taken: [String: String] = [:]) -> (RulePack?, [ConfigError]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [ConfigError(path: path, line: 1, column: 1, message: "cannot read the rule pack")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (nil, [ConfigError(path: path, line: 1, column: 1, message: "the rule pack is not UTF-8 text")])
        }
        return load(text: text, path: path, taken: taken)
    }

    public static func load(text: String, path: String, taken: [String: String] = [:]) -> (RulePack?, [ConfigError]) {
        let reader = YAMLReader(path: path)
        guard let doc = reader.parse(text) else { return (nil, reader.problems) }
        var entries: [String: (key: YAMLValue, value: YAMLValue)] = [:]
        for e in reader.mapping(doc, allowed: topKeys, what: "a rule pack") { entries[e.key] = (e.keyValue, e.value) }
        let name = entries["pack"].flatMap { reader.string($0.value, what: "pack") }
        if entries["pack"] == nil { reader.report("a rule pack needs 'pack': its name", at: doc) }
        let version = entries["version"].flatMap { reader.string($0.value, what: "version") }
        if entries["version"] == nil { reader.report("a rule pack needs 'version' (1, 2025.1 …): which edition of the pack a finding came from", at: doc) }
        var rules: [PackRule] = []
        var seen = taken
        if let r = entries["rules"] {
            for item in reader.sequence(r.value, what: "rules") {
                guard let rule = RuleReader.read(item, reader) else { continue }
                let id = rule.rule.id
                if let first = seen[id] {
                    reader.report(duplicate(rule, path: path, first: first))
                    continue
                }
                seen[id] = "\(path):\(rule.line)"
                rules.append(rule)
            }
        } else {
            reader.report("a rule pack needs 'rules': a list of rules", at: doc)
        }
        if !reader.problems.isEmpty { return (nil, reader.problems) }
        return (RulePack(name: name ?? "", version: version ?? "", path: path, rules: rules), [])
    }

    /// The error for a rule whose id an earlier rule has; `first` says where that one is.
    public static func duplicate(_ rule: PackRule, path: String, first: String) -> ConfigError {
        ConfigError(path: path, line: rule.line, column: rule.column, message: "duplicate rule id \(rule.rule.id): \(first) already defines it")
    }

    /// Loads several packs; rule ids must be unique across them and `taken`.
    public static func load(paths: [String], taken: [String: String] = [:]) -> ([RulePack], [ConfigError]) {
        var packs: [RulePack] = []
        var errors: [ConfigError] = []
        var ids = taken
        for path in paths {
            let (pack, problems) = load(path: path, taken: ids)
            errors += problems
            if let pack {
                packs.append(pack)
                for r in pack.rules { ids[r.rule.id] = "\(path):\(r.line)" }
            }
        }
        return (packs, errors)
    }
}
