/// The strings of a table's short values, kept per column and found again by their bytes.
///
/// An export repeats most of its values (flags, codes, scores, the days of a year), and
/// making a cell's `String` again from its bytes (checking and copying them) costs several
/// times more than finding the one made before. Each column has a small table indexed by
/// a hash of the bytes; a column whose values rarely repeat (record ids) stops using it.
/// The same bytes always decode to the same text, so a string found here is the one that
/// decoding would make.
///
/// The tables are raw memory: this runs for every cell, and an array's bounds and
/// uniqueness checks on each access cost as much as the lookup itself.
public final class ShortTexts {
    /// Values longer than this are made each time (they are also not small strings).
    static let maxLength = 15
    static let slotsPerColumn = 256
    /// Lookups a column gets before it must show that its values repeat.
    static let trial = 1024
    /// Columns past this many are not kept (a table as wide as a census extract).
    static let maxColumns = 64

    private struct Slot {
        /// 0xFF: empty.
        var length: UInt8 = 0xFF
        /// The bytes as two words (`words`).
        var low: UInt64 = 0
        var high: UInt64 = 0
        var text = ""
    }

    /// Each column's table, made at its first value.
    private let tables = UnsafeMutablePointer<UnsafeMutablePointer<Slot>?>.allocate(capacity: ShortTexts.maxColumns)
    /// Each column's lookups and hits during its trial; lookups -1: the column is off.
    private let lookups = UnsafeMutablePointer<Int>.allocate(capacity: ShortTexts.maxColumns)
    private let hits = UnsafeMutablePointer<Int>.allocate(capacity: ShortTexts.maxColumns)

    public init() {
        tables.initialize(repeating: nil, count: ShortTexts.maxColumns)
        lookups.initialize(repeating: 0, count: ShortTexts.maxColumns)
        hits.initialize(repeating: 0, count: ShortTexts.maxColumns)
    }

    deinit {
        for c in 0..<ShortTexts.maxColumns {
            guard let t = tables[c] else { continue }
            t.deinitialize(count: ShortTexts.slotsPerColumn)
            t.deallocate()
        }
        tables.deallocate()
        lookups.deallocate()
        hits.deallocate()
    }

    /// The text of `bytes`, a value of `column`: the string made for the same bytes before,
    /// else `make()`'s, kept for next time.
    @inline(__always)
    public func text(_ bytes: UnsafeBufferPointer<UInt8>, column: Int, make: () -> String) -> String {
        let n = bytes.count
        guard n <= ShortTexts.maxLength, column >= 0, column < ShortTexts.maxColumns, lookups[column] >= 0,
              let p = bytes.baseAddress else { return make() }
        let table = tables[column] ?? newTable(column)
        let (lo, hi) = ShortTexts.words(p, n)
        var h = (lo &* 0x9E37_79B9_7F4A_7C15) ^ (hi &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(n)
        h ^= h >> 29
        let slot = table + Int(truncatingIfNeeded: h >> 40) & (ShortTexts.slotsPerColumn - 1)
        let trial = lookups[column] < ShortTexts.trial
        if slot.pointee.length == UInt8(n) && slot.pointee.low == lo && slot.pointee.high == hi {
            if trial {
                lookups[column] += 1
                hits[column] += 1
            }
            return slot.pointee.text
        }
        let text = make()
        if trial {
            lookups[column] += 1
            // A column that found fewer than a quarter of its values here by the end of
            // the trial stops looking: its lookups would only add to making each string.
            if lookups[column] == ShortTexts.trial && hits[column] * 4 < ShortTexts.trial {
                lookups[column] = -1
                return text
            }
        }
        slot.pointee = Slot(length: UInt8(n), low: lo, high: hi, text: text)
        return text
    }

    @inline(never)
    private func newTable(_ column: Int) -> UnsafeMutablePointer<Slot> {
        let t = UnsafeMutablePointer<Slot>.allocate(capacity: ShortTexts.slotsPerColumn)
        t.initialize(repeating: Slot(), count: ShortTexts.slotsPerColumn)
        tables[column] = t
        return t
    }

    /// Up to 15 bytes as two words, read inside the value only: with its length, the
    /// words name the bytes (a value of 8 or more is read as its first and last 8, which
    /// overlap).
    @inline(__always)
    static func words(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UInt64, UInt64) {
        let raw = UnsafeRawPointer(p)
        if n >= 8 {
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
        }
        if n >= 4 {
            let a = UInt64(raw.loadUnaligned(as: UInt32.self))
            let b = UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
            return (a | b << 32, 0)
        }
        var w: UInt64 = 0
        for i in 0..<n { w |= UInt64(p[i]) << UInt64(8 * i) }
        return (w, 0)
    }
}
