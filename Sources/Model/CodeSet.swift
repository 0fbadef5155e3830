/// A fixed list of codes (a DfE code list: referral sources, ethnicities, factors …), asked
/// about for every child. A code of one to seven bytes is looked up as one integer (its
/// bytes and its length) in a small open table, by a multiplicative hash: a `Set<String>`
/// hashed every text with SipHash, some 250 instructions a look-up. Longer codes are kept
/// in a `Set`.
public struct CodeSet: Sendable, ExpressibleByArrayLiteral {
    /// Codes of one to seven bytes as words; 0 marks an empty slot. A power of two long.
    private let table: [UInt64]
    /// Right shift of the hash product that leaves the table's index bits.
    private let shift: UInt64
    private let long: Set<String>

    public init(_ codes: some Sequence<String>) {
        var words: [UInt64] = []
        var long = Set<String>()
        for code in codes {
            if let w = CodeSet.word(code) { words.append(w) } else { long.insert(code) }
        }
        var bits: UInt64 = 3
        while (1 << bits) < words.count * 2 { bits += 1 }
        var table = [UInt64](repeating: 0, count: 1 << bits)
        for w in words {
            var i = CodeSet.slot(w, 64 - bits)
            while table[i] != 0 && table[i] != w { i = (i + 1) & (table.count - 1) }
            table[i] = w
        }
        self.table = table
        shift = 64 - bits
        self.long = long
    }

    public init(arrayLiteral codes: String...) { self.init(codes) }

    public func contains(_ text: String) -> Bool {
        guard let w = CodeSet.word(text) else { return long.contains(text) }
        var i = CodeSet.slot(w, shift)
        while true {
            let t = table[i]
            if t == w { return true }
            if t == 0 { return false }
            i = (i + 1) & (table.count - 1)
        }
    }

    /// The text's bytes as one integer, first byte lowest, and its length in the top byte
    /// (so that "1A" and "1A\0" differ); nil when empty or longer than 7 bytes.
    @inline(__always)
    private static func word(_ text: String) -> UInt64? {
        let n = text.utf8.count
        guard n >= 1 && n <= 7 else { return nil }
        // In place: walking a `String`'s `utf8` view cost about 20 instructions a byte.
        var text = text
        return text.withUTF8 { bytes in
            var w = UInt64(n) << 56
            for i in 0..<n { w |= UInt64(bytes[i]) << UInt64(8 * i) }
            return w
        }
    }

    @inline(__always)
    private static func slot(_ w: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (w &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}
