import Foundation
import Check
import Checks
import Discover
import Model
@testable import Pipeline
import Report
import Testing

/// A run whose one source is rows runs its linked rules as the file streams, on the guess
/// that each child is one fragment (`InlineLinking`). Whether the guess holds, fails on a
/// child's second fragment, or fails when linking joins fragments with different
/// identifiers, the run must say what linking first says.
@Suite struct InlineLinkingTests {
    static let header = "record,agency,laChildID,nhsNumber,recordID,date,attendingAgency,invitedAgency,outcome,subject,fromAgency,toAgency,sentDate"

    static func id(_ n: Int) -> String { "MA" + String(repeating: "0", count: 7 - String(n).count) + String(n) }

    /// Child `n`'s strategy discussion with police; PRC016 wants its record sent to police.
    static func discussion(_ n: Int, nhs: String = "") -> String {
        "strategyDiscussion,social-care,\(id(n)),\(nhs),SD-\(n),2024-05-21,social-care;police,social-care;police,section-47,,,,"
    }

    /// The record of child `n`'s discussion, sent to police (naming them by NHS number alone when `nhs` is given).
    static func notification(_ n: Int, nhs: String? = nil) -> String {
        "notification,social-care,\(nhs == nil ? id(n) : ""),\(nhs ?? ""),SO-\(n),,,,,strategy-outcome,social-care,police,2024-05-21"
    }

    /// Each child's rows together: the guess holds.
    static let together = [discussion(1), notification(1), discussion(2), discussion(3), notification(3)]
    /// Child 1's notification after others' rows: a second fragment of child 1.
    static let apart = [discussion(1), discussion(2), discussion(3), notification(1), notification(3)]
    /// Child 4's notification names them by NHS number only: other identifiers, one child
    /// once linked (its discussion's record was sent).
    static let joinedByLinking = [discussion(1), notification(1), discussion(4, nhs: "6000079192"), discussion(2),
                                  notification(4, nhs: "6000079192")]
    /// Enough children for several batches, checked on other threads (odd ones' records sent).
    static let togetherMany = (1...3000).flatMap { n in n % 2 == 1 ? [discussion(n), notification(n)] : [discussion(n)] }
    /// Those batches all checked before child 1's second fragment.
    static let apartLate = [togetherMany[0]] + togetherMany.dropFirst(2) + [togetherMany[1]]

    static func write(_ rows: [String]) throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        try folder.write(([header] + rows).joined(separator: "\n") + "\n", to: "meetings.csv")
        return (folder, folder.path("meetings.csv"))
    }

    private func report(_ path: String, guess: Bool, jobs: Int, fragmentMemory: Int) -> (String, LintResult) {
        var options = LintOptions(paths: [path])
        options.jobs = jobs
        options.guessLinking = guess
        options.fragmentMemory = fragmentMemory
        let result = Linter(options: options).run()
        return (JSONRenderer(showValues: true).render(result) + TextRenderer(color: false, showValues: true).render(result), result)
    }

    @Test(arguments: [("together", together), ("apart", apart), ("joined by linking", joinedByLinking), ("together, many", togetherMany),
                      ("apart late", apartLate)])
    func guessingSaysWhatLinkingFirstSays(_ name: String, _ rows: [String]) throws {
        let (folder, path) = try Self.write(rows)
        defer { withExtendedLifetime(folder) {} }
        let (linkedFirst, result) = report(path, guess: false, jobs: 2, fragmentMemory: 512 << 20)
        // Linked rules spoke: PRC016 on child 2, whose record was never sent, not on child 1
        // (nor 4, in the file where linking joins them), whose records were.
        let unsent = Set(result.diagnostics.filter { $0.ruleID == "PRC016" }.compactMap(\.childID))
        #expect(unsent.contains(Self.id(2)) && !unsent.contains(Self.id(1)), "\(name)")
        if name == "joined by linking" { #expect(!unsent.contains(Self.id(4))) }
        for jobs in [1, 2] {
            // Every fragment kept; none; a few, while the guess may still fail early.
            for memory in [512 << 20, 0, 20_000] {
                #expect(report(path, guess: true, jobs: jobs, fragmentMemory: memory).0 == linkedFirst,
                        "\(name), --jobs \(jobs), fragment memory \(memory)")
            }
        }
    }

    /// The guess's own verdict, file by file: it holds for rows together, and fails at a
    /// child's second fragment. (Linking decides the rest: see above.)
    @Test func theGuessFailsAtAChildsSecondFragment() throws {
        func guessed(_ rows: [String]) throws -> [Diagnostic]? {
            let (folder, path) = try Self.write(rows)
            defer { withExtendedLifetime(folder) {} }
            let linter = Linter(options: LintOptions(paths: [path]))
            let file = try #require(Discovery(paths: [path]).files.first)
            var collect = SourceChecker.Collect()
            collect.identities = true
            collect.fragments = true
            let context = CheckContext(file: FileID(0), census: nil, ruleset: .latest, header: nil)
            collect.guess = InlineLinking(checker: ReturnChecker(rules: linter.rules.filter { $0.scope == .linked }, context: context))
            let plan = SourcePlan.plan(file.sniffed, profiles: []).0
            return linter.check(file, id: FileID(0), plan: plan, collect: collect, workers: 1).guessed
        }
        let held = try #require(try guessed(Self.together))
        #expect(held.map(\.ruleID).contains("PRC016"))
        #expect(try guessed(Self.togetherMany) != nil)
        #expect(try guessed(Self.apart) == nil)
        #expect(try guessed(Self.apartLate) == nil)
        #expect(try guessed(Self.joinedByLinking) != nil, "different identifiers: only linking can tell")
    }
}
