import Model
import Testing

/// A list of chunks must behave as one array: indices across chunk boundaries, changes in
/// place, and lists appended whole or element by element.
@Suite struct ChunkedListTests {
    /// More than two chunks' worth (16,384 a chunk).
    static let n = 40_000

    @Test func holdsWhatAnArrayHolds() {
        var list = ChunkedList<Int>()
        for i in 0..<Self.n { list.append(i * 3) }
        #expect(list.count == Self.n)
        #expect(Array(list) == (0..<Self.n).map { $0 * 3 })
        #expect(list[16_383] == 16_383 * 3 && list[16_384] == 16_384 * 3)
        list[20_000] += 1
        list[0] = -1
        #expect(list[20_000] == 60_001 && list[0] == -1 && list[19_999] == 59_997)
        #expect(list.last == (Self.n - 1) * 3)
    }

    @Test func appendsListsWholeOrByElement() {
        let a = ChunkedList(0..<20_000), b = ChunkedList(20_000..<37_000), c = ChunkedList(37_000..<Self.n)
        // Onto an empty list a list's chunks are taken, its last one partly full; later
        // appends land after its last element.
        var joined = ChunkedList<Int>()
        joined.append(contentsOf: a)
        joined.append(contentsOf: b)
        joined.append(contentsOf: c)
        joined.append(Self.n)
        #expect(Array(joined) == Array(0...Self.n))
        // The lists appended are not changed by changes to the result, nor by what was
        // appended after them into a chunk they share.
        joined[5] = -5
        #expect(Array(a) == Array(0..<20_000) && Array(b) == Array(20_000..<37_000))
        // Onto a list whose chunks are all full, the next list's chunks are taken too.
        var full = ChunkedList(0..<16_384)
        full.append(contentsOf: b)
        full.append(-1)
        #expect(Array(full) == Array(0..<16_384) + Array(20_000..<37_000) + [-1])
    }
}
