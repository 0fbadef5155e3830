import Check
import Dispatch
import Model

/// Checks the children of one source on several threads while its reader goes on.
///
/// The reader's thread hands children and findings over in source order; children are
/// grouped into batches whose child-level rules run on other threads (`ReturnChecker.check`
/// is safe to share). Return-level rules and everything else stay on the reader's thread,
/// in order. Finished batches are handed back strictly in the order they were made, so the
/// findings come out exactly as a single thread would give them, whatever `--jobs` says.
/// At most `inFlight` batches are outstanding: memory stays bounded however large the file.
final class ChildBatches {
    /// What the reader saw, in order: findings, or a child whose rule findings a worker fills in.
    enum Entry {
        case found([Diagnostic])
        /// Index into the batch's children, and what the return-level rules said of it.
        case child(Int, observed: [Diagnostic], linkedObserved: [Diagnostic])
    }

    /// One batch of children and what the worker found for each.
    final class Batch: @unchecked Sendable {
        var entries: [Entry] = []
        var children: [Child] = []
        /// Filled by the worker, one per child; read only after `done` is signalled.
        var checked: [[Diagnostic]] = []
        var linkedChecked: [[Diagnostic]] = []
        let done = DispatchSemaphore(value: 0)
    }

    static let batchSize = 128
    private let checker: ReturnChecker
    private let linkedChecker: ReturnChecker?
    private let inFlight: Int
    private let deliver: (Batch) -> Void
    private var current = Batch()
    private var pending: [Batch] = []
    private var head = 0
    private static let workers = DispatchQueue(label: "caselint.children", attributes: .concurrent)

    /// `deliver` receives each finished batch, in order, on the reader's thread.
    init(checker: ReturnChecker, linkedChecker: ReturnChecker?, workers: Int, deliver: @escaping (Batch) -> Void) {
        self.checker = checker
        self.linkedChecker = linkedChecker
        inFlight = max(2, workers * 2)
        self.deliver = deliver
    }

    func add(_ child: Child, observed: [Diagnostic], linkedObserved: [Diagnostic]) {
        current.entries.append(.child(current.children.count, observed: observed, linkedObserved: linkedObserved))
        current.children.append(child)
        if current.children.count >= ChildBatches.batchSize { submit() }
    }

    func add(_ found: [Diagnostic]) {
        current.entries.append(.found(found))
    }

    /// Waits for every batch and delivers what is left.
    func drain() {
        if !current.entries.isEmpty { submit() }
        while head < pending.count { take() }
        pending.removeAll()
        head = 0
    }

    private func submit() {
        let batch = current
        current = Batch()
        let checker = self.checker, linkedChecker = self.linkedChecker
        pending.append(batch)
        ChildBatches.workers.async {
            batch.checked = batch.children.map { checker.check($0) }
            if let linkedChecker { batch.linkedChecked = batch.children.map { linkedChecker.check($0) } }
            batch.done.signal()
        }
        // Keep memory bounded: wait for the oldest batch once enough are outstanding.
        while pending.count - head >= inFlight { take() }
        if head > 64 {
            pending.removeFirst(head)
            head = 0
        }
    }

    private func take() {
        let batch = pending[head]
        batch.done.wait()
        pending[head] = Batch()
        head += 1
        deliver(batch)
    }
}
