import Foundation
import Check
import Model

/// The settings of `.caselint.yml`, checked. Every path in it is resolved against the
/// configuration file's folder, so a configuration means the same from any working folder.
public struct Configuration: Sendable {
    /// The file it was read from.
    public var path: String
    /// The folder `include`/`exclude` patterns are relative to (absolute).
    public var base: String
    public var select: [String]?
    public var ignore: [String] = []
    public var severities: [String: Severity] = [:]
    public var parameters = RuleParameters()
    public var include: [String] = []
    public var exclude: [String] = []
    public var rulePacks: [String] = []
    public var profiles: [String] = []
    public var ruleset: Ruleset?
    public var failOn: String?
    public var maxWarnings: Int?
    public var baseline: String?
    public var suppressions: String?
    /// Bounds on value size, nesting, CSV columns and findings per file.
    public var limits = Limits()

    public init(path: String, base: String) {
        self.path = path
        self.base = base
    }

    public static let fileName = ".caselint.yml"

    /// Every key the file may hold, in the order `caselint init` writes them.
    public static let keys = ["select", "ignore", "rule-settings", "include", "exclude", "rules", "profiles",
                              "ruleset", "fail-on", "max-warnings", "baseline", "suppressions", "limits"]
    /// The keys under `limits`.
    public static let limitKeys = ["max-value-bytes", "max-depth", "max-columns", "max-findings-per-file"]
    public static let failOnChoices = ["error", "warning", "never"]

    /// `.caselint.yml` in the folder of `start` (a file's folder, or the folder itself) or
    /// the nearest folder above it; nil when there is none.
    public static func find(from start: String, workingDirectory: String = FileManager.default.currentDirectoryPath) -> String? {
        var isDirectory: ObjCBool = false
        var folder = absolute(start, workingDirectory)
        if !(FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue) {
            folder = parent(folder)
        }
        while true {
            let candidate = folder == "/" ? "/" + fileName : folder + "/" + fileName
            if FileManager.default.fileExists(atPath: candidate) { return display(candidate, workingDirectory) }
            if folder == "/" { return nil }
            folder = parent(folder)
        }
    }

    /// Reads and checks a configuration file against the rules the run knows (built-in and
    /// rule packs). Every problem is collected, each at its line with a suggestion.
    public static func load(path: String, rules: [Rule],
                            workingDirectory: String = FileManager.default.currentDirectoryPath) -> Result<Configuration, ConfigErrors> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ConfigErrors([ConfigError(path: path, line: 1, column: 1, message: "cannot read the configuration file")]))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(ConfigErrors([ConfigError(path: path, line: 1, column: 1, message: "the configuration file is not UTF-8 text")]))
        }
        return parse(text, path: path, rules: rules, workingDirectory: workingDirectory)
    }

    /// The rule packs a configuration names (`rules:`), read ahead of the rest: a pack's
    /// rules must be known before `rule-settings:` can be checked against them. Mistakes
    /// (a path that does not exist) are left for `load` to report.
    public static func rulePacks(in path: String,
                                 workingDirectory: String = FileManager.default.currentDirectoryPath) -> [String] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { return [] }
        let reader = YAMLReader(path: path)
        guard let doc = reader.parse(text), let mapping = doc.node.mapping else { return [] }
        for (k, v) in mapping where k.scalar?.string == "rules" {
            return reader.sequenceOrOne(YAMLValue(node: v, path: path)).compactMap { item in
                guard let p = item.scalarText else { return nil }
                let resolved = resolve(p, against: path)
                return FileManager.default.fileExists(atPath: absolute(resolved, workingDirectory)) ? resolved : nil
            }
        }
        return []
    }

    public static func parse(_ text: String, path: String, rules: [Rule],
                             workingDirectory: String = FileManager.default.currentDirectoryPath) -> Result<Configuration, ConfigErrors> {
        let reader = YAMLReader(path: path)
        guard let doc = reader.parse(text) else { return .failure(ConfigErrors(reader.problems)) }
        let folder = parent(absolute(path, workingDirectory))
        var config = Configuration(path: path, base: folder)
        let ids = rules.map(\.id)
        let byID = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        /// A path in the file, relative to the file's folder, that must exist.
        func existingPath(_ v: YAMLValue, what: String) -> String? {
            guard let p = reader.string(v, what: what) else { return nil }
            let resolved = resolve(p, against: path)
            if !FileManager.default.fileExists(atPath: absolute(resolved, workingDirectory)) {
                reader.report("\(what) '\(p)' does not exist (paths are relative to the folder of \(path))", at: v)
                return nil
            }
            return resolved
        }

        /// Ids or prefixes: each must name at least one rule.
        func ruleList(_ v: YAMLValue, what: String) -> [String] {
            let items = v.node.sequence.map { $0.map { YAMLValue(node: $0, path: path) } } ?? [v]
            var out: [String] = []
            for item in items where !item.isNull {
                guard let s = reader.string(item, what: "each entry of \(what)") else { continue }
                if let unknown = RuleIDs.unknown(s, among: ids) {
                    reader.report("no rule id is or starts with '\(s)'\(unknown.map { "; did you mean \($0)?" } ?? "")", at: item)
                } else {
                    out.append(s.uppercased())
                }
            }
            return out
        }

        for (key, _, value) in reader.mapping(doc, allowed: keys, what: "the configuration") {
            switch key {
            case "select": config.select = ruleList(value, what: "select")
            case "ignore": config.ignore = ruleList(value, what: "ignore")
            case "include": config.include = reader.strings(value, what: "include")
            case "exclude": config.exclude = reader.strings(value, what: "exclude")
            case "rules": config.rulePacks = reader.sequenceOrOne(value).compactMap { existingPath($0, what: "rule pack") }
            case "profiles": config.profiles = reader.sequenceOrOne(value).compactMap { existingPath($0, what: "mapping profile") }
            case "baseline": config.baseline = existingPath(value, what: "baseline")
            case "suppressions": config.suppressions = existingPath(value, what: "suppressions file")
            case "fail-on": config.failOn = reader.choice(value, what: "fail-on", among: failOnChoices)
            case "max-warnings": config.maxWarnings = reader.integer(value, what: "max-warnings", range: 0...Int.max)
            case "limits":
                for (name, _, v) in reader.mapping(value, allowed: limitKeys, what: "limits") {
                    switch name {
                    case "max-value-bytes":
                        if let n = reader.integer(v, what: name, range: 1024...(1 << 30)) { config.limits.maxValueBytes = n }
                    case "max-depth":
                        if let n = reader.integer(v, what: name, range: 8...100_000) { config.limits.maxDepth = n }
                    case "max-columns":
                        if let n = reader.integer(v, what: name, range: 16...10_000_000) { config.limits.maxColumns = n }
                    default:
                        if let n = reader.integer(v, what: name, range: 1...100_000_000) { config.limits.maxFindingsPerFile = n }
                    }
                }
            case "ruleset":
                guard let name = reader.string(value, what: "ruleset") else { continue }
                if let set = Ruleset(name: name) { config.ruleset = set } else {
                    let names = Ruleset.all.map(\.name)
                    let hint = Suggest.closest(name, among: names).map { "; did you mean \($0)?" } ?? ""
                    reader.report("unknown ruleset '\(name)'\(hint) (known: \(names.joined(separator: ", ")))", at: value)
                }
            case "rule-settings":
                for (id, idValue, settings) in reader.mapping(value, what: "rule-settings") {
                    guard let rule = byID[id.uppercased()] else {
                        let hint = Suggest.closest(id.uppercased(), among: ids).map { "; did you mean \($0)?" } ?? ""
                        reader.report("no rule with id '\(id)'\(hint)", at: idValue)
                        continue
                    }
                    let names = ["severity"] + rule.parameters.map(\.name)
                    for (name, _, v) in reader.mapping(settings, allowed: names, what: "the settings of \(rule.id)") {
                        if name == "severity" {
                            if let s = reader.choice(v, what: "severity", among: Severity.allCases.reversed().map(\.rawValue)) {
                                config.severities[rule.id] = Severity(rawValue: s)
                            }
                            continue
                        }
                        let parameter = rule.parameters.first { $0.name == name }!
                        let input: ParameterInput
                        if let seq = v.node.sequence {
                            var items: [String] = []
                            for node in seq {
                                let item = YAMLValue(node: node, path: path)
                                guard let s = reader.string(item, what: "each entry of \(name)") else { continue }
                                // A coded list's wrong entry is reported where it is written.
                                if case .codes(let options) = parameter.kind, let e = ParameterKind.unknownCode(in: [s], among: options) {
                                    reader.report("\(rule.id) \(name) \(e.description)", at: item)
                                    continue
                                }
                                items.append(s)
                            }
                            input = .list(items)
                        } else if let s = reader.string(v, what: name) {
                            input = .scalar(s)
                        } else { continue }
                        switch parameter.kind.parse(input) {
                        case .success(let parsed): config.parameters[rule.id, name] = parsed
                        case .failure(let e): reader.report("\(rule.id) \(name) \(e.description)", at: v)
                        }
                    }
                }
            default: break
            }
        }
        if !reader.problems.isEmpty { return .failure(ConfigErrors(reader.problems)) }
        return .success(config)
    }

    // MARK: Paths

    static func absolute(_ path: String, _ cwd: String) -> String {
        let joined = path.hasPrefix("/") ? path : cwd + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    static func parent(_ absolutePath: String) -> String {
        guard let slash = absolutePath.lastIndex(of: "/"), slash != absolutePath.startIndex else { return "/" }
        return String(absolutePath[..<slash])
    }

    /// `p` as written in the file at `configPath`, made relative to the working folder.
    static func resolve(_ p: String, against configPath: String) -> String {
        if p.hasPrefix("/") { return p }
        guard let slash = configPath.lastIndex(of: "/") else { return p }
        return String(configPath[...slash]) + p
    }

    /// An absolute path shown relative to the working folder when it is inside it.
    static func display(_ absolutePath: String, _ cwd: String) -> String {
        let base = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return absolutePath.hasPrefix(base) ? String(absolutePath.dropFirst(base.count)) : absolutePath
    }
}

/// Checking rule ids and prefixes written by a user.
public enum RuleIDs {
    /// Nil when `entry` is a rule id or the prefix of one; else the closest id, if any is near
    /// (as `.some(nil)` when none is).
    public static func unknown(_ entry: String, among ids: [String]) -> String?? {
        let e = entry.uppercased()
        if ids.contains(where: { $0.uppercased().hasPrefix(e) }) { return nil }
        return .some(Suggest.closest(e, among: ids))
    }
}

extension YAMLReader {
    /// A list, or a single value taken as a list of one.
    func sequenceOrOne(_ value: YAMLValue) -> [YAMLValue] {
        if value.isNull { return [] }
        if let seq = value.node.sequence { return seq.map { YAMLValue(node: $0, path: path) } }
        return [value]
    }
}
