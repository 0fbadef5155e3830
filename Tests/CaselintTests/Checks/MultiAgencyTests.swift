import Check
@testable import Checks
import Config
import Foundation
import Model
import Pipeline
import Report
import Synth
import Testing

/// The multi-agency rules on whole folders: where they point, what they print, and how
/// local parameters change them.
@Suite(.serialized) struct MultiAgencyTests {
    @Test func theFixturesYieldFindingsOfEveryFamily() {
        for folder in ["fixtures/agencies", "fixtures/case-review"] {
            #expect(lint([folder]).configErrors.isEmpty)
        }
        let ids = Set(lint(["fixtures/agencies"]).ids() + lint(["fixtures/case-review"]).ids())
        for family in ["SUF", "HND", "PRC", "CON"] {
            #expect(ids.contains { $0.hasPrefix(family) }, "no \(family) finding in the fixtures")
        }
    }

    @Test func everySwiftRuleIsLinkedAndDocumentsItsParameters() {
        #expect(MultiAgency.all.count == 13)
        for rule in MultiAgency.all {
            #expect(rule.scope == .linked, "\(rule.id)")
            #expect(rule.message.hasPrefix("No recorded") || rule.category == .consistency, "\(rule.id): \(rule.message)")
            for p in rule.parameters { #expect(p.defaultParsed != nil, "\(rule.id) \(p.name)") }
        }
    }

    /// "No recorded …", never a verdict: findings of the sufficiency, handover and
    /// procedure rules say what the records lack.
    @Test func findingsSayWhatIsNotRecorded() {
        let result = lint(["fixtures/agencies", "fixtures/case-review"], select: ["SUF", "HND", "PRC"])
        #expect(!result.diagnostics.isEmpty)
        for d in result.diagnostics {
            #expect(d.message.redacted.hasPrefix("no recorded"), "\(d.ruleID): \(d.message.redacted)")
        }
    }

    /// CON010 compares a few records' ids one with another and many by hash: both find
    /// each repeated id at its later records, with a note at the first.
    @Test(arguments: [6, 60]) func duplicateRecordIDsAreFoundAmongFewOrMany(visits: Int) throws {
        var rows = ["record,laChildID,recordID,date,childSeen,seenAlone,present", "person,A1,,,,,"]
        for v in 1...visits { rows.append("visit,A1,V-\(v),2024-03-\(v % 28 + 10 < 29 ? v % 28 + 10 : 28),true,true,mother") }
        rows.append("visit,A1,V-2,2024-04-01,true,true,mother")    // row 3 + visits: the id of row 4
        rows.append("visit,A1,V-3,2024-04-02,true,true,mother")
        rows.append("visit,A1,V-2,2024-04-03,true,true,mother")
        rows.append("caseNote,A1,V-2,2024-04-04,,,")               // another kind: not a duplicate
        let result = try lintFiles([("social-care.csv", rows.joined(separator: "\n") + "\n")], select: ["CON010"])
        let found = result.diagnostics.filter { $0.ruleID == "CON010" }
        let first = UInt32(visits + 3)
        #expect(found.map(\.location.line) == [first, first + 1, first + 2])
        #expect(found.map { $0.notes.first?.location.line } == [4, 5, 4])
    }

    @Test func caseNoteTextIsJudgedWithoutPrintingIt() throws {
        let hidden = try runCaselint(["check", "--select", "SUF008", "fixtures/case-review"])
        #expect(hidden.out.contains("beyond stock phrases (text: [withheld]) [SUF008]"))
        #expect(!hidden.out.contains("Seen and well"))
        let shown = try runCaselint(["check", "--select", "SUF008", "--show-values", "fixtures/case-review"])
        #expect(shown.out.contains("beyond stock phrases (text: \"Seen and well.\") [SUF008]"))
    }

    @Test func caseNoteJudgement() {
        let stock = ["seen and well", "no concerns", "as above"].map { CaseNoteText.words(of: $0) }
        #expect(CaseNoteText.judge("Seen and well.", stockPhrases: stock) == .init(words: 3, onlyStockPhrases: true))
        #expect(CaseNoteText.judge("No concerns; SEEN AND WELL! As above.", stockPhrases: stock) == .init(words: 7, onlyStockPhrases: true))
        #expect(CaseNoteText.judge("Seen and well in the kitchen.", stockPhrases: stock).onlyStockPhrases == false)
        #expect(CaseNoteText.judge("Mother's partner wasn't there", stockPhrases: stock) == .init(words: 4, onlyStockPhrases: false))
        #expect(CaseNoteText.judge("", stockPhrases: stock) == .init(words: 0, onlyStockPhrases: false))
    }

    @Test func localParametersChangeWhatIsFound() throws {
        let dir = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: Repo.path("fixtures/case-review"), toPath: dir.path("drop"))
        let before = try runCaselint(["check", "--select", "SUF008,HND011", "drop"], in: dir.url.path)
        #expect(before.out.contains("[SUF008]"))
        try dir.write("""
            rule-settings:
              SUF008:
                min-words: 2
                stock-phrases: [nothing to report]
            """, to: "drop/.caselint.yml")
        let after = try runCaselint(["check", "--select", "SUF008", "drop"], in: dir.url.path)
        #expect(after.status == 0)
        #expect(!after.out.contains("[SUF008]"), "\(after.out)")
        #expect(after.out.hasSuffix("0 errors, 0 warnings\n"))
    }

    @Test func anInvalidParameterIsAConfigurationErrorAtItsLine() throws {
        let dir = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: Repo.path("fixtures/case-review"), toPath: dir.path("drop"))
        try dir.write("""
            rule-settings:
              PRC012:
                first-visit: a week
              SUF006:
                risk-factors: [alcohol, co-sleping]
              SUF008:
                min-words: 0
            """, to: "drop/.caselint.yml")
        let run = try runCaselint(["check", "drop"], in: dir.url.path)
        #expect(run.status == 2)
        #expect(run.out.isEmpty)
        #expect(run.err.contains("drop/.caselint.yml:3:18: error: PRC012 first-visit must be a number and a unit (days, working days, weeks or months), e.g. '10 working days', not 'a week'"), "\(run.err)")
        #expect(run.err.contains("drop/.caselint.yml:5:29: error: SUF006 risk-factors must be a list of any of alcohol, drugs, domestic-abuse, mental-health, co-sleeping, smoking, premature, learning-disability, housing, other; 'co-sleping' is not one of them; did you mean 'co-sleeping'?"), "\(run.err)")
        #expect(run.err.contains("drop/.caselint.yml:7:16: error: SUF008 min-words must be a whole number from 1 to 500, not 0"), "\(run.err)")
    }

    /// The starter file's commented rule settings, uncommented, are a valid configuration.
    @Test func theStarterFilesRuleSettingsAreValid() throws {
        let lines = StarterConfiguration.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("# rule-settings:") })
        let block = lines[start...].prefix { $0.hasPrefix("#") }.map { String($0.dropFirst(2)) }.joined(separator: "\n")
        let parsed = Configuration.parse(block + "\n", path: ".caselint.yml", rules: Catalogue.rules, workingDirectory: Repo.root.path)
        let config = try parsed.get()
        #expect(config.parameters["SUF008", "min-words"] == .integer(15))
        #expect(config.parameters["PRC012", "later-interval"] == .interval(Interval(3, .months)))
    }

    /// The opening case of the brief, reconstructed: each gap flagged by its rule, at its
    /// record. Rules of the built-in pack are expected once the pack is in the catalogue.
    @Test func theCaseReviewGapsAreEachFlagged() {
        let result = lint(["fixtures/case-review"])
        func at(_ rule: String, _ file: String, line: UInt32? = nil) -> Bool {
            result.diagnostics.contains { d in
                d.ruleID == rule && result.path(of: d.location.file).hasSuffix(file) && (line.map { d.location.line == $0 } ?? true)
            }
        }
        // No safe-sleep advice after co-sleeping and carer risks, for an infant on a plan.
        #expect(at("SUF006", "social-care/cin-census.xml", line: 40))
        let safeSleep = result.diagnostics.first { $0.ruleID == "SUF006" }
        #expect(safeSleep?.notes.contains { $0.message.redacted.hasPrefix("co-sleeping recorded here by health") } == true)
        // Thin visit records: case notes that say nothing but "Seen and well".
        #expect(at("SUF008", "social-care/case-notes.csv", line: 3))
        #expect(at("SUF008", "social-care/case-notes.csv", line: 4))
        #expect(result.diagnostics.filter { ["SUF", "HND", "PRC", "CON"].contains(String($0.ruleID.prefix(3))) }.allSatisfy { $0.childID == "CR001" })
        // The built-in pack's rules, when present: the plan not notified to the police,
        // the referral never acknowledged, visits without seen-alone or who was present,
        // and the four weeks between visits.
        let pack: [(rule: String, file: String)] = [
            ("HND004", "social-care/cin-census.xml"), ("HND001", "interchange/referrals.csv"),
            ("SUF002", "interchange/visits.csv"), ("SUF003", "interchange/visits.csv"), ("PRC010", ""),
        ]
        for (rule, file) in pack where Catalogue.rule(id: rule) != nil {
            #expect(at(rule, file), "\(rule) should flag the case review")
        }
    }

    @Test func caseReviewGoldenFiles() throws {
        let text = try runCaselint(["check", "--fail-on", "never", "fixtures/case-review"])
        try Golden.check(text.out, against: "fixtures/expected/case-review.txt")
        let chronology = try runCaselint(["chronology", "--child", "CR001", "fixtures/case-review"])
        #expect(chronology.status == 0, "\(chronology.err)")
        try Golden.check(chronology.out, against: "fixtures/expected/case-review.chronology.txt")
    }
}

/// docs/multi-agency-rules.md and the code agree: the rules marked swift are the Swift
/// rules, each with its parameters named in its row, and every rule of the table can be
/// injected by `caselint synth agencies`.
@Suite struct MultiAgencyCatalogueTests {
    static func rows() throws -> [(id: String, impl: String, text: String)] {
        let text = try String(contentsOfFile: Repo.path("docs/multi-agency-rules.md"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > 4, cells[1].count == 6, ["SUF", "HND", "PRC", "CON"].contains(String(cells[1].prefix(3))) else { return nil }
            return (cells[1], cells[3], String(line))
        }
    }

    @Test func theTableMatchesTheSwiftRules() throws {
        let rows = try Self.rows()
        let swift = Set(rows.filter { $0.impl == "swift" }.map(\.id))
        #expect(swift == Set(MultiAgency.all.map(\.id)))
        for rule in MultiAgency.all {
            let row = try #require(rows.first { $0.id == rule.id })
            #expect(row.text.contains("| \(rule.name) |"), "\(rule.id): name differs from the table")
            for p in rule.parameters { #expect(row.text.contains("`\(p.name)`"), "\(rule.id) \(p.name) not in the table") }
        }
    }

    @Test func everyRuleOfTheTableCanBeInjected() throws {
        #expect(Set(try Self.rows().map(\.id)) == Set(AgencySynth.defectRules))
    }
}
