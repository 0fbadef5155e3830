import Link
import Model
import Testing

/// What linking takes from a fragment: its identifiers in kind order, the first field of
/// each kind only, and the child's LA child id as `Child.laChildID` gives it.
@Suite struct FragmentIdentityTests {
    static func fragment(_ row: UInt32, _ values: [(FieldKey, String)], kind: RecordKind = .person) -> Child {
        let at = SourceLocation(file: FileID(0), line: row, column: 1)
        let fields = values.map { Field(key: $0.0, source: $0.0.symbol, text: $0.1, location: at, valueLocation: at) }
        let root = Record(kind: kind, source: Symbol("row"), parent: -1, ordinal: Int32(row), location: at,
                          agency: .socialCare, fieldStart: 0, fieldEnd: Int32(fields.count))
        return Child.make(records: [root], fields: fields, location: at, ordinal: Int32(row), source: Symbol("row"))
    }

    @Test func identifiersComeInKindOrderFirstFieldOnly() {
        let child = Self.fragment(2, [(.policePersonID, "P1"), (.nhsNumber, "943 476 5919"), (.laChildID, "A1"),
                                      (.policePersonID, "P2"), (.healthID, "")])
        let identity = FragmentIdentity(child, file: FileID(0))
        #expect(identity.keys.map(\.key.kind) == [.laChildID, .nhsNumber, .policePersonID])
        #expect(identity.keys.map(\.key.value) == ["A1", "9434765919", "P1"])
        #expect(identity.childID == "A1")
    }

    @Test func anEmptyFirstFieldHidesALaterOne() {
        let child = Self.fragment(2, [(.laChildID, ""), (.laChildID, "A1"), (.upn, "A850728973744")])
        let identity = FragmentIdentity(child, file: FileID(0))
        #expect(identity.keys.isEmpty)
        #expect(identity.invalid.map(\.kind) == [.upn])
        #expect(identity.childID == "" && identity.childID == child.laChildID)
    }

    @Test func aMergedChildsIdIsTheFirstRootRecordsThatHasOne() {
        let merged = Child.merging([Self.fragment(2, [(.policePersonID, "P1")], kind: .identity),
                                    Self.fragment(5, [(.laChildID, "B2"), (.policePersonID, "P1")])])
        let identity = FragmentIdentity(merged, file: FileID(0))
        #expect(identity.childID == "B2" && identity.childID == merged.laChildID)
        // Root records in order, each's in kind order; P1 once.
        #expect(identity.keys.map(\.key.value) == ["P1", "B2"])
        #expect(identity.describesPerson && !identity.hasEvents)
    }
}
