import Foundation
import Map
import Model
import Read
import Testing

/// Maps files through the interchange layout with the real readers, without linking.
enum Interchange {
    static func mapCSV(_ path: String, into sink: Collected, file: FileID = FileID(0)) throws {
        let rows = CSVRows(layout: .interchange, file: file, sink: sink)
        try ByteSource.file(path) { try CSVReader.read($0, delimiter: UInt8(ascii: ","), encoding: nil, handler: rows) }
        rows.finish()
    }

    static func mapJSON(_ path: String, records: JSONRecords, into sink: Collected) throws {
        let rows = JSONRows(layout: .interchange, file: FileID(0), sink: sink)
        try ByteSource.file(path) { try JSONReader.read($0, records: records, handler: rows) }
        rows.finish()
    }

    static func mapXML(_ path: String, into sink: Collected) throws {
        let rows = XMLRows(layout: .interchange, recordPath: ["Interchange", "*"], kindFromName: true, file: FileID(0), sink: sink)
        #expect(try XMLReader.read(path: path, handler: rows) == nil)
        rows.finish()
    }

    /// The model as comparable lines: each record of each child (by LA child id) with its
    /// fields' keys, texts and dates, in a stable order; positions and file layout left out.
    static func canonical(_ children: [Child]) -> [String] {
        var lines = Set<String>()
        for child in children {
            let id = child.laChildID ?? "?"
            for (i, r) in child.records.enumerated() {
                let ref = RecordRef(child: child, index: i)
                let fields = child.fields[Int(r.fieldStart)..<Int(r.fieldEnd)]
                if r.parent < 0 {
                    for f in fields { lines.insert("\(id) person \(f.key.name)=\(f.text) \(f.day?.description ?? "")") }
                } else {
                    let body = fields.map { "\($0.key.name)=\($0.text) \($0.day?.description ?? "")" }.joined(separator: "; ")
                    lines.insert("\(id) \(ref.kind.name) [\(r.agency.name)] \(body)")
                }
            }
        }
        return lines.sorted()
    }
}

@Suite struct InterchangeTests {
    static let folder = Repo.path("fixtures/interchange")

    @Test func theSameRecordsAsCSVJSONAndXMLGiveEqualModels() throws {
        let csv = Collected()
        let names = try FileManager.default.contentsOfDirectory(atPath: InterchangeTests.folder + "/csv").sorted()
        for name in names { try Interchange.mapCSV(InterchangeTests.folder + "/csv/" + name, into: csv) }
        let json = Collected()
        try Interchange.mapJSON(InterchangeTests.folder + "/records.json", records: .member(["records"]), into: json)
        let xml = Collected()
        try Interchange.mapXML(InterchangeTests.folder + "/records.xml", into: xml)

        for sink in [csv, json, xml] { #expect(sink.diagnostics.isEmpty, "\(sink.diagnostics.map(\.message.redacted))") }
        let fromCSV = Interchange.canonical(csv.children)
        #expect(fromCSV.count > 40)
        #expect(Interchange.canonical(json.children) == fromCSV)
        #expect(Interchange.canonical(xml.children) == fromCSV)
    }

    @Test func theFixtureUsesEveryRecordTypeAndEveryField() throws {
        let json = Collected()
        try Interchange.mapJSON(InterchangeTests.folder + "/records.json", records: .member(["records"]), into: json)
        let kinds = Set(json.children.flatMap { c in c.records.filter { $0.parent >= 0 }.map(\.kind.name) })
            .union(json.children.flatMap { c in c.records.filter { $0.parent < 0 }.map(\.kind.name) })
        let expected = Set(Schema.kinds.map(\.kind.name)).subtracting(["header"])
        #expect(expected.subtracting(kinds).isEmpty, "record types not in the fixture: \(expected.subtracting(kinds).sorted())")
    }

    @Test func repeatingFieldsSplitInCSVCellsAndArriveAsArraysInJSON() throws {
        let csv = Collected()
        try Interchange.mapCSV(InterchangeTests.folder + "/csv/visit.csv", into: csv)
        let visit = try #require(csv.children.first?.records(.visit).first)
        #expect(visit.all(.present).map(\.text) == ["mother", "male-partner"])
        // Each value knows its own column inside the cell.
        #expect(visit.all(.present).map(\.valueLocation.column) == [100, 107])
    }

    @Test func aFieldTwiceInOneRowIsReportedUnlessItRepeats() throws {
        let result = try lintFiles([("contacts.csv",
            "record,laChildID,date,date,riskFactor,riskFactor\n"
            + "person,A1,,,,\n"
            + "healthContact,A1,2024-01-02,2024-01-03,co-sleeping,alcohol\n")])
        let twice = result.diagnostics.filter { $0.ruleID == "MAP004" }
        #expect(twice.map(\.message.redacted) == ["date appears more than once in this record; only the first is checked"])
        #expect(twice.map(\.location.line) == [3] && twice.map(\.location.column) == [29])
    }

    /// Invalid UTF-8 is reported once, at the first value that holds it, whether the
    /// record around it is ASCII, holds valid accents, or quotes with doubled quotes. (The
    /// first megabyte decides the encoding: invalid UTF-8 there makes it Windows-1252.)
    @Test func invalidUTF8IsReportedOnceAtItsFirstValue() throws {
        let padding = 20_000
        let csv: [UInt8] = Array("record,laChildID,date,text\n".utf8)
            + Array(String(repeating: "caseNote,A1,2024-01-01,a plain ASCII note to fill the first megabyte\n", count: padding).utf8)
            + Array("caseNote,A1,2024-01-02,Zoë was seen\n".utf8)
            + Array("caseNote,A1,2024-01-03,\"she said \"\"fine\"\"\"\n".utf8)
            + Array("caseNote,A1,2024-01-04,\"said \"\"ok\"\" ".utf8) + [0xFF] + Array("\"\n".utf8)
            + Array("caseNote,A1,2024-01-05,again ".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        let result = try lintFiles([("notes.csv", csv)])
        let found = result.diagnostics.filter { $0.ruleID == "CSV004" }
        #expect(found.count == 1)
        #expect(found.first.map { "\($0.location.line):\($0.location.column)" } == "\(padding + 4):25")
    }

    @Test func freeTextWithQuotesCommasAndLineBreaksSurvivesEveryFormat() throws {
        let csv = Collected()
        try Interchange.mapCSV(InterchangeTests.folder + "/csv/caseNote.csv", into: csv)
        let text = try #require(csv.children.first?.records(RecordKind("caseNote")).first?[.text]?.text)
        #expect(text == "Home visit. Mother said \"all fine\", partner present;\nMoses basket seen, bottles & cans in kitchen.")
    }
}
