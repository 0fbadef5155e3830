import Foundation
import Report
import Testing

/// The JSON writer every JSON report goes through: strings escaped so that any text reads
/// back as itself, and the layout the golden reports pin (empty containers on one line).
struct JSONWriterTests {
    @Test(arguments: ["plain", "", "quote \" and backslash \\", "line\nbreak\r\ttab",
                      "control \u{01}\u{1F}\u{7F} end", "\u{00}", "ünïcödé ✓ 𝄞", "\"\\\"\\"])
    func stringsReadBackAsThemselves(_ text: String) throws {
        let json = JSONWriter.Value.array([.string(text)]).serialized()
        let back = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
        #expect(back == [text])
        #expect(!json.utf8.contains { $0 < 0x20 }, "no raw control character: \(json)")
    }

    @Test func controlCharactersAreWrittenAsShortOrUnicodeEscapes() {
        let json = JSONWriter.Value.string("a\u{01}\u{1B}\n\t\r\"\\").serialized()
        #expect(json == #""a\u0001\u001b\n\t\r\"\\""#)
    }

    /// Text is scanned eight bytes at a time: a character to escape is found at every offset.
    @Test func everyOffsetOfALongStringIsEscaped() throws {
        for special in ["\"", "\\", "\n", "\u{1F}", "\u{00}", "é"] {
            for at in 0..<20 {
                var chars = Array(repeating: "a", count: 20)
                chars[at] = special
                let text = chars.joined()
                let json = JSONWriter.Value.array([.string(text)]).serialized()
                let back = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
                #expect(back == [text], "\(special) at \(at): \(json)")
                #expect(!json.utf8.contains { $0 < 0x20 })
            }
        }
    }

    @Test func layoutIndentsMembersAndKeepsEmptyContainersOnOneLine() {
        var o = JSONWriter.Object()
        o["a"] = .array([])
        o["b"] = .object(JSONWriter.Object())
        o["c"] = .array([.int(1), .null, .bool(true)])
        var inner = JSONWriter.Object()
        inner["k \"q\""] = .string("v")
        o["d"] = .object(inner)
        #expect(JSONWriter.Value.object(o).serialized(indent: 2) == """
            {
              "a": [],
              "b": {},
              "c": [
                1,
                null,
                true
              ],
              "d": {
                "k \\"q\\"": "v"
              }
            }
            """)
        #expect(JSONWriter.Value.object(o).serialized() == #"{"a":[],"b":{},"c":[1,null,true],"d":{"k \"q\"":"v"}}"#)
    }

    @Test func aStreamWritesWhatTheSameValuesSerializeTo() {
        var stream = JSONWriter.Stream(indent: 2)
        stream.object { o in
            o.key("name"); o.string("x")
            o.key("none"); o.string(nil)
            o.key("list")
            o.array { list in
                for i in 1...2 {
                    list.element()
                    list.object { item in item.key("n"); item.int(i) }
                }
            }
            o.key("empty"); o.array { _ in }
        }
        var o = JSONWriter.Object()
        o["name"] = .string("x")
        o["none"] = .null
        o["list"] = .array((1...2).map { i in
            var item = JSONWriter.Object()
            item["n"] = .int(i)
            return .object(item)
        })
        o["empty"] = .array([])
        #expect(stream.text == JSONWriter.Value.object(o).serialized(indent: 2))
    }
}
