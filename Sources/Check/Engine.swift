import Model

/// Runs a set of rules over the children of one return (one source file).
///
/// `check` is safe to call from several threads for different children; `observe` and
/// `finish` feed the return-level checks and must be called in source order.
public final class ReturnChecker: @unchecked Sendable {
    public let context: CheckContext
    /// What running a child-level rule needs, without the rule's documentation (copied
    /// for every rule and child otherwise).
    private let childRules: [(id: String, severity: Severity, run: @Sendable (Child, inout Findings) -> Void)]
    private var returnChecks: [(rule: Rule, check: any ReturnCheck)]

    /// `rules` are the run's active rules; those outside the context's ruleset are left out.
    public init(rules: [Rule], context: CheckContext) {
        self.context = context
        var child: [(id: String, severity: Severity, run: @Sendable (Child, inout Findings) -> Void)] = []
        var whole: [(Rule, any ReturnCheck)] = []
        for rule in rules where rule.applies(to: context.ruleset) {
            switch rule.check {
            case .child(let run): child.append((rule.id, rule.severity, run))
            case .whole(let make): whole.append((rule, make()))
            case .reader: break
            }
        }
        childRules = child
        returnChecks = whole
    }

    /// Runs every child-level rule on one child.
    public func check(_ child: Child) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for rule in childRules {
            var findings = Findings(ruleID: rule.id, severity: rule.severity, context: context)
            rule.run(child, &findings)
            if !findings.diagnostics.isEmpty { out.append(contentsOf: findings.diagnostics) }
        }
        return out
    }

    /// Shows one child to the return-level rules (in source order).
    public func observe(_ child: Child) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for entry in returnChecks {
            var findings = Findings(rule: entry.rule, context: context)
            entry.check.observe(child, &findings)
            out.append(contentsOf: findings.diagnostics)
        }
        return out
    }

    /// Lets the return-level rules report once every child has been seen.
    public func finish() -> [Diagnostic] {
        var out: [Diagnostic] = []
        for entry in returnChecks {
            var findings = Findings(rule: entry.rule, context: context)
            entry.check.finish(&findings)
            out.append(contentsOf: findings.diagnostics)
        }
        return out
    }
}
