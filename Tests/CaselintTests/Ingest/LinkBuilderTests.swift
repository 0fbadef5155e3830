import Link
import Model
import Testing

/// A file whose identities share no identifier is linked without indexing them, until
/// another file's arrive: the result must be the one indexing everything gives.
@Suite struct LinkBuilderTests {
    static func collect(_ rows: [[(FieldKey, String)]], file: UInt32) -> IdentityCollector {
        var collector = IdentityCollector(tracksFragments: false)
        for (n, values) in rows.enumerated() {
            _ = collector.add(FragmentIdentityTests.fragment(UInt32(n + 2), values), file: FileID(file))
        }
        return collector
    }

    static func link(_ files: [IdentityCollector], hint: Bool) -> Linkage {
        var builder = LinkBuilder()
        for f in files { builder.add(f.identities, keysDistinct: hint && f.keysDistinct) }
        return builder.finish()
    }

    @Test func oneIdentifierEachIsDistinctOnceRepeatsAreKeptOnce() {
        let police = Self.collect([[(.policePersonID, "P1")], [(.policePersonID, "P2")], [(.policePersonID, "P1")], []], file: 0)
        #expect(police.keysDistinct)
        #expect(police.identities.count == 3)
    }

    @Test func twoIdentifiersOrAnInvalidOneAreNotDistinct() {
        let two = Self.collect([[(.policePersonID, "P1"), (.laChildID, "A1")]], file: 0)
        #expect(!two.keysDistinct)
        // P1 with and without a failing NHS number: two identities with one identifier.
        let invalid = Self.collect([[(.policePersonID, "P1"), (.nhsNumber, "943 476 5918")], [(.policePersonID, "P1")]], file: 0)
        #expect(!invalid.keysDistinct)
        #expect(invalid.identities.count == 2)
        #expect(Self.link([invalid], hint: true).childCount == 1)
    }

    @Test func aDistinctFileAloneLinksAsIfIndexed() {
        let police = Self.collect([[(.policePersonID, "P1")], [(.policePersonID, "P2")], [(.policePersonID, "P3")]], file: 0)
        let hinted = Self.link([police], hint: true), indexed = Self.link([police], hint: false)
        #expect(hinted.childOf == indexed.childOf && hinted.childCount == 3)
        #expect(hinted.diagnostics.map(\.message) == indexed.diagnostics.map(\.message))
    }

    @Test func aLaterFileJoinsTheUnindexedOnes() {
        let police = Self.collect([[(.policePersonID, "P1")], [(.policePersonID, "P2")]], file: 0)
        let social = Self.collect([[(.laChildID, "A1"), (.policePersonID, "P2")], [(.laChildID, "A2"), (.policePersonID, "P1")]], file: 1)
        let hinted = Self.link([police, social], hint: true), indexed = Self.link([police, social], hint: false)
        #expect(hinted.childOf == indexed.childOf)
        #expect(hinted.childCount == 2)
        // P1's row joins A2's, P2's joins A1's.
        #expect(hinted.childOf[0] == hinted.childOf[3] && hinted.childOf[1] == hinted.childOf[2])
        // A second distinct file is indexed at once: it may share identifiers with the first.
        let more = Self.collect([[(.policePersonID, "P2")]], file: 2)
        #expect(more.keysDistinct)
        let three = Self.link([police, more], hint: true)
        #expect(three.childCount == 2 && three.childOf[1] == three.childOf[2])
    }

    /// A batch's identities, prepared together (their table slots read first), are added
    /// as one by one: a repeat within the batch joins its earlier fragment.
    @Test func aPreparedBatchAddsAsOneByOne() {
        let rows: [[(FieldKey, String)]] = [[(.policePersonID, "P1")], [(.policePersonID, "P2")], [],
                                            [(.policePersonID, "P1")], [(.policePersonID, "P3"), (.laChildID, "A3")],
                                            [(.laChildID, "A3"), (.policePersonID, "P3")]]
        let children = rows.enumerated().map { FragmentIdentityTests.fragment(UInt32($0.offset + 2), $0.element) }
        var single = IdentityCollector(tracksFragments: true), batched = IdentityCollector(tracksFragments: true)
        let one = children.map { single.add($0, file: FileID(0)) }
        let together = batched.prepare(children, file: FileID(0)).map { batched.add($0) }
        #expect(one == [false, false, false, true, false, true])
        #expect(together == one)
        #expect(batched.fragmentIdentity == single.fragmentIdentity)
        #expect(batched.identities.map(\.weight) == single.identities.map(\.weight))
        #expect(batched.keysDistinct == single.keysDistinct)
    }
}
