import Foundation
import FuzzSupport
import Map
import Model
@testable import Read
@testable import Synth
import Testing

/// The scanner is only right if it reports what libxml2 reports: the same elements at the
/// same positions, the same text, and — by handing over — the same problems.
@Suite struct XMLScannerTests {
    static let xmlFixtures: [String] = {
        let root = Repo.path("fixtures")
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".xml") }.sorted().map { "\(root)/\($0)" }
    }()

    @Test func everyXMLFixtureReadsAsLibxml2ReadsIt() throws {
        #expect(Self.xmlFixtures.count > 20)
        for path in Self.xmlFixtures {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let reference = XMLEvents.of(bytes, scanner: false)
            // Small chunks make tokens straddle refills, and make long ones hand over.
            for chunk in [XMLReader.chunkSize, 4096, 97] {
                #expect(XMLEvents.of(bytes, scanner: true, chunkSize: chunk) == reference, "\(path), chunks of \(chunk)")
            }
        }
    }

    /// The returns we lint are read by the scanner itself, not handed over.
    @Test func plainReturnsNeverHandOver() throws {
        let returns = Self.xmlFixtures.filter { $0.contains("/cin-census/") || $0.contains("/ssda903/") }
        #expect(returns.count >= 10)
        for path in returns {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(Self.scannerFinishes(bytes), "\(path)")
            #expect(Self.scannerFinishes(Self.windowsLineEnds(bytes)), "\(path) with CR LF line ends")
            #expect(Self.scannerFinishes(Self.byteOrderMark + bytes), "\(path) with a byte-order mark")
        }
    }

    @Test func generatedDocumentsReadAsLibxml2ReadsThem() {
        var random = SeededRandom(seed: 20261127)
        var finished = 0, handedOver = 0
        for n in 0..<3000 {
            var generator = GeneratedXML(random: &random)
            let doc = Array(generator.document().utf8)
            let reference = XMLEvents.of(doc, scanner: false)
            let chunk = [XMLReader.chunkSize, 64, 29][n % 3]
            let scanned = XMLEvents.of(doc, scanner: true, chunkSize: chunk)
            #expect(scanned == reference, "document \(n), chunks of \(chunk):\n\(String(decoding: doc, as: UTF8.self))")
            if scanned != reference { return }
            if Self.scannerFinishes(doc) { finished += 1 } else { handedOver += 1 }
        }
        // Both paths are exercised.
        #expect(finished > 500)
        #expect(handedOver > 500)
    }

    /// The mapper takes indentation from the scanner as `blankBeforeTag`, not as text: what
    /// it builds from each return must not change.
    @Test func returnsMapAsFromLibxml2() throws {
        // Values that start with white space, and stray text after indentation.
        let edges = "<Message>\n  <Header>\n    <CollectionDetails><Collection>\n   CIN</Collection></CollectionDetails>\n  </Header>\n"
            + "  <Children>\n    stray\n    <Child>\n      <ChildIdentifiers>\n        <LAchildID>\n          X1  </LAchildID>\n"
            + "        <UPN>  </UPN>\n      </ChildIdentifiers>\n    </Child>\n  </Children>\n</Message>\n"
        let returns = Self.xmlFixtures.filter { $0.contains("/cin-census/") || $0.contains("/ssda903/") }
        for path in returns + ["edges"] {
            let read = path == "edges" ? Array(edges.utf8) : Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            for bytes in [read, Self.windowsLineEnds(read), Self.byteOrderMark + read] {
                let layout: XMLLayout = path.contains("/ssda903/") ? SSDA903.xml : .cinCensus
                func mapped(scanner: Bool) -> [String] {
                    let sink = Collected()
                    let mapper = XMLMapper(layout: layout, file: FileID(0), sink: sink)
                    if XMLReader.read(bytes: bytes, handler: mapper, scanner: scanner) == nil { mapper.finish() }
                    let groups = (sink.header.map { [$0] } ?? []) + sink.children
                    return sink.diagnostics.map { "\($0.ruleID) \($0.location) \($0.path ?? "") \($0.message)" }
                        + groups.flatMap { child in
                            child.records.map { "\($0.kind) \($0.location) \($0.fieldStart)..<\($0.fieldEnd)" }
                                + child.fields.map { "\($0.key) \($0.text) \($0.location) \($0.valueLocation) \(String(describing: $0.day))" }
                        }
                }
                let reference = mapped(scanner: false)
                #expect(reference.count > 5)
                #expect(mapped(scanner: true) == reference, "\(path)")
            }
        }
    }

    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The file as a Windows program writes it: CR LF at each line's end.
    static func windowsLineEnds(_ bytes: [UInt8]) -> [UInt8] {
        bytes.flatMap { $0 == 10 ? [13, 10] : [$0] }
    }

    /// Whether the scanner reads `bytes` to the end itself, without handing over.
    static func scannerFinishes(_ bytes: [UInt8]) -> Bool {
        let scanner = XMLScanner(handler: XMLEvents(), maxDepth: 256, chunkSize: XMLReader.chunkSize)
        var offset = 0
        let outcome = scanner.run { into, count in
            let n = min(count, bytes.count - offset)
            for i in 0..<n { into[i] = bytes[offset + i] }
            offset += n
            return n
        }
        return outcome == .finished
    }

    @Test func handingOverMidwaySkipsWhatWasHandedOn() {
        let doc = "<a>\n  <b>one</b>\n  <c>two &amp; <![CDATA[three]]></c>\n</a>\n"
        let reference = XMLEvents.of(Array(doc.utf8), scanner: false)
        #expect(XMLEvents.of(Array(doc.utf8), scanner: true) == reference)
        #expect(reference.contains("text \"two & three\""))
    }
}

/// Documents mostly in the scanner's plain shape, with now and then something it leaves to
/// libxml2 or something malformed.
struct GeneratedXML {
    var random: SeededRandom
    init(random: inout SeededRandom) {
        self.random = SeededRandom(seed: random.next())
    }

    /// Names that share beginnings, run past the scanner's word-at-a-time reach, or hold
    /// characters that end its fast look-up.
    private static let names = ["Child", "CINdetails", "a", "b_2", "x.y", "Z-z", "LAchildID", "x", "b_", "LAchild", "CINdetails2",
                                "AssessmentAuthorisationDateAssessmentAuthorisationDate", "AssessmentAuthorisationDate"]
    private static let rareNames = ["é", "p:x", "xmlns", "a\u{301}"]
    private static let texts = ["2026-05-05", "N6", " ", "\n    ", "\t", "word word", "é", "日本", "😀", "&amp;", "&lt;",
                                "&gt;", "&quot;", "&apos;", "&#233;", "&#x1F600;", "&#65;", "]", "a > b", "\u{7F}",
                                "\r\n    ", "\r", "a\rb", "\r\r\n", "&#13;\n"]
    private static let rareTexts = ["&#0;", "&foo;", "&#xD800;", "]]>", "\u{1}", "&", "&#x;", "<![CDATA[c]]>",
                                    "<?pi x?>", "\u{FFFE}", "&#13;", "&#x10FFFF;", "&#1114112;"]
    private static let comments = ["<!-- c -->", "<!--é\nx-->", "<!---->", "<!-- a - b -->", "<!-- a\r\nb\rc -->"]
    private static let rareComments = ["<!-- a -- b -->", "<!-- a --->", "<!-"]
    private static let attributes = [" a=\"1\"", " b='two é'", "\n  c=\"x\ny\"", " d = \"\"", "\te='\t'", "\r\n  f=\"x\r\ny\ré\"",
                                     " g\r=\r'1'"]
    private static let rareAttributes = [" a=\"<\"", " a=\"&amp;\"", " xmlns=\"urn:x\"", " p:q=\"1\"", " a=1", "a=\"1\"",
                                         " a=\"1\" a=\"2\"", " f=\"\u{1}\""]
    private static let declarations = ["", "", "<?xml version=\"1.0\"?>\n", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                                       "\u{FEFF}<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n", "\u{FEFF}",
                                       "\u{FEFF}<?xml version='1.0' encoding='us-ascii'?>\n",
                                       "<?xml version='1.0' encoding='utf-8' standalone='yes'?>",
                                       "<?xml version='1.0' encoding='us-ascii'?>\n"]
    private static let rareDeclarations = ["<?xml version=\"1.1\"?>\n", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n",
                                           "\u{FEFF}", "<!DOCTYPE a>\n", " <?xml version=\"1.0\"?>", "<?xml  version=\"1.0\" ?>"]

    mutating func document() -> String {
        var s = random.chance(0.05) ? random.pick(Self.rareDeclarations) : random.pick(Self.declarations)
        if random.chance(0.2) { s += random.pick(Self.comments) + random.pick(["\n", "\r\n", "\r"]) }
        s += element(depth: 0)
        if random.chance(0.2) { s += "\n" + random.pick(Self.comments) }
        if random.chance(0.03) { s += random.pick(["<extra/>", "text", "\u{0}"]) }
        if random.chance(0.5) { s += "\n" }
        if random.chance(0.03) { s = String(s.prefix(random.int(0...max(s.count - 1, 0)))) }  // truncated
        return s
    }

    private mutating func element(depth: Int) -> String {
        let name = random.chance(0.02) ? random.pick(Self.rareNames) : random.pick(Self.names)
        var s = "<" + name
        for _ in 0..<random.int(0...2) {
            s += random.chance(0.03) ? random.pick(Self.rareAttributes) : random.pick(Self.attributes)
        }
        if random.chance(0.1) { s += random.pick([" ", "\n", "\t", "\r\n", "\r"]) }
        if random.chance(0.15) { return s + "/>" }
        s += ">"
        for _ in 0..<random.int(0...(depth < 4 ? 5 : 1)) {
            switch random.int(0...9) {
            case 0...3 where depth < 4: s += element(depth: depth + 1)
            case 4: s += random.chance(0.05) ? random.pick(Self.rareComments) : random.pick(Self.comments)
            default: s += random.chance(0.03) ? random.pick(Self.rareTexts) : random.pick(Self.texts)
            }
        }
        let end = random.chance(0.02) ? random.pick(Self.names) : name
        return s + "</" + end + (random.chance(0.1) ? " " : "") + ">"
    }
}
