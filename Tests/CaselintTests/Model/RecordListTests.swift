import Check
import Model
import Testing

/// Record views (`Child.records(kind)`, `children`, `descendants`) and the trigger gate
/// that skips a rule on a child with none of the kinds it reports about.
@Suite struct RecordListTests {
    /// person; episode 1 { assessment, cpPlan { review } , assessment }; episode 2 { cpPlan }; visit
    static func child() -> Child {
        let at = SourceLocation(file: FileID(0), line: 1, column: 1)
        func r(_ kind: RecordKind, _ parent: Int32, _ ordinal: Int32) -> Record {
            Record(kind: kind, source: Symbol(kind.name), parent: parent, ordinal: ordinal, location: at, agency: .socialCare)
        }
        let records = [
            r(.person, -1, 1),
            r(.cinEpisode, 0, 1), r(.assessment, 1, 1), r(.cpPlan, 1, 1), r(.cpReview, 3, 1), r(.assessment, 1, 2),
            r(.cinEpisode, 0, 2), r(.cpPlan, 6, 1),
            r(.visit, 0, 1),
        ]
        return Child.make(records: records, fields: [], location: at, ordinal: 1, source: Symbol("Child"))
    }

    @Test func recordsOfAKindInSourceOrder() {
        let c = Self.child()
        #expect(c.records(.cpPlan).map(\.index) == [3, 7])
        #expect(c.records(.cpPlan).count == 2)
        #expect(c.records(.cpPlan).last?.index == 7)
        #expect(c.records(.cpPlan).reversed().map(\.index) == [7, 3])
        #expect(c.records(.section47).isEmpty)
        #expect(c.records(.section47).count == 0)
        #expect(c.records(.section47).first == nil)
        #expect(c.records(.person).first?.index == 0)
    }

    /// A record's fields of one key, read in place (`RecordRef.all`), stay inside the record.
    @Test func fieldsOfAKeyInSourceOrder() {
        let at = SourceLocation(file: FileID(0), line: 1, column: 1)
        func f(_ key: FieldKey, _ text: String) -> Field {
            Field(key: key, source: Symbol(key.name), text: text, location: at, valueLocation: at)
        }
        let fields = [
            f(.disability, "HAND"), f(.sex, "1"), f(.disability, "HEAR"), f(.disability, ""),  // person
            f(.factor, "3B"), f(.date, "2024-01-01"), f(.factor, "4B"),                           // assessment
            f(.factor, "21"),                                                                      // visit
        ]
        let records = [
            Record(kind: .person, source: Symbol("person"), parent: -1, ordinal: 1, location: at, agency: .socialCare, fieldStart: 0, fieldEnd: 4),
            Record(kind: .assessment, source: Symbol("assessment"), parent: 0, ordinal: 1, location: at, agency: .socialCare, fieldStart: 4, fieldEnd: 7),
            Record(kind: .visit, source: Symbol("visit"), parent: 0, ordinal: 1, location: at, agency: .socialCare, fieldStart: 7, fieldEnd: 8),
        ]
        let c = Child.make(records: records, fields: fields, location: at, ordinal: 1, source: Symbol("Child"))
        #expect(c.person.all(.disability).map(\.text) == ["HAND", "HEAR", ""])
        #expect(c.person.all(.disability).count == 3)
        #expect(c.person.all(.disability).reversed().map(\.text) == ["", "HEAR", "HAND"])
        #expect(c.person.all(.factor).isEmpty)
        #expect(c.person.all(.factor).first == nil)
        let assessment = c.records(.assessment).first!
        #expect(assessment.all(.factor).map(\.text) == ["3B", "4B"])
        #expect(assessment.all(.factor).last?.text == "4B")
        #expect(c.records(.visit).first!.all(.factor).map(\.text) == ["21"])
        // Read in place: the first value passing a test, whether any non-empty one does,
        // a whole number; none of them looks past the record's own fields.
        #expect(assessment.first(.factor, where: { $0.hasSuffix("B") })?.text == "3B")
        #expect(assessment.first(.factor, where: { $0 == "21" }) == nil)
        #expect(c.person.first(.disability, where: { $0.isEmpty })?.text == "")
        #expect(c.person.anyText(.disability) { $0 == "HEAR" })
        #expect(!c.person.anyText(.disability) { $0.isEmpty })
        #expect(!c.person.anyText(.factor) { _ in true })
        #expect(c.person.integer(.sex) == 1)
        #expect(c.person.integer(.disability) == nil)
        #expect(assessment.integer(.sex) == nil)
    }

    @Test func childrenAreOnlyDirectlyInside() {
        let c = Self.child()
        let first = c.records(.cinEpisode).first!
        #expect(first.children(.assessment).map(\.index) == [2, 5])
        #expect(first.children(.cpReview).isEmpty)
        #expect(first.descendants(.cpReview).map(\.index) == [4])
        // The second episode's plan, not the first's.
        let second = c.records(.cinEpisode).last!
        #expect(second.children(.cpPlan).map(\.index) == [7])
        #expect(second.descendants(.assessment).isEmpty)
        // Descendants stop at the end of the record's block.
        #expect(first.descendants(.cpPlan).map(\.index) == [3])
    }

    /// A kind none of whose bit the child's kinds use (symbols are numbered as interned).
    static func absentKind(from kinds: KindSet) -> RecordKind {
        var n = 0
        while true {
            let k = RecordKind("absentKindForTests\(n)")
            if !KindSet([k]).overlaps(kinds) { return k }
            n += 1
        }
    }

    @Test func kindSetsHoldTheChildsKinds() {
        let c = Self.child()
        for k in [RecordKind.person, .cinEpisode, .assessment, .cpPlan, .cpReview, .visit] {
            #expect(KindSet([k]).overlaps(c.kinds))
        }
        #expect(!KindSet([Self.absentKind(from: c.kinds)]).overlaps(c.kinds))
        #expect(KindSet([RecordKind]()).isEmpty)
    }

    /// A rule triggered by a kind the child lacks is not run on it; one with no triggers,
    /// or with one kind the child has among its triggers, is.
    @Test func triggersSkipRulesOnChildrenWithoutTheirKinds() {
        let c = Self.child()
        let runs = Counter()
        func rule(_ id: String, _ triggers: [RecordKind]) -> Rule {
            Rule(id: id, name: id, category: .procedure, severity: .warning, message: "m", rationale: "r", source: "s",
                 scope: .linked, triggers: triggers, check: .child { _, _ in runs.add(id) })
        }
        let absent = Self.absentKind(from: c.kinds)
        let context = CheckContext(file: FileID(0), census: nil, ruleset: .latest, header: nil)
        let checker = ReturnChecker(rules: [rule("T1", [absent]), rule("T2", []), rule("T3", [absent, .cpPlan])], context: context)
        _ = checker.check(c)
        #expect(runs.ids == ["T2", "T3"])
    }
}

final class Counter: @unchecked Sendable {
    private(set) var ids: [String] = []
    func add(_ id: String) { ids.append(id) }
}
