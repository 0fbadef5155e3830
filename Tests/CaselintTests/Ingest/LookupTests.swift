@testable import Map
import Model
import Testing

@Suite struct IndexTableTests {
    /// Entries kept outside the table, as linking keeps identifiers in their fragments.
    private func hash(_ s: String) -> UInt64 {
        var h = TextHash()
        h.add(s)
        return h.value
    }

    @Test func findsWhatWasAddedAndAddsWhatIsNew() {
        var table = IndexTable()
        let values = (0..<5000).map { "943476\($0)" }
        for (i, v) in values.enumerated() {
            let added = table.findOrAdd(hash: hash(v), .init(index: Int32(i), part: 0)) { values[Int($0.index)] == v }
            #expect(added == nil)
        }
        #expect(table.count == 5000)
        // Found again after the table grew many times, at the first index it was added with.
        for (i, v) in values.enumerated() where i % 7 == 0 {
            let found = table.findOrAdd(hash: hash(v), .init(index: -1, part: 0)) { values[Int($0.index)] == v }
            #expect(found == .init(index: Int32(i), part: 0))
        }
        #expect(table.count == 5000)
        #expect(table.findOrAdd(hash: hash("nowhere"), .init(index: -1, part: 0)) { values[Int($0.index)] == "nowhere" } == nil)
    }

    /// A table of megabytes is made on memory asked for in 2 MB pages; it must start empty
    /// and keep what it is given all the same.
    @Test func aLargeTableStartsEmptyAndKeepsItsEntries() {
        var table = IndexTable()
        table.reserve(400_000)
        let values = (0..<400_000).map { "P-\($0)" }
        for (i, v) in values.enumerated() {
            #expect(table.findOrAdd(hash: hash(v), .init(index: Int32(i), part: 0)) { values[Int($0.index)] == v } == nil)
        }
        #expect(table.count == 400_000)
        for (i, v) in values.enumerated() where i % 997 == 0 {
            #expect(table.findOrAdd(hash: hash(v), .init(index: -1, part: 0)) { values[Int($0.index)] == v } == .init(index: Int32(i), part: 0))
        }
    }

    @Test func entriesWithTheSameHashAreToldApartByTheCaller() {
        var table = IndexTable()
        table.reserve(4)
        let values = ["A1", "B2", "C3"]
        // Every entry under one hash: only `matches` tells them apart.
        for i in values.indices {
            #expect(table.findOrAdd(hash: 42, .init(index: Int32(i), part: 7)) { values[Int($0.index)] == values[i] } == nil)
        }
        #expect(table.findOrAdd(hash: 42, .init(index: 1, part: 0)) { values[Int($0.index)] == "B2" } == .init(index: 1, part: 7))
        #expect(table.findOrAdd(hash: 42, .init(index: 3, part: 0)) { values[Int($0.index)] == "D4" } == nil)
        // A hash whose 32 bits are 0 is still stored (0 marks an empty slot).
        #expect(table.findOrAdd(hash: 0, .init(index: 9, part: 0)) { _ in false } == nil)
        #expect(table.findOrAdd(hash: 0, .init(index: 10, part: 0)) { $0.index == 9 } == .init(index: 9, part: 0))
    }

    @Test func textHashDependsOnEveryByteAndTheLength() {
        #expect(hash("9434765919") == hash(String("x9434765919".dropFirst())))
        #expect(hash("9434765919") != hash("9434765918"))
        #expect(hash("T850728973744") != hash("T850728973745"), "the ninth byte onwards counts")
        #expect(hash("A1") != hash("A1\u{0}"))
        #expect(hash("") != hash("\u{0}"))
        var salted = TextHash(1)
        salted.add("A1")
        #expect(salted.value != hash("A1"), "the kind of identifier is part of its hash")
    }
}

@Suite struct TextLookupTests {
    @Test func aSmallMapIsScannedAndALargeOneHashedWithTheSameAnswers() {
        for n in [1, 8, 9, 40] {
            let entries = (0..<n).map { (key: "K\($0)", value: "v\($0)") }
            let lookup = TextLookup(entries)
            for (k, v) in entries { #expect(lookup[k] == v) }
            #expect(lookup["K\(n)"] == nil)
            #expect(lookup["k0"] == nil, "case matters")
            #expect(lookup[""] == nil)
        }
        // A repeated key keeps its first value, scanned or hashed.
        #expect(TextLookup([(key: "Y", value: "true"), (key: "Y", value: "false")])["Y"] == "true")
        let many = (0..<9).map { (key: "K\($0)", value: "v\($0)") } + [(key: "K0", value: "later")]
        #expect(TextLookup(many)["K0"] == "v0")
    }
}
