import Model
import Read
import Testing

/// Records what the reader reports, with positions.
final class Recorder: XMLEventHandler {
    var events: [String] = []
    var text = ""
    func startElement(_ name: Symbol, at: TextPosition, content: TextPosition) {
        events.append("<\(name)> \(at.line):\(at.column) content \(content.line):\(content.column)")
    }
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) { text += String(decoding: bytes, as: UTF8.self) }
    func endElement(_ name: Symbol, after: TextPosition) {
        events.append("</\(name)> after \(after.line):\(after.column)")
    }
}

@Suite struct XMLReaderTests {
    @Test func reportsExactElementPositions() {
        let doc = "<a>\n  <b x=\"1\"\n     y=\"2\">t</b>\n\t<c/><d>é</d><é>x</é>\n</a>\n"
        let r = Recorder()
        #expect(XMLReader.read(bytes: Array(doc.utf8), handler: r) == nil)
        #expect(r.events == [
            "<a> 1:1 content 1:4",
            "<b> 2:3 content 3:12",
            "</b> after 3:17",
            "<c> 4:2 content 4:6",
            "</c> after 4:6",
            "<d> 4:6 content 4:9",
            "</d> after 4:14",
            "<é> 4:14 content 4:17",
            "</é> after 4:23",  // libxml2 counts the bytes of a non-ASCII end tag's name
            "</a> after 5:5",
        ])
    }

    /// Long names are scanned eight bytes at a time back to their `<`; a non-ASCII byte or
    /// a line break in the tag falls back to counting characters one by one.
    @Test func reportsPositionsOfLongAndNonASCIINames() {
        let doc = "<root>\n  <ChildIdentifiers>x</ChildIdentifiers><\u{E9}LongerName>y</\u{E9}LongerName>\n<CINreferralDate\n   a=\"1\"   b=\"2\">z</CINreferralDate></root>"
        let r = Recorder()
        #expect(XMLReader.read(bytes: Array(doc.utf8), handler: r) == nil)
        let starts = r.events.filter { !$0.hasPrefix("</") }
        #expect(starts == [
            "<root> 1:1 content 1:7",
            "<ChildIdentifiers> 2:3 content 2:21",
            "<\u{E9}LongerName> 2:41 content 2:54",
            "<CINreferralDate> 3:1 content 4:18",
        ])
    }

    /// A tag that spans lines is placed by counting back to its line's start: a byte-order
    /// mark there is not a column, as libxml2 counts.
    @Test func aByteOrderMarkIsNotAColumn() {
        let doc: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<a><b\n  c=\"1\"/></a>".utf8)
        for scanner in [false, true] {
            let r = Recorder()
            #expect(XMLReader.read(bytes: doc, handler: r, scanner: scanner) == nil)
            #expect(r.events.first { $0.hasPrefix("<b>") } == "<b> 1:4 content 2:10", "scanner: \(scanner)")
        }
    }

    @Test func positionsStayExactAcrossChunkBoundaries() {
        // Many elements, so the parser's buffer is refilled many times.
        var doc = "<r>\n"
        for i in 0..<30_000 { doc += "  <v>\(i)</v>\n" }
        doc += "</r>\n"
        let r = Recorder()
        #expect(XMLReader.read(bytes: Array(doc.utf8), handler: r) == nil)
        let starts = r.events.filter { $0.hasPrefix("<v>") }
        #expect(starts.count == 30_000)
        for (i, e) in starts.enumerated() where i % 997 == 0 {
            #expect(e.hasPrefix("<v> \(i + 2):3 content \(i + 2):6"))
        }
    }

    @Test func malformedXMLIsAProblemAtLibxml2sPosition() {
        let problem = XMLReader.read(bytes: Array("<a>\n  <b></c>\n</a>".utf8), handler: Recorder())
        #expect(problem?.message == "Opening and ending tag mismatch: b line 2 and c")
        #expect(problem?.position == TextPosition(line: 2, column: 10))
    }

    @Test func externalEntitiesAreNeverResolved() {
        let doc = """
            <?xml version="1.0"?>
            <!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/hostname">]>
            <a>&x;</a>
            """
        let r = Recorder()
        let problem = XMLReader.read(bytes: Array(doc.utf8), handler: r)
        #expect(problem?.message == "Entity 'x' not defined")
        #expect(r.text.isEmpty)
    }

    /// A user-defined entity is an error at its first use: nothing is ever expanded.
    @Test func entityExpansionBombStopsAtOnce() {
        var doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE a [\n<!ENTITY e0 \"lol\">\n"
        for i in 1...9 { doc += "<!ENTITY e\(i) \"" + String(repeating: "&e\(i - 1);", count: 10) + "\">\n" }
        doc += "]>\n<a>&e9;</a>\n"
        let r = Recorder()
        let problem = XMLReader.read(bytes: Array(doc.utf8), handler: r)
        #expect(problem?.message == "Entity 'e9' not defined")
        #expect(problem?.position.line == 14)
        #expect(r.text.count < 1000)
    }

    @Test func truncatedFileSaysWhereItEnds() {
        let problem = XMLReader.read(bytes: Array("<a>\n  <b>text".utf8), handler: Recorder())
        #expect(problem?.message.hasPrefix("the file ends before <b> is closed") == true)
    }

    @Test func emptyInputIsAProblem() {
        #expect(XMLReader.read(bytes: [], handler: Recorder())?.message == "the file is empty")
    }
}
