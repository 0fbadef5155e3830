import Check
import Link
import Map
import Model

/// Checks one source file as its children stream out of the mapper: runs the rules
/// scoped to this kind of source on each child, and keeps what linkage needs.
final class SourceChecker: RecordSink {
    /// What the run needs from this source besides its per-source findings.
    struct Collect {
        /// Identifiers of each fragment, for linking across sources.
        var identities = false
        /// The fragments themselves, when linked rules will run on merged children.
        var fragments = false
        /// Linked rules run here, on each child as it streams (a run whose one source
        /// holds whole children).
        var linkedInline = false
        /// Sees each child as a linked child, when linked rules run here.
        var observe: (@Sendable (Child) -> Void)?
        /// What the run's kept fragments may take; a file over it keeps none.
        var budget: FragmentBudget?
        /// Linked rules run here on the guess that each child is one fragment (the run's
        /// one source is rows); the linked stage runs instead when the guess fails.
        var guess: InlineLinking?
    }

    private let file: FileID
    private let family: SourceFamily
    private let sourceRules: [Rule]
    private let linkedRules: [Rule]
    private let forcedRuleset: Ruleset?
    private let collect: Collect
    private var checker: ReturnChecker?
    private var linkedChecker: ReturnChecker?
    private(set) var diagnostics: [Diagnostic] = []
    /// The guessed linked findings (`Collect.guess`), outside the per-file limit as the
    /// linked stage's are.
    private var guessed: [Diagnostic] = []
    private(set) var children = 0
    private(set) var identities: IdentityCollector
    private(set) var fragments: [Child] = []
    /// The fragments outgrew the run's budget and were let go (the file is read again).
    private(set) var fragmentsDropped = false
    private var fragmentBytes = 0
    private let maxFindings: Int
    /// Findings past the per-file limit: counted, not kept.
    private var overflow = 0

    private let parameters: RuleParameters
    /// Threads that may check this source's children (1: all on the reader's thread).
    private let workers: Int
    /// Children checked on other threads, when `workers` > 1.
    private var batches: ChildBatches?

    init(file: FileID, family: SourceFamily, rules: [Rule], ruleset: Ruleset?, collect: Collect = Collect(),
         limits: Limits = .defaults, parameters: RuleParameters = RuleParameters(), workers: Int = 1) {
        self.file = file
        self.family = family
        self.parameters = parameters
        self.workers = workers
        maxFindings = limits.maxFindingsPerFile
        sourceRules = rules.filter { $0.scope.runs(on: family) }
        linkedRules = collect.linkedInline ? rules.filter { $0.scope == .linked } : []
        forcedRuleset = ruleset
        self.collect = collect
        // A census file's UPN check letters are the census rule CIN1510's to report.
        identities = IdentityCollector(tracksFragments: collect.fragments, quietInvalid: family == .cinCensus ? [.upn] : [])
    }

    func header(_ header: Child) {
        let h = header.person
        let reference = h.day(.referenceDate)
        let ruleset = forcedRuleset ?? Ruleset.forHeader(year: h[.year]?.integer, referenceDate: reference)
        start(CheckContext(file: file, census: reference.map(CensusPeriod.init), ruleset: ruleset, header: header,
                           parameters: parameters, families: families))
    }

    private func start(_ context: CheckContext) {
        let checker = ReturnChecker(rules: sourceRules, context: context)
        self.checker = checker
        if !linkedRules.isEmpty { linkedChecker = ReturnChecker(rules: linkedRules, context: context) }
        if let guess = collect.guess { linkedChecker = guess.checker }
        if workers > 1 {
            let collects = collect.identities || collect.fragments
            batches = ChildBatches(checker: checker, linkedChecker: linkedChecker, guess: collect.guess, workers: workers,
                                   collect: collects ? ChildBatches.Collector { [unowned self] in self.keepForLinking($0) } : nil) { [unowned self] batch in
                self.merge(batch)
            }
        }
    }

    /// Keeps a finished batch's findings in the order one thread would have made them.
    private func merge(_ batch: ChildBatches.Batch) {
        for entry in batch.entries {
            switch entry {
            case .found(let found):
                keep(found)
            case .child(let i):
                keep(batch.checked[i])
                keep(batch.observed[i])
                if !batch.linkedChecked.isEmpty { keepLinked(batch.linkedChecked[i]) }
                if !batch.linkedObserved.isEmpty { keepLinked(batch.linkedObserved[i]) }
            }
        }
    }

    func child(_ child: Child) {
        if checker == nil {
            // No header: rules run without a census year (those that need one stay quiet).
            start(CheckContext(file: file, census: nil, ruleset: forcedRuleset ?? .latest, header: nil, parameters: parameters,
                               families: families))
        }
        children += 1
        if let batches {
            // Rules run on other threads; return-level rules still see children in order.
            batches.add(child)
        } else {
            keepForLinking(child)
            keep(checker!.check(child))
            keep(checker!.observe(child))
            if let linkedChecker, collect.guess?.hasFailed != true {
                keepLinked(linkedChecker.check(child))
                keepLinked(linkedChecker.observe(child))
            }
        }
        if collect.linkedInline { collect.observe?(child) }
    }

    /// Keeps what linking needs of a child: its identity (`prepared` when its batch's
    /// were made together), and the child itself while the run's budget allows. Called for
    /// each child in order, on the reader's thread or, through the batch's, on the
    /// batches' return-level thread.
    private func keepForLinking(_ child: Child, prepared: IdentityCollector.Prepared? = nil) {
        if collect.identities, prepared.map({ identities.add($0) }) ?? identities.add(child, file: file) {
            collect.guess?.fail()
        }
        if collect.fragments && !fragmentsDropped { keepFragment(child) }
    }

    /// The same for a batch's children, each in turn; their identities are prepared
    /// together (`IdentityCollector.prepare`).
    private func keepForLinking(_ children: [Child]) {
        guard collect.identities else {
            for child in children { keepForLinking(child) }
            return
        }
        for (child, prepared) in zip(children, identities.prepare(children, file: file)) {
            keepForLinking(child, prepared: prepared)
        }
    }

    private func keepFragment(_ child: Child) {
        let cost = FragmentBudget.cost(of: child)
        // Fragments are kept for the linked stage; a guess that has held this long will
        // most likely hold to the end and need none, and should it fail, the file is read
        // again, as one past the budget is.
        let sure = collect.guess.map { !$0.hasFailed && fragmentBytes >= (collect.budget?.whileUnsure ?? 0) } ?? false
        if !sure, collect.budget?.take(cost) ?? true {
            fragments.append(child)
            fragmentBytes += cost
        } else {
            collect.budget?.give(fragmentBytes)
            fragments = []
            fragmentBytes = 0
            fragmentsDropped = true
        }
    }

    /// The ruleset the return is checked with, once its header (or first child) is read.
    var ruleset: Ruleset? { checker?.context.ruleset }

    /// This source's kind, at its file's place.
    private var families: [SourceFamily?] {
        var out = [SourceFamily?](repeating: nil, count: Int(file.rawValue) + 1)
        out[Int(file.rawValue)] = family
        return out
    }

    /// The census period of the return, when it is a census return with a reference date.
    var census: CensusPeriod? { checker?.context.census }

    func diagnostic(_ diagnostic: Diagnostic) {
        if let batches { batches.add([diagnostic]) } else { keep([diagnostic]) }
    }

    /// Keeps the linked rules' findings: the file's own when they run inline, else the guess's.
    private func keepLinked(_ found: [Diagnostic]) {
        guard let guess = collect.guess else { return keep(found) }
        if !guess.hasFailed { guessed += found }
    }

    /// The linked stage's findings for this source, when the guess that each child is one
    /// fragment held to the end of the file (linking may still find it wrong).
    var guessedFindings: [Diagnostic]? {
        guard let guess = collect.guess, !guess.hasFailed else { return nil }
        return guessed
    }

    /// Keeps findings up to the per-file limit, so a file with millions of them costs
    /// bounded memory.
    private func keep(_ found: [Diagnostic]) {
        if found.isEmpty { return }
        let room = maxFindings - diagnostics.count
        if found.count <= room {
            diagnostics.append(contentsOf: found)
        } else {
            if room > 0 { diagnostics.append(contentsOf: found.prefix(room)) }
            overflow += found.count - max(room, 0)
        }
    }

    /// Ends the source. Rules over the whole return (duplicates, shares, the header) run
    /// only when it was `complete`: read to its end, not cut short by malformed input or a
    /// limit, since their verdicts need every child.
    func finish(complete: Bool = true) {
        batches?.drain()
        batches = nil
        if complete, let checker { keep(checker.finish()) }
        if !complete { collect.guess?.fail() }
        if complete, let linkedChecker, collect.guess?.hasFailed != true { keepLinked(linkedChecker.finish()) }
        if overflow > 0 {
            diagnostics.append(Diagnostic(
                ruleID: "LIM003", severity: .warning,
                message: "\(overflow) more findings in this file are not shown (the limit is \(maxFindings) per file)",
                location: .wholeFile(file)))
        }
    }
}
