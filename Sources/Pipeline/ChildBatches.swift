import Check
import Dispatch
import Foundation
import Model
import Synchronization

/// Checks the children of one source on several threads while its reader goes on.
///
/// The reader's thread hands children and findings over in source order; children are
/// grouped into batches whose child-level rules run on other threads (`ReturnChecker.check`
/// is safe to share). Return-level rules (`observe`) see every child in source order on one
/// more thread of their own, a batch after another, so that the reader only reads and
/// maps: on a machine with as many threads as cores it is what the run waits for.
/// Finished batches are handed back strictly in the order they were made, so the
/// findings come out exactly as a single thread would give them, whatever `--jobs` says.
/// At most `inFlight` batches are outstanding: memory stays bounded however large the file.
/// A source of one batch or less is checked on the reader's thread, with no thread started.
final class ChildBatches {
    /// What the reader saw, in order: findings, or a child whose findings the workers fill in.
    enum Entry {
        case found([Diagnostic])
        /// Index into the batch's children.
        case child(Int)
    }

    /// One batch of children and what was found for each.
    final class Batch: @unchecked Sendable {
        var entries: [Entry] = []
        var children: [Child] = []
        /// The children's records, for when to close the batch.
        var records = 0
        /// Filled by the workers, one per child; read only after `done` is signalled twice
        /// (child-level rules, return-level rules).
        var checked: [[Diagnostic]] = []
        var linkedChecked: [[Diagnostic]] = []
        var observed: [[Diagnostic]] = []
        var linkedObserved: [[Diagnostic]] = []
        let done = DispatchSemaphore(value: 0)

        func check(_ checker: ReturnChecker, _ linkedChecker: ReturnChecker?, _ guess: InlineLinking?) {
            checked = each { checker.check($0) }
            if let linkedChecker, guess?.hasFailed != true { linkedChecked = each { linkedChecker.check($0) } }
        }

        func observe(_ checker: ReturnChecker, _ linkedChecker: ReturnChecker?, _ guess: InlineLinking?, _ collect: Collector?) {
            collect?.all(children)
            observed = each { checker.observe($0) }
            if let linkedChecker, guess?.hasFailed != true { linkedObserved = each { linkedChecker.observe($0) } }
        }

        /// `body` of each child, which is borrowed from the batch (that holds it until it
        /// is delivered) rather than retained: the threads that check a batch would each
        /// update every child's count, a contended atomic operation per child and pass.
        private func each<R>(_ body: (Child) -> R) -> [R] {
            children.withUnsafeBufferPointer { children in
                children.withMemoryRebound(to: Unmanaged<Child>.self) { refs in refs.map { $0._withUnsafeGuaranteedRef(body) } }
            }
        }
    }

    /// Sees each batch's children in order. Called only on the return-level thread, one
    /// batch after another, and its owner reads what it kept only after `drain`: hence
    /// unchecked.
    final class Collector: @unchecked Sendable {
        let all: ([Child]) -> Void
        init(_ all: @escaping ([Child]) -> Void) { self.all = all }
    }

    /// A batch closes at `batchSize` children once they hold `batchRecords` records, or at
    /// 8 × `batchSize` children: a batch of one-row children (a police export) is too
    /// little work to be worth waking two threads for.
    static let batchSize = 128
    static let batchRecords = 1024
    private let checker: ReturnChecker
    private let linkedChecker: ReturnChecker?
    /// Linked rules stop once their guess fails.
    private let guess: InlineLinking?
    private let inFlight: Int
    private let deliver: (Batch) -> Void
    /// Sees every child in order on the return-level rules' thread (what linking keeps),
    /// so that the reader's thread only reads and maps.
    private let collect: Collector?
    private var current = Batch()
    private var pending: [Batch] = []
    private var head = 0
    private let workerCount: Int
    private var workers: Workers?
    /// Runs the return-level rules, one batch after another in order.
    private var observer: DispatchQueue?

    /// `deliver` receives each finished batch, in order, on the reader's thread.
    init(checker: ReturnChecker, linkedChecker: ReturnChecker?, guess: InlineLinking? = nil, workers: Int, collect: Collector? = nil,
         deliver: @escaping (Batch) -> Void) {
        self.checker = checker
        self.linkedChecker = linkedChecker
        self.guess = guess
        self.collect = collect
        inFlight = max(2, workers * 2)
        workerCount = workers
        self.deliver = deliver
    }

    func add(_ child: Child) {
        current.entries.append(.child(current.children.count))
        current.children.append(child)
        current.records += child.records.count
        let n = current.children.count
        if n >= ChildBatches.batchSize && (current.records >= ChildBatches.batchRecords || n >= 8 * ChildBatches.batchSize) {
            submit()
        }
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
            batch.observe(checker, linkedChecker, guess, collect)
            batch.check(checker, linkedChecker, guess)
            deliver(batch)
        } else {
            if !current.entries.isEmpty { submit() }
            while head < pending.count { take() }
        }
        workers?.stop()
        workers = nil
        observer = nil
        pending.removeAll()
        head = 0
    }

    private func submit() {
        let batch = current
        current = Batch()
        pending.append(batch)
        if workers == nil {
            workers = Workers(count: workerCount)
            observer = DispatchQueue(label: "caselint.observe")
        }
        // Unretained: `pending` holds the batch until it is done.
        workers!.run { [checker, linkedChecker, guess, unowned(unsafe) batch, done = batch.done] in
            batch.check(checker, linkedChecker, guess)
            done.signal()
        }
        observer!.async { [checker, linkedChecker, guess, collect, unowned(unsafe) batch, done = batch.done] in
            batch.observe(checker, linkedChecker, guess, collect)
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
        batch.done.wait()
        pending[head] = Batch()
        head += 1
        deliver(batch)
    }
}

/// Threads of our own for the files, the batches and the mapping thread. GCD's pool would
/// not do: a thread reading a file blocks while its batches are checked, and the pool grows
/// too slowly (and by its own rule) to run the others in time.
final class Workers: Sendable {
    private let jobs = Mutex<[(@Sendable () -> Void)?]>([])
    private let ready = DispatchSemaphore(value: 0)
    private let count: Int

    /// `yields`: the threads run below the reader's priority (`yieldToReaders`), as the
    /// checking threads do; a thread the reader waits for (`MappingThread`) does not.
    init(count: Int, name: String = "caselint.children", yields: Bool = true) {
        self.count = count
        for _ in 0..<count {
            let thread = Thread { [self] in
                if yields { Workers.yieldToReaders() }
                while true {
                    ready.wait()
                    guard let job = jobs.withLock({ $0.removeFirst() }) else { return }
                    job()
                }
            }
            thread.name = name
            thread.start()
        }
    }

    /// Checking threads run at a lower priority than the reader whose children they check:
    /// on a machine with as many threads as cores, the reader (one thread: parse, map,
    /// return-level rules) is what the run waits for, and the checks fill the time left.
    private static func yieldToReaders() {
        #if os(Linux)
        // On Linux a nice value belongs to a thread, and 0 names the calling one.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 5)
        #endif
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
