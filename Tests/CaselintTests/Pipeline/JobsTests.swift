import Foundation
import Model
import Pipeline
import Report
import Synth
import Testing

/// `--jobs` changes how fast a run is, never what it says: files and children checked on
/// several threads give the same report, byte for byte, as one thread.
@Suite struct JobsTests {
    private func report(_ paths: [String], jobs: Int, limits: Limits = .defaults, mappingThreadBytes: Int? = nil) -> String {
        var options = LintOptions(paths: paths)
        options.jobs = jobs
        options.limits = limits
        if let mappingThreadBytes { options.mappingThreadBytes = mappingThreadBytes }
        let result = Linter(options: options).run()
        return JSONRenderer(showValues: true).render(result)
            + TextRenderer(color: false, showValues: true).render(result)
    }

    /// The report with one thread, after checking that two and three threads give it too.
    private func sameWithAnyJobs(_ paths: [String], limits: Limits = .defaults, mappingThreadBytes: Int? = nil) -> String {
        let one = report(paths, jobs: 1, limits: limits)
        for jobs in [2, 3] {
            #expect(report(paths, jobs: jobs, limits: limits, mappingThreadBytes: mappingThreadBytes) == one, "--jobs \(jobs) differs from --jobs 1")
        }
        return one
    }

    @Test func multiFileFolderIsTheSameWithAnyJobs() {
        let paths = [Repo.path("fixtures/agencies"), Repo.path("fixtures/cin-census"), Repo.path("fixtures/case-review")]
        let one = report(paths, jobs: 1)
        #expect(one.contains("\"findings\""))
        for jobs in [2, 4] { #expect(report(paths, jobs: jobs) == one, "--jobs \(jobs) differs from --jobs 1") }
    }

    /// A census large enough for many batches of children, with every defect, so findings
    /// of child-level, return-level and reader rules interleave.
    @Test func largeCensusIsTheSameWithAnyJobs() throws {
        var options = CINSynthOptions()
        options.children = 4000
        options.seed = 11
        options.defects = ["all"]
        options.defectRate = 0.3
        let (url, _) = try writeSynthetic(options)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(sameWithAnyJobs([url.path]).contains("CIN8925"))
        // The per-file limit keeps the same findings whichever thread found them.
        var limits = Limits.defaults
        limits.maxFindingsPerFile = 700
        #expect(sameWithAnyJobs([url.path], limits: limits).contains("LIM003"))
    }

    /// A multi-agency drop whose files hold many batches of children: what linking keeps
    /// of each child is collected on the batches' thread, and must come out the same.
    @Test func linkedDropIsTheSameWithAnyJobs() throws {
        var options = AgencySynthOptions()
        (options.children, options.seed, options.defects, options.defectRate) = (800, 13, ["all"], 0.3)
        let dir = try TemporaryFolder()
        _ = try AgencySynth.generate(options, to: dir.path("drop"))
        let one = sameWithAnyJobs([dir.path("drop")])
        #expect(one.contains("\"LNK") && one.contains("\"HND"))
    }

    /// CSV and JSON files mapped on a thread of their own while they are read: rows and
    /// the readers' own findings (ragged rows, unterminated quotes, bad JSON) keep their order.
    @Test func mappingOnItsOwnThreadSaysTheSame() throws {
        let dir = try TemporaryFolder()
        // A record that is not an object, a bad date and a duplicate key among good rows,
        // then the file breaks off.
        var rows = (1...600).map { #"{"record": "visit", "laChildID": "J\#($0 % 40)", "recordID": "V\#($0)", "date": "2024-03-\#($0 % 28 + 1)"}"# }
        rows[100] = "[1, 2]"
        rows[200] = #"{"record": "visit", "laChildID": "J1", "recordID": "V-x", "date": "2024-13-01", "date": "2024-01-01"}"#
        try dir.write(#"{"caselint": "interchange/1", "records": [\#n"# + rows.joined(separator: ",\n") + ",\n{\"record\": ", to: "broken.json")
        let paths = [Repo.path("fixtures/agencies"), Repo.path("fixtures/interchange"), dir.path("broken.json"),
                     Repo.path("fixtures/hostile/ragged-rows.csv"), Repo.path("fixtures/hostile/unterminated-quote-at-end.csv")]
        let one = sameWithAnyJobs(paths, mappingThreadBytes: 0)
        for rule in ["CSV001", "CSV003", "JSON001", "JSON002", "JSON003", "MAP003"] { #expect(one.contains("\"\(rule)\""), "\(rule)") }
        // Which findings a file's limit keeps depends on their order.
        var limits = Limits.defaults
        limits.maxFindingsPerFile = 40
        #expect(sameWithAnyJobs(paths, limits: limits, mappingThreadBytes: 0).contains("LIM003"))
    }
}
