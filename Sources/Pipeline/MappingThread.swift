import Dispatch
import Foundation
import Map
import Model

/// Maps a row source's rows on a thread of its own while the source reads on. A large
/// CSV or JSON export is one file: its reader and its mapper would otherwise share one
/// thread, each taking about half of it, while the other cores wait for children.
/// Batches keep their file order (one queue, one thread), and at most `inFlight` wait,
/// so memory stays bounded however large the file.
final class MappingThread: RowConsumer, @unchecked Sendable {
    static let inFlight = 8

    private let mapper: RowMapper
    /// One thread, jobs in the order given: a batch each.
    private let thread = Workers(count: 1, name: "caselint.map", yields: false)
    private let room = DispatchSemaphore(value: MappingThread.inFlight)
    private var running = true
    /// Batches mapped, handed back to the reading thread to be emptied and filled again:
    /// their rows were allocated there, and freeing them on the mapping thread made the
    /// two threads take turns at the allocator's lock for the reading thread's memory.
    private var spent: [RowBatch] = []
    private let spentLock = NSLock()
    /// What `touch` read, kept so that the reading is not left out as unused.
    private var touched: UInt8 = 0

    /// `mapper` is used only on the new thread until `finish` returns.
    init(mapper: RowMapper) {
        self.mapper = mapper
    }

    /// Takes `batch` to map on the thread, leaving a batch already mapped (or a new one)
    /// in its place.
    func map(_ batch: inout RowBatch) {
        room.wait()
        spentLock.lock()
        var mapped = spent.popLast() ?? RowBatch()
        spentLock.unlock()
        swap(&mapped, &batch)
        let full = Handover(mapped)
        thread.run { [self] in
            var rows = full.take() ?? RowBatch()
            touched = MappingThread.touch(rows.cells)
            mapper.map(&rows)
            // Moved, not copied: the reading thread must hold the last reference.
            spentLock.lock()
            spent.append(consume rows)
            spentLock.unlock()
            room.signal()
        }
    }

    /// Maps what is left, ends the thread, then finishes the mapper on the caller's thread.
    func finish() {
        drain()
        mapper.finish()
    }

    /// Waits for the batches handed over and ends the thread.
    private func drain() {
        guard running else { return }
        running = false
        let done = DispatchSemaphore(value: 0)
        thread.run { done.signal() }
        done.wait()
        thread.stop()
    }

    /// Reads a byte of each cache line of a batch's cells before any is mapped. The reading
    /// thread wrote them, so they are not in this core's cache: read row by row, each row
    /// waited for them in turn (a fifth of `RowMapper.map`'s time was its first cell's
    /// name); read here, the loads do not depend on one another and their waits overlap.
    private static func touch(_ cells: [RowCell]) -> UInt8 {
        cells.withUnsafeBytes { bytes in
            var sum: UInt8 = 0
            var offset = 0
            while offset < bytes.count {
                sum &+= bytes[offset]
                offset += 64
            }
            return sum
        }
    }
}
