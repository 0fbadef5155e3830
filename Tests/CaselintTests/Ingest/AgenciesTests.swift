import Check
import Foundation
import Model
import Pipeline
import Report
import Testing

/// A linked rule for tests: reports each linked child once, naming the agencies and files
/// its records came from, at its person record.
let linkedProbe = Rule(id: "TEST001", name: "linked-probe", category: .consistency, severity: .note,
                       message: "the agencies of a linked child", rationale: "test", source: "test", scope: .linked,
                       check: .child { child, out in
                           let agencies = Set(child.records.map(\.agency.name)).sorted().joined(separator: ",")
                           let files = Set(child.records.map(\.location.file.rawValue)).count
                           let kinds = Set(child.records.map(\.kind.name)).sorted().joined(separator: ",")
                           out.report("\(child.laChildID ?? "-") agencies=\(agencies) files=\(files) kinds=\(kinds)", at: child.person)
                       })

@Suite(.serialized) struct AgenciesTests {
    /// The reader and linkage findings on the demo folder (the census and multi-agency
    /// rules have their own tests).
    @Test func demoFolderText() throws {
        let result = lint(["fixtures/agencies"], select: ["IO", "XML", "CSV", "JSON", "MAP", "LNK"])
        try Golden.check(TextRenderer(color: false, showValues: false).render(result), against: "fixtures/expected/agencies.txt")
        #expect(result.configErrors.isEmpty)
        #expect(result.filesChecked == 18)
        #expect(result.children == 5)
    }

    @Test func linkedChildrenJoinEveryAgencysRecords() throws {
        var options = LintOptions(paths: [Repo.path("fixtures/agencies")])
        options.jobs = 2
        let result = Linter(options: options, catalogue: [linkedProbe]).run()
        let messages = result.diagnostics.map(\.message.redacted)
        let a100 = try #require(messages.first { $0.hasPrefix("A100 ") }, "\(messages)")
        // CIN census + interchange + police CSV + health JSON + case notes, one child.
        #expect(a100.contains("agencies=health,police,social-care"), "\(messages)")
        for kind in ["cinEpisode", "cpPlan", "policeIncident", "healthContact", "caseNote", "visit", "householdMember",
                     "referral", "strategyDiscussion", "conference", "coreGroup", "notification", "workerAllocation", "identity"] {
            #expect(a100.contains(kind), "A100 lacks \(kind)")
        }
        #expect(messages.contains { $0.hasPrefix("A101 ") && $0.contains("education") && $0.contains("police") })
        #expect(messages.contains { $0.hasPrefix("A103 ") && $0.contains("careEpisode") })
    }

    @Test func theFolderUsesEveryRecordType() {
        let result = Linter(options: LintOptions(paths: [Repo.path("fixtures/agencies")]), catalogue: [linkedProbe]).run()
        let kinds = Set(result.diagnostics.flatMap { d -> [String] in
            guard let k = d.message.redacted.components(separatedBy: "kinds=").last else { return [] }
            return k.components(separatedBy: ",")
        })
        let expected = Set(Schema.kinds.map(\.kind.name)).subtracting(["header"])
        #expect(expected.subtracting(kinds).isEmpty, "not used: \(expected.subtracting(kinds).sorted())")
    }

    @Test func aWindows1252ExportIsDecodedThroughItsProfile() throws {
        let run = try runCaselint(["check", "--select", "MAP,CSV", "--show-values", "fixtures/agencies/police"])
        #expect(run.status == 0, "\(run.out)\(run.err)")
        #expect(!run.out.contains("CSV004"))
    }

    @Test func theReadmeDemoRuns() throws {
        let run = try runCaselint(["check", "fixtures/agencies"])
        #expect(run.status == 0 || run.status == 1)
        #expect(run.out.contains("18 files, 5 children"))
    }
}
