import Model

/// Runs a set of rules over the children of one return (one source file).
///
/// `check` is safe to call from several threads for different children; `observe` and
/// `finish` feed the return-level checks and must be called in source order.
public final class ReturnChecker: @unchecked Sendable {
    public let context: CheckContext
    /// The child-level rules, as two arrays walked by index (no tuple copied per rule).
    private let childActives: [ActiveRule]
    private let childRuns: [Unmanaged<ChildRun>]
    /// Keeps `childRuns` alive.
    private let runs: [ChildRun]
    /// Each child-level rule's `triggers` (empty: run on every child).
    private let childTriggers: [KindSet]
    private var returnChecks: [(active: ActiveRule, check: any ReturnCheck)]

    /// `rules` are the run's active rules; those outside the context's ruleset are left out.
    public init(rules: [Rule], context: CheckContext) {
        self.context = context
        // Each closure goes straight into its `ChildRun`: kept in a generic container (an
        // array of tuples) on the way, it would be called through two reabstraction thunks.
        var actives: [ActiveRule] = []
        var runs: [ChildRun] = []
        var whole: [(ActiveRule, any ReturnCheck)] = []
        for rule in rules where rule.applies(to: context.ruleset) {
            switch rule.check {
            case .child(let run):
                actives.append(ActiveRule(rule: rule, context: context))
                runs.append(ChildRun(run))
            case .preparedChild(let prepare):
                let active = ActiveRule(rule: rule, context: context)
                actives.append(active)
                runs.append(ChildRun(prepare(active)))
            case .whole(let make): whole.append((ActiveRule(rule: rule, context: context), make()))
            case .reader: break
            }
        }
        childActives = actives
        self.runs = runs
        childRuns = runs.map { Unmanaged.passUnretained($0) }
        childTriggers = childActives.map { KindSet($0.rule.triggers) }
        returnChecks = whole
    }

    /// Runs every child-level rule on one child.
    public func check(_ child: Child) -> [Diagnostic] {
        guard let first = childActives.first else { return [] }
        var findings = Findings(first)
        let kinds = child.kinds
        for i in childRuns.indices {
            let triggers = childTriggers[i]
            if !triggers.isEmpty && !triggers.overlaps(kinds) { continue }
            findings.rebind(to: childActives[i])
            // Borrowed, not retained: the checking threads would contend for the closures' counts.
            childRuns[i]._withUnsafeGuaranteedRef { $0.run(child, &findings) }
        }
        return findings.diagnostics
    }

    /// Shows one child to the return-level rules (in source order), into one `Findings`
    /// rebound to each rule, the checks read in place (a copy of each entry retained its
    /// rule and its check, for every child).
    public func observe(_ child: Child) -> [Diagnostic] {
        returnChecks.withUnsafeBufferPointer { checks in
            guard let first = checks.first else { return [] }
            var findings = Findings(first.active)
            for i in checks.indices {
                findings.rebind(to: checks[i].active)
                checks[i].check.observe(child, &findings)
            }
            return findings.diagnostics
        }
    }

    /// Lets the return-level rules report once every child has been seen.
    public func finish() -> [Diagnostic] {
        var out: [Diagnostic] = []
        for entry in returnChecks {
            var findings = Findings(entry.active)
            entry.check.finish(&findings)
            out.append(contentsOf: findings.diagnostics)
        }
        return out
    }
}

/// A child-level rule's check, held in an object so that `ReturnChecker.check` can call it
/// without retaining it.
final class ChildRun: Sendable {
    let run: @Sendable (Child, inout Findings) -> Void
    init(_ run: @escaping @Sendable (Child, inout Findings) -> Void) { self.run = run }
}
