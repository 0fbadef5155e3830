/// How serious a finding is. DfE errors are errors; DfE queries are warnings.
public enum Severity: String, Sendable, Comparable, CaseIterable, Codable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A message that may mention personal values. It is built once with both renderings so
/// every output format can choose without rebuilding it: personal values appear only when
/// the user asked for them (`--show-values`).
public struct Message: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The text with personal values withheld: safe to print, log or commit.
    public var redacted: String
    /// The text with personal values shown.
    public var revealed: String

    public static let withheld = "[withheld]"

    /// Longest value quoted whole in a message: a value from a broken or hostile file may
    /// be megabytes long, and a one-line message must stay one line.
    public static let maxValueLength = 256

    /// The value, or its start and its length when it is too long to quote.
    public static func clipped(_ s: String) -> String {
        guard s.utf8.count > maxValueLength else { return s }
        return String(s.prefix(100)) + "… (\(s.count) characters)"
    }

    public init(stringLiteral value: String) {
        redacted = value
        revealed = value
    }

    public init(stringInterpolation: Interpolation) {
        redacted = stringInterpolation.redacted
        revealed = stringInterpolation.revealed
    }

    public func text(showValues: Bool) -> String { showValues ? revealed : redacted }
    public var description: String { redacted }

    public struct Interpolation: StringInterpolationProtocol {
        var redacted = ""
        var revealed = ""
        public init(literalCapacity: Int, interpolationCount: Int) {}
        public mutating func appendLiteral(_ s: String) {
            redacted += s
            revealed += s
        }
        /// A value that is not personal (an event date, a code, a count).
        public mutating func appendInterpolation<T>(_ value: T) {
            let s = Message.clipped("\(value)")
            redacted += s
            revealed += s
        }
        /// Another message, keeping its withheld parts withheld.
        public mutating func appendInterpolation(_ m: Message) {
            redacted += m.redacted
            revealed += m.revealed
        }
        /// A personal value: withheld unless the user asks to see values.
        public mutating func appendInterpolation<T>(personal value: T) {
            redacted += Message.withheld
            revealed += Message.clipped("\(value)")
        }
    }
}

/// A related place shown under a diagnostic as a `note:` line.
public struct Note: Sendable, Hashable {
    public var location: SourceLocation
    public var message: Message
    /// Logical path of the related value (`Child[3]/CINdetails[1]/CPPstartDate`).
    public var path: String?

    public init(location: SourceLocation, message: Message, path: String? = nil) {
        self.location = location
        self.message = message
        self.path = path
    }
}

/// One finding: what is wrong, where, and which rule says so. Every output format renders
/// this one type.
public struct Diagnostic: Sendable, Hashable {
    public var ruleID: String
    public var severity: Severity
    public var message: Message
    public var location: SourceLocation
    /// Logical path of the value or record (`Child[12]/CINdetails[1]/CPPendDate`, `row 42, column DECOM`).
    public var path: String?
    /// The child's LA child id (or the source's record id); not a personal value.
    public var childID: String?
    /// Record identity for fingerprints: the child, the record's path inside the child,
    /// and the field, never line numbers.
    public var recordKey: String?
    public var notes: [Note]
    /// The agency whose record the finding is about (`social-care`, `police`), when known:
    /// reports total findings by agency.
    public var agency: String?
    /// Stable identity for baselines and CI tools, from the rule and the record's identity,
    /// never from line numbers. Set once a run's findings are complete (`Fingerprint.assign`),
    /// because findings that would otherwise share one are told apart by their order.
    public var fingerprint: String?

    public init(ruleID: String, severity: Severity, message: Message, location: SourceLocation,
                path: String? = nil, childID: String? = nil, recordKey: String? = nil, notes: [Note] = [],
                agency: String? = nil) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.location = location
        self.path = path
        self.childID = childID
        self.recordKey = recordKey
        self.notes = notes
        self.agency = agency
    }

    /// Report order: file, line, column, then rule.
    public static func reportOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.location != b.location { return a.location < b.location }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        return a.message.redacted < b.message.redacted
    }
}
