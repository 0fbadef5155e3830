import Foundation
import Model
import Pipeline
import Report
import Synchronization
import Testing

/// A run keeps each source's records of each child only up to `fragmentMemory` until
/// linking; past it, files are read again when their children are linked. What the run
/// says must not depend on which.
@Suite struct LinkingMemoryTests {
    private func report(_ paths: [String], fragmentMemory: Int, jobs: Int = 2) -> (String, LintResult) {
        var options = LintOptions(paths: paths)
        options.jobs = jobs
        options.fragmentMemory = fragmentMemory
        let result = Linter(options: options).run()
        return (JSONRenderer(showValues: true).render(result) + TextRenderer(color: false, showValues: true).render(result), result)
    }

    @Test func readingFilesAgainForLinkingSaysTheSame() {
        let paths = [Repo.path("fixtures/agencies"), Repo.path("fixtures/cin-census"), Repo.path("fixtures/case-review")]
        let (kept, result) = report(paths, fragmentMemory: LintOptions(paths: []).fragmentMemory)
        // Linked rules spoke, on children joined across agencies.
        #expect(result.diagnostics.contains { $0.ruleID.hasPrefix("HND") })
        #expect(result.diagnostics.contains { $0.ruleID.hasPrefix("LNK") })
        for jobs in [1, 2] {
            #expect(report(paths, fragmentMemory: 0, jobs: jobs).0 == kept, "every file read again, --jobs \(jobs)")
        }
        // Some files kept, the rest read again.
        #expect(report(paths, fragmentMemory: 20_000).0 == kept)
    }

    /// The chronology sees the same linked children either way.
    @Test func linkedChildrenAreTheSameEitherWay() {
        func children(_ memory: Int) -> [String] {
            var options = LintOptions(paths: [Repo.path("fixtures/agencies")])
            options.fragmentMemory = memory
            let seen = Mutex<[String]>([])
            options.linkedChildren = { child in
                let line = "\(child.laChildID ?? "-") \(child.records.count) \(child.records.map(\.kind.name).joined(separator: ","))"
                seen.withLock { $0.append(line) }
            }
            _ = Linter(options: options).run()
            return seen.withLock { $0 }.sorted()
        }
        let kept = children(1 << 30)
        #expect(kept.count >= 5)
        #expect(children(0) == kept)
    }
}
