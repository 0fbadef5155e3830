import Model

/// What a rule is about.
public enum Category: String, Sendable, CaseIterable, Codable {
    case sufficiency, handover, procedure, consistency, format
}

/// A rule: its documentation, its examples and its check. Rules are data: `caselint
/// explain` prints these fields, the test suite runs the examples, and the engine runs
/// the check.
public struct Rule: Sendable, Identifiable, CustomStringConvertible {
    /// Stable id (`CIN8925`, `HND003`, `XML001`).
    public let id: String
    /// kebab-case name (`cp-plan-ends-before-start`).
    public let name: String
    public let category: Category
    public let severity: Severity
    /// The one-line message (for DfE rules, the DfE's own wording).
    public let message: String
    /// Why the rule exists.
    public let rationale: String
    /// What it enforces: statute, guidance or DfE validation rule.
    public let source: String
    /// Fields the rule reads, as the source names them.
    public let fields: [String]
    /// CIN census collection years the rule belongs to (`2025` = cin2024_25), nil for all.
    public let years: ClosedRange<Int>?
    public let parameters: [Parameter]
    public let examples: [Example]
    public let check: RuleCheck

    public init(id: String, name: String, category: Category, severity: Severity, message: String,
                rationale: String, source: String, fields: [String] = [], years: ClosedRange<Int>? = nil,
                parameters: [Parameter] = [], examples: [Example] = [], check: RuleCheck) {
        self.id = id
        self.name = name
        self.category = category
        self.severity = severity
        self.message = message
        self.rationale = rationale
        self.source = source
        self.fields = fields
        self.years = years
        self.parameters = parameters
        self.examples = examples
        self.check = check
    }

    public var description: String { id }

    /// The same rule with another severity (configuration overrides).
    public func with(severity: Severity) -> Rule {
        Rule(id: id, name: name, category: category, severity: severity, message: message, rationale: rationale,
             source: source, fields: fields, years: years, parameters: parameters, examples: examples, check: check)
    }

    /// True when the rule belongs to the ruleset.
    public func applies(to ruleset: Ruleset) -> Bool {
        guard let years else { return true }
        return years.contains(ruleset.year)
    }
}

/// How a rule looks at the data.
public enum RuleCheck: Sendable {
    /// Looks at one child at a time (all of the child's records).
    case child(@Sendable (Child, inout Findings) -> Void)
    /// Looks at a whole return: sees every child in order, then reports (duplicates,
    /// percentages). A new checker is made for each return.
    case whole(@Sendable () -> any ReturnCheck)
    /// Reported by a reader or mapper while reading (malformed XML, unknown element).
    case reader
}

/// A return-level check: it observes each child in source order and reports at the end.
public protocol ReturnCheck: AnyObject {
    func observe(_ child: Child, _ findings: inout Findings)
    func finish(_ findings: inout Findings)
}

/// A tunable value of a rule, with its default and where the default comes from.
public struct Parameter: Sendable {
    public let name: String
    public let defaultValue: String
    public let summary: String
    public let source: String
    public init(name: String, defaultValue: String, summary: String, source: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.summary = summary
        self.source = source
    }
}

/// A small input that must (or must not) trigger the rule. Examples run as tests and
/// `caselint explain` prints them.
public struct Example: Sendable {
    public enum Format: String, Sendable {
        /// One `<Child>` element, placed in a CIN census return (reference date 2025-03-31)
        /// unless the text is a whole `<Message>`.
        case cinCensus
    }
    public let triggers: Bool
    public let format: Format
    public let input: String
    /// What the example shows, in a few words.
    public let caption: String
    /// Limits to read the example with (examples of limit rules use small ones).
    public var limits: Limits?
    /// The CIN collection year of the return a `<Child>` example is placed in (`2024` =
    /// cin2023_24); nil for the rule's default (2025 when the rule has that year).
    public var year: Int?

    public init(triggers: Bool, format: Format = .cinCensus, _ caption: String, _ input: String) {
        self.triggers = triggers
        self.format = format
        self.caption = caption
        self.input = input
    }

    public static func bad(_ caption: String, _ input: String) -> Example {
        Example(triggers: true, caption, input)
    }
    public static func good(_ caption: String, _ input: String) -> Example {
        Example(triggers: false, caption, input)
    }

    /// The same example read with other limits.
    public func with(limits: Limits) -> Example {
        var copy = self
        copy.limits = limits
        return copy
    }

    /// The same example placed in a return of another collection year, for rules whose
    /// meaning changed between years.
    public func inYear(_ year: Int) -> Example {
        var copy = self
        copy.year = year
        return copy
    }

    /// The collection year the example's return has when the rule is `rule`: its own year
    /// if it names one, else 2025 when the rule belongs to that year, else the rule's last.
    public func year(for rule: Rule) -> Int {
        if let year { return year }
        guard let years = rule.years else { return 2025 }
        return years.contains(2025) ? 2025 : years.upperBound
    }
}
