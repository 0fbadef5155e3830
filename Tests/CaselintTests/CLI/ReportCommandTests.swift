import Foundation
import Pipeline
import Report
import Testing

/// Outputs, gating, configuration and suppressions through the command line.
@Suite(.serialized) struct ReportCommandTests {
    static let demo = Repo.path("fixtures/cin-census/demo-return.xml")

    // MARK: Outputs

    @Test func anOutputThatIsAnInputIsRefused() throws {
        let dir = try TemporaryFolder()
        let input = dir.path("return.xml")
        try FileManager.default.copyItem(atPath: Self.demo, toPath: input)
        let before = try String(contentsOfFile: input, encoding: .utf8)
        // Named on the command line.
        let named = try runCaselint(["check", input, "--format", "json", "--output", input])
        #expect(named.status == 2)
        #expect(named.err.contains("refusing to write a report to \(input): it is one of the inputs"))
        // Found in a folder, and written through another spelling of the path.
        let found = try runCaselint(["check", dir.url.path, "--format", "sarif", "--output", dir.url.path + "/./return.xml"], in: dir.url.path)
        #expect(found.status == 2)
        #expect(try String(contentsOfFile: input, encoding: .utf8) == before)
        #expect(dir.contents == ["return.xml"])
    }

    @Test func reportsReplaceEarlierOnesAtomically() throws {
        let dir = try TemporaryFolder()
        let report = dir.path("report.json")
        try "an earlier report".write(toFile: report, atomically: true, encoding: .utf8)
        let run = try runCaselint(["check", "fixtures/cin-census", "--format", "json", "--output", report, "--quiet"])
        #expect(run.status == 1)
        #expect(run.out.isEmpty, "--quiet and every report in a file: nothing on the terminal")
        #expect(try String(contentsOfFile: report, encoding: .utf8).hasPrefix("{\n  \"schema\": \"caselint-report\""))
        #expect(dir.contents == ["report.json"], "no temporary file is left")
        let attributes = try FileManager.default.attributesOfItem(atPath: report)
        #expect((attributes[.posixPermissions] as? Int ?? 0) & 0o044 != 0, "a report is readable like any file, not private like a temp file")
    }

    @Test func aReportThatCannotBeWrittenIsAnError() throws {
        let run = try runCaselint(["check", "fixtures/cin-census", "--format", "json", "--output", "/no/such/folder/r.json"])
        #expect(run.status == 2)
        #expect(run.err.contains("cannot write /no/such/folder/r.json"))
    }

    @Test func writingIsAtomic() throws {
        let dir = try TemporaryFolder()
        try AtomicFile.write("one", to: dir.path("a.txt"))
        try AtomicFile.write("two", to: dir.path("a.txt"))
        #expect(try String(contentsOfFile: dir.path("a.txt"), encoding: .utf8) == "two")
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.create("three", at: dir.path("a.txt")) }
        #expect(try String(contentsOfFile: dir.path("a.txt"), encoding: .utf8) == "two")
        #expect(dir.contents == ["a.txt"])
    }

    @Test func outputPlans() throws {
        let two = try OutputPlan(formats: [.sarif, .html], outputs: ["a.sarif", "r.html"], quiet: false)
        #expect(two.destinations.map(\.format) == [.sarif, .html, .text])
        #expect(two.stdoutFormat == .text)
        let quiet = try OutputPlan(formats: [.sarif], outputs: ["a.sarif"], quiet: true)
        #expect(quiet.stdoutFormat == nil)
        let stdout = try OutputPlan(formats: [.sarif, .json], outputs: ["a.sarif"], quiet: false)
        #expect(stdout.stdoutFormat == .json && stdout.destinations.count == 2)
        #expect(throws: OutputPlanError.self) { try OutputPlan(formats: [.sarif, .json], outputs: [], quiet: false) }
        #expect(throws: OutputPlanError.self) { try OutputPlan(formats: [.sarif], outputs: ["a", "b"], quiet: false) }
        #expect(throws: OutputPlanError.self) { try OutputPlan(formats: [.sarif, .json], outputs: ["a", "a"], quiet: false) }
        // `-` is standard output: the text report no longer goes there too.
        let dash = try OutputPlan(formats: [.json], outputs: ["-"], quiet: false)
        #expect(dash.destinations.map(\.format) == [.json] && dash.stdoutFormat == .json)
        #expect(throws: OutputPlanError.self) { try OutputPlan(formats: [.json, .sarif], outputs: ["-"], quiet: false) }
    }

    /// One-character paths: Foundation's path helpers trap on them on Linux.
    @Test func oneCharacterPathsAreReadAndWritten() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: Repo.path("fixtures/agencies/police/incidents.csv"), toPath: folder.path("p"))
        try FileManager.default.copyItem(atPath: Repo.path("fixtures/agencies/police/police-incidents.profile.yml"),
                                         toPath: folder.path("police.profile.yml"))
        let missing = try runCaselint(["check", "x"], in: folder.url.path)
        #expect(missing.status == 2)
        #expect(missing.out.contains("cannot read x"))
        let written = try runCaselint(["check", "p", "--profile", "police.profile.yml", "--format", "json", "--output", "r"], in: folder.url.path)
        #expect(written.status == 0)
        let report = try String(contentsOfFile: folder.path("r"), encoding: .utf8)
        #expect(report.contains("\"path\": \"p\""))
        let toStdout = try runCaselint(["check", "p", "--profile", "police.profile.yml", "--format", "json", "-o", "-"], in: folder.url.path)
        #expect(toStdout.status == 0)
        #expect(toStdout.out.hasPrefix("{") && toStdout.out.contains("\"path\": \"p\""))
        #expect(!FileManager.default.fileExists(atPath: folder.path("-")))
    }

    // MARK: Gating

    @Test func failOnAndMaxWarnings() throws {
        let warningsOnly = ["check", "fixtures/cin-census", "--select", "CIN8670Q"]
        #expect(try runCaselint(warningsOnly).status == 0)
        #expect(try runCaselint(warningsOnly + ["--fail-on", "warning"]).status == 1)
        #expect(try runCaselint(warningsOnly + ["--max-warnings", "2"]).status == 1)
        #expect(try runCaselint(warningsOnly + ["--max-warnings", "3"]).status == 0)
        #expect(try runCaselint(["check", "fixtures/cin-census", "--fail-on", "never"]).status == 0)
        #expect(try runCaselint(["check", "fixtures/cin-census", "--fail-on", "sometimes"]).status == 2, "a usage error is status 2")
        // An unreadable input is status 2 whatever the gate says.
        #expect(try runCaselint(["check", "no/such/path", "--fail-on", "never"]).status == 2)
    }

    @Test func unknownRuleIdsOnTheCommandLineAreErrors() throws {
        let run = try runCaselint(["check", "fixtures/cin-census", "--ignore", "CIN8952"])
        #expect(run.status == 2)
        #expect(run.err.contains("no rule id is or starts with 'CIN8952'; did you mean CIN8925?"))
    }

    // MARK: Configuration

    @Test func configurationSelectsIgnoresAndSetsSeverity() throws {
        let dir = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: Self.demo, toPath: dir.path("exports/return.xml".replacingOccurrences(of: "exports/", with: "")))
        try dir.write("""
            select: [CIN]
            ignore: [CIN8670Q]
            rule-settings:
              CIN8675Q:
                severity: error
            """, to: ".caselint.yml")
        let run = try runCaselint(["check", "return.xml"], in: dir.url.path)
        #expect(run.status == 1)
        #expect(!run.out.contains("[CIN8670Q]") && !run.out.contains("[MAP"))
        #expect(run.out.contains("error: section 47 enquiry started on 2025-01-07 with no initial conference recorded"))
        // The command line's --select replaces the configuration's.
        let only = try runCaselint(["check", "return.xml", "--select", "CIN8925"], in: dir.url.path)
        #expect(only.out.hasSuffix("1 file, 16 children: 1 error, 0 warnings\n"))
    }

    @Test func aBadConfigurationStopsTheRunWithItsLine() throws {
        let dir = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: Self.demo, toPath: dir.path("return.xml"))
        try dir.write("select: [CIN]\nrule-settings:\n  CIN8952:\n    severity: error\n", to: "settings.yml")
        let run = try runCaselint(["check", "return.xml", "--config", "settings.yml"], in: dir.url.path)
        #expect(run.status == 2)
        #expect(run.err.contains("settings.yml:3:3: error: no rule with id 'CIN8952'; did you mean CIN8925?"))
        #expect(run.out.isEmpty)
    }

    @Test func includeAndExcludeGlobs() throws {
        let dir = try TemporaryFolder()
        for name in ["exports/a/return.xml", "exports/archive/old.xml", "exports/b/return.xml"] {
            try dir.write(try String(contentsOfFile: Self.demo, encoding: .utf8), to: name)
        }
        try dir.write("exclude: [\"**/archive/**\"]\n", to: ".caselint.yml")
        let run = try runCaselint(["check", "exports", "--verbose"], in: dir.url.path)
        // The two returns hold the same children: linked by LA child id, they are 16.
        #expect(run.out.hasSuffix("2 files, 16 children: 42 errors, 18 warnings\n"))
        #expect(run.err.contains("skipped exports/archive/old.xml: excluded by the pattern '**/archive/**' in the configuration"))
        // A file named on the command line is checked even when excluded.
        let named = try runCaselint(["check", "exports/archive/old.xml"], in: dir.url.path)
        #expect(named.out.hasSuffix("1 file, 16 children: 21 errors, 10 warnings\n"))
        try dir.write("include: [\"exports/b/*.xml\"]\n", to: ".caselint.yml")
        #expect(try runCaselint(["check", "exports"], in: dir.url.path).out.hasSuffix("1 file, 16 children: 21 errors, 10 warnings\n"))
    }

    @Test func initWritesAStarterFileAndNeverOverwrites() throws {
        let dir = try TemporaryFolder()
        let run = try runCaselint(["init"], in: dir.url.path)
        #expect(run.status == 0)
        let text = try String(contentsOfFile: dir.path(".caselint.yml"), encoding: .utf8)
        #expect(text.hasPrefix("# caselint configuration."))
        try FileManager.default.copyItem(atPath: Self.demo, toPath: dir.path("return.xml"))
        #expect(try runCaselint(["check", "return.xml"], in: dir.url.path).status == 1, "the starter file is valid")
        try "fail-on: never\n".write(toFile: dir.path(".caselint.yml"), atomically: true, encoding: .utf8)
        let again = try runCaselint(["init"], in: dir.url.path)
        #expect(again.status == 2)
        #expect(again.err.contains(".caselint.yml: it already exists"))
        #expect(try String(contentsOfFile: dir.path(".caselint.yml"), encoding: .utf8) == "fail-on: never\n")
    }

    // MARK: Suppressions

    @Test func suppressionsHideExpireAndGoUnused() throws {
        let dir = try TemporaryFolder()
        try dir.write("""
            suppressions:
              - rule: CIN8925
                child: DEMO002
                record: CINdetails[1]/ChildProtectionPlans[1]
                field: CPPendDate
                reason: the end date was keyed wrongly; corrected in the case system next month
                expires: 2025-06-30
              - rule: CIN8670Q
                child: DEMO007
                reason: assessment signed off on paper
              - rule: CIN1104
                child: DEMO004
                reason: conference date queried with the chair
                expires: 2025-01-31
              - rule: CIN8866
                child: DEMO999
                reason: no such child any more
            """, to: "suppressions.yml")
        let run = try runCaselint(["check", "fixtures/cin-census", "--suppressions", dir.path("suppressions.yml"), "--today", "2025-04-01"])
        #expect(!run.out.contains("demo-return.xml:95:11: error: child protection plan ends"))
        #expect(!run.out.contains("assessment started on 2024-10-02"))
        #expect(run.out.contains("DEMO004") || run.out.contains("initial conference is held (2024-06-11)"), "the expired suppression hides nothing")
        #expect(run.out.contains("\(dir.path("suppressions.yml")):11:5: warning: the suppression of CIN1104 for child DEMO004 expired on 2025-01-31; renew it with a new date and reason, or remove it [SUP001]"))
        #expect(run.out.contains("\(dir.path("suppressions.yml")):15:5: note: the suppression of CIN8866 for child DEMO999 matches no finding; it can be removed [SUP002]"))
        #expect(run.out.hasSuffix("3 files, 162 children: 116 errors, 54 warnings, 1 note (not shown: 2 suppressed)\n"))
        let junit = try runCaselint(["check", "fixtures/cin-census", "--suppressions", dir.path("suppressions.yml"), "--today", "2025-04-01",
                                     "--format", "junit"])
        let suite = try #require(junit.out.components(separatedBy: "<testsuite ").last)
        #expect(suite.hasPrefix("name=\"\(dir.path("suppressions.yml"))\" tests=\"2\" failures=\"0\""))
        // After its expiry date the first suppression lapses too.
        let later = try runCaselint(["check", "fixtures/cin-census", "--suppressions", dir.path("suppressions.yml"), "--today", "2025-07-01"])
        #expect(later.out.contains("demo-return.xml:95:11: error: child protection plan ends"))
    }

    @Test func aSuppressionNeedsAReasonAndAKnownRule() throws {
        let dir = try TemporaryFolder()
        try dir.write("suppressions:\n  - rule: CIN8952\n    child: DEMO002\n", to: "s.yml")
        let run = try runCaselint(["check", "fixtures/cin-census", "--suppressions", dir.path("s.yml")])
        #expect(run.status == 2)
        #expect(run.err.contains("s.yml:2:11: error: no rule with id 'CIN8952' (did you mean CIN8925?)"))
        #expect(run.err.contains("s.yml:2:5: error: a suppression needs 'reason': say why the finding is accepted"))
    }

    // MARK: Terminal comfort

    @Test func statisticsCountPerRuleMostFrequentFirst() throws {
        let run = try runCaselint(["check", "fixtures/cin-census", "--statistics", "--quiet"])
        let lines = run.out.split(separator: "\n").map(String.init)
        let table = Array(lines.suffix(116))
        #expect(table.first == "17  PRC008    warning  first-review-conference-late")
        #expect(table.last == " 1  PRC009    warning  review-conferences-too-far-apart")
        #expect(!run.out.contains("3 files, 162 children"), "--quiet drops the summary line")
        // With a machine format on standard output, the table goes to standard error.
        let json = try runCaselint(["check", "fixtures/cin-census", "--statistics", "--format", "json"])
        #expect(json.err.contains("4  CIN1105   error    cp-plan-before-referral"))
        #expect(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) is [String: Any])
    }

    @Test func noProgressLineWhenNotATerminal() throws {
        let run = try runCaselint(["check", "fixtures/cin-census"])
        #expect(run.err.isEmpty)
        #expect(ProgressLine.text(files: 3, total: 10, bytes: 45_200_000, seconds: 1) == "checking 3/10 files, 45.2 MB/s")
        #expect(ProgressLine.text(files: 0, total: 10, bytes: 0, seconds: 0) == "checking 0/10 files, 0.0 MB/s")
    }

    @Test func githubAnnotatesTenPerTypeMostSevereFirst() {
        let result = lint(["fixtures/cin-census"])
        let out = ReportFormat.github.render(result, showValues: false)
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("::error ") }.count == 10)
        #expect(lines.filter { $0.hasPrefix("::warning ") }.count == 10)
        #expect(lines.firstIndex { $0.hasPrefix("::warning") }! > lines.lastIndex { $0.hasPrefix("::error") }!)
        #expect(lines.filter { $0.contains(": error: ") }.count == 107, "the other errors are plain log lines")
        #expect(lines.last == "caselint: 3 files, 162 children: 117 errors, 54 warnings; GitHub shows 10 annotations of each type: 107 more errors and 44 more warnings are listed above without annotations")
        #expect(lines[0] == "::error file=fixtures/cin-census/demo-return.xml,line=8,col=7,title=CIN2883 more-cp-plans-than-conferences::9 child protection plans start in the census year, but only 8 initial conferences are held in it [CIN2883]")
    }
}

/// An interrupted run dies of its signal and leaves the earlier report as it was.
@Suite(.serialized) struct InterruptTests {
    @Test func sigtermLeavesTheEarlierReportWhole() throws {
        let dir = try TemporaryFolder()
        let sample = try String(contentsOfFile: Repo.path("fixtures/samples/cin-census/fake_CIN_data.xml"), encoding: .utf8)
        for i in 0..<60 { try dir.write(sample, to: "drop/return-\(i).xml") }
        let report = dir.path("report.json")
        try "the earlier report".write(toFile: report, atomically: true, encoding: .utf8)

        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("caselint")
        let executable = FileManager.default.isExecutableFile(atPath: binary.path) ? binary.path : Repo.path(".build/debug/caselint")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["check", dir.path("drop"), "--jobs", "1", "--format", "json", "--output", report, "--quiet"]
        let stderr = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        try process.run()
        Thread.sleep(forTimeInterval: 0.5)
        process.terminate()
        let said = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // It says how far it got, and which files it did not check.
        #expect(said.hasPrefix("caselint: interrupted by SIGTERM: "), "\(said)")
        #expect(said.contains(" of 60 files checked; no report was written; not checked:\n"), "\(said)")
        #expect(said.contains("return-"), "\(said)")
        #expect(process.terminationReason == .uncaughtSignal, "caselint must not ignore SIGTERM")
        #expect(process.terminationStatus == SIGTERM)
        #expect(try String(contentsOfFile: report, encoding: .utf8) == "the earlier report")
        #expect(dir.contents == ["drop", "report.json"], "no temporary file is left")
    }
}
