import Foundation
import Report
import Testing

@Suite(.serialized) struct CommandLineTests {
    @Test func errorsExitWithOne() throws {
        let run = try runCaselint(["check", "fixtures/cin-census"])
        #expect(run.status == 1)
        #expect(run.out.contains("fixtures/cin-census/demo-return.xml:95:11: error: child protection plan ends (2024-06-20) before it starts (2024-06-28) [CIN8925]\n"))
        #expect(run.out.hasSuffix("3 files, 162 children: 117 errors, 54 warnings\n"))
    }

    @Test func versionIsTheReportsVersion() throws {
        let run = try runCaselint(["--version"])
        #expect(run.status == 0)
        #expect(run.out == Tool.version + "\n")
    }

    @Test func checkIsTheDefaultCommand() throws {
        let run = try runCaselint(["fixtures/cin-census"])
        #expect(run.status == 1)
    }

    @Test func cleanInputExitsWithZero() throws {
        let run = try runCaselint(["--select", "CIN8925", "fixtures/samples/cin-census/fake_CIN_data.xml"])
        #expect(run.status == 0)
        #expect(run.out == "1 file, 332 children: 0 errors, 0 warnings\n")
    }

    @Test func unreadablePathExitsWithTwoAndOtherPathsAreStillChecked() throws {
        let run = try runCaselint(["no/such/folder", "fixtures/cin-census"])
        #expect(run.status == 2)
        #expect(run.out.contains("no/such/folder: error: cannot read no/such/folder: No such file or directory [IO001]"))
        #expect(run.out.contains("[CIN8925]"))
    }

    @Test func skippedFilesAreListedWithVerbose() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("caselint-verbose-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "just some notes".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try "<config/>".write(to: dir.appendingPathComponent("settings.xml"), atomically: true, encoding: .utf8)
        let run = try runCaselint(["check", "--verbose", dir.path])
        #expect(run.status == 0)
        #expect(run.err.contains("skipped \(dir.path)/notes.txt: not a format caselint reads"))
        #expect(run.err.contains("skipped \(dir.path)/settings.xml: XML with root element <config>"))
        // Named explicitly, a file that is not an export is a warning.
        let named = try runCaselint(["check", dir.appendingPathComponent("notes.txt").path])
        #expect(named.out.contains("warning: not a format caselint reads"))
    }

    @Test func symlinkLoopsAreWalkedOnce() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("caselint-loop-\(UUID())")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("a"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(atPath: Repo.path("fixtures/cin-census/demo-return.xml"),
                                         toPath: dir.appendingPathComponent("a/return.xml").path)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("a/loop").path,
                                                   withDestinationPath: dir.path)
        let run = try runCaselint(["check", dir.path])
        #expect(run.status == 1)
        #expect(run.out.hasSuffix("1 file, 16 children: 21 errors, 10 warnings\n"))
    }

    @Test func personalValuesOnlyWithShowValues() throws {
        let hidden = try runCaselint(["check", "--select", "CIN1510", "fixtures/cin-census"])
        #expect(hidden.out.contains("UPN [withheld] has the wrong check letter"))
        let shown = try runCaselint(["check", "--select", "CIN1510", "--show-values", "fixtures/cin-census"])
        #expect(!shown.out.contains("[withheld]"))
    }

    @Test func explainPrintsTheRule() throws {
        let run = try runCaselint(["explain", "CIN8925"])
        #expect(run.status == 0)
        for part in ["CIN8925  cp-plan-ends-before-start", "severity:  error", "category:  consistency",
                     "Child Protection Plan End Date earlier than Start Date", "source:    DfE Children in Need census validation rule 8925",
                     "triggers: end date before start date", "passes: end date after start date"] {
            #expect(run.out.contains(part), "missing \(part)")
        }
        let typo = try runCaselint(["explain", "CIN8952"])
        #expect(typo.status == 2)
        #expect(typo.err.contains("did you mean CIN8925?"))
    }

    @Test func rulesListsAndFilters() throws {
        let run = try runCaselint(["rules", "--category", "procedure"])
        #expect(run.status == 0)
        #expect(run.out.contains("CIN8670Q"))
        #expect(!run.out.contains("CIN8925"))
        let bad = try runCaselint(["rules", "--ruleset", "cin2019_20"])
        #expect(bad.status != 0)
        #expect(bad.err.contains("unknown ruleset"))
    }

    /// The DfE's 2026-27 specification has 109 rules; 2022-23 and 2023-24 had 105 (1570,
    /// 1580, 8945Q and 8950Q came in 2024-25). The reader and limit rules apply to every year.
    @Test(arguments: [("cin2026_27", 109), ("cin2025_26", 109), ("cin2024_25", 109), ("cin2023_24", 105), ("cin2022_23", 105)])
    func rulesOfEachCollectionYear(ruleset: String, cin: Int) throws {
        let run = try runCaselint(["rules", "--ruleset", ruleset])
        let lines = run.out.split(separator: "\n")
        #expect(lines.count { $0.hasPrefix("CIN") } == cin)
        let all = try runCaselint(["rules"]).out.split(separator: "\n")
        // The other rules (readers, limits, linkage, multi-agency) apply in every year.
        #expect(lines.last == "\(cin + all.count { !$0.hasPrefix("CIN") && !$0.hasPrefix("ID ") } - 1) rules")
        #expect(run.out.contains("CIN1570") == (cin == 109))
        let procedure = try runCaselint(["rules", "--ruleset", ruleset, "--category", "procedure"])
        #expect(procedure.out.split(separator: "\n").filter { $0.hasPrefix("CIN") }.map { String($0.prefix(8)) } == ["CIN8870Q", "CIN8670Q", "CIN8675Q"])
    }

    @Test func synthWritesTheSameCleanReturnForASeed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("caselint-synth-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.xml").path, b = dir.appendingPathComponent("b.xml").path
        #expect(try runCaselint(["synth", "cin", "--children", "40", "--seed", "9", "-o", a]).status == 0)
        #expect(try runCaselint(["synth", "cin", "--children", "40", "--seed", "9", "-o", b]).status == 0)
        #expect(FileManager.default.contents(atPath: a) == FileManager.default.contents(atPath: b))
        let check = try runCaselint(["check", a])
        #expect(check.status == 0)
        #expect(check.out == "1 file, 40 children: 0 errors, 0 warnings\n")
    }

    @Test func synthWritesDefectsAndTheirTruth() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("caselint-synth-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let xml = dir.appendingPathComponent("r.xml").path, truth = dir.appendingPathComponent("truth.tsv").path
        let run = try runCaselint(["synth", "cin", "--children", "3", "--year", "2025", "--defects", "CIN8925,CIN1103",
                                   "--one-of-each", "-o", xml, "--truth", truth])
        #expect(run.status == 0)
        let lines = try String(contentsOfFile: truth, encoding: .utf8).split(separator: "\n")
        #expect(lines.suffix(2) == ["2\tSYN0000002\tCIN8925", "3\tSYN0000003\tCIN1103"])
        let check = try runCaselint(["check", "--format", "jsonl", xml])
        #expect(check.out.contains("\"id\":\"CIN1103\"") && check.out.contains("\"id\":\"CIN8925\""))
        let typo = try runCaselint(["synth", "cin", "--defects", "CIN8952"])
        #expect(typo.status == 2)
        #expect(typo.err.contains("did you mean CIN8925?"))
        let year = try runCaselint(["synth", "cin", "--year", "2024", "--defects", "CIN1570"])
        #expect(year.status == 2)
        #expect(year.err.contains("CIN1570 is not a rule of the 2023-24 collection"))
    }
}
