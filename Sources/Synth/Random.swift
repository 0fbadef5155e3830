/// A small deterministic random source (SplitMix64): the same seed gives the same file on
/// every machine and Swift version, which `SystemRandomNumberGenerator` does not promise.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in `range` (inclusive).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % span)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < p
    }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// One of `items`, each as likely as its weight.
    mutating func weighted<T>(_ items: [(T, Int)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var n = int(0...(total - 1))
        for (item, w) in items {
            if n < w { return item }
            n -= w
        }
        return items[items.count - 1].0
    }

    /// `count` different items of `items`, in the order drawn.
    mutating func distinct<T: Equatable>(_ count: Int, of items: [T]) -> [T] {
        var out: [T] = []
        while out.count < min(count, items.count) {
            let x = pick(items)
            if !out.contains(x) { out.append(x) }
        }
        return out
    }
}
