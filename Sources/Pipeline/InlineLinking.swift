import Check
import Synchronization

/// Linked rules run on each fragment of a run's one row source (CSV, JSON, XML rows) as it
/// streams, on the guess that every child is one fragment: an export sorted by person
/// keeps each person's rows together. When the guess holds, linking joins nothing and the
/// findings are the linked stage's, without reading the file again (the linked stage
/// checks a child of one fragment as that fragment, in file order, with the same rules
/// and context). The guess fails at the first fragment with an earlier one's identifiers,
/// or when linking joins fragments with different ones; its findings are then dropped
/// and the linked stage runs as it would have.
final class InlineLinking: Sendable {
    /// The linked rules, with the linked stage's context.
    let checker: ReturnChecker
    private let failed = Atomic(false)

    init(checker: ReturnChecker) { self.checker = checker }

    /// True once a child is known to have more than one fragment: stop running the rules.
    var hasFailed: Bool { failed.load(ordering: .relaxed) }

    func fail() { failed.store(true, ordering: .relaxed) }
}
