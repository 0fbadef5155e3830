import Foundation
import Check
import Model
import Pipeline
import Synth
import Testing

/// caselint against what csc-validator-be-cin 0.1.13 found on the same returns
/// (`fixtures/peer/cin-peer-pairs.tsv`, written by `scripts/snapshot-cin-peer`): every
/// (rule, child) pair agrees except the differences listed here, rule by rule, each
/// explained by a section of docs/cin-peer-differences.md.
@Suite(.serialized) struct PeerAgreementTests {
    /// Per case (`file ruleset`), per rule: pairs only the peer finds, pairs only caselint finds.
    static let differences: [String: [String: (peerOnly: Int, caselintOnly: Int)]] = [
        "fixtures/samples/cin-census/CIN2rows.xml cin2022_23": ["1560Q": (1, 0), "8565": (0, 1)],
        "fixtures/samples/cin-census/CIN2rows.xml cin2024_25": ["1560Q": (1, 0), "8565": (0, 1)],
        "fixtures/samples/cin-census/CIN2rows.xml cin2026_27": ["1560Q": (1, 0), "8565": (0, 1)],
        "fixtures/samples/cin-census/CIN_Census_2021.xml cin2022_23": ["1560Q": (1, 0), "8525Q": (0, 1), "8530Q": (0, 1)],
        "fixtures/samples/cin-census/CIN_Census_2021.xml cin2024_25": ["1560Q": (1, 0), "2886Q": (1, 0), "8525Q": (0, 1), "8530Q": (0, 1)],
        "fixtures/samples/cin-census/CIN_Census_2021.xml cin2026_27": ["1560Q": (1, 0), "2886Q": (1, 0), "8525Q": (0, 1), "8530Q": (0, 1)],
        "fixtures/samples/cin-census/CIN_Census_2021_copy.xml cin2022_23": ["1560Q": (1, 0), "8565": (0, 1)],
        "fixtures/samples/cin-census/CIN_Census_2021_copy.xml cin2024_25": ["1560Q": (1, 0), "8565": (0, 1)],
        "fixtures/samples/cin-census/CIN_Census_2021_copy.xml cin2026_27": ["1560Q": (1, 0), "8565": (0, 1)],
        "fixtures/samples/cin-census/CIN_Census_2021_no_assessment_factors.xml cin2022_23": ["1560Q": (1, 0), "8565": (0, 1)],
        "fixtures/samples/cin-census/CIN_Census_2021_no_assessment_factors.xml cin2024_25": ["1560Q": (1, 0), "8565": (0, 1)],
        "fixtures/samples/cin-census/CIN_Census_2021_no_assessment_factors.xml cin2026_27": ["1560Q": (1, 0), "8565": (0, 1)],
        "fixtures/samples/cin-census/CIN_Census_2024.xml cin2022_23": ["1560Q": (1, 0), "2886Q": (0, 1)],
        "fixtures/samples/cin-census/CIN_Census_2024.xml cin2024_25": ["1560Q": (1, 0)],
        "fixtures/samples/cin-census/CIN_Census_2024.xml cin2026_27": ["1560Q": (1, 0)],
        "fixtures/samples/cin-census/CIN_Census_2026.xml cin2022_23": ["1560Q": (1, 0), "2886Q": (0, 1)],
        "fixtures/samples/cin-census/CIN_Census_2026.xml cin2024_25": ["1560Q": (1, 0)],
        "fixtures/samples/cin-census/CIN_Census_2026.xml cin2026_27": ["1560Q": (1, 0)],
        "fixtures/samples/cin-census/CIN_header_issues_100.xml cin2022_23": ["1560Q": (1, 0), "8525Q": (0, 1), "8530Q": (0, 1)],
        "fixtures/samples/cin-census/CIN_header_issues_100.xml cin2024_25": ["1560Q": (1, 0), "2886Q": (1, 0), "8525Q": (0, 1), "8530Q": (0, 1)],
        "fixtures/samples/cin-census/CIN_header_issues_100.xml cin2026_27": ["1560Q": (1, 0), "2886Q": (1, 0), "8525Q": (0, 1), "8530Q": (0, 1)],
        "fixtures/samples/cin-census/CIN_la_issues_2887Q.xml cin2022_23": ["1560Q": (1, 0), "8525Q": (0, 1), "8530Q": (0, 1)],
        "fixtures/samples/cin-census/CIN_la_issues_2887Q.xml cin2024_25": ["1560Q": (1, 0), "2886Q": (1, 0), "8525Q": (0, 1), "8530Q": (0, 1)],
        "fixtures/samples/cin-census/CIN_la_issues_2887Q.xml cin2026_27": ["1560Q": (1, 0), "2886Q": (1, 0), "8525Q": (0, 1), "8530Q": (0, 1)],
        "fixtures/samples/cin-census/fake_CIN_data.xml cin2022_23": ["2886Q": (0, 1), "2887Q": (1, 0)],
        "fixtures/samples/cin-census/fake_CIN_data.xml cin2024_25": ["2887Q": (1, 0)],
        "fixtures/samples/cin-census/fake_CIN_data.xml cin2026_27": ["2887Q": (1, 0)],
        "fixtures/cin-census/demo-return.xml cin2024_25": ["2887Q": (0, 1), "8614": (0, 2), "8670Q": (0, 1), "8842Q": (0, 1)],
        "fixtures/cin-census/synthetic-defects.xml cin2024_25": ["8540": (0, 1), "8614": (0, 1), "8832": (0, 1), "8869": (0, 1), "8870Q": (0, 1), "8898": (0, 1), "8935": (0, 1), "8945Q": (0, 1), "8950Q": (0, 1)],
        "fixtures/cin-census/synthetic-return-level.xml cin2024_25": [:],
        "synth:children=2000,year=2023,seed=21,defects=all,rate=0.3 cin2022_23": ["2886Q": (0, 1), "8540": (0, 8), "8614": (0, 9), "8832": (1, 5), "8869": (0, 2), "8870Q": (0, 8), "8898": (0, 6), "8935": (0, 5)],
        "synth:children=2000,year=2025,seed=21,defects=all,rate=0.3 cin2024_25": ["8540": (0, 8), "8614": (0, 9), "8832": (3, 8), "8869": (0, 8), "8870Q": (0, 8), "8898": (0, 11), "8935": (0, 4), "8945Q": (0, 7), "8950Q": (0, 4)],
        "synth:children=2000,year=2027,seed=21,defects=all,rate=0.3 cin2026_27": ["8540": (0, 7), "8614": (0, 7), "8832": (2, 6), "8869": (0, 8), "8870Q": (0, 5), "8898": (0, 11), "8935": (0, 4), "8945Q": (0, 7), "8950Q": (0, 3)],
    ]

    /// The section of docs/cin-peer-differences.md that explains each rule's differences.
    static let why: [String: String] = [
        "1560Q": "temporary-former-upn",
        "2886Q": "sex-2886Q-before-2024-25",
        "2887Q": "disability-codes-2887Q",
        "8525Q": "dates-outside-pandas-range",
        "8530Q": "dates-outside-pandas-range",
        "8540": "rules-that-never-report",
        "8565": "rules-that-fail",
        "8614": "rules-that-fail",
        "8670Q": "non-iso-dates",
        "8832": "8832-wrong-child",
        "8842Q": "empty-reviews-group",
        "8869": "rules-that-never-report",
        "8870Q": "rules-that-never-report",
        "8898": "rules-that-fail",
        "8935": "plan-numbers-across-episodes",
        "8945Q": "rules-that-never-report",
        "8950Q": "rules-that-never-report",
    ]

    /// The peer's pairs by case.
    static let peer: [String: Set<String>] = {
        var out: [String: Set<String>] = [:]
        let text = (try? String(contentsOfFile: Repo.path("fixtures/peer/cin-peer-pairs.tsv"), encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n").dropFirst() where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 4, f[0] != "file" else { continue }
            out["\(f[0]) \(f[1])", default: []].insert("\(f[2]) \(f[3])")
        }
        return out
    }()

    static let cases = differences.keys.sorted()

    @Test(arguments: cases)
    func agreesWithThePeerExceptDocumentedDifferences(_ name: String) throws {
        let parts = name.split(separator: " ").map(String.init)
        let (file, ruleset) = (parts[0], parts[1])
        let path: String
        var temporary: URL?
        if file.hasPrefix("synth:") {
            // The synthetic return the snapshot was taken from, written again from its options.
            let options = file.dropFirst(6).split(separator: ",").reduce(into: [String: String]()) { d, kv in
                let p = kv.split(separator: "=")
                d[String(p[0])] = String(p[1])
            }
            var synth = CINSynthOptions()
            synth.children = Int(options["children"]!)!
            synth.year = Int(options["year"]!)!
            synth.seed = UInt64(options["seed"]!)!
            synth.defects = [options["defects"]!]
            synth.defectRate = Double(options["rate"]!)!
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("caselint-peer-\(UUID()).xml")
            FileManager.default.createFile(atPath: url.path, contents: nil)
            let handle = try FileHandle(forWritingTo: url)
            _ = try CINSynth.generate(synth) { bytes in handle.write(Data(bytes)) }
            try handle.close()
            temporary = url
            path = url.path
        } else {
            path = Repo.path(file)
        }
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }

        let ours = try Self.caselintPairs(path, ruleset: ruleset)
        let theirs = Self.peer[name] ?? []
        var actual: [String: (peerOnly: Int, caselintOnly: Int)] = [:]
        for pair in theirs.subtracting(ours) { actual[Self.rule(pair), default: (0, 0)].peerOnly += 1 }
        for pair in ours.subtracting(theirs) { actual[Self.rule(pair), default: (0, 0)].caselintOnly += 1 }
        let expected = Self.differences[name] ?? [:]
        let describe = { (d: [String: (peerOnly: Int, caselintOnly: Int)]) in
            d.keys.sorted().map { "\($0): (\(d[$0]!.peerOnly), \(d[$0]!.caselintOnly))" }.joined(separator: ", ")
        }
        #expect(describe(actual) == describe(expected), "\(name): differences with the peer changed")
        #expect(theirs.intersection(ours).count > 0, "\(name): no pair in common; is the snapshot missing?")
        for rule in actual.keys { #expect(Self.why[rule] != nil, "\(rule) differs from the peer with no documented reason") }
    }

    @Test func everyReasonIsASectionOfTheDifferencesDocument() throws {
        let doc = try String(contentsOfFile: Repo.path("docs/cin-peer-differences.md"), encoding: .utf8)
        for (rule, anchor) in Self.why { #expect(doc.contains("\n## \(anchor)\n"), "\(rule): no section '\(anchor)'") }
    }

    private static func rule(_ pair: String) -> String { String(pair.split(separator: " ", maxSplits: 1)[0]) }

    /// `code child` pairs as scripts/peer/compare.py counts them: the child of each finding,
    /// and the other children a duplicate's notes point at.
    static func caselintPairs(_ path: String, ruleset: String) throws -> Set<String> {
        var options = LintOptions(paths: [path])
        options.select = ["CIN"]
        options.ruleset = Ruleset(name: ruleset)
        let result = Linter(options: options).run()
        var ids: [Int: String]?
        var pairs = Set<String>()
        for d in result.diagnostics {
            let code = String(d.ruleID.dropFirst(3))
            pairs.insert("\(code) \(d.childID ?? "")")
            guard let own = d.path, !own.hasPrefix("Header") else { continue }
            for note in d.notes {
                guard let p = note.path, let n = Self.ordinal(p), !own.hasPrefix("Child[\(n)]/") else { continue }
                if ids == nil { ids = try Self.childIDs(path) }
                pairs.insert("\(code) \(ids![n] ?? "")")
            }
        }
        return pairs
    }

    private static func ordinal(_ path: String) -> Int? {
        guard path.hasPrefix("Child["), let close = path.firstIndex(of: "]") else { return nil }
        return Int(path[path.index(path.startIndex, offsetBy: 6)..<close])
    }

    /// The LA child id of each `<Child>` by position, read from the text (the ids of the
    /// few children a duplicate's notes point at; no need to map the whole file).
    private static func childIDs(_ path: String) throws -> [Int: String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var ids: [Int: String] = [:]
        var n = 0
        for part in text.components(separatedBy: "<Child>").dropFirst() {
            n += 1
            let identifiers = part.components(separatedBy: "</ChildIdentifiers>")[0]
            if let open = identifiers.range(of: "<LAchildID>"), let close = identifiers.range(of: "</LAchildID>") {
                ids[n] = String(identifiers[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
            } else {
                ids[n] = ""
            }
        }
        return ids
    }
}
