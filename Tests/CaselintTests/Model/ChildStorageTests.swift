import Model
import Testing

/// A child keeps its fields and then its records in its own allocation (`Child.make`):
/// whatever the counts, each reads back exactly as given, and texts outlive the arrays
/// they were made from.
@Suite struct ChildStorageTests {
    static let at = SourceLocation(file: FileID(0), line: 3, column: 7)

    static func records(_ n: Int) -> [Record] {
        (0..<n).map { i -> Record in
            let kind: RecordKind = i == 0 ? .person : (i.isMultiple(of: 2) ? .visit : .cinEpisode)
            let parent: Int32 = i == 0 ? -1 : 0
            return Record(kind: kind, source: Symbol("r\(i)"), parent: parent, ordinal: Int32(i + 1), location: at,
                          agency: .socialCare)
        }
    }

    static func fields(_ n: Int) -> [Field] {
        // Every third text is too long to be stored inline in a String: it is a heap object.
        (0..<n).map { i -> Field in
            let key: FieldKey = i.isMultiple(of: 2) ? .laChildID : .upn
            let text = i.isMultiple(of: 3) ? "a text long enough to need its own storage, number \(i)" : "t\(i)"
            let day: Day? = i.isMultiple(of: 5) ? Day(year: 2026, month: 4, day: 1 + i % 28) : nil
            let valueAt = SourceLocation(file: FileID(0), line: 3, column: UInt32(8 + i))
            return Field(key: key, source: Symbol("f\(i)"), text: text, day: day, location: at, valueLocation: valueAt)
        }
    }

    @Test(arguments: [(1, 0), (1, 1), (7, 1), (3, 40), (2, 2), (25, 9)])
    func recordsAndFieldsReadBackAsGiven(recordCount: Int, fieldCount: Int) {
        var records = Self.records(recordCount)
        records[0].fieldEnd = Int32(fieldCount)
        let fields = Self.fields(fieldCount)
        let child = Child.make(records: records, fields: fields, location: Self.at, ordinal: 12, source: Symbol("Child"))
        #expect(child.records.count == recordCount)
        #expect(child.fields.count == fieldCount)
        #expect(child.records.map(\.ordinal) == records.map(\.ordinal))
        #expect(child.records.map(\.kind) == records.map(\.kind))
        #expect(child.records.map(\.source) == records.map(\.source))
        #expect(child.fields.map(\.text) == fields.map(\.text))
        #expect(child.fields.map(\.day) == fields.map(\.day))
        #expect(child.fields.map(\.valueLocation) == fields.map(\.valueLocation))
        #expect(child.ordinal == 12 && child.location == Self.at && child.source == Symbol("Child"))
        #expect(child.kinds.overlaps(KindSet([.cinEpisode])) == (recordCount > 1))
        #expect(child.kinds.overlaps(KindSet([.person])))
        if fieldCount > 0 { #expect(child.person[.laChildID]?.text == fields[0].text) }
    }

    /// The texts are the child's own: the arrays it was made from can go.
    @Test func textsOutliveTheArraysTheyCameFrom() {
        var child: Child?
        do {
            var records = Self.records(2)
            records[0].fieldEnd = 6
            child = Child.make(records: records, fields: Self.fields(6), location: Self.at, ordinal: 1, source: Symbol("Child"))
        }
        let merged = Child.merging([child!, child!])
        child = nil
        #expect(merged.fields.count == 12)
        #expect(merged.fields[6].text == "a text long enough to need its own storage, number 0")
        #expect(merged.records.count == 4)
        #expect(merged.records[2].fieldStart == 6 && merged.records[2].fieldEnd == 12)
        #expect(RecordRef(child: merged, index: 2)[.upn]?.text == "t1")
    }
}
