import Read
import Testing

@Suite struct ShortTextsTests {
    /// Looks `text` up as a value of `column`, saying whether it had to be made.
    private func lookUp(_ texts: ShortTexts, _ text: String, column: Int = 0) -> (text: String, made: Bool) {
        var made = false
        let bytes = Array(text.utf8)
        let found = bytes.withUnsafeBufferPointer { b in
            texts.text(b, column: column) {
                made = true
                return String(decoding: b, as: UTF8.self)
            }
        }
        return (found, made)
    }

    @Test func aValueSeenBeforeIsFoundNotMade() {
        let texts = ShortTexts()
        #expect(lookUp(texts, "25/09/2024") == ("25/09/2024", true))
        #expect(lookUp(texts, "25/09/2024") == ("25/09/2024", false))
        // Another column keeps its own values.
        #expect(lookUp(texts, "25/09/2024", column: 3) == ("25/09/2024", true))
        // Too long to keep: made every time.
        #expect(lookUp(texts, "a value of sixteen").made)
        #expect(lookUp(texts, "a value of sixteen").made)
    }

    /// Values of every short length that differ in one byte, or only in length, never
    /// stand for each other, however the table's slots are shared.
    @Test func everyValueComesBackAsItsOwnText() {
        let texts = ShortTexts()
        var values: [String] = []
        for length in 1...16 {
            let base = String(repeating: "7", count: length)
            values.append(base)
            for i in 0..<length {
                var bytes = Array(base.utf8)
                bytes[i] = UInt8(ascii: "8")
                values.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        values += ["é", "Zoë", "\u{0}", "\u{0}\u{0}", "Y", "N", "y"]
        for _ in 0..<3 {
            for v in values { #expect(lookUp(texts, v).text == v) }
        }
    }

    /// A column whose values do not repeat (record ids) stops keeping them after its
    /// trial, and still gives each value its own text; one whose values repeat keeps them.
    @Test func aColumnOfUniqueValuesStopsKeepingThem() {
        let texts = ShortTexts()
        for i in 0..<2000 {
            #expect(lookUp(texts, "INC-\(i)", column: 1).text == "INC-\(i)")
            #expect(lookUp(texts, i % 2 == 0 ? "Y" : "N", column: 2).text == (i % 2 == 0 ? "Y" : "N"))
        }
        // The last id would still be in its slot had the column kept its values.
        #expect(lookUp(texts, "INC-1999", column: 1).made)
        #expect(!lookUp(texts, "Y", column: 2).made)
    }
}
