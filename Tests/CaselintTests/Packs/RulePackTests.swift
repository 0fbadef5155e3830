import Foundation
import Testing

/// Rule packs through the command line: the documented examples, a partnership's local
/// procedures end to end, mistakes at their place, and pack rules beside built-in ones.
@Suite(.serialized) struct RulePackTests {
    static let localPack = "fixtures/local-procedures/local-procedures.yml"

    @Test func everyPackInTheDocumentationLoadsAndItsExamplesBehave() throws {
        let doc = try String(contentsOfFile: Repo.path("docs/rule-packs.md"), encoding: .utf8)
        let blocks = doc.components(separatedBy: "```yaml\n").dropFirst()
            .map { $0.components(separatedBy: "```")[0] }
            .filter { $0.hasPrefix("pack:") }
        let dir = try TemporaryFolder()
        var paths: [String] = []
        var kinds = Set<String>()
        for (i, block) in blocks.enumerated() {
            try dir.write(block, to: "doc-\(i + 1).yml")
            paths.append(dir.path("doc-\(i + 1).yml"))
            for line in block.split(separator: "\n") where line.hasPrefix("    kind: ") { kinds.insert(String(line.dropFirst(10))) }
        }
        #expect(kinds == ["required", "code-list", "pattern", "order", "deadline", "followed-by", "interval", "attendance",
                          "agreement", "threshold"], "a worked example for each kind")
        let run = try runCaselint(["test-rules"] + paths)
        #expect(run.status == 0, "\(run.out)\(run.err)")
        #expect(run.out.hasSuffix("10 packs, 10 rules, 24 examples: all behave as declared\n"))
    }

    @Test func localProceduresPassTheirExamplesAndFindTheInjectedDefects() throws {
        let tested = try runCaselint(["test-rules", Self.localPack])
        #expect(tested.status == 0)
        #expect(tested.out == "1 pack, 3 rules, 6 examples: all behave as declared\n")
        // The folder's .caselint.yml loads the pack: one defect of each procedure, and one
        // more visit gap (a visit that did not see the child does not count).
        let run = try runCaselint(["check", "data"], in: Repo.path("fixtures/local-procedures"))
        let expected = try String(contentsOfFile: Repo.path("fixtures/expected/local-procedures.txt"), encoding: .utf8)
        #expect(run.out == expected)
        let ids = run.out.split(separator: "\n").compactMap { $0.split(separator: "[").last }.filter { $0.hasPrefix("LOCAL") }
        #expect(ids.sorted() == ["LOCAL001]", "LOCAL001]", "LOCAL002]", "LOCAL003]"])
    }

    @Test func ruleSettingsOfTheConfigurationReachPackRules() throws {
        let dir = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: Repo.path("fixtures/local-procedures/data"), toPath: dir.path("data"))
        try FileManager.default.copyItem(atPath: Repo.path(Self.localPack), toPath: dir.path("local.yml"))
        try dir.write("rules: [local.yml]\nselect: [LOCAL]\nrule-settings:\n  LOCAL001: { visit-interval: 5 weeks }\n", to: ".caselint.yml")
        let run = try runCaselint(["check", "data"], in: dir.url.path)
        #expect(!run.out.contains("[LOCAL001]"), "gaps of 3 and 4 weeks are within 5 weeks")
        #expect(run.out.hasSuffix("4 files, 3 children: 0 errors, 2 warnings\n"))
        try dir.write("rules: [local.yml]\nrule-settings:\n  LOCAL001: { visit-interval: fortnightly }\n", to: ".caselint.yml")
        let bad = try runCaselint(["check", "data"], in: dir.url.path)
        #expect(bad.status == 2)
        #expect(bad.err.contains(".caselint.yml:3:31: error: LOCAL001 visit-interval must be a number and a unit"), "\(bad.err)")
    }

    @Test func mistakesInAPackAreErrorsAtTheirPlaceAndNothingIsChecked() throws {
        let dir = try TemporaryFolder()
        try dir.write("""
            pack: bad
            version: 1
            rules:
              - id: LOCAL001
                name: one
                category: procedure
                kind: intervall
                message: x
                rationale: r
                source: s
              - id: LOCAL002
                name: two
                category: sufficiency
                kind: required
                record: visit
                when: chidSeen and seenAlone = false
                fields: [notSeenAloneReason]
                message: no reason
                rationale: r
                source: s
              - id: LOCAL003
                name: three
                category: sufficiency
                kind: required
                record: visit
                when: seenAlone = = false
                fields: [notSeenAloneReason]
                message: no reason
                rationale: r
                source: s
              - id: SUF001
                name: four
                category: sufficiency
                kind: required
                record: visit
                fields: [childSeen]
                message: no answer
                rationale: r
                source: s
              - id: LOCAL005
                name: five
                category: sufficiency
                kind: required
                record: visit
                fields: [childSeen]
                message: no answer {foo}
                rationale: r
                source: s
                examples:
                  - triggers: a visit
                    records:
                      - { record: visit, laChildID: A1, colour: red }
            """, to: "bad.yml")
        let run = try runCaselint(["check", "--rules", "bad.yml", Repo.path("fixtures/local-procedures/data")], in: dir.url.path)
        #expect(run.status == 2)
        #expect(run.out.isEmpty, "nothing was checked")
        let expected = [
            "bad.yml:7:11: error: unknown kind 'intervall'; did you mean 'interval'?",
            "bad.yml:16:11: error: unknown field 'chidSeen'; did you mean 'childSeen'?",
                        "bad.yml:26:23: error: expected a field, a value or a function, found '='",
            "bad.yml:31:5: error: duplicate rule id SUF001: the built-in rule SUF001 already defines it",
            "bad.yml:46:24: error: unknown placeholder '{foo}'",
            "bad.yml:52:45: error: 'colour' is not a field of a visit record",
            "caselint: error: 6 mistakes in the rule packs; nothing was checked",
        ]
        for line in expected { #expect(run.err.contains(line), "missing: \(line)\n\(run.err)") }
    }

    @Test func testRulesReportsAnExampleThatDoesNotBehaveAtItsLine() throws {
        let dir = try TemporaryFolder()
        let pack = try String(contentsOfFile: Repo.path(Self.localPack), encoding: .utf8)
        // The passing example of LOCAL002 now claims to trigger.
        try dir.write(pack.replacingOccurrences(of: "      - passes: all four took part", with: "      - triggers: all four took part"),
                      to: "local.yml")
        let run = try runCaselint(["test-rules", "local.yml"], in: dir.url.path)
        #expect(run.status == 1)
        #expect(run.out.contains("local.yml:68:9: error: example 'all four took part' should trigger LOCAL002 but did not\n"), "\(run.out)")
        #expect(run.out.hasSuffix("1 pack, 3 rules, 6 examples: 1 does not behave as declared\n"))
        #expect(try runCaselint(["test-rules", "--builtin"]).out.hasSuffix("all behave as declared\n"))
    }

    @Test func explainAndRulesIncludePackRules() throws {
        let explain = try runCaselint(["explain", "local003", "--rules", Self.localPack])
        #expect(explain.status == 0)
        #expect(explain.out.hasPrefix("LOCAL003  plan-start-told-to-gp-and-school\n"))
        #expect(explain.out.contains("Example partnership child protection procedures, 5.2"))
        #expect(explain.out.contains("  rule pack: example-partnership 2026.1, \(Self.localPack):72\n"), "\(explain.out)")
        #expect(try runCaselint(["explain", "HND004"]).out.contains("  rule pack: caselint-handover 1, Checks/MultiAgency/pack/handover.yml:"))
        let rules = try runCaselint(["rules", "--category", "handover", "--rules", Self.localPack])
        #expect(rules.out.contains("LOCAL002  strategy-discussion-with-education"))
        #expect(!rules.out.contains("LOCAL001"), "LOCAL001 is a procedure rule")
        let unknown = try runCaselint(["explain", "LOCAL003"])
        #expect(unknown.status == 2, "without the pack the rule is unknown")
    }
}
