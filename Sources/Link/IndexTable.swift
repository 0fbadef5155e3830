/// A hash table of entries kept elsewhere (identities, fragments' keys), by index: the
/// table holds each entry's hash and position, and the caller says whether an entry
/// matches. Linking a large export looks up millions of identifiers; a `Dictionary` keyed
/// by them would hash every `String` with SipHash and copy (retain) it into the table.
struct IndexTable {
    /// Where an entry is kept: two numbers the caller chooses (a fragment and one of its
    /// keys, or an identity and 0). `hash` 0 marks an empty slot.
    struct Position: Equatable {
        var index: Int32
        var part: Int32
    }
    private struct Slot {
        var hash: UInt32 = 0
        var position = Position(index: 0, part: 0)
    }
    private var slots: [Slot] = []
    private(set) var count = 0

    init() {}

    /// Makes room for `more` entries without growing while they are added.
    mutating func reserve(_ more: Int) {
        let needed = (count + more) * 2
        guard slots.count < needed else { return }
        var size = max(16, slots.count)
        while size < needed { size *= 2 }
        rehash(size)
    }

    /// The first entry with `hash` that `matches`; when there is none, `position` is added
    /// and nil returned. One probe sequence for both.
    mutating func findOrAdd(hash: UInt64, _ position: Position, matches: (Position) -> Bool) -> Position? {
        if (count + 1) * 2 > slots.count { rehash(max(16, slots.count * 2)) }
        let h = IndexTable.tag(hash)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s.hash == 0 {
                slots[i] = Slot(hash: h, position: position)
                count += 1
                return nil
            }
            if s.hash == h && matches(s.position) { return s.position }
            i = (i + 1) & mask
        }
    }

    /// 32 bits of the hash, never 0 (the empty slot's mark). The low bits pick the slot.
    private static func tag(_ hash: UInt64) -> UInt32 {
        let t = UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
        return t == 0 ? 1 : t
    }

    private mutating func rehash(_ size: Int) {
        let old = slots
        slots = Array(repeating: Slot(), count: size)
        let mask = size - 1
        for s in old where s.hash != 0 {
            var i = Int(s.hash) & mask
            while slots[i].hash != 0 { i = (i + 1) & mask }
            slots[i] = s
        }
    }
}

/// A fast, seeded hash of identifier text: eight bytes at a time, multiply and shift.
/// Identifiers are short (ten digits, thirteen characters), where SipHash's set-up
/// dominates. The seed changes from run to run, so crafted input cannot aim collisions.
struct TextHash {
    private static let seed = UInt64.random(in: 1...UInt64.max)
    private static let m: UInt64 = 0x9E37_79B9_7F4A_7C15

    private var h: UInt64

    init(_ salt: UInt64 = 0) { h = TextHash.seed ^ (salt &* TextHash.m) }

    mutating func add(_ word: UInt64) {
        h = (h ^ word) &* TextHash.m
        h ^= h >> 29
    }

    mutating func add(_ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { add(UnsafeRawBufferPointer($0)) }
        if done == nil { Array(text.utf8).withUnsafeBytes { add($0) } }
    }

    private mutating func add(_ raw: UnsafeRawBufferPointer) {
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

    var value: UInt64 {
        var x = h
        x ^= x >> 33
        x = x &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        return x
    }
}
