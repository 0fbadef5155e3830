import Foundation
import Check
import Link
import Map
import Model
@testable import Pipeline
import Report
import Synchronization
import Testing

/// A run keeps each source's records of each child only up to `fragmentMemory` until
/// linking; past it, files are read again when their children are linked. What the run
/// says must not depend on which.
@Suite struct LinkingMemoryTests {
    private func report(_ paths: [String], fragmentMemory: Int, jobs: Int = 2, mappingThreadBytes: Int? = nil) -> (String, LintResult) {
        var options = LintOptions(paths: paths)
        options.jobs = jobs
        options.fragmentMemory = fragmentMemory
        if let mappingThreadBytes { options.mappingThreadBytes = mappingThreadBytes }
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
        // Every CSV and JSON file mapped on a thread of its own, on both reads.
        #expect(report(paths, fragmentMemory: 0, mappingThreadBytes: 0).0 == kept)
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

/// A file read again for linking that fails, or no longer holds what it did, is reported
/// rather than its children silently left out.
@Suite struct RereadProblemTests {
    static func child(_ ordinal: Int32) -> Child {
        let at = SourceLocation(file: FileID(0), line: UInt32(ordinal), column: 1)
        return Child.make(records: [Record(kind: .person, source: Symbol("row"), parent: -1, ordinal: ordinal, location: at, agency: .socialCare)],
                     fields: [], location: at, ordinal: ordinal, source: Symbol("row"))
    }

    private func run(_ reread: @escaping (RecordSink) throws -> Void) -> (findings: [Diagnostic], seen: [Int32]) {
        let children = [Self.child(1), Self.child(2)]
        let identities = children.map { FragmentIdentity($0, file: FileID(0)) }
        let seen = Mutex<[Int32]>([])
        let probe = Rule(id: "T1", name: "t1", category: .procedure, severity: .warning, message: "m", rationale: "r", source: "s",
                         scope: .linked, check: .child { child, _ in seen.withLock { $0.append(child.ordinal) } })
        let context = CheckContext(file: FileID(0), census: nil, ruleset: .latest, header: nil)
        let stage = LinkedStage(linkage: Linker.link(identities),
                                checker: ReturnChecker(rules: [probe], context: context), jobs: 1, linkedChildren: nil)
        var input = LinkInput(fragments: [], identities: [0, 1])
        input.reread = LinkInput.Reread(file: FileID(0), path: "rows.csv", map: reread)
        let findings = stage.run([input])
        return (findings, seen.withLock { $0 })
    }

    @Test func aFileReadAgainWholeIsChecked() {
        let (findings, seen) = run { sink in sink.child(Self.child(1)); sink.child(Self.child(2)) }
        #expect(findings.isEmpty)
        #expect(seen == [1, 2])
    }

    @Test func aFileThatChangedIsReported() {
        let (findings, seen) = run { sink in sink.child(Self.child(1)) }
        #expect(seen == [1])
        #expect(findings.map(\.ruleID) == ["IO001"])
        #expect(findings.first?.message.redacted.contains("rows.csv changed while it was being checked") == true)
    }

    @Test func aFileThatCannotBeReadAgainIsReported() {
        struct Gone: Error, CustomStringConvertible { var description: String { "no such file" } }
        let (findings, seen) = run { _ in throw Gone() }
        #expect(seen.isEmpty)
        #expect(findings.first?.message.redacted.contains("cannot read rows.csv again to link its records") == true)
    }
}
