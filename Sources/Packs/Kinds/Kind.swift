import Check
import Config
import Model

/// A kind of rule (docs/rule-packs.md, "Kinds"): the keys it reads, the placeholders its
/// message may use, and how it compiles one rule (or one case of a rule) into a check.
struct Kind: Sendable {
    let name: String
    /// Keys of a rule of this kind, besides the common ones (id, name, message …).
    let keys: [String]
    /// Values the kind offers the message besides parameters and the record's fields.
    let placeholders: [String]
    let compile: @Sendable (CaseInput) -> CompiledCase?

    static let all: [Kind] = [
        RequiredKind.kind, CodeListKind.codeList, CodeListKind.pattern, OrderKind.kind, DeadlineKind.deadline,
        DeadlineKind.followedBy, IntervalKind.kind, AttendanceKind.kind, AgreementKind.kind, ThresholdKind.kind,
    ]

    static func named(_ name: String) -> Kind? { all.first { $0.name == name } }
}

/// One rule's (or case's) check, compiled.
struct CompiledCase {
    enum Check {
        /// Looks at one child: the records of every agency, linked.
        case child(@Sendable (inout Run, inout Findings) -> Void)
        /// Counts over the whole data drop and reports at the end.
        case whole(@Sendable () -> any CaseCounter)
    }
    let check: Check
    /// Fields the case reads (`visit.childSeen`), for `caselint explain`.
    let fields: [String]
    /// The kinds of record the case reports about (see `Rule.triggers`): its selection,
    /// the trigger of a deadline, the episode of an interval. Empty: every child.
    let triggers: [RecordKind]
}

/// A return-level case: sees every linked child, then reports.
protocol CaseCounter: AnyObject {
    func observe(_ run: inout Run, _ out: inout Findings)
    func finish(_ out: inout Findings)
}

extension Message {
    /// Builds a finding's message from the rule's template: the kind's own values first,
    /// then the rule's parameters, then the fields of the record the finding is about.
    struct Builder: Sendable {
        let template: Template
        let parameters: [PackParameter]

        func callAsFunction(_ slots: Slots, _ run: Run, record: RecordRef?) -> Message {
            self(slots, run.shared, record: record)
        }

        /// The message with the return's parameter values, for a finding about no one child.
        func callAsFunction(_ slots: Slots, _ shared: Unmanaged<RunShared>, record: RecordRef?) -> Message {
            template.render { name in
                if let v = slots[name] { return v }
                if let p = parameters.first(where: { $0.name == name }) { return "\(shared.param(p.slot).description)" }
                if let record, let spec = Schema.field(named: name) {
                    guard let text = record.text(spec.key) else { return "none" }
                    return Slots.value(text, personal: spec.personal)
                }
                return "{\(name)}"
            }
        }
    }
}

/// Shared checks of record selection: a record of the rule's types passing its `when:`
/// condition and failing its `unless:`.
struct Selection: Sendable {
    let kinds: [RecordKind]
    let when: Pred?
    let unless: Pred?

    /// Calls `body` with each selected record's index, in source order.
    @inline(__always)
    func each(_ run: Run, _ body: (Int) -> Void) {
        let records = run.records
        if kinds.count == 1 {
            let k = kinds[0]
            for i in records.indices where records[i].kind == k { visit(i, run, body) }
        } else {
            for i in records.indices where kinds.contains(records[i].kind) { visit(i, run, body) }
        }
    }

    @inline(__always)
    private func visit(_ i: Int, _ run: Run, _ body: (Int) -> Void) {
        if when != nil || unless != nil {
            let env = run.env(i)
            // Called in place: binding a condition with `if let` copies it, retaining its
            // context, which the checking threads share and would contend for.
            if when?(env) == false { return }
            if unless?(env) == true { return }
        }
        body(i)
    }

    /// `record:`, `when:` and `unless:` of a rule.
    static func read(_ input: CaseInput, unless allowsUnless: Bool = true) -> Selection? {
        guard let kinds = input.kinds() else { return nil }
        let names = input.names(kinds)
        let (when, okWhen) = input.optionalPredicate("when", names)
        let (unless, okUnless) = allowsUnless ? input.optionalPredicate("unless", names) : (nil, true)
        guard okWhen, okUnless else { return nil }
        return Selection(kinds: kinds, when: when, unless: unless)
    }
}
