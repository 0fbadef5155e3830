#if os(Linux)
import Glibc
#endif

/// A hash table of entries kept elsewhere (identities, fragments' keys), by index: the
/// table holds each entry's hash and position, and the caller says whether an entry
/// matches. Linking a large export looks up millions of identifiers; a `Dictionary` keyed
/// by them would hash every `String` with SipHash and copy (retain) it into the table.
public struct IndexTable: Sendable {
    /// Where an entry is kept: two numbers the caller chooses (a fragment and one of its
    /// keys, or an identity and 0). `hash` 0 marks an empty slot.
    public struct Position: Equatable, Sendable {
        public var index: Int32
        public var part: Int32
        @inlinable public init(index: Int32, part: Int32) {
            self.index = index
            self.part = part
        }
    }
    @usableFromInline struct Slot: Sendable {
        @usableFromInline var hash: UInt32 = 0
        @usableFromInline var position = Position(index: 0, part: 0)
        @inlinable init() {}
        @inlinable init(hash: UInt32, position: Position) {
            self.hash = hash
            self.position = position
        }
    }
    @usableFromInline var slots: [Slot] = []
    /// Entries added.
    public var count: Int { used }
    @usableFromInline var used = 0
    /// What `touch` read, kept only so that its reads are made.
    @usableFromInline var touched: UInt32 = 0

    public init() {}

    /// At most three quarters of the slots are used. Linear probing stays short at that
    /// load (a slot is 12 bytes: five to a cache line), and a large table is fresh memory
    /// the kernel must clear: a police export's 2.3 million identities fill 50 MB, not 100.
    @inlinable
    static func isFull(_ count: Int, slots: Int) -> Bool { count * 4 > slots * 3 }

    /// Makes room for `more` entries without growing while they are added.
    @inlinable
    public mutating func reserve(_ more: Int) {
        guard IndexTable.isFull(count + more, slots: slots.count) else { return }
        var size = max(16, slots.count)
        while IndexTable.isFull(count + more, slots: size) { size *= 2 }
        rehash(size)
    }

    /// The first entry with `hash` that `matches`; when there is none, `position` is added
    /// and nil returned. One probe sequence for both.
    @inlinable
    public mutating func findOrAdd(hash: UInt64, _ position: Position, matches: (Position) -> Bool) -> Position? {
        if IndexTable.isFull(count + 1, slots: slots.count) { rehash(max(16, slots.count * 2)) }
        let h = IndexTable.tag(hash)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s.hash == 0 {
                slots[i] = Slot(hash: h, position: position)
                used += 1
                return nil
            }
            if s.hash == h && matches(s.position) { return s.position }
            i = (i + 1) & mask
        }
    }

    /// Reads the slots where look-ups of `hashes` start, all at once, so that a batch of
    /// look-ups into a table larger than the cache waits for memory about once, not once
    /// per look-up (the reads do not depend on each other, so the processor overlaps them).
    @inlinable
    public mutating func touch(_ hashes: some Sequence<UInt64>) {
        guard !slots.isEmpty else { return }
        let mask = slots.count - 1
        var sum: UInt32 = 0
        for hash in hashes { sum &+= slots[Int(truncatingIfNeeded: IndexTable.tag(hash)) & mask].hash }
        // Stored, so that the reads are kept.
        touched = sum
    }

    /// 32 bits of the hash, never 0 (the empty slot's mark). The low bits pick the slot.
    @inlinable
    static func tag(_ hash: UInt64) -> UInt32 {
        let t = UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
        return t == 0 ? 1 : t
    }

    @usableFromInline
    mutating func rehash(_ size: Int) {
        let old = slots
        slots = Array(unsafeUninitializedCapacity: size) { buffer, count in
            IndexTable.preferHugePages(UnsafeMutableRawBufferPointer(buffer))
            buffer.initialize(repeating: Slot())
            count = size
        }
        let mask = size - 1
        for s in old where s.hash != 0 {
            var i = Int(s.hash) & mask
            while slots[i].hash != 0 { i = (i + 1) & mask }
            slots[i] = s
        }
    }
}

extension IndexTable {
    /// Asks the kernel for 2 MB pages under a large table not yet written: its look-ups are
    /// random, and with 4 KB pages nearly each one also missed the TLB.
    @usableFromInline
    static func preferHugePages(_ memory: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        let huge = 2 << 20
        guard memory.count >= 4 * huge, let base = memory.baseAddress else { return }
        let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: base) + memory.count) & ~(huge - 1)
        guard end > start, let p = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(p, end - start, MADV_HUGEPAGE)
        #endif
    }
}

/// A fast, seeded hash of identifier text: eight bytes at a time, multiply and shift.
/// Identifiers are short (ten digits, thirteen characters), where SipHash's set-up
/// dominates. The seed changes from run to run, so crafted input cannot aim collisions.
public struct TextHash: Sendable {
    @usableFromInline static let seed = UInt64.random(in: 1...UInt64.max)
    @usableFromInline static let m: UInt64 = 0x9E37_79B9_7F4A_7C15

    @usableFromInline var h: UInt64

    @inlinable public init(_ salt: UInt64 = 0) { h = TextHash.seed ^ (salt &* TextHash.m) }

    @inlinable
    public mutating func add(_ word: UInt64) {
        h = (h ^ word) &* TextHash.m
        h ^= h >> 29
    }

    @inlinable
    public mutating func add(_ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { add(UnsafeRawBufferPointer($0)) }
        if done == nil { Array(text.utf8).withUnsafeBytes { add($0) } }
    }

    @inlinable
    public mutating func add(_ raw: UnsafeRawBufferPointer) {
        var i = 0
        while i + 8 <= raw.count {
            add(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        var tail = UInt64(raw.count) << 56
        var shift: UInt64 = 0
        while i < raw.count {
            tail |= UInt64(raw[i]) << shift
            shift += 8
            i += 1
        }
        add(tail)
    }

    @inlinable
    public var value: UInt64 {
        var x = h
        x ^= x >> 33
        x = x &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        return x
    }
}
