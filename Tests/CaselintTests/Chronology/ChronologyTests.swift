import Chronology
import Foundation
import Model
import Pipeline
import Report
import Synchronization
import Testing

/// `caselint chronology`: one child's events from every agency in date order, findings at
/// the events they concern, gaps and unanswered referrals visible, nothing personal printed.
@Suite(.serialized) struct ChronologyTests {
    /// The linked children of a folder and the run's findings.
    static func chronologies(_ folder: String, showValues: Bool = false) -> [Chronology] {
        var options = LintOptions(paths: [Repo.path(folder)])
        let kept = Mutex<[Child]>([])
        options.linkedChildren = { child in kept.withLock { $0.append(child) } }
        let result = Linter(options: options).run()
        let index = FindingIndex(result.diagnostics)
        return kept.withLock { $0 }.map { Chronology(child: $0, findings: index, options: .init(showValues: showValues)) }
    }

    @Test func eventsAreInDateOrderWithFindingsAtTheirEvents() throws {
        let c = try #require(Self.chronologies("fixtures/case-review").first { $0.childID == "CR001" })
        let events = c.events
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.day <= $1.day })
        #expect(c.agencies.sorted() == ["health", "police", "social-care"])
        // The missing safe-sleep advice is shown at the plan's start.
        let start = try #require(events.first { $0.text.redacted.hasPrefix("child protection plan starts") })
        #expect(start.day == Day(iso: "2024-08-20"))
        #expect(start.findings.map(\.ruleID).contains("SUF006"))
        // The thin case notes carry their findings; the unanswered referral is marked.
        #expect(events.filter { $0.findings.contains { $0.ruleID == "SUF008" } }.map(\.day) == [Day(iso: "2024-09-06")!, Day(iso: "2024-10-04")!])
        let referral = try #require(events.first { $0.text.redacted.hasPrefix("referral REF-2") })
        #expect(referral.missing == "no recorded acknowledgement")
        #expect(c.unanswered == 1)
        // Four weeks between the second and third visits, shown where the gap ends.
        #expect(c.gaps.map { "\($0.from)…\($0.to)" } == ["2024-09-06…2024-10-04"])
        let gapAt = try #require(c.entries.firstIndex { if case .gap = $0 { true } else { false } })
        if case .event(let next) = c.entries[gapAt + 1] { #expect(next.day == Day(iso: "2024-10-04")) } else { Issue.record("gap not before the visit") }
    }

    @Test func personalValuesAreWithheldUnlessAsked() throws {
        let hidden = try runCaselint(["chronology", "--child", "CR001", "fixtures/case-review"])
        #expect(hidden.status == 0)
        // (The plan's end is not personal, though here it is the day the child died.)
        for personal in ["2024-07-08", "  died", "  born", "Seen and well", "J. Social Worker", "7123456785", "P-30881", "H-5512"] {
            #expect(!hidden.out.contains(personal), "\(personal) printed without --show-values")
        }
        let shown = try runCaselint(["chronology", "--child", "CR001", "--show-values", "fixtures/case-review"])
        #expect(shown.out.contains("2024-07-08  social-care  born"))
        #expect(shown.out.contains("2024-10-19  social-care  died"))
        #expect(shown.out.contains("\"Seen and well.\""))
    }

    @Test func withoutAChildAnIndexListsEveryChild() throws {
        let run = try runCaselint(["chronology", "fixtures/agencies"])
        #expect(run.status == 0)
        let lines = run.out.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("CHILD ") == true)
        for id in ["A100", "A101", "A102", "A103"] { #expect(lines.contains { $0.hasPrefix(id + " ") }, "\(id) missing from the index") }
        #expect(lines.last?.contains("'caselint chronology --child ID' shows one child's chronology") == true)
        let all = try runCaselint(["chronology", "--all", "fixtures/agencies"])
        #expect(all.out.components(separatedBy: "Chronology of child ").count - 1 == lines.count - 2)
    }

    @Test func theGapFollowsTheLocalVisitInterval() throws {
        let weekly = try runCaselint(["chronology", "--child", "CR001", "--gap", "1 week", "fixtures/case-review"])
        #expect(weekly.out.contains("the local interval is 1 week"))
        let monthly = try runCaselint(["chronology", "--child", "CR001", "--gap", "4 weeks", "fixtures/case-review"])
        #expect(!monthly.out.contains("~~"))
        let dir = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: Repo.path("fixtures/case-review"), toPath: dir.path("drop"))
        let bad = try runCaselint(["chronology", "--gap", "fortnightly", "drop"], in: dir.url.path)
        #expect(bad.status == 2)
        let unknown = try runCaselint(["chronology", "--child", "ZZ9", "drop"], in: dir.url.path)
        #expect(unknown.status == 2 && unknown.err.contains("no child with LA child id 'ZZ9'"))
    }
}
