import Check
import Dispatch
import Link
import Map
import Model
import Synchronization

/// What one file gives the linked stage: its fragments (each source's records of one
/// child), each with the index of its identity among the run's, or — when the run's
/// fragments outgrew `LintOptions.fragmentMemory` — the file to read again for them.
struct LinkInput {
    var fragments: [Child]
    /// The identity of every fragment of the file, in order (kept or not).
    var identities: [Int]
    /// The file to read again for its fragments, when they were not kept.
    var reread: Reread?

    struct Reread {
        let file: FileID
        let path: String
        /// Maps the file again into a sink.
        let map: (RecordSink) throws -> Void
    }
}

/// Bounds the memory of the fragments a run keeps until linking, shared by the files
/// being read. A file whose fragments do not fit drops them and is read again when its
/// children are linked: linking itself keeps only identifiers.
final class FragmentBudget: Sendable {
    private let left: Atomic<Int>
    /// What a file whose linked rules run on a guess (`InlineLinking`) keeps while the guess
    /// may still fail early, as it does in a file sorted by anything but person: a
    /// sixteenth of the budget (32 MB of 512). Past it, the file keeps no more.
    let whileUnsure: Int

    init(bytes: Int) {
        left = Atomic(bytes)
        whileUnsure = bytes / 16
    }

    /// Takes `bytes` if they fit.
    func take(_ bytes: Int) -> Bool {
        var current = left.load(ordering: .relaxed)
        while current >= bytes {
            let (exchanged, now) = left.compareExchange(expected: current, desired: current - bytes, ordering: .relaxed)
            if exchanged { return true }
            current = now
        }
        return false
    }

    func give(_ bytes: Int) { left.add(bytes, ordering: .relaxed) }

    /// About what a fragment costs in memory: its records, fields and object headers.
    static func cost(of child: Child) -> Int {
        128 + child.records.count * MemoryLayout<Record>.stride + child.fields.count * MemoryLayout<Field>.stride
    }
}

/// Hands each child a mapper makes to `each` and keeps nothing: a file read again for
/// its fragments (its findings were made the first time).
final class FragmentStream: RecordSink {
    private let each: (Child) -> Void
    init(_ each: @escaping (Child) -> Void) { self.each = each }
    func header(_ header: Child) {}
    func child(_ child: Child) { each(child) }
    func diagnostic(_ diagnostic: Diagnostic) {}
}

/// Runs the linked rules on each linked child: the fragments of one child merged, those
/// that describe the child first, then in file and row order. A child is checked as soon
/// as its last fragment has been seen (files in order, fragments in file order), and its
/// fragments are then let go.
struct LinkedStage {
    let linkage: Linkage
    let checker: ReturnChecker
    let jobs: Int
    let linkedChildren: (@Sendable (Child) -> Void)?

    /// A file read again for linking that could not be read, or no longer held what it did.
    func rereadProblem(_ reread: LinkInput.Reread, failure: String?) -> Diagnostic {
        let why = failure.map { "cannot read \(reread.path) again to link its records: \($0)" }
            ?? "\(reread.path) changed while it was being checked: read again to link its records, it no longer held what it did"
        return Diagnostic(ruleID: "IO001", severity: .error,
                          message: "\(why); rules across agencies saw only what could be read again",
                          location: .wholeFile(reread.file))
    }

    /// One child of its fragments: those that describe the child first, then in file and
    /// row order.
    private func merged(_ group: [Child]) -> Child {
        Child.merging(group.filter { $0.records[0].kind == .person } + group.filter { $0.records[0].kind != .person })
    }

    func run(_ inputs: [LinkInput]) -> [Diagnostic] {
        let groupOf = linkage.childOf
        // Fragments still to come, by child.
        var remaining = [Int32](repeating: 0, count: linkage.childCount)
        for input in inputs { for i in input.identities { remaining[Int(groupOf[i])] += 1 } }
        var partial: [Int32: [Child]] = [:]

        var out: [Diagnostic] = []
        // Linked rules run on other threads, a batch of children at a time, as a large
        // file's do; return-level rules see the children in order.
        let batches = ChildBatches(checker: checker, linkedChecker: nil, workers: jobs) { batch in
            for entry in batch.entries {
                guard case .child(let i) = entry else { continue }
                out += batch.checked[i]
                out += batch.observed[i]
            }
        }
        func check(_ child: Child) {
            batches.add(child)
            linkedChildren?(child)
        }
        func arrive(_ child: Child, identity: Int) {
            let g = groupOf[identity]
            remaining[Int(g)] -= 1
            if remaining[Int(g)] > 0 {
                partial[g, default: []].append(child)
            } else if var group = partial.removeValue(forKey: g) {
                group.append(child)
                check(merged(group))
            } else {
                check(child)
            }
        }
        for input in inputs {
            if let reread = input.reread {
                var k = 0, extra = 0
                var failure: String?
                do {
                    try reread.map(FragmentStream { child in
                        // Past the first read's count, the file has changed: left out.
                        guard k < input.identities.count else { extra += 1; return }
                        arrive(child, identity: input.identities[k])
                        k += 1
                    })
                } catch {
                    failure = Linter.describe(error)
                }
                if failure != nil || k != input.identities.count || extra > 0 {
                    out.append(rereadProblem(reread, failure: failure))
                }
            } else {
                for (child, identity) in zip(input.fragments, input.identities) { arrive(child, identity: identity) }
            }
        }
        // Children whose fragments did not all come back (a file changed between reads):
        // checked with what there is.
        for g in partial.keys.sorted() {
            check(merged(partial[g]!))
        }
        batches.drain()
        return out + checker.finish()
    }
}
