import Read
import Testing

/// Flattens records to `path=value@line:col`.
final class JSONCollect: JSONHandler {
    var records: [String] = []
    var problems: [String] = []
    var top: [String] = []
    func record(_ node: JSONNode) -> Bool {
        var parts: [String] = []
        flatten(node, "", &parts)
        records.append(parts.joined(separator: " "))
        return true
    }
    func topLevelMember(_ member: JSONMember) { top.append(member.key) }
    func problem(_ problem: JSONProblem) { problems.append("\(problem.message)@\(problem.position.line):\(problem.position.column)") }

    private func flatten(_ node: JSONNode, _ path: String, _ out: inout [String]) {
        switch node.value {
        case .object(let members):
            for m in members { flatten(m.value, path + "/" + m.key + "@\(m.keyPosition.line):\(m.keyPosition.column)", &out) }
        case .array(let items):
            for (i, item) in items.enumerated() { flatten(item, path + "[\(i)]", &out) }
        default:
            out.append("\(path)=\(node.value.scalarText ?? "null")@\(node.position.line):\(node.position.column)")
        }
    }
}

func readJSON(_ text: String, _ records: JSONRecords, step: Int? = nil) -> JSONCollect {
    let c = JSONCollect()
    let bytes = Array(text.utf8)
    try! JSONReader.read(step.map { trickle(bytes, step: $0) } ?? .memory(bytes), records: records, handler: c)
    return c
}

@Suite struct JSONReaderTests {
    @Test func everyKeyAndValueKnowsItsPosition() {
        let c = readJSON("[\n  {\"a\": 1, \"b\": [true, null],\n   \"é\": \"x\\u00e9\\n\", \"c\": {\"d\": -2.5e3}}\n]", .array)
        #expect(c.problems.isEmpty)
        #expect(c.records == [
            "/a@2:4=1@2:9 /b@2:12[0]=true@2:18 /b@2:12[1]=null@2:24 /é@3:4=xé\n@3:9 /c@3:22/d@3:28=-2.5e3@3:33",
        ])
    }

    @Test func recordsUnderANamedMemberAndOtherMembersPassedOn() {
        let c = readJSON(#"{"agency": "health", "data": {"meta": 1, "rows": [{"x": 1}, {"x": 2}]}}"#, .member(["data", "rows"]))
        #expect(c.records.count == 2)
        #expect(c.top == ["agency"])
    }

    @Test func keysRepeatedFromRecordToRecordAreReadAsWritten() {
        // Keys are reused from record to record (`JSONReader.key`). These share a slot of
        // that cache (same length, first and last byte), differ inside, are too long for
        // it, escaped, or hold a character of two bytes.
        let long = String(repeating: "k", count: 40)
        let records = [
            #"{"axb": 1, "ayb": 2, "nhsNumber": 3}"#,
            #"{"ayb": 4, "axb": 5, "\#(long)": 6, "\#(long)x": 7}"#,
            #"{"a\u0078b": 8, "é": 9, "e": 10, "nhsNumber": 11}"#,
            "{\"a\u{FF}b\": 12, \"axb\": 13}",
            // Of eight bytes or more (compared a word at a time): differing in the first
            // word, in a middle one, or only in the last, partial word.
            #"{"abcdefghijklXnopqz": 14, "abcdefgXijklmnopqz": 15, "abcdefghijklmnopqXsz": 16}"#,
            #"{"abcdefghijklmnopqrsz": 17, "abcdefghijklmnopqz": 18, "abcdefghijklmnopqrsz": 19}"#,
        ]
        let c = readJSON("[" + records.joined(separator: ",\n") + "]", .array)
        #expect(c.problems == ["duplicate key 'abcdefghijklmnopqrsz' in this object; the first is used@6:56"])
        let keys = c.records.map { $0.split(separator: " ").map { String($0.split(separator: "@")[0].dropFirst()) } }
        #expect(keys == [
            ["axb", "ayb", "nhsNumber"],
            ["ayb", "axb", long, long + "x"],
            ["axb", "é", "e", "nhsNumber"],
            ["a\u{FF}b", "axb"],
            ["abcdefghijklXnopqz", "abcdefgXijklmnopqz", "abcdefghijklmnopqXsz"],
            ["abcdefghijklmnopqrsz", "abcdefghijklmnopqz"],
        ])
    }

    @Test func jsonLines() {
        let c = readJSON("{\"x\": 1}\n\n{\"x\": 2}\r\n{\"x\": 3}", .lines)
        #expect(c.records == ["/x@1:2=1@1:7", "/x@3:2=2@3:7", "/x@4:2=3@4:7"])
    }

    @Test func recordsCutByTheBufferAreTheSameAsWhole() {
        var text = "{\"records\": [\n"
        for i in 0..<200 {
            text += "  {\"id\": \(i), \"note\": \"é \\\"q\\\" \\ud83d\\ude00\", \"list\": [1.5, true, {\"k\": null}]},\n"
        }
        text += "  {\"id\": \"last\"}\n]}"
        let whole = readJSON(text, .member(["records"]))
        #expect(whole.records.count == 201)
        #expect(whole.problems.isEmpty)
        for step in [1, 3, 17] {
            let cut = readJSON(text, .member(["records"]), step: step)
            #expect(cut.records == whole.records, "step \(step)")
        }
        #expect(whole.records[0].contains("/note@2:13=é \"q\" 😀@2:21"))
    }

    @Test func duplicateKeysAreReportedOnce() {
        let c = readJSON(#"[{"a": 1, "a": 2}]"#, .array, step: 1)
        #expect(c.problems == ["duplicate key 'a' in this object; the first is used@1:11"])
    }

    @Test func deepNestingIsRefused() {
        let c = readJSON(String(repeating: "[", count: 600) + String(repeating: "]", count: 600), .lines)
        #expect(c.problems.first?.hasPrefix("values are nested more than 256 deep (the limit)") == true)
    }

    @Test func stringsEndAndCountTheirCharactersWhereverTheirSpecialBytesFall() {
        // Strings are scanned eight bytes at a time: each kind of byte that ends the fast
        // scan, and characters of two and three bytes, at every offset of a word. The
        // column of the value after the string counts characters, not bytes.
        for k in 0..<20 {
            let lead = String(repeating: "a", count: k)
            for (inner, text, chars) in [("é", "é", 1), ("€", "€", 1), (#"\""#, "\"", 1), (#"\n"#, "\n", 1), ("", "", 0)] {
                for tail in ["", "bcdefghijklmnop"] {
                    let json = #"{"s": "\#(lead)\#(inner)\#(tail)", "n": 1}"#
                    let escapes = inner.hasPrefix("\\") ? 1 : 0
                    let column = 16 + k + chars + escapes + tail.count
                    let c = readJSON(json, .lines)
                    #expect(c.problems.isEmpty)
                    #expect(c.records == ["/s@1:2=\(lead)\(text)\(tail)@1:7 /n@1:\(column - 5)=1@1:\(column)"], "k \(k), \(inner)")
                }
            }
        }
        // A control character anywhere in a word is refused where it stands.
        for k in 0..<12 {
            let c = readJSON("{\"s\": \"" + String(repeating: "a", count: k) + "\u{01}zzzzzzzz\"}", .lines)
            #expect(c.problems == ["a control character inside a string@1:\(8 + k)"], "k \(k)")
        }
    }

    /// A file that ends inside a string is reported at its opening quote, counted in
    /// characters however many bytes the string and the text before it took.
    @Test func endOfFileInsideAStringIsReportedAtItsQuote() {
        for tail in ["abc", "é", "ééééééééé", "a\\nb"] {
            for step in [nil, 1, 3] {
                let c = readJSON("[{\"é\": \"" + tail, .array, step: step)
                #expect(c.problems == ["unexpected end of file inside a string that starts here@1:8"], "\(tail) \(String(describing: step))")
            }
        }
    }
}
