import Check
import Foundation
import Link
import Model
import Pipeline
import Testing

@Suite struct LinkageTests {
    @Test func checkCharacters() {
        #expect(CheckCharacters.isValidNHSNumber("943 476 5919"))
        #expect(CheckCharacters.isValidNHSNumber("9434765919"))
        #expect(!CheckCharacters.isValidNHSNumber("9434765918"))
        #expect(!CheckCharacters.isValidNHSNumber("943476591"))
        #expect(CheckCharacters.isValidUPN("T850728973744"))
        #expect(!CheckCharacters.isValidUPN("A850728973744"))
        #expect(!CheckCharacters.isValidNHSNumber("94347659190"))
        // Longer than a small string: read from its heap storage.
        #expect(CheckCharacters.isValidNHSNumber("943     476     5919"))
        #expect(!CheckCharacters.isValidNHSNumber("943     476     5918"))
        #expect(CheckCharacters.normalisedNHSNumber("943 476-5919") == "9434765919")
        #expect(CheckCharacters.normalisedNHSNumber("943 476 59199") == nil)
        #expect(CheckCharacters.normalisedNHSNumber("943 476 591x") == nil)
        // A temporary UPN ends in a letter, counted by its place among the check letters.
        #expect(CheckCharacters.isValidUPN("N85072897374K"))
        #expect(!CheckCharacters.isValidUPN("N85072897374I"))
        #expect(!CheckCharacters.isValidUPN("N8507289737K4"))
    }

    @Test func oneIdentifierOnTwoChildrenIsReportedWithNotesAtBothAndNotJoined() throws {
        let result = try lintFiles([
            ("social-care.csv", "record,laChildID,nhsNumber,birthDate\nperson,A1,9434765919,2024-01-05\nperson,B7,,2023-02-01\n"),
            ("health.csv", "record,laChildID,nhsNumber,date\nhealthContact,B7,9434765919,2024-05-01\n"),
        ])
        let conflict = try #require(result.diagnostics.first { $0.ruleID == "LNK003" })
        #expect(conflict.message.redacted == "NHS number [withheld] is recorded for two different children (LA child ids B7 and A1); their records are not joined")
        #expect(conflict.location.line == 2 && conflict.location.column == 11)
        #expect(conflict.notes.count == 3)
        // Notes in both files: where the NHS number and each child's LA id are recorded.
        #expect(Set(conflict.notes.map(\.location.file)).count == 2)
        #expect(result.children == 2)
    }

    /// A file's `children` counts children, not runs of rows: rows of one child apart in the
    /// file, or joined only by linking, are one child there as in the run's total.
    @Test func aFilesChildrenAreItsLinkedChildrenNotItsRunsOfRows() throws {
        let result = try lintFiles([
            ("people.csv", "record,laChildID,nhsNumber\nperson,A1,9434765919\nperson,B7,\n"),
            ("events.csv", """
                record,laChildID,nhsNumber,policePersonID,date
                healthContact,A1,,,2024-05-01
                healthContact,B7,,,2024-05-02
                healthContact,A1,,,2024-05-03
                healthContact,,9434765919,,2024-05-04
                healthContact,,,P9,2024-05-05

                """),
        ])
        let files = Dictionary(uniqueKeysWithValues: zip(result.files.map { ($0.path as NSString).lastPathComponent }, result.facts.map(\.children)))
        // A1 (three runs of rows, one by NHS number alone), B7, and P9, whom no source describes.
        #expect(files == ["people.csv": 2, "events.csv": 3])
        #expect(result.children == 2)
    }

    @Test func aCrosswalkJoinsPoliceIdsToChildren() throws {
        let linked = try lintFiles([
            ("people.csv", "record,laChildID\nperson,A1\n"),
            ("crosswalk.csv", "record,laChildID,policePersonID\nidentity,A1,P9\n"),
            ("police.csv", "record,policePersonID,incidentID,date\npoliceIncident,P9,I1,2024-05-01\n"),
        ])
        #expect(!linked.ids().contains("LNK002"))
        #expect(linked.children == 1)
        let unlinked = try lintFiles([
            ("people.csv", "record,laChildID\nperson,A1\n"),
            ("police.csv", "record,policePersonID,incidentID,date\npoliceIncident,P9,I1,2024-05-01\npoliceIncident,P8,I2,2024-05-02\n"),
        ])
        // Once per source, with the count.
        #expect(unlinked.diagnostics.filter { $0.ruleID == "LNK002" }.map(\.message.redacted) == [
            "2 records name children that no other source describes: no person record has their identifiers, directly or through a crosswalk (the first is here)",
        ])
    }

    @Test func repeatedIdentifiersAreKeptOnceButCounted() throws {
        let result = try lintFiles([
            ("people.csv", "record,laChildID\nperson,A1\n"),
            ("police.csv", "record,policePersonID,incidentID,date\npoliceIncident,P9,I1,2024-05-01\n"
                + "policeIncident,P8,I2,2024-05-01\npoliceIncident,P9,I3,2024-05-02\n"),
        ])
        #expect(result.diagnostics.filter { $0.ruleID == "LNK002" }.map(\.message.redacted).first?.hasPrefix("3 records") == true)
    }

    @Test func invalidNHSNumbersAreNotUsedToLink() throws {
        let result = try lintFiles([
            ("people.csv", "record,laChildID,nhsNumber\nperson,A1,9434765919\n"),
            ("health.csv", "record,nhsNumber,date\nhealthContact,9434765918,2024-05-01\n"),
        ])
        // The health record has no other identifier: it cannot be linked at all.
        #expect(result.ids().sorted() == ["CON009", "LNK001", "LNK004"], "CON009: no sex recorded for either child")
    }

    @Test func linkedRulesSeeRecordsFromEveryFileOfTheChild() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("caselint-link-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "record,laChildID,nhsNumber\nperson,A1,9434765919\n".write(to: dir.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        try "{\"record\":\"healthContact\",\"nhsNumber\":\"943 476 5919\",\"date\":\"2024-05-01\",\"agency\":\"health\"}\n"
            .write(to: dir.appendingPathComponent("b.jsonl"), atomically: true, encoding: .utf8)
        try "record,laChildID,date\nvisit,A1,2024-05-02\n".write(to: dir.appendingPathComponent("c.csv"), atomically: true, encoding: .utf8)
        let result = Linter(options: LintOptions(paths: [dir.path]), catalogue: [linkedProbe]).run()
        #expect(result.diagnostics.map(\.message.redacted) == ["A1 agencies=health,unknown files=3 kinds=healthContact,identity,person,visit"])
    }

    @Test func perSourceRulesStayOnTheirFamily() throws {
        // A CIN census rule never runs on an interchange file, even one with CIN-like records.
        let result = try lintFiles([("x.csv", "record,laChildID,startDate,endDate\ncpPlan,A1,2024-06-28,2024-06-20\n")], select: ["CIN"])
        #expect(result.diagnostics.isEmpty)
    }

    @Test func aSingleCensusFileStreamsLinkedRulesWithoutLinking() {
        let result = Linter(options: LintOptions(paths: [Repo.path("fixtures/cin-census/demo-return.xml")]), catalogue: [linkedProbe]).run()
        #expect(result.diagnostics.count == 16)
        #expect(result.children == 16)
    }
}
