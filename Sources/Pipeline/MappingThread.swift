import Dispatch
import Foundation
import Map
import Model

/// Maps a row source's rows on a thread of its own while the source reads on. A large
/// CSV or JSON export is one file: its reader and its mapper would otherwise share one
/// thread, each taking about half of it, while the other cores wait for children.
/// Rows and the source's own findings keep their file order (one queue, one thread), and
/// at most `inFlight` batches wait, so memory stays bounded however large the file.
final class MappingThread: RowConsumer, @unchecked Sendable {
    private enum Event {
        case row(Row)
        /// Boxed: a finding is rare and several times a row's size, and unboxed it made
        /// every event as large, each copied out of its batch on the mapping thread.
        indirect case diagnostic(Diagnostic)
    }

    static let batchSize = 256
    static let inFlight = 8

    private let mapper: RowMapper
    private var batch: [Event] = []
    /// One thread, jobs in the order given: a batch of events each.
    private let thread = Workers(count: 1, name: "caselint.map", yields: false)
    private let room = DispatchSemaphore(value: MappingThread.inFlight)
    private var running = true
    /// Batches mapped, handed back to be freed on the reading thread: their rows were
    /// allocated there, and freeing them on the mapping thread made the two threads take
    /// turns at the allocator's lock for the reading thread's memory.
    private var spent: [[Event]] = []
    private let spentLock = NSLock()
    /// What `touch` read, kept so that the reading is not left out as unused.
    private var touched: UInt8 = 0

    /// `mapper` is used only on the new thread until `finish` or `drain` returns.
    init(mapper: RowMapper) {
        self.mapper = mapper
        batch.reserveCapacity(MappingThread.batchSize)
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
        let done = DispatchSemaphore(value: 0)
        thread.run { done.signal() }
        done.wait()
        thread.stop()
    }

    private func add(_ event: Event) {
        batch.append(event)
        if batch.count >= MappingThread.batchSize { submit() }
    }

    private func submit() {
        guard !batch.isEmpty else { return }
        room.wait()
        freeSpent()
        let full = Handover(batch)
        batch = []
        batch.reserveCapacity(MappingThread.batchSize)
        thread.run { [self] in
            let events = full.take() ?? []
            touched = MappingThread.touch(events)
            for i in events.indices {
                switch events[i] {
                case .row(let row): mapper.map(row)
                case .diagnostic(let d): mapper.diagnostic(d)
                }
            }
            // Moved, not copied: the reading thread must hold the last reference.
            spentLock.lock()
            spent.append(consume events)
            spentLock.unlock()
            room.signal()
        }
    }

    /// Reads a byte of each cache line of a batch's cells, every row's before any is
    /// mapped. The reading thread wrote them, so they are not in this core's cache: read
    /// row by row, each row waited for them in turn (a fifth of `RowMapper.map`'s time
    /// was its first cell's name); read here, the loads do not depend on one another and
    /// their waits overlap.
    private static func touch(_ events: [Event]) -> UInt8 {
        var sum: UInt8 = 0
        for i in events.indices {
            guard case .row(let row) = events[i] else { continue }
            row.cells.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    sum &+= bytes[offset]
                    offset += 64
                }
            }
        }
        return sum
    }

    /// Frees the batches mapped so far, on the calling (reading) thread.
    private func freeSpent() {
        spentLock.lock()
        let done = spent
        spent = []
        spentLock.unlock()
        _ = consume done
    }
}
