import Checks
import Foundation
import Model
import Pipeline
@testable import Synth
import Testing

/// `caselint synth agencies`: a multi-agency folder whose clean children trigger nothing and
/// whose defects trigger exactly what the truth says.
@Suite(.serialized) struct AgencySynthTests {
    static let families = ["SUF", "HND", "PRC", "CON"]

    /// Writes a folder; returns it (removed when the test ends) and the truth.
    static func write(_ options: AgencySynthOptions) throws -> (TemporaryFolder, AgencySynthTruth) {
        let dir = try TemporaryFolder()
        let truth = try AgencySynth.generate(options, to: dir.path("drop"))
        return (dir, truth)
    }

    /// Multi-agency findings by LA child id (nil: the drop as a whole), and every finding.
    static func findings(_ folder: String) -> (byChild: [String?: Set<String>], all: [Diagnostic], children: Int, files: Int) {
        let result = Linter(options: LintOptions(paths: [folder])).run()
        var byChild: [String?: Set<String>] = [:]
        for d in result.diagnostics where families.contains(String(d.ruleID.prefix(3))) {
            byChild[d.childID, default: []].insert(d.ruleID)
        }
        return (byChild, result.diagnostics, result.children, result.filesChecked)
    }

    @Test func cleanChildrenTriggerNothing() throws {
        var options = AgencySynthOptions()
        options.children = 400
        options.seed = 11
        options.interchangeShare = 0.3
        let (dir, truth) = try Self.write(options)
        #expect(truth.children.isEmpty && truth.returnRules.isEmpty)
        let found = Self.findings(dir.path("drop"))
        // Every file read, every child linked into one (census, interchange, police, health,
        // case notes, looked-after and education records).
        #expect(found.files == 23)
        #expect(found.children == 400)
        #expect(found.all.isEmpty, "clean children triggered \(found.all.prefix(5).map { "\($0.ruleID) \($0.childID ?? "-"): \($0.message.redacted)" })")
    }

    /// One child per defect, for every rule: each child triggers exactly the rules of its
    /// truth that the catalogue has (the built-in pack's once it is merged).
    @Test func eachDefectTriggersExactlyItsTruth() throws {
        var options = AgencySynthOptions()
        options.children = 60
        options.seed = 5
        options.defects = ["all"]
        options.oneOfEach = true
        let (dir, truth) = try Self.write(options)
        #expect(Set(truth.children.flatMap(\.rules) + truth.returnRules) == Set(AgencySynth.defectRules))
        let found = Self.findings(dir.path("drop"))
        let known = Set(Catalogue.rules.map(\.id))
        var expected: [String?: Set<String>] = [:]
        for e in truth.children { expected[e.laChildID] = Set(e.rules).intersection(known) }
        if !truth.returnRules.isEmpty { expected[nil] = Set(truth.returnRules).intersection(known) }
        for id in Set(expected.keys).union(found.byChild.keys) {
            #expect(found.byChild[id, default: []] == expected[id, default: []], "\(id ?? "the drop"): found \(found.byChild[id, default: []].sorted()), truth \(expected[id, default: []].sorted())")
        }
        // Each Swift rule is among those found.
        for rule in MultiAgency.all.map(\.id) {
            #expect(found.byChild.values.contains { $0.contains(rule) }, "\(rule) not found")
        }
    }

    @Test func theSameSeedWritesTheSameFiles() throws {
        var options = AgencySynthOptions()
        options.children = 80
        options.seed = 3
        options.defects = ["SUF006", "HND004", "PRC012"]
        options.defectRate = 0.3
        let (a, truthA) = try Self.write(options)
        let (b, truthB) = try Self.write(options)
        #expect(truthA.tsv == truthB.tsv)
        let files = try FileManager.default.subpathsOfDirectory(atPath: a.path("drop")).sorted()
        #expect(files == (try FileManager.default.subpathsOfDirectory(atPath: b.path("drop")).sorted()))
        for f in files {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: a.path("drop/" + f), isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            #expect(FileManager.default.contents(atPath: a.path("drop/" + f)) == FileManager.default.contents(atPath: b.path("drop/" + f)), "\(f) differs")
        }
        options.seed = 4
        let (c, _) = try Self.write(options)
        #expect(FileManager.default.contents(atPath: a.path("drop/social-care/interchange/visits.csv"))
                != FileManager.default.contents(atPath: c.path("drop/social-care/interchange/visits.csv")))
    }

    /// A file that cannot be written is said, not left out of the drop in silence.
    @Test func aFileThatCannotBeWrittenIsReported() throws {
        let folder = try TemporaryFolder()
        let drop = folder.path("drop")
        let files = try AgencyFiles(folder: drop, year: 2025, reference: Day(year: 2025, month: 3, day: 31)!, lea: "201")
        // The police folder taken away while the drop is written.
        try FileManager.default.removeItem(atPath: drop + "/police")
        let failure = try #require(files.finish(readme: "synthetic"))
        #expect(failure.hasPrefix("cannot write \(drop)/police/incidents.csv"))
        #expect(FileManager.default.fileExists(atPath: drop + "/health/health-visiting.json"))
    }

    @Test func theTruthNamesChildrenAndTheDrop() throws {
        var options = AgencySynthOptions()
        options.children = 50
        options.defects = ["CON009", "SUF008"]
        options.defectRate = 1
        let (_, truth) = try Self.write(options)
        let lines = truth.tsv.split(separator: "\n").map(String.init)
        #expect(lines[1] == "child\tLAchildID\trules")
        #expect(lines[2] == "-\t-\tCON009")
        #expect(lines.dropFirst(3).allSatisfy { $0.hasSuffix("\tSUF008") })
        #expect(truth.children.count == 48)
    }

    @Test func anUnknownDefectIsAnErrorWithASuggestion() throws {
        var options = AgencySynthOptions()
        options.defects = ["SUF06"]
        let dir = try TemporaryFolder()
        #expect(throws: AgencySynthError.self) { try AgencySynth.generate(options, to: dir.path("drop")) }
        let run = try runCaselint(["synth", "agencies", "--defects", "HND04", "--output", dir.path("other")])
        #expect(run.status == 2)
        #expect(run.err.contains("no defect can be injected for 'HND04' (did you mean HND004?)"), "\(run.err)")
        let list = try runCaselint(["synth", "agencies", "--list-defects"])
        #expect(list.out.split(separator: "\n").count == 47)
    }
}
