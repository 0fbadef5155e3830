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
    /// What the rule sees: one source's children as they stream, or the linked child.
    public let scope: RuleScope
    /// Kinds of record the rule needs one of to find anything (usually those it reports
    /// about; a plan rule's `cpPlan`): it is not run on a child with none of them. Empty:
    /// the rule runs on every child.
    public let triggers: [RecordKind]

    public init(id: String, name: String, category: Category, severity: Severity, message: String,
                rationale: String, source: String, fields: [String] = [], years: ClosedRange<Int>? = nil,
                parameters: [Parameter] = [], examples: [Example] = [], scope: RuleScope = .source(nil),
                triggers: [RecordKind] = [], check: RuleCheck) {
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
        self.scope = scope
        self.triggers = triggers
    }

    public var description: String { id }

    /// The same rule with another severity (configuration overrides).
    public func with(severity: Severity) -> Rule {
        Rule(id: id, name: name, category: category, severity: severity, message: message, rationale: rationale,
             source: source, fields: fields, years: years, parameters: parameters, examples: examples, scope: scope,
             triggers: triggers, check: check)
    }

    /// The same rule with another scope (the catalogue confines a family's rules to its sources).
    public func with(scope: RuleScope) -> Rule {
        Rule(id: id, name: name, category: category, severity: severity, message: message, rationale: rationale,
             source: source, fields: fields, years: years, parameters: parameters, examples: examples, scope: scope,
             triggers: triggers, check: check)
    }

    /// True when the rule belongs to the ruleset.
    public func applies(to ruleset: Ruleset) -> Bool {
        guard let years else { return true }
        return years.contains(ruleset.year)
    }
}

/// A kind of source: the rules of a statutory return run only on files of that return.
public struct SourceFamily: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public var description: String { name }

    public static let cinCensus = SourceFamily("cin-census")
    public static let ssda903 = SourceFamily("ssda903")
    public static let interchange = SourceFamily("interchange")
    /// An agency export read through a mapping profile.
    public static let mapped = SourceFamily("mapped")
}

/// Which children a rule sees.
///
/// `source` rules run on each child of one file as it streams out of the mapper, with
/// that file's context (the CIN census rules: a 200 MB return never waits for other
/// files). `linked` rules run on the linked child — every record of one child across all
/// the files of the run, joined by identifiers (`Link`) — which is what multi-agency
/// rules need: the police incident, the health visit and the CP plan side by side.
/// In a run with a single source of whole children (one CIN census file), the linked
/// child is the source's child, and linked rules stream with it.
public enum RuleScope: Sendable, Hashable {
    /// Each child of each source of this family (nil: of every source).
    case source(SourceFamily?)
    case linked

    /// True for a per-source rule that runs on files of `family`.
    public func runs(on family: SourceFamily) -> Bool {
        if case .source(let f) = self { return f == nil || f == family }
        return false
    }
}

/// How a rule looks at the data.
public enum RuleCheck: Sendable {
    /// Looks at one child at a time (all of the child's records).
    case child(@Sendable (Child, inout Findings) -> Void)
    /// Like `child`, but the check is made once for each return, from the rule as that
    /// return's configuration sets it, so that what all its children share (parameter
    /// values, the calendar) is worked out once rather than per child.
    case preparedChild(@Sendable (ActiveRule) -> @Sendable (Child, inout Findings) -> Void)
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

/// A tunable value of a rule, with its default and where the default comes from. Users set
/// it in `.caselint.yml` under `rule-settings:`; `kind` says what values are valid, and
/// rules read the value through `Findings` (`out.interval("visit-interval")`).
public struct Parameter: Sendable {
    public let name: String
    /// The default as it would be written in configuration (`10 working days`).
    public let defaultValue: String
    public let summary: String
    public let source: String
    public let kind: ParameterKind
    /// The default, typed, parsed once: rules read parameters for every child. Every
    /// built-in default parses (a test checks it).
    public let defaultParsed: ParameterValue?
    public init(name: String, defaultValue: String, summary: String, source: String, kind: ParameterKind = .text) {
        self.name = name
        self.defaultValue = defaultValue
        self.summary = summary
        self.source = source
        self.kind = kind
        defaultParsed = try? kind.parse(.scalar(defaultValue)).get()
    }
}

/// A small input that must (or must not) trigger the rule. Examples run as tests and
/// `caselint explain` prints them.
public struct Example: Sendable {
    public enum Format: String, Sendable {
        /// One `<Child>` element, placed in a CIN census return (reference date 2025-03-31)
        /// unless the text is a whole `<Message>`.
        case cinCensus
        /// Interchange records written inline as YAML: a list of mappings, each with
        /// `record:` and its fields (docs/interchange.md). Several YAML documents
        /// (separated by `---`) are several source files, linked as a run links files.
        case records
        /// A CSV file: interchange CSV, an SSDA903 table, or an export read through the
        /// example's `profile`; or just CSV whose syntax is the point. `\x{HH}` in the
        /// text stands for the byte HH (a Windows-1252 export's bytes are not UTF-8).
        case csv
        /// A JSON or JSON Lines file, with or without a `profile`.
        case json
        /// An XML file read through the example's `profile` (or an interchange XML file).
        case xml
    }
    public let triggers: Bool
    public let format: Format
    public let input: String
    /// A mapping profile (YAML) the input is read through.
    public let profile: String?
    /// What the example shows, in a few words.
    public let caption: String
    /// Limits to read the example with (examples of limit rules use small ones).
    public var limits: Limits?
    /// The CIN collection year of the return a `<Child>` example is placed in (`2024` =
    /// cin2023_24); nil for the rule's default (2025 when the rule has that year).
    public var year: Int?

    public init(triggers: Bool, format: Format = .cinCensus, _ caption: String, _ input: String, profile: String? = nil) {
        self.triggers = triggers
        self.format = format
        self.caption = caption
        self.input = input
        self.profile = profile
    }

    public static func bad(_ caption: String, _ input: String) -> Example {
        Example(triggers: true, caption, input)
    }
    public static func good(_ caption: String, _ input: String) -> Example {
        Example(triggers: false, caption, input)
    }
    /// An example in another format than the CIN census.
    public static func bad(_ format: Format, _ caption: String, _ input: String, profile: String? = nil) -> Example {
        Example(triggers: true, format: format, caption, input, profile: profile)
    }
    public static func good(_ format: Format, _ caption: String, _ input: String, profile: String? = nil) -> Example {
        Example(triggers: false, format: format, caption, input, profile: profile)
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
