import Model
import Read
import Testing

/// Records every field as `text@line:col`, one line per record.
final class CSVCollect: CSVHandler {
    var rows: [String] = []
    var problems: [String] = []
    func record(_ record: CSVRecord) {
        rows.append((0..<record.count).map { "\(record.string($0))@\(record.position($0).line):\(record.position($0).column)" }
            .joined(separator: "|"))
    }
    func problem(_ problem: CSVProblem) { problems.append("\(problem.position.line):\(problem.position.column)") }
}

/// A source that hands over at most `step` bytes a call, to cut records at every place.
func trickle(_ bytes: [UInt8], step: Int) -> ByteSource {
    var offset = 0
    return ByteSource { buffer in
        let n = min(step, buffer.count, bytes.count - offset)
        for i in 0..<n { buffer[i] = bytes[offset + i] }
        offset += n
        return n
    }
}

func readCSV(_ bytes: [UInt8], step: Int? = nil, delimiter: UInt8 = UInt8(ascii: ","), encoding: TextEncoding? = nil) -> CSVCollect {
    let c = CSVCollect()
    let source = step.map { trickle(bytes, step: $0) } ?? .memory(bytes)
    try! CSVReader.read(source, delimiter: delimiter, encoding: encoding, handler: c)
    return c
}

@Suite struct CSVReaderTests {
    @Test func quotedFieldsWithDelimitersQuotesAndLineBreaks() {
        let c = readCSV(Array("a,b,c\n\"x,1\",\"say \"\"hi\"\"\",\"two\r\nlines\"\nlast,,é\n".utf8))
        #expect(c.problems.isEmpty)
        #expect(c.rows == [
            "a@1:1|b@1:3|c@1:5",
            "x,1@2:1|say \"hi\"@2:7|two\r\nlines@2:20",
            "last@4:1|@4:6|é@4:7",
        ])
    }

    @Test func lineEndsOfEveryKindAndNoFinalLineEnd() {
        let c = readCSV(Array("a,b\r\n1,2\r3,4\n5,6".utf8))
        #expect(c.rows == ["a@1:1|b@1:3", "1@2:1|2@2:3", "3@3:1|4@3:3", "5@4:1|6@4:3"])
    }

    @Test func blankLinesAreNotRecords() {
        let c = readCSV(Array("a,b\n\n1,2\n\n".utf8))
        #expect(c.rows == ["a@1:1|b@1:3", "1@3:1|2@3:3"])
    }

    @Test func recordsCutByTheBufferAreTheSameAsWhole() {
        var text = "id,note,when\n"
        for i in 0..<300 {
            text += "\(i),\"line one, ok\r\nline \"\"two\"\" é\",2024-01-\(i % 28 + 1)\r\n"
            text += "\(i)b,plain ü,x\r"
        }
        let bytes = Array(text.utf8)
        let whole = readCSV(bytes)
        for step in [1, 2, 3, 7, 64] {
            let cut = readCSV(bytes, step: step)
            #expect(cut.rows == whole.rows, "step \(step)")
            #expect(cut.problems == whole.problems)
        }
        #expect(whole.rows.count == 601)
    }

    @Test func windows1252IsDetectedAndDecoded() {
        let bytes = Array("name\n".utf8) + [0x43, 0x61, 0x66, 0xE9, 0x20, 0x80, 0x93, 0x71, 0x94] + [10]
        let c = readCSV(bytes)
        #expect(c.rows[1] == "Café €“q”@2:1")
    }

    @Test func delimitersAreDetected() {
        func detect(_ s: String) -> UInt8? { Array(s.utf8).withUnsafeBufferPointer { CSVReader.detectDelimiter($0) } }
        #expect(detect("a;b;c\n1;2;3\n") == UInt8(ascii: ";"))
        #expect(detect("a\tb\n1\t2\n") == 9)
        #expect(detect("a|b\n1|2\n") == UInt8(ascii: "|"))
        #expect(detect("a,\"b;c\"\n1,2\n") == UInt8(ascii: ","))
        #expect(detect("just text\n") == nil)
    }

    @Test func fieldsPastTheColumnLimitAreCountedNotKept() {
        var limits = Limits()
        limits.maxColumns = 3
        let c = CSVCollect()
        try! CSVReader.read(.memory(Array("a,b,c\n1,2,3,4,5,6\n7,8,9\n".utf8)), delimiter: UInt8(ascii: ","), encoding: nil,
                            handler: c, limits: limits)
        #expect(c.rows == ["a@1:1|b@1:3|c@1:5", "1@2:1|2@2:3|3@2:5", "7@3:1|8@3:3|9@3:5"])
        #expect(c.problems == ["2:1"])
    }

    @Test func syntaxProblemsAreReportedAndReadingGoesOn() {
        let c = readCSV(Array("a,b\n1,x\"y\n\"q\"z,2\n3,4,5\n6,\"open\n".utf8))
        #expect(c.problems == ["2:4", "3:4", "4:5", "5:3"])
        #expect(c.rows.count == 5)
    }

    /// ASCII is skipped eight bytes at a time: an invalid byte is found at every offset,
    /// before, inside and after a whole word, and valid multi-byte text still passes.
    @Test func invalidUTF8IsFoundAtEveryOffset() {
        for length in 1...20 {
            for at in 0..<length {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: length)
                bytes[at] = 0xFF
                let found = bytes.withUnsafeBufferPointer { TextEncoding.firstInvalidUTF8($0) }
                #expect(found == at, "length \(length), invalid at \(at)")
            }
        }
        let valid = Array("abcdefghij\u{E9}klmnopq\u{20AC}r".utf8)
        #expect(valid.withUnsafeBufferPointer { TextEncoding.firstInvalidUTF8($0) } == nil)
        let cut = Array("abcdefghij".utf8) + [0xC3]
        #expect(cut.withUnsafeBufferPointer { TextEncoding.firstInvalidUTF8($0) } == 10)
        #expect(cut.withUnsafeBufferPointer { TextEncoding.firstInvalidUTF8($0, allowTruncatedEnd: true) } == nil)
    }

    /// A byte over 127 anywhere, in the eight-byte words or the tail, makes text not ASCII.
    @Test func asciiIsFoundAtEveryOffset() {
        for length in 0..<20 {
            let plain = Array(repeating: UInt8(ascii: "a"), count: length)
            #expect(plain.withUnsafeBufferPointer { TextEncoding.isASCII($0) }, "length \(length)")
            for at in 0..<length {
                var bytes = plain
                bytes[at] = 0x80
                #expect(!bytes.withUnsafeBufferPointer { TextEncoding.isASCII($0) }, "length \(length), high at \(at)")
            }
        }
    }
}
