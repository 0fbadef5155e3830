import Foundation
import Pipeline
import Report
import Testing

/// Distinctive personal values are planted in fixtures/privacy/planted.xml. No report
/// format may print one unless --show-values is given; with it, every format prints the
/// values its messages carry.
@Suite struct PrivacyTests {
    /// Values findings' messages carry (a UPN, invalid birth and death dates).
    static let carried = ["Q777123456789", "31/12/2009", "2013-02-30", "2099-13-45"]
    /// A name in an element caselint does not know: it is never in any message.
    static let neverCarried = ["Zebedee", "Quartermaine"]

    @Test(arguments: ReportFormat.allCases)
    func noPersonalValueByDefault(format: ReportFormat) {
        let result = lint(["fixtures/privacy"])
        #expect(result.diagnostics.count >= 4, "the fixture should trigger its findings")
        let out = format.render(result, showValues: false)
        for value in Self.carried + Self.neverCarried {
            #expect(!out.contains(value), "\(format.rawValue) prints \(value)")
        }
        #expect(out.contains("[withheld]"), "\(format.rawValue) should say a value was withheld")
    }

    @Test(arguments: ReportFormat.allCases)
    func personalValuesWithShowValues(format: ReportFormat) {
        let out = format.render(lint(["fixtures/privacy"]), showValues: true)
        for value in Self.carried { #expect(out.contains(value), "\(format.rawValue) should print \(value) with --show-values") }
        for value in Self.neverCarried { #expect(!out.contains(value)) }
    }

    /// The same through the command line, every format at once, baseline included.
    @Test func commandLineWritesNoPersonalValue() throws {
        let dir = try TemporaryFolder()
        var arguments = ["check", "fixtures/privacy", "--statistics"]
        for f in ReportFormat.allCases { arguments += ["--format", f.rawValue, "--output", dir.path("report.\(f.rawValue)")] }
        let first = try runCaselint(arguments)
        #expect(first.status == 1)
        let second = try runCaselint(["check", "fixtures/privacy", "--write-baseline", dir.path("baseline.json")])
        #expect(dir.contents.count == ReportFormat.allCases.count + 1)
        for name in dir.contents {
            let text = try String(contentsOfFile: dir.path(name), encoding: .utf8)
            for value in Self.carried + Self.neverCarried { #expect(!text.contains(value), "\(name) holds \(value)") }
        }
        for value in Self.carried + Self.neverCarried {
            #expect(!first.out.contains(value) && !first.err.contains(value) && !second.out.contains(value) && !second.err.contains(value))
        }
    }
}
