import Discover
import Map
import Foundation
import Model
import Read
import Testing
@testable import Pipeline

/// Hostile and broken inputs: each case names its input, the diagnostic and exit status
/// expected, and the most memory caselint may use on it. None may crash, read or fetch
/// anything outside its inputs, or exceed its bound.
struct HostileCase: CustomTestStringConvertible, Sendable {
    let name: String
    /// A fixture path, or a file generated into a temporary folder.
    let input: Input
    let arguments: [String]
    let status: Int32
    /// Lines (or parts of lines) the output must contain; `$FILE` is the input's path.
    let expected: [String]
    let forbidden: [String]
    let boundMiB: Double

    enum Input: Sendable {
        case fixture(String)
        case generated(String, @Sendable (FileHandle) throws -> Void)
        /// A folder built in a temporary place; the run is given the folder.
        case folder(@Sendable (URL) throws -> Void)
    }

    init(_ name: String, _ input: Input, _ arguments: [String] = [], status: Int32, expect: [String],
         forbid: [String] = [], bound: Double = 64) {
        self.name = name
        self.input = input
        self.arguments = arguments
        self.status = status
        expected = expect
        forbidden = forbid
        boundMiB = bound
    }

    var testDescription: String { name }
}

/// Writes `count` copies of `chunk` (for inputs of many megabytes).
func repeated(_ chunk: String, _ count: Int) -> @Sendable (FileHandle) throws -> Void {
    { handle in
        let data = Data(String(repeating: chunk, count: 4096).utf8)
        for _ in 0..<(count / 4096) { handle.write(data) }
        handle.write(Data(String(repeating: chunk, count: count % 4096).utf8))
    }
}

let censusHeader = "<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2025</Year><ReferenceDate>2025-03-31</ReferenceDate></CollectionDetails></Header><Children>"

@Suite(.serialized) struct HostileInputTests {
    static let cases: [HostileCase] = [
        HostileCase("external entity to a local file", .fixture("fixtures/malformed/xxe-local-file.xml"), status: 1,
                    expect: ["$FILE:16:28: error: malformed XML: Entity 'secret' not defined [XML001]"], forbid: ["root:"]),
        HostileCase("external DTD over http is not fetched", .fixture("fixtures/malformed/external-dtd.xml"), status: 0,
                    expect: ["1 file, 0 children: 0 errors, 0 warnings"]),
        HostileCase("billion laughs", .fixture("fixtures/malformed/billion-laughs.xml"), status: 1,
                    expect: ["$FILE:13:59: error: malformed XML: Entity 'i' not defined [XML001]"]),
        HostileCase("quadratic entity blow-up", .fixture("fixtures/hostile/quadratic-blowup.xml"), status: 1,
                    expect: ["error: malformed XML: Entity 'a' not defined [XML001]"]),
        HostileCase("truncated file", .fixture("fixtures/malformed/truncated.xml"), status: 1,
                    expect: ["$FILE:12:34: error: malformed XML: the file ends before <ChildIdentifiers> is closed"]),
        HostileCase("mismatched tags", .fixture("fixtures/malformed/mismatched.xml"), status: 1,
                    expect: ["$FILE:13:25: error: malformed XML: Opening and ending tag mismatch: ChildIdentifiers line 11 and ChildIdentifier [XML001]"]),
        HostileCase("invalid UTF-8", .fixture("fixtures/hostile/invalid-utf8.xml"), status: 1,
                    expect: ["error: malformed XML: Input is not proper UTF-8, indicate encoding !; Bytes: 0xFF 0xFE 0xC3 0x3C [XML001]"]),
        HostileCase("UTF-16 with BOM: read, positions in characters", .fixture("fixtures/hostile/utf16-bom.xml"), ["--format", "jsonl"], status: 1,
                    expect: ["\"id\":\"MAP003\"", "\"line\":10,\"column\":18,\"logicalPath\":\"Child[1]/CINdetails[1]/CINreferralDate\"", "\"childID\":\"Zoë1\""]),
        HostileCase("ISO-8859-1 declared", .fixture("fixtures/hostile/iso-8859-1.xml"), ["--format", "jsonl"], status: 1,
                    expect: ["\"line\":10,\"column\":18,\"logicalPath\":\"Child[1]/CINdetails[1]/CINreferralDate\"", "\"childID\":\"Zoë1\""]),
        HostileCase("Windows-1252 declared", .fixture("fixtures/hostile/windows-1252.xml"), ["--format", "jsonl"], status: 1,
                    expect: ["\"line\":10,\"column\":18,\"logicalPath\":\"Child[1]/CINdetails[1]/CINreferralDate\"", "\"childID\":\"Zoë€1\""]),
        HostileCase("bytes not valid in the declared encoding", .fixture("fixtures/hostile/windows-1252-undefined-bytes.xml"), status: 1,
                    expect: ["$FILE:1:101: error: malformed XML: the bytes here are not valid in the file's declared encoding [XML001]"],
                    forbid: ["encoding error"]),
        HostileCase("NUL byte", .fixture("fixtures/hostile/nul-byte.xml"), status: 1,
                    expect: ["error: malformed XML: Char 0x0 out of allowed range [XML001]"]),
        HostileCase("empty file", .fixture("fixtures/hostile/empty.xml"), status: 0,
                    expect: ["$FILE: warning: the file is empty; it is not checked [IO002]"]),
        HostileCase("whitespace-only file", .fixture("fixtures/hostile/whitespace-only.xml"), status: 0,
                    expect: ["$FILE: warning: the file is empty; it is not checked [IO002]"]),
        HostileCase("100 MB text node", .generated("big-text.xml") { h in
            h.write(Data((censusHeader + "<Child><ChildIdentifiers><LAchildID>").utf8))
            try repeated("x", 100_000_000)(h)
            h.write(Data("</LAchildID></ChildIdentifiers></Child></Children></Message>".utf8))
        }, status: 1, expect: ["$FILE:1:187: error: LAchildID is 100000000 bytes long, over the limit of 1048576; only the first 1048576 bytes are kept [LIM001]"],
                    bound: 64),
        HostileCase("100,000-deep nesting", .generated("deep.xml") { h in
            h.write(Data((censusHeader + "<Child><ChildIdentifiers><LAchildID>").utf8))
            try repeated("<x>", 100_000)(h)
            try repeated("</x>", 100_000)(h)
            h.write(Data("</LAchildID></ChildIdentifiers></Child></Children></Message>".utf8))
        }, status: 1, expect: ["error: elements are nested more than 256 deep (the limit); the rest of the file is not read [LIM002]"]),
        HostileCase("100 MB quoted CSV field", .generated("notes.csv") { h in
            h.write(Data("record,laChildID,text\ncaseNote,A1,\"".utf8))
            try repeated("x", 100_000_000)(h)
            h.write(Data("\"\n".utf8))
        }, status: 1, expect: ["$FILE:2:1: error: this row is over 4194304 bytes long (a value far over the limit of 1048576 bytes); the rest of the file is not read [LIM001]"]),
        HostileCase("100,000-deep JSON", .generated("deep.json") { h in
            h.write(Data("[{\"record\": \"person\", \"x\": ".utf8))
            try repeated("[", 100_000)(h)
            try repeated("]", 100_000)(h)
            h.write(Data("}]".utf8))
        }, status: 1, expect: ["$FILE:1:283: error: values are nested more than 256 deep (the limit); the rest of the file is not read [LIM002]"]),
        HostileCase("100 MB text node in interchange XML", .generated("big.xml") { h in
            h.write(Data("<Interchange><caseNote><laChildID>A1</laChildID><text>".utf8))
            try repeated("x", 100_000_000)(h)
            h.write(Data("</text></caseNote></Interchange>".utf8))
        }, status: 1, expect: ["$FILE:1:49: error: text is 100000000 bytes long, over the limit of 1048576; only the first 1048576 bytes are kept [LIM001]"]),
        HostileCase("CSV row of 1,000,000 columns", .generated("columns.csv") { h in
            h.write(Data("record,laChildID,date\nvisit,A1,2024-01-01".utf8))
            try repeated(",x", 999_997)(h)
            h.write(Data("\n".utf8))
        }, status: 1, expect: ["$FILE:2:21: error: this row has 1000000 fields, 999997 more than the header's 3 (fields after the first 10000 are not read) [CSV001]"]),
        HostileCase("ragged rows", .fixture("fixtures/hostile/ragged-rows.csv"), status: 1,
                    expect: ["$FILE:3:1: error: this row has 2 fields, 1 fewer than the header's 3 [CSV001]",
                             "$FILE:4:21: error: this row has 4 fields, 1 more than the header's 3 [CSV001]"]),
        HostileCase("unterminated quote at end of file", .fixture("fixtures/hostile/unterminated-quote-at-end.csv"), status: 1,
                    expect: ["$FILE:2:10: error: the file ends inside a quoted field that starts here [CSV003]"]),
        HostileCase("symlink loop", .folder { dir in
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("a"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Repo.path("fixtures/cin-census/demo-return.xml"),
                                             toPath: dir.appendingPathComponent("a/return.xml").path)
            try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("a/loop").path, withDestinationPath: dir.path)
        }, status: 1, expect: ["1 file, 16 children: 21 errors, 10 warnings"]),
        HostileCase("unreadable file", .fixture("/proc/self/mem"), status: 2,
                    expect: ["/proc/self/mem: error: cannot read /proc/self/mem: Input/output error [IO001]"]),
    ]

    @Test(arguments: cases)
    func hostileInput(_ c: HostileCase) throws {
        let path: String
        var cleanup: URL?
        switch c.input {
        case .fixture(let p):
            path = p.hasPrefix("/") ? p : Repo.path(p)
        case .generated(let name, let write):
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("caselint-hostile-\(UUID())")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            cleanup = dir
            let url = dir.appendingPathComponent(name)
            try #require(FileManager.default.createFile(atPath: url.path, contents: nil), "cannot create \(url.path)")
            let handle = try FileHandle(forWritingTo: url)
            try write(handle)
            try handle.close()
            path = url.path
        case .folder(let build):
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("caselint-hostile-\(UUID())")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            cleanup = dir
            try build(dir)
            path = dir.path
        }
        defer { if let cleanup { try? FileManager.default.removeItem(at: cleanup) } }

        let run = try runMeasured(["check"] + c.arguments + [path])
        #expect(run.status == c.status, "\(c.name): exit \(run.status)\n\(run.out)\(run.err)")
        for e in c.expected {
            let line = e.replacingOccurrences(of: "$FILE", with: path)
            #expect(run.out.contains(line), "\(c.name): missing \(line) in\n\(run.out)")
        }
        for f in c.forbidden { #expect(!run.out.contains(f) && !run.err.contains(f), "\(c.name): output holds \(f)") }
        #expect(run.peakMiB <= c.boundMiB, "\(c.name): peak \(run.peakMiB) MiB over \(c.boundMiB) MiB")
        #expect(!run.err.contains("Fatal error"), "\(c.name) crashed: \(run.err)")
    }

    /// Inputs the fuzzer found crashing, replayed through the reader and mapper.
    @Test(arguments: ["fixtures/hostile/fuzz/xml-crash-b665515b.bin"])
    func fuzzFindingsStayFixed(_ path: String) throws {
        let bytes = try #require(FileManager.default.contents(atPath: Repo.path(path)))
        let sink = Collected()
        let mapper = XMLMapper(layout: .cinCensus, file: FileID(0), sink: sink)
        // An encoding error raised outside the parser's own context crashed the error
        // callback (it took the context for ours); now it is a problem like any other.
        let problem = XMLReader.read(bytes: Array(bytes), handler: mapper)
        #expect(problem != nil)
        #expect(sink.children.isEmpty)
    }

    /// The JSON reader put a string's continuation bytes into the column of its opening
    /// quote when the file ended inside the string: a negative column trapped.
    @Test func jsonFuzzFindingStaysFixed() throws {
        let bytes = try #require(FileManager.default.contents(atPath: Repo.path("fixtures/hostile/fuzz/json-crash-0af56fe8.bin")))
        final class Problems: JSONHandler {
            var found: [JSONProblem] = []
            func record(_ node: JSONNode) -> Bool { true }
            func problem(_ problem: JSONProblem) { found.append(problem) }
        }
        for layout in [JSONRecords.array, .lines, .member([])] {
            let sink = Problems()
            try JSONReader.read(.memory(Array(bytes)), records: layout, handler: sink)
            let problem = try #require(sink.found.first)
            #expect(problem.position.line >= 1 && problem.position.column >= 1)
        }
    }

    /// A file found at discovery that is gone when its turn comes is an unreadable input.
    @Test func fileThatVanishesDuringTheRun() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("caselint-vanish-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let victim = dir.appendingPathComponent("gone.xml")
        try FileManager.default.copyItem(atPath: Repo.path("fixtures/cin-census/demo-return.xml"), toPath: victim.path)
        let outcome = vanishingRun(victim.path)
        #expect(outcome == ["IO001", "unreadable"])
    }

    /// Parsing a document with a DOCTYPE many times must not grow memory: libxml2 builds a
    /// document for its declarations that the parser context does not own (found by
    /// fuzzing: 15 KB lost per file).
    @Test func doctypeDeclarationsAreFreed() throws {
        let before = residentMiB()
        for _ in 0..<3000 { parseWithDoctype() }
        #expect(residentMiB() - before < 16, "memory grew by \(residentMiB() - before) MiB over 3000 parses")
    }
}

private func vanishingRun(_ path: String) -> [String] {
    let found = FoundFile(path: path, explicit: true, sniffed: .xml(root: "Message"))
    try? FileManager.default.removeItem(atPath: path)
    let outcome = Linter(options: LintOptions(paths: [path])).check(found, id: FileID(0))
    return outcome.diagnostics.map { $0.ruleID } + (outcome.unreadable ? ["unreadable"] : [])
}

private func parseWithDoctype() {
    let doc = """
        <?xml version="1.0"?>
        <!DOCTYPE a [<!ENTITY e "x"><!ENTITY f "y"><!ELEMENT a ANY><!ATTLIST a b CDATA #IMPLIED>]>
        <a b="1">text</a>
        """
    _ = XMLReader.read(bytes: Array(doc.utf8), handler: Recorder())
}

/// This process's resident memory, in MiB.
private func residentMiB() -> Double {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
          let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
    return pages * 4096 / 1_048_576
}
