import Model

/// Element names seen, by their bytes: the symbol for a name without making a `String`.
struct ElementNames {
    struct Entry {
        var hash: UInt64 = 0
        var start: Int32 = 0
        var length: Int32 = 0
        var symbol = Symbol(rawValue: 0)
    }

    /// The hash of a name: its bytes eight at a time, the last word zero-padded.
    /// `known(at:)` computes the same from the words it loads; the two must agree, or known
    /// names are read byte by byte every time (correctly, but slowly).
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h = seed(n)
        var k = 0
        while k + 8 <= n {
            h = mix(h, UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self))
            k += 8
        }
        if k < n {
            var tail: UInt64 = 0
            for i in k..<n { tail |= UInt64(p[i]) << UInt64(8 * (i - k)) }
            h = mix(h, tail)
        }
        return h
    }

    @inline(__always) private static func seed(_ n: Int) -> UInt64 { UInt64(n) &* 0x9E37_79B9_7F4A_7C15 }
    @inline(__always) private static func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
        let x = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
        return x ^ (x >> 31)
    }

    /// Where a byte of `w` is below '0', is '>' or is above 127, the first of which ends a
    /// name of letters and digits: its high bit set (bytes after the first may be marked
    /// wrongly).
    @inline(__always) private static func stops(_ w: UInt64) -> UInt64 {
        let gt = w ^ 0x3E3E_3E3E_3E3E_3E3E
        return (((w &- 0x3030_3030_3030_3030) | w) | ((gt &- 0x0101_0101_0101_0101) & ~gt)) & 0x8080_8080_8080_8080
    }

    /// The first `r` bytes of `w`.
    @inline(__always) private static func prefix(_ w: UInt64, _ r: Int) -> UInt64 { w & ((1 << UInt64(8 * r)) &- 1) }

    /// How many bytes `known(at:)` may read.
    static let knownReach = 48

    /// The known name of letters and digits at `p` (`knownReach` bytes must be readable
    /// there), hashed a word at a time without reading it byte by byte; nil when it is new,
    /// longer or has other characters. The caller checks that the name ends where the
    /// entry's does.
    @inline(__always) func known(at p: UnsafePointer<UInt8>) -> Entry? {
        let raw = UnsafeRawPointer(p)
        var k = 0
        var w = raw.loadUnaligned(as: UInt64.self)
        var f = ElementNames.stops(w)
        // The seed needs the length: find the word with the name's end first.
        while f == 0 {
            k += 8
            guard k < ElementNames.knownReach else { return nil }
            w = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
            f = ElementNames.stops(w)
        }
        let r = f.trailingZeroBitCount >> 3
        let n = k + r
        var h = ElementNames.seed(n)
        var m = 0
        while m < k {
            h = ElementNames.mix(h, raw.loadUnaligned(fromByteOffset: m, as: UInt64.self))
            m += 8
        }
        if r > 0 { h = ElementNames.mix(h, ElementNames.prefix(w, r)) }
        guard n > 0 else { return nil }
        let i = find(p, n, hash: h)
        return slots[i].length != 0 ? slots[i] : nil
    }

    /// Each distinct name's bytes, one after another.
    private var bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 1024)
    private var used = 0, room = 1024
    /// Open addressing; a slot with `length` 0 is empty (a name has at least one byte).
    private var slots = UnsafeMutablePointer<Entry>.allocate(capacity: 64)
    private var count = 0, size = 64

    init() { slots.initialize(repeating: Entry(), count: size) }

    func deallocate() {
        bytes.deallocate()
        slots.deallocate()
    }

    /// Whether `p` starts with the name of `e`.
    @inline(__always) func matches(_ e: Entry, _ p: UnsafePointer<UInt8>) -> Bool {
        let n = Int(e.length)
        let q = bytes + Int(e.start)
        var k = 0
        while k + 8 <= n {
            if UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(q + k).loadUnaligned(as: UInt64.self) { return false }
            k += 8
        }
        while k < n {
            if p[k] != q[k] { return false }
            k += 1
        }
        return true
    }

    /// The slot of the entry for the `n` bytes at `p`, or the empty slot where it would go.
    @inline(__always) private func find(_ p: UnsafePointer<UInt8>, _ n: Int, hash: UInt64) -> Int {
        var i = slot(of: hash)
        while slots[i].length != 0 {
            let e = slots[i]
            if e.hash == hash && Int(e.length) == n && matches(e, p) { return i }
            i = (i + 1) & (size - 1)
        }
        return i
    }

    @inline(__always) private func slot(of hash: UInt64) -> Int { Int(truncatingIfNeeded: hash ^ (hash >> 29)) & (size - 1) }

    /// The entry for the `n` bytes at `p`, whose hash is `hash`; added when new.
    mutating func entry(_ p: UnsafePointer<UInt8>, _ n: Int, hash: UInt64) -> Entry {
        let i = find(p, n, hash: hash)
        if slots[i].length != 0 { return slots[i] }
        if used + n > room {
            room = max(room * 2, used + n)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: room)
            grown.update(from: bytes, count: used)
            bytes.deallocate()
            bytes = grown
        }
        (bytes + used).update(from: p, count: n)
        let e = Entry(hash: hash, start: Int32(used), length: Int32(n), symbol: Symbol(utf8: UnsafeBufferPointer(start: p, count: n)))
        used += n
        slots[i] = e
        count += 1
        if count * 2 > size { grow() }
        return e
    }

    private mutating func grow() {
        let old = slots, oldSize = size
        size *= 2
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Entry(), count: size)
        for k in 0..<oldSize where old[k].length != 0 {
            let e = old[k]
            var i = slot(of: e.hash)
            while slots[i].length != 0 { i = (i + 1) & (size - 1) }
            slots[i] = e
        }
        old.deallocate()
    }
}
