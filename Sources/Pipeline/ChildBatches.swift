import Check
import Dispatch
import Foundation
import Model
import Synchronization

/// Checks the children of one source on several threads while its reader goes on.
///
/// The reader's thread hands children and findings over in source order; children are
/// grouped into batches whose child-level rules run on other threads (`ReturnChecker.check`
/// is safe to share). Return-level rules and everything else stay on the reader's thread,
/// in order. Finished batches are handed back strictly in the order they were made, so the
/// findings come out exactly as a single thread would give them, whatever `--jobs` says.
/// At most `inFlight` batches are outstanding: memory stays bounded however large the file.
/// A source of one batch or less is checked on the reader's thread, with no thread started.
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
    private let workerCount: Int
    private var workers: Workers?

    /// `deliver` receives each finished batch, in order, on the reader's thread.
    init(checker: ReturnChecker, linkedChecker: ReturnChecker?, workers: Int, deliver: @escaping (Batch) -> Void) {
        self.checker = checker
        self.linkedChecker = linkedChecker
        inFlight = max(2, workers * 2)
        workerCount = workers
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
        if workers == nil {
            // Never more than one batch: no thread is worth starting.
            let batch = current
            current = Batch()
            check(batch)
            deliver(batch)
        } else {
            if !current.entries.isEmpty { submit() }
            while head < pending.count { take() }
        }
        workers?.stop()
        workers = nil
        pending.removeAll()
        head = 0
    }

    private func check(_ batch: Batch) {
        batch.checked = batch.children.map { checker.check($0) }
        if let linkedChecker { batch.linkedChecked = batch.children.map { linkedChecker.check($0) } }
    }

    private func submit() {
        let batch = current
        current = Batch()
        pending.append(batch)
        if workers == nil { workers = Workers(count: workerCount) }
        // Unretained: `pending` holds the batch until it is done, so that its children
        // are freed on this thread, by the allocator arena that made them.
        workers!.run { [checker, linkedChecker, unowned(unsafe) batch, done = batch.done] in
            batch.checked = batch.children.map { checker.check($0) }
            if let linkedChecker { batch.linkedChecked = batch.children.map { linkedChecker.check($0) } }
            done.signal()
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

/// Threads of our own for the batches. GCD's pool would not do: its threads already run
/// the files, each blocked while its batches are checked, and the pool grows too slowly to
/// run the batches in time.
final class Workers: Sendable {
    private let jobs = Mutex<[(@Sendable () -> Void)?]>([])
    private let ready = DispatchSemaphore(value: 0)
    private let count: Int

    init(count: Int) {
        self.count = count
        for _ in 0..<count {
            let thread = Thread { [self] in
                while true {
                    ready.wait()
                    guard let job = jobs.withLock({ $0.removeFirst() }) else { return }
                    job()
                }
            }
            thread.name = "caselint.children"
            thread.start()
        }
    }

    func run(_ job: @escaping @Sendable () -> Void) {
        jobs.withLock { $0.append(job) }
        ready.signal()
    }

    /// Lets each thread end once the jobs before are done.
    func stop() {
        for _ in 0..<count {
            jobs.withLock { $0.append(nil) }
            ready.signal()
        }
    }
}
