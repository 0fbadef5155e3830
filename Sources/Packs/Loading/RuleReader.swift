import Check
import Config
import Model

/// Reads and compiles one rule of a pack: its documentation, parameters and examples,
/// and its kind's keys — once, or for each of its `cases:` (several record types or pairs
/// of dates under one id and message). The result is an ordinary `Rule` on the linked
/// child (`RuleScope.linked`).
enum RuleReader {
    static let commonKeys = ["id", "name", "category", "severity", "kind", "message", "summary", "rationale", "source",
                             "parameters", "examples", "cases"]

    static func read(_ value: YAMLValue, _ reader: YAMLReader) -> PackRule? {
        let before = reader.problems.count
        let kindKeys = Kind.all.flatMap(\.keys)
        var entries: [String: (key: YAMLValue, value: YAMLValue)] = [:]
        for e in reader.mapping(value, allowed: commonKeys + Set(kindKeys).sorted(), what: "a rule") { entries[e.key] = (e.keyValue, e.value) }
        func text(_ key: String, _ why: String) -> String? {
            guard let v = entries[key]?.value else { reader.report("a rule needs '\(key)': \(why)", at: value); return nil }
            return reader.string(v, what: key)
        }
        let id = text("id", "a stable id with the pack's prefix, such as LOCAL001") ?? ""
        if !id.isEmpty, !isRuleID(id) {
            reader.report("a rule id is capital letters then digits (LOCAL001), not '\(id)'", at: entries["id"]!.value)
        }
        let name = text("name", "a kebab-case name such as visit-interval-local") ?? ""
        if !name.isEmpty, !ParameterReader.isKebab(name) {
            reader.report("a rule name is kebab-case (visit-interval-local), not '\(name)'", at: entries["name"]!.value)
        }
        var category = Category.procedure
        if let v = entries["category"]?.value {
            if let c = reader.choice(v, what: "category", among: Category.allCases.map(\.rawValue)) { category = Category(rawValue: c)! }
        } else {
            reader.report("a rule needs 'category': one of \(Category.allCases.map(\.rawValue).joined(separator: ", "))", at: value)
        }
        var severity = Severity.warning
        if let v = entries["severity"]?.value,
           let s = reader.choice(v, what: "severity", among: Severity.allCases.reversed().map(\.rawValue)) {
            severity = Severity(rawValue: s)!
        }
        let rationale = text("rationale", "why the rule exists") ?? ""
        let source = text("source", "what it enforces: statute, guidance or local procedure") ?? ""
        let summary = entries["summary"].flatMap { reader.string($0.value, what: "summary") }
        guard let kv = entries["kind"]?.value else {
            reader.report("a rule needs 'kind': one of \(Kind.all.map(\.name).joined(separator: ", "))", at: value)
            return nil
        }
        guard let kindName = reader.string(kv, what: "kind") else { return nil }
        guard let kind = Kind.named(kindName) else {
            let hint = Suggest.closest(kindName, among: Kind.all.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
            reader.report("unknown kind '\(kindName)'\(hint) (kinds: \(Kind.all.map(\.name).joined(separator: ", ")))", at: kv)
            return nil
        }
        // Keys of other kinds are mistakes here.
        for (key, entry) in entries where kindKeys.contains(key) && !kind.keys.contains(key) {
            let hint = Suggest.closest(key, among: kind.keys).map { "; did you mean '\($0)'?" } ?? ""
            reader.report("'\(key)' is not a key of a \(kind.name) rule\(hint) (its keys: \(kind.keys.joined(separator: ", ")))", at: entry.key)
        }
        var parameters: [PackParameter] = []
        if let v = entries["parameters"]?.value {
            guard let p = ParameterReader.read(v, reader) else { return nil }
            parameters = p
        }
        let everyCaseWordsItsOwn = entries["cases"]?.value.node.sequence.map { cases in
            !cases.isEmpty && cases.allSatisfy { $0.mapping?["message"] != nil }
        } ?? false
        if entries["message"] == nil && !everyCaseWordsItsOwn {
            reader.report("a rule needs 'message': what a finding says, worded 'no recorded …'", at: value)
        }
        var examples: [(example: Example, line: Int, column: Int)] = []
        // A mistake in the examples does not stop the kind's keys being read: every mistake
        // of the rule is reported in one run.
        if let v = entries["examples"]?.value, let e = ExampleReader.read(v, reader) { examples = e }

        // The kind's keys: the rule's own, or each case's over them.
        var ruleKeys: [String: (key: YAMLValue, value: YAMLValue)] = [:]
        for (k, e) in entries where kind.keys.contains(k) { ruleKeys[k] = e }
        var inputs: [CaseInput] = []
        if let cv = entries["cases"]?.value {
            for item in reader.sequence(cv, what: "cases") {
                var keys = ruleKeys
                var message = entries["message"]?.value
                for e in reader.mapping(item, allowed: kind.keys + ["message"], what: "a case") {
                    if e.key == "message" { message = e.value } else { keys[e.key] = (e.keyValue, e.value) }
                }
                inputs.append(CaseInput(reader: reader, keys: keys, node: item, parameters: parameters, kind: kind.name, message: message))
            }
            if inputs.isEmpty { reader.report("cases must list at least one case", at: cv) }
        } else {
            inputs.append(CaseInput(reader: reader, keys: ruleKeys, node: value, parameters: parameters, kind: kind.name,
                                    message: entries["message"]?.value))
        }
        var cases: [CompiledCase] = []
        for input in inputs {
            if let c = kind.compile(input) { cases.append(c) }
        }
        guard reader.problems.count == before, !cases.isEmpty else { return nil }

        let documented = entries["message"].flatMap { e -> String? in
            guard let t = e.value.scalarText, case .success(let template) = Template.parse(t, allowed: Set(templateNames(t))) else { return nil }
            return template.documented(parameters.map(\.parameter))
        } ?? ""
        var fields: [String] = []
        for c in cases { for f in c.fields where !fields.contains(f) { fields.append(f) } }
        let rule = Rule(id: id, name: name, category: category, severity: severity,
                        message: summary ?? capitalised(documented), rationale: rationale, source: source, fields: fields,
                        parameters: parameters.map(\.parameter), examples: examples.map(\.example), scope: .linked,
                        triggers: triggers(cases), check: check(id: id, parameters: parameters, cases: cases))
        return PackRule(rule: rule, line: entries["id"]!.key.line, column: entries["id"]!.key.column,
                        examplePositions: examples.map { ($0.line, $0.column) })
    }

    /// What the rule reports about: every case's triggers, or none (every child) when a
    /// case may report on any child.
    static func triggers(_ cases: [CompiledCase]) -> [RecordKind] {
        var out: [RecordKind] = []
        for c in cases {
            if c.triggers.isEmpty { return [] }
            for k in c.triggers where !out.contains(k) { out.append(k) }
        }
        return out
    }

    /// The engine's check for the compiled cases: parameter values are resolved once per
    /// return (the defaults, unless the configuration sets some), then each case runs on
    /// each child.
    static func check(id: String, parameters: [PackParameter], cases: [CompiledCase]) -> RuleCheck {
        let defaults = parameters.map { $0.parameter.defaultParsed! }
        @Sendable func shared(_ configured: [String: ParameterValue], _ context: CheckContext) -> RunShared {
            let values = configured.isEmpty ? defaults : parameters.map { configured[$0.name] ?? defaults[$0.slot] }
            return RunShared(params: values, context: context)
        }
        var children: [CaseCall] = []
        var wholes: [@Sendable () -> any CaseCounter] = []
        for c in cases {
            switch c.check {
            case .child(let f): children.append(CaseCall(f, triggers: KindSet(c.triggers)))
            case .whole(let f): wholes.append(f)
            }
        }
        if !wholes.isEmpty {
            let makers = wholes
            return .whole { Counters(makers.map { $0() }, shared: shared) }
        }
        let calls = children  // a constant: the closure below runs on the checking threads
        return .preparedChild { active in
            let common = shared(active.configured, active.context)
            let refs = calls.map { Unmanaged.passUnretained($0) }
            return { child, out in
                var run = Run(child: child, shared: common)
                let kinds = child.kinds
                for i in refs.indices {
                    refs[i]._withUnsafeGuaranteedRef { c in
                        if c.triggers.isEmpty || c.triggers.overlaps(kinds) { c.call(&run, &out) }
                    }
                }
                withExtendedLifetime(calls) {}
            }
        }
    }

    /// A case's check in an object, called through `Unmanaged` (as `ReturnChecker` calls
    /// rules): calling the closure itself retained its context for every child, and the
    /// checking threads contended for that count.
    final class CaseCall: Sendable {
        let call: @Sendable (inout Run, inout Findings) -> Void
        /// The case's own triggers: a case about kinds the child has none of is not run,
        /// as `ReturnChecker` skips a whole rule (a rule of seven code lists ran all seven
        /// on every child that had any one of their kinds).
        let triggers: KindSet
        init(_ call: @escaping @Sendable (inout Run, inout Findings) -> Void, triggers: KindSet) {
            self.call = call
            self.triggers = triggers
        }
    }

    /// Return-level cases of one rule, fed each linked child (in order, on one thread).
    final class Counters: ReturnCheck {
        let counters: [any CaseCounter]
        let make: ([String: ParameterValue], CheckContext) -> RunShared
        private var shared: RunShared?
        init(_ counters: [any CaseCounter], shared make: @escaping @Sendable ([String: ParameterValue], CheckContext) -> RunShared) {
            self.counters = counters
            self.make = make
        }
        func observe(_ child: Child, _ findings: inout Findings) {
            let common = shared ?? make(findings.configuredParameters, findings.context)
            shared = common
            var run = Run(child: child, shared: common)
            for c in counters { c.observe(&run, &findings) }
        }
        func finish(_ findings: inout Findings) {
            for c in counters { c.finish(&findings) }
        }
    }

    static func isRuleID(_ s: String) -> Bool {
        let chars = Array(s)
        guard let firstDigit = chars.firstIndex(where: { $0.isNumber }), firstDigit > 0 else { return false }
        return chars[..<firstDigit].allSatisfy { $0.isUppercase && $0.isLetter }
            && chars[firstDigit...].allSatisfy { $0.isNumber || ($0.isUppercase && $0.isLetter) }
    }

    /// The placeholder names a template uses (for documenting it).
    static func templateNames(_ text: String) -> [String] {
        var out: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out.append(String(rest[rest.index(after: open)..<close]).trimmingCharacters(in: " "))
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    static func capitalised(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }
}
