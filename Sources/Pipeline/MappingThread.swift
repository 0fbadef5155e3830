import Dispatch
import Foundation
import Map
import Model
import Synchronization

/// Maps a row source's rows on a thread of its own while the source reads on. A large
/// CSV or JSON export is one file: its reader and its mapper would otherwise share one
/// thread, each taking about half of it, while the other cores wait for children.
/// Rows and the source's own findings keep their file order (one queue, one thread), and
/// at most `inFlight` batches wait, so memory stays bounded however large the file.
final class MappingThread: RowConsumer, @unchecked Sendable {
    private enum Event {
        case row(Row)
        case diagnostic(Diagnostic)
    }
    /// A batch crossing to the mapping thread; only one thread holds it at a time.
    private struct Batch: @unchecked Sendable {
        var events: [Event]
    }

    static let batchSize = 256
    static let inFlight = 8

    private let mapper: RowMapper
    private var batch: [Event] = []
    private let pending = Mutex<[Batch?]>([])
    private let ready = DispatchSemaphore(value: 0)
    private let room = DispatchSemaphore(value: MappingThread.inFlight)
    private let done = DispatchSemaphore(value: 0)
    private var running = true

    /// `mapper` is used only on the new thread until `finish` or `drain` returns.
    init(mapper: RowMapper) {
        self.mapper = mapper
        batch.reserveCapacity(MappingThread.batchSize)
        let thread = Thread { [self] in run() }
        thread.name = "caselint.map"
        thread.start()
    }

    func map(_ row: Row) { add(.row(row)) }
    func diagnostic(_ diagnostic: Diagnostic) { add(.diagnostic(diagnostic)) }

    /// Maps what is left, ends the thread, then finishes the mapper on the caller's thread.
    func finish() {
        drain()
        mapper.finish()
    }

    /// Maps what was handed over and ends the thread (also when the source stopped on an
    /// error, so that nothing maps behind the caller's back). Safe to call more than once.
    func drain() {
        guard running else { return }
        running = false
        submit()
        room.wait()
        pending.withLock { $0.append(nil) }
        ready.signal()
        done.wait()
    }

    private func add(_ event: Event) {
        batch.append(event)
        if batch.count >= MappingThread.batchSize { submit() }
    }

    private func submit() {
        guard !batch.isEmpty else { return }
        room.wait()
        let full = batch
        batch = []
        batch.reserveCapacity(MappingThread.batchSize)
        pending.withLock { $0.append(Batch(events: full)) }
        ready.signal()
    }

    private func run() {
        while true {
            ready.wait()
            guard let batch = pending.withLock({ $0.removeFirst() }) else { break }
            for event in batch.events {
                switch event {
                case .row(let row): mapper.map(row)
                case .diagnostic(let d): mapper.diagnostic(d)
                }
            }
            room.signal()
        }
        room.signal()
        done.signal()
    }
}
