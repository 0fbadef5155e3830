import Foundation
import Checks
import Model
import Pipeline
import Synth
import Testing

/// Writes a synthetic return to a temporary file; returns its path and truth.
func writeSynthetic(_ options: CINSynthOptions) throws -> (URL, CINSynthTruth) {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("caselint-synth-\(UUID()).xml")
    FileManager.default.createFile(atPath: url.path, contents: nil)
    let handle = try FileHandle(forWritingTo: url)
    let truth = try CINSynth.generate(options) { bytes in handle.write(Data(bytes)) }
    try handle.close()
    return (url, truth)
}

/// The rules each child triggered (by position), and those of the return as a whole; a
/// duplicate's notes count for the children they point at.
func triggered(_ path: String) -> (children: [Int: Set<String>], returnRules: Set<String>) {
    var options = LintOptions(paths: [path])
    options.select = ["CIN"]
    var children: [Int: Set<String>] = [:]
    var whole = Set<String>()
    func ordinal(_ p: String?) -> Int? {
        guard let p, p.hasPrefix("Child["), let close = p.firstIndex(of: "]") else { return nil }
        return Int(p[p.index(p.startIndex, offsetBy: 6)..<close])
    }
    for d in Linter(options: options).run().diagnostics {
        guard let n = ordinal(d.path) else { whole.insert(d.ruleID); continue }
        children[n, default: []].insert(d.ruleID)
        if d.ruleID == "CIN1520" || d.ruleID == "CIN8510" {
            for note in d.notes { if let m = ordinal(note.path) { children[m, default: []].insert(d.ruleID) } }
        }
    }
    return (children, whole)
}

@Suite struct SynthTests {
    @Test(arguments: 2023...2027)
    func cleanChildrenTriggerNothing(year: Int) throws {
        var options = CINSynthOptions()
        options.children = 500
        options.year = year
        options.seed = UInt64(year)
        let (url, truth) = try writeSynthetic(options)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(truth.children.isEmpty && truth.returnRules.isEmpty)
        let found = triggered(url.path)
        #expect(found.children.isEmpty, "clean children triggered \(found.children.sorted { $0.key < $1.key }.prefix(5))")
        #expect(found.returnRules.isEmpty)
    }

    /// Every defect, a third of the children: each child triggers exactly the rules its
    /// truth names, and the return the return-level ones.
    @Test(arguments: [2023, 2025, 2027])
    func defectsTriggerExactlyTheirTruth(year: Int) throws {
        var options = CINSynthOptions()
        options.children = 1200
        options.year = year
        options.seed = 77
        options.defects = ["all"]
        options.defectRate = 0.35
        let (url, truth) = try writeSynthetic(options)
        defer { try? FileManager.default.removeItem(at: url) }
        let found = triggered(url.path)
        let expected = Dictionary(uniqueKeysWithValues: truth.children.map { ($0.child, Set($0.rules)) })
        let injected = Set(truth.children.flatMap(\.rules))
        #expect(injected.count >= 90, "only \(injected.count) rules injected")
        for child in Set(expected.keys).union(found.children.keys).sorted() {
            #expect(found.children[child] ?? [] == expected[child] ?? [], "child \(child)")
        }
        #expect(found.returnRules == Set(truth.returnRules))
    }

    @Test func sameSeedSameReturnOtherSeedAnother() throws {
        var options = CINSynthOptions()
        options.children = 200
        options.defects = ["CIN8925", "CIN1103"]
        var first: [UInt8] = [], second: [UInt8] = [], other: [UInt8] = []
        _ = try CINSynth.generate(options) { first += $0 }
        _ = try CINSynth.generate(options) { second += $0 }
        options.seed = 2
        _ = try CINSynth.generate(options) { other += $0 }
        #expect(first == second)
        #expect(first != other)
    }

    /// Realistic values: valid UPN check letters, every date inside or before the census
    /// year, episodes one after another.
    @Test func valuesAreRealistic() throws {
        var options = CINSynthOptions()
        options.children = 300
        options.year = 2026
        let (url, _) = try writeSynthetic(options)
        defer { try? FileManager.default.removeItem(at: url) }
        let children = mapCIN(try String(contentsOf: url, encoding: .utf8)).children
        #expect(children.count == 300)
        let reference = Day(iso: "2026-03-31")!
        for child in children {
            if let upn = child.person[.upn]?.text { #expect(upn.first == UPN.checkLetter(upn)) }
            for field in child.fields where field.key != .expectedBirthDate {
                if let d = field.day { #expect(d <= reference, "\(field.source.name) \(d)") }
            }
            let episodes = child.records(.cinEpisode)
            for (a, b) in zip(episodes, episodes.dropFirst()) {
                #expect(a.day(.closureDate)! < b.day(.referralDate)!)
            }
        }
    }

    /// The synthetic returns of the demo folder still hold what their truth files say.
    @Test(arguments: ["synthetic-defects", "synthetic-return-level"])
    func demoSyntheticReturnsMatchTheirTruth(name: String) throws {
        let found = triggered(Repo.path("fixtures/cin-census/\(name).xml"))
        var expected: [Int: Set<String>] = [:]
        var whole = Set<String>()
        for line in try String(contentsOfFile: Repo.path("fixtures/synth/\(name).truth.tsv"), encoding: .utf8).split(separator: "\n")
        where !line.hasPrefix("#") && !line.hasPrefix("child\t") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            let rules = f[2].split(separator: ",").map(String.init)
            if f[0] == "-" { whole.formUnion(rules) } else { expected[Int(f[0])!, default: []].formUnion(rules) }
        }
        #expect(found.children == expected)
        #expect(found.returnRules == whole)
    }
}
