import Model

/// What a rule sees besides the child: the return it belongs to and the calendar.
public struct CheckContext: Sendable {
    /// The file being checked.
    public let file: FileID    /// The census year of the return (nil when the source is not a census return or its
    /// reference date is missing or invalid).
    public let census: CensusPeriod?
    public let ruleset: Ruleset
    /// The return's header record, for return-level findings and notes.
    public let header: Child?
    public let calendar: WorkingDayCalendar
    /// Parameter values from configuration; rules read them with `Findings.parameter`.
    public let parameters: RuleParameters
    /// What kind of source each file of the run is, by `FileID`, where known: a linked
    /// rule can tell a CIN census return's own records (which the DfE rules check) from
    /// other agencies'.
    public let families: [SourceFamily?]

    public init(file: FileID, census: CensusPeriod?, ruleset: Ruleset, header: Child?,
                calendar: WorkingDayCalendar = .englandAndWales, parameters: RuleParameters = RuleParameters(),
                families: [SourceFamily?] = []) {
        self.file = file
        self.census = census
        self.ruleset = ruleset
        self.header = header
        self.calendar = calendar
        self.parameters = parameters
        self.families = families
    }

    /// The kind of source `file` is, if known.
    public func family(of file: FileID) -> SourceFamily? { families.family(of: file) }
}

extension [SourceFamily?] {
    /// The kind of source `file` is, in a run's list by `FileID`, if known.
    public func family(of file: FileID) -> SourceFamily? {
        let i = Int(file.rawValue)
        return i < count ? self[i] : nil
    }
}

/// A rule bound to the return it checks: made once per return, so checking a child does
/// not copy the rule's documentation or the context.
public final class ActiveRule: Sendable {
    public let rule: Rule
    public let context: CheckContext
    let id: String
    let severity: Severity
    /// The parameter values the configuration sets for this rule, looked up once per
    /// return rather than for every child.
    public let configured: [String: ParameterValue]
    /// Every declared parameter's value for this return, configured or default, in the
    /// rule's order: a rule reads a few of them for every child, and a scan of these pairs
    /// copies neither the rule nor a dictionary entry.
    let parameterValues: [(name: String, value: ParameterValue?)]

    public init(rule: Rule, context: CheckContext) {
        self.rule = rule
        self.context = context
        id = rule.id
        severity = rule.severity
        let configured = context.parameters.values(of: rule.id)
        self.configured = configured
        parameterValues = rule.parameters.map { ($0.name, configured[$0.name] ?? $0.defaultParsed) }
    }
}

/// Collects one rule's diagnostics. Rules never throw: they report here.
public struct Findings {
    /// Not retained: a `ReturnChecker` holds its rules while they run, and a rule runs
    /// ~150 times per child (`owner` keeps one made here alive). Read through
    /// `withActive` on hot paths: an `unowned(unsafe)` reference is retained at each read.
    @usableFromInline private(set) var activeRef: Unmanaged<ActiveRule>
    @usableFromInline var active: ActiveRule { activeRef.takeUnretainedValue() }
    private let owner: ActiveRule?
    public private(set) var diagnostics: [Diagnostic] = []

    /// Runs `body` on the active rule without retaining it.
    @inlinable
    func withActive<R>(_ body: (ActiveRule) -> R) -> R { activeRef._withUnsafeGuaranteedRef(body) }

    /// Inlinable so that a rule reading `out.context.census` does not copy the whole context.
    @inlinable public var rule: Rule { withActive { $0.rule } }
    @inlinable public var context: CheckContext { withActive { $0.context } }
    /// The parameter values the configuration sets for the rule (empty: every default).
    @inlinable public var configuredParameters: [String: ParameterValue] { withActive { $0.configured } }

    public init(rule: Rule, context: CheckContext) {
        let made = ActiveRule(rule: rule, context: context)
        owner = made
        activeRef = .passUnretained(made)
    }

    public init(_ active: ActiveRule) {
        activeRef = .passUnretained(active)
        owner = nil
    }

    /// Collects the next rule's findings after this one's: a checker runs every rule on a
    /// child into one `Findings`, instead of making and freeing one per rule.
    mutating func rebind(to next: ActiveRule) {
        activeRef = .passUnretained(next)
    }

    /// Reports at a field of a record.
    public mutating func report(_ message: Message, at field: Field, of record: RecordRef, notes: [Note] = []) {
        diagnostics.append(Diagnostic(
            ruleID: active.id, severity: active.severity, message: message, location: field.location,
            path: record.logicalPath(of: field), childID: record.child.laChildID,
            recordKey: Findings.key(record, field.source.name), notes: notes, agency: record.record.agency.name))
    }

    /// Reports at a record, for something it lacks (`missing` names the absent field).
    public mutating func report(_ message: Message, at record: RecordRef, missing: String? = nil, notes: [Note] = []) {
        diagnostics.append(Diagnostic(
            ruleID: active.id, severity: active.severity, message: message, location: record.location,
            path: record.logicalPath, childID: record.child.laChildID,
            recordKey: Findings.key(record, missing), notes: notes, agency: record.record.agency.name))
    }

    /// Reports at the field if present, else at the record.
    public mutating func report(_ message: Message, at field: Field?, or record: RecordRef, missing: String, notes: [Note] = []) {
        if let field { report(message, at: field, of: record, notes: notes) } else { report(message, at: record, missing: missing, notes: notes) }
    }

    /// Reports a return-level finding at a header field (or the header, or the file).
    public mutating func reportReturn(_ message: Message, headerField key: FieldKey?, notes: [Note] = []) {
        if let header = context.header {
            let h = header.person
            if let key, let f = h[key] {
                diagnostics.append(Diagnostic(ruleID: active.id, severity: active.severity, message: message,
                                              location: f.location, path: "Header/" + f.source.name,
                                              recordKey: "Header/" + f.source.name, notes: notes))
                return
            }
            diagnostics.append(Diagnostic(ruleID: active.id, severity: active.severity, message: message,
                                          location: h.location, path: "Header", recordKey: "Header", notes: notes))
            return
        }
        diagnostics.append(Diagnostic(ruleID: active.id, severity: active.severity, message: message,
                                      location: SourceLocation(file: context.file, line: 1, column: 1), recordKey: "return", notes: notes))
    }

    /// A note pointing at a related field.
    public func note(_ message: Message, at field: Field, of record: RecordRef) -> Note {
        Note(location: field.location, message: message, path: record.logicalPath(of: field))
    }

    /// A note pointing at a related record.
    public func note(_ message: Message, at record: RecordRef) -> Note {
        Note(location: record.location, message: message, path: record.logicalPath)
    }

    /// Record identity without line numbers: `LA child id | record path | field`. A record
    /// that carries its source's own id (a visit, note or incident number) is identified by
    /// its type and that id (`visit:V-1`), as the mapper identifies rows: a row's position
    /// among a linked child's fragments moves when a data drop adds or reorders rows.
    static func key(_ record: RecordRef, _ field: String?) -> String {
        let child = record.child.laChildID ?? "#\(record.child.ordinal)"
        var path = record.relativePath
        if record.record.parent >= 0, let id = record.text(.recordID) ?? record.text(.incidentID) {
            path = record.kind.name + ":" + id
        }
        return [child, path, field ?? ""].joined(separator: "|")
    }
}

/// A place a return-level check remembers while it reads on (the first child with a UPN,
/// say), to report at or point to once the whole return has been read. The child itself
/// is not kept: a mark is a position, the child's id and ordinal, and interned path parts,
/// so a check can hold one for each of hundreds of thousands of children.
public struct Mark: Sendable {
    public let location: SourceLocation
    /// The child's LA child id, if it has one.
    public let childID: String?
    let childSource: Symbol
    let ordinal: Int32
    /// The record's path inside the child (`CINdetails[1]/Assessments[2]`); nil for the
    /// person record.
    let recordPath: Symbol?
    /// The field's source name; nil when the mark is a whole record.
    let field: Symbol?

    /// `Child[12]/ChildIdentifiers/UPN`.
    public var logicalPath: String {
        var s = "\(childSource.name)[\(ordinal)]"
        if let recordPath { s += "/" + recordPath.name }
        if let field { s += "/" + field.name }
        return s
    }

    /// Record identity without line numbers, as `Findings.key` builds it.
    var recordKey: String {
        [childID ?? "#\(ordinal)", recordPath?.name ?? "", field?.name ?? ""].joined(separator: "|")
    }
}

extension Findings {
    /// Remembers a field of a record, to report at or point to later.
    public func mark(_ field: Field, of record: RecordRef) -> Mark {
        Mark(location: field.location, childID: record.child.laChildID, childSource: record.child.source,
             ordinal: record.child.ordinal, recordPath: Findings.recordPath(record), field: field.source)
    }

    /// Remembers a record, to report at or point to later.
    public func mark(_ record: RecordRef) -> Mark {
        Mark(location: record.location, childID: record.child.laChildID, childSource: record.child.source,
             ordinal: record.child.ordinal, recordPath: Findings.recordPath(record), field: nil)
    }

    /// Reports at a remembered place.
    public mutating func report(_ message: Message, at mark: Mark, notes: [Note] = []) {
        diagnostics.append(Diagnostic(
            ruleID: active.id, severity: active.severity, message: message, location: mark.location,
            path: mark.logicalPath, childID: mark.childID, recordKey: mark.recordKey, notes: notes))
    }

    /// Reports a finding about the return as a whole (a share of its children) at a
    /// remembered place that shows an instance (the first child it counts). The finding
    /// belongs to the return, not to that child: it has no child id, and its identity is
    /// the rule's alone, so a baseline keeps it whichever child comes first.
    public mutating func reportReturn(_ message: Message, at mark: Mark, notes: [Note] = []) {
        diagnostics.append(Diagnostic(
            ruleID: active.id, severity: active.severity, message: message, location: mark.location,
            path: mark.logicalPath, recordKey: "return", notes: notes))
    }

    /// A note pointing at a remembered place.
    public func note(_ message: Message, at mark: Mark) -> Note {
        Note(location: mark.location, message: message, path: mark.logicalPath)
    }

    private static func recordPath(_ record: RecordRef) -> Symbol? {
        record.parent == nil ? nil : Symbol(record.relativePath)
    }
}
