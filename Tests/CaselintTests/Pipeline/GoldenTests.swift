import Foundation
import Report
import Testing

/// Golden files pin the rendered output of the fixtures. Set CASELINT_UPDATE_GOLDEN=1 to
/// rewrite them after an intended change, then review the diff.
enum Golden {
    static func check(_ actual: String, against relative: String) throws {
        let path = Repo.path(relative)
        if ProcessInfo.processInfo.environment["CASELINT_UPDATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: URL(fileURLWithPath: path))
            return
        }
        // Decoded by hand: Foundation's String(contentsOfFile:) drops a byte-order mark.
        let expected = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        #expect(actual == expected, "output differs from \(relative); rerun with CASELINT_UPDATE_GOLDEN=1 and review the diff")
    }
}

@Suite struct GoldenTests {
    @Test func demoReturnText() throws {
        let result = lint(["fixtures/cin-census"])
        try Golden.check(TextRenderer(color: false, showValues: false).render(result), against: "fixtures/expected/cin-census.txt")
    }

    /// The demo return triggers every implemented census rule and every reader rule that a
    /// well-formed file can trigger.
    @Test func demoReturnTriggersEveryRule() {
        let found = Set(lint(["fixtures/cin-census"]).ids())
        let expected = Set(Checks.Catalogue.rules.map(\.id).filter { $0.hasPrefix("CIN") || ["MAP001", "MAP002", "MAP003", "MAP004"].contains($0) })
        #expect(expected.subtracting(found).isEmpty, "not triggered by the demo: \(expected.subtracting(found).sorted())")
    }

    @Test func malformedFixtures() throws {
        let result = lint(["fixtures/malformed"])
        try Golden.check(TextRenderer(color: false, showValues: false).render(result), against: "fixtures/expected/malformed.txt")
        #expect(Set(result.ids()) == ["XML001"])
    }
}

import Checks
