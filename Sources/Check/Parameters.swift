import Model

/// What kind of value a rule parameter takes. Configuration values are checked against it
/// when the configuration is read, so a mistake is a configuration error at its line, never
/// a surprise while checking.
public enum ParameterKind: Sendable, Equatable {
    /// A whole number within a range (a minimum number of words).
    case integer(ClosedRange<Int>)
    /// A span of time with its unit (`10 working days`, `4 weeks`).
    case interval
    /// Free text.
    case text
    /// A list of words or phrases (stock phrases).
    case list
    /// A list whose every entry is one of a fixed set (agencies that must attend, risk
    /// factors): a mistyped code is a configuration error, not a rule that never fires.
    case codes([String])
    /// One of a fixed set of words.
    case choice([String])
    /// true or false.
    case flag
    /// A share of a whole, written as a percentage (`2%`, `0.5%`): the most children of a
    /// return that may lack a value.
    case share

    /// How the kind is described in error messages and `caselint explain`.
    public var summary: String {
        switch self {
        case .integer(let r): "a whole number from \(r.lowerBound) to \(r.upperBound)"
        case .interval: "a number and a unit (days, working days, weeks or months), e.g. '10 working days'"
        case .text: "text"
        case .list: "a list"
        case .codes(let options): "a list of any of \(options.joined(separator: ", "))"
        case .choice(let options): "one of \(options.joined(separator: ", "))"
        case .flag: "true or false"
        case .share: "a percentage from 0% to 100%, e.g. '2%'"
        }
    }
}

/// A parameter's value, typed.
public enum ParameterValue: Sendable, Hashable, CustomStringConvertible {
    case integer(Int)
    case interval(Interval)
    case text(String)
    case list([String])
    case flag(Bool)
    /// A percentage, 0 to 100.
    case share(Double)

    public var description: String {
        switch self {
        case .integer(let n): "\(n)"
        case .interval(let i): i.description
        case .text(let s): s
        case .list(let l): "[" + l.joined(separator: ", ") + "]"
        case .flag(let b): b ? "true" : "false"
        case .share(let p): ParameterValue.percent(p)
        }
    }
}

extension ParameterValue {
    /// `2%`, `0.5%`: a percentage without trailing zeros.
    public static func percent(_ p: Double) -> String {
        let rounded = (p * 1000).rounded() / 1000
        if rounded == rounded.rounded() { return "\(Int(rounded))%" }
        var s = "\(rounded)"
        while s.hasSuffix("0") { s.removeLast() }
        return s + "%"
    }
}

/// A parameter value as written in configuration: one value or a list.
public enum ParameterInput: Sendable, Equatable {
    case scalar(String)
    case list([String])
}

extension ParameterKind {
    /// Reads a value of this kind; the error says what was expected.
    public func parse(_ input: ParameterInput) -> Result<ParameterValue, ParameterError> {
        switch (self, input) {
        case (.list, .list(let items)): return .success(.list(items))
        case (.list, .scalar(let s)):
            // A default written as text: comma-separated (`police, health, social care`).
            return .success(.list(ParameterKind.commaSeparated(s)))
        case (.codes(let options), .list(let items)):
            if let error = ParameterKind.unknownCode(in: items, among: options) { return .failure(error) }
            return .success(.list(items))
        case (.codes(let options), .scalar(let s)):
            let items = ParameterKind.commaSeparated(s)
            if let error = ParameterKind.unknownCode(in: items, among: options) { return .failure(error) }
            return .success(.list(items))
        case (_, .list):
            return .failure(ParameterError("must be \(summary), not a list"))
        case (.integer(let range), .scalar(let s)):
            guard let n = Int(s) else { return .failure(ParameterError("must be \(summary), not '\(s)'")) }
            guard range.contains(n) else { return .failure(ParameterError("must be \(summary), not \(n)")) }
            return .success(.integer(n))
        case (.interval, .scalar(let s)):
            guard let i = Interval(s) else { return .failure(ParameterError("must be \(summary), not '\(s)'")) }
            return .success(.interval(i))
        case (.text, .scalar(let s)):
            return .success(.text(s))
        case (.choice(let options), .scalar(let s)):
            guard options.contains(s) else {
                let hint = Suggest.closest(s, among: options).map { "; did you mean '\($0)'?" } ?? ""
                return .failure(ParameterError("must be \(summary), not '\(s)'\(hint)"))
            }
            return .success(.text(s))
        case (.flag, .scalar(let s)):
            switch s.lowercased() {
            case "true", "yes", "on": return .success(.flag(true))
            case "false", "no", "off": return .success(.flag(false))
            default: return .failure(ParameterError("must be \(summary), not '\(s)'"))
            }
        case (.share, .scalar(let s)):
            var t = s.trimmingSpaces
            if t.hasSuffix("%") { t.removeLast() }
            guard let p = Double(t.trimmingSpaces), p >= 0, p <= 100, p.isFinite else {
                return .failure(ParameterError("must be \(summary), not '\(s)'"))
            }
            return .success(.share(p))
        }
    }
}

extension ParameterKind {
    static func commaSeparated(_ s: String) -> [String] {
        s.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    /// The error for the first entry that is not one of `options`, with the nearest one.
    public static func unknownCode(in items: [String], among options: [String]) -> ParameterError? {
        guard let bad = items.first(where: { !options.contains($0) }) else { return nil }
        let hint = Suggest.closest(bad, among: options).map { "; did you mean '\($0)'?" } ?? ""
        return ParameterError("must be \(ParameterKind.codes(options).summary); '\(bad)' is not one of them\(hint)")
    }
}

public struct ParameterError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Values configured for rule parameters (`.caselint.yml` `rule-settings:`), already
/// checked against each parameter's kind. A rule reads them through `Findings`; a parameter
/// not configured takes the rule's default.
public struct RuleParameters: Sendable, Equatable {
    private var values: [String: [String: ParameterValue]] = [:]

    public init() {}

    public subscript(rule: String, name: String) -> ParameterValue? {
        get { values[rule]?[name] }
        set { values[rule, default: [:]][name] = newValue }
    }

    public var isEmpty: Bool { values.isEmpty }

    /// The configured values of one rule.
    public func values(of rule: String) -> [String: ParameterValue] { values[rule] ?? [:] }
}

extension Findings {
    /// The value of one of the rule's parameters: configured, else the rule's default.
    public func parameter(_ name: String) -> ParameterValue? {
        let found: ParameterValue?? = withActive { a in
            // Lengths first (rules read their parameters for every child, and names of other
            // lengths were compared in full), in place (a loop over the pairs copied each,
            // retaining its name and value).
            let length = name.utf8.count
            return a.parameterValues.withUnsafeBufferPointer { pairs in
                for i in pairs.indices where pairs[i].name.utf8.count == length && pairs[i].name == name {
                    return .some(pairs[i].value)
                }
                return nil
            }
        }
        if let found { return found }
        assertionFailure("rule \(rule.id) reads parameter '\(name)' it does not declare")
        return nil
    }

    public func integer(_ name: String) -> Int {
        if case .integer(let n)? = parameter(name) { return n }
        assertionFailure("parameter '\(name)' of \(rule.id) is not an integer")
        return 0
    }

    public func interval(_ name: String) -> Interval {
        if case .interval(let i)? = parameter(name) { return i }
        assertionFailure("parameter '\(name)' of \(rule.id) is not an interval")
        return Interval(0, .days)
    }

    public func text(_ name: String) -> String {
        if case .text(let s)? = parameter(name) { return s }
        assertionFailure("parameter '\(name)' of \(rule.id) is not text")
        return ""
    }

    public func list(_ name: String) -> [String] {
        if case .list(let l)? = parameter(name) { return l }
        assertionFailure("parameter '\(name)' of \(rule.id) is not a list")
        return []
    }

    /// A share parameter as a percentage (0 to 100).
    public func share(_ name: String) -> Double {
        if case .share(let p)? = parameter(name) { return p }
        assertionFailure("parameter '\(name)' of \(rule.id) is not a share")
        return 0
    }

    public func flag(_ name: String) -> Bool {
        if case .flag(let b)? = parameter(name) { return b }
        assertionFailure("parameter '\(name)' of \(rule.id) is not a flag")
        return false
    }
}
