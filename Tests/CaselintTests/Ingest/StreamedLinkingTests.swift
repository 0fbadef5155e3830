import Link
import Model
import Testing

/// The run's first file is linked as it is read, each identity as it comes; the result
/// must be what linking the file's identities at the end gives.
@Suite struct StreamedLinkingTests {
    /// A fragment of one row holding the identifiers given.
    static func fragment(_ row: Int, laChildID: String? = nil, nhs: String? = nil, police: String? = nil) -> Child {
        let at = SourceLocation(file: FileID(0), line: UInt32(row), column: 1)
        var fields: [Field] = []
        for (key, value) in [(FieldKey.laChildID, laChildID), (.nhsNumber, nhs), (.policePersonID, police)] {
            guard let value else { continue }
            fields.append(Field(key: key, source: key.symbol, text: value, location: at, valueLocation: at))
        }
        let person = Record(kind: .person, source: Symbol("row"), parent: -1, ordinal: Int32(row), location: at,
                            agency: .socialCare, fieldStart: 0, fieldEnd: Int32(fields.count))
        return Child(records: [person], fields: fields, location: at, ordinal: Int32(row), source: Symbol("row"))
    }

    static let rows: [Child] = [
        fragment(1, laChildID: "A1", nhs: "9434765919"),
        fragment(2, police: "P1"),
        // The same NHS number for another child: reported, not joined.
        fragment(3, laChildID: "B7", nhs: "9434765919"),
        // Joins A1 (by NHS number) with P1.
        fragment(4, nhs: "9434765919", police: "P1"),
        // A1 again: kept once, counted twice.
        fragment(5, laChildID: "A1", nhs: "9434765919"),
        fragment(6),
        // P1 is A1's by now: a clash of LA child ids.
        fragment(7, laChildID: "C3", police: "P1"),
        fragment(8, police: "P2"),
        fragment(9, laChildID: "C3", police: "P2"),
    ]

    @Test func linkingAsReadEqualsLinkingAtTheEnd() {
        var atEnd = IdentityCollector(tracksFragments: true)
        var asRead = IdentityCollector(tracksFragments: true, links: true)
        for row in Self.rows {
            #expect(atEnd.add(row, file: FileID(0)) == asRead.add(row, file: FileID(0)))
        }
        #expect(atEnd.links == nil)
        var streamed = try! #require(asRead.links)
        var batch = LinkBuilder()
        batch.add(atEnd.identities)
        let a = batch.finish(), b = streamed.finish()
        #expect(a.childOf == b.childOf)
        #expect(a.childCount == b.childCount)
        #expect(a.diagnostics == b.diagnostics)
        #expect(atEnd.fragmentIdentity == asRead.fragmentIdentity)
        #expect(atEnd.identities.map(\.weight) == asRead.identities.map(\.weight))
        // What the rows say: A1 with P1 (rows 1, 2, 4, 5), B7, row 6 alone, C3 with P2.
        #expect(a.childCount == 4)
        #expect(atEnd.identities.map(\.weight) == [2, 1, 1, 1, 1, 1, 1, 1])
        #expect(a.diagnostics.filter { $0.ruleID == "LNK003" }.count == 2)
    }
}
