import Yams

/// A mistake in a configuration file, mapping profile or rule pack, at its position.
/// Rendered `path:line:column: error: message`; the run stops with status 2.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let column: Int
    public let message: String

    public init(path: String, line: Int, column: Int, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(path):\(line):\(column): error: \(message)" }
}

/// A YAML value with the place it was written, and typed access that records a
/// `ConfigError` (with a "did you mean" suggestion for unknown keys) instead of failing
/// on the first mistake. Configuration, mapping profiles and rule packs all read through it.
public struct YAMLValue {
    public let node: Node
    public let path: String

    public init(node: Node, path: String) {
        self.node = node
        self.path = path
    }

    public var line: Int { node.mark?.line ?? 1 }
    public var column: Int { node.mark?.column ?? 1 }

    /// The scalar text, or nil for a mapping or sequence.
    public var scalarText: String? { node.scalar?.string }

    public func error(_ message: String) -> ConfigError {
        ConfigError(path: path, line: line, column: column, message: message)
    }

    public var isNull: Bool {
        guard let s = node.scalar else { return false }
        return s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)
    }
}

/// Reads a YAML document and collects every problem found while interpreting it.
public final class YAMLReader {
    public let path: String
    public private(set) var problems: [ConfigError] = []

    public init(path: String) {
        self.path = path
    }

    /// Parses `text`; nil (and a problem) when it is not valid YAML. An empty document is
    /// an empty mapping.
    public func parse(_ text: String) -> YAMLValue? {
        do {
            // Scalars stay text (`.basic`: no tag resolution, which runs regular expressions
            // on every scalar): readers interpret them themselves (`bool`, `isNull`).
            guard let node = try Yams.compose(yaml: text, .basic) else {
                return YAMLValue(node: Node.mapping(Node.Mapping([])), path: path)
            }
            return YAMLValue(node: node, path: path)
        } catch let error as YamlError {
            problems.append(describe(error))
            return nil
        } catch {
            problems.append(ConfigError(path: path, line: 1, column: 1, message: "\(error)"))
            return nil
        }
    }

    public func report(_ error: ConfigError) { problems.append(error) }

    public func report(_ message: String, at value: YAMLValue) { problems.append(value.error(message)) }

    /// The entries of a mapping, in order; reports keys not in `allowed` (with a suggestion)
    /// and a value that is not a mapping.
    public func mapping(_ value: YAMLValue, allowed: [String]? = nil, what: String) -> [(key: String, keyValue: YAMLValue, value: YAMLValue)] {
        guard let mapping = value.node.mapping else {
            report("\(what) must be a mapping of keys to values", at: value)
            return []
        }
        var out: [(String, YAMLValue, YAMLValue)] = []
        var seen = Set<String>()
        for (k, v) in mapping {
            let key = YAMLValue(node: k, path: path)
            let name = k.scalar?.string ?? ""
            if !seen.insert(name).inserted {
                report("duplicate key '\(name)' in \(what)", at: key)
                continue
            }
            if let allowed, !allowed.contains(name) {
                let hint = Suggest.closest(name, among: allowed).map { "; did you mean '\($0)'?" } ?? ""
                report("unknown key '\(name)' in \(what)\(hint) (known keys: \(allowed.joined(separator: ", ")))", at: key)
                continue
            }
            out.append((name, key, YAMLValue(node: v, path: path)))
        }
        return out
    }

    public func string(_ value: YAMLValue, what: String) -> String? {
        guard let s = value.scalarText else {
            report("\(what) must be a single value, not a list or mapping", at: value)
            return nil
        }
        return s
    }

    public func integer(_ value: YAMLValue, what: String, range: ClosedRange<Int>? = nil) -> Int? {
        guard let s = string(value, what: what) else { return nil }
        guard let n = Int(s) else {
            report("\(what) must be a whole number, not '\(s)'", at: value)
            return nil
        }
        if let range, !range.contains(n) {
            report("\(what) must be between \(range.lowerBound) and \(range.upperBound), not \(n)", at: value)
            return nil
        }
        return n
    }

    public func bool(_ value: YAMLValue, what: String) -> Bool? {
        guard let s = string(value, what: what) else { return nil }
        switch s.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            report("\(what) must be true or false, not '\(s)'", at: value)
            return nil
        }
    }

    /// A list of single values; a single value is accepted as a list of one.
    public func strings(_ value: YAMLValue, what: String) -> [String] {
        if value.isNull { return [] }
        if let seq = value.node.sequence {
            return seq.compactMap { string(YAMLValue(node: $0, path: path), what: "each entry of \(what)") }
        }
        return string(value, what: what).map { [$0] } ?? []
    }

    /// The items of a list.
    public func sequence(_ value: YAMLValue, what: String) -> [YAMLValue] {
        guard let seq = value.node.sequence else {
            report("\(what) must be a list", at: value)
            return []
        }
        return seq.map { YAMLValue(node: $0, path: path) }
    }

    /// One of a fixed set of words.
    public func choice(_ value: YAMLValue, what: String, among options: [String]) -> String? {
        guard let s = string(value, what: what) else { return nil }
        guard options.contains(s) else {
            let hint = Suggest.closest(s, among: options).map { "; did you mean '\($0)'?" } ?? ""
            report("\(what) must be one of \(options.joined(separator: ", ")), not '\(s)'\(hint)", at: value)
            return nil
        }
        return s
    }

    private func describe(_ error: YamlError) -> ConfigError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ConfigError(path: path, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)")
        default:
            return ConfigError(path: path, line: 1, column: 1, message: "invalid YAML: \(error)")
        }
    }
}

extension String {
    func trimmingTrailing(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}

import Check
