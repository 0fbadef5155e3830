import Foundation
import Pipeline
import Report
import Testing

/// Every format's rendering of the demo return is pinned by a golden file in
/// fixtures/expected/reports/ (CASELINT_UPDATE_GOLDEN=1 rewrites them).
@Suite struct ReportGoldenTests {
    static func file(_ format: ReportFormat) -> String {
        let ext: String = switch format {
        case .text: "txt"
        case .json: "json"
        case .jsonl: "jsonl"
        case .sarif: "sarif"
        case .junit: "junit.xml"
        case .github: "github.txt"
        case .gitlab: "gitlab.json"
        case .csv: "csv"
        case .html: "html"
        }
        return "fixtures/expected/reports/cin-census.\(ext)"
    }

    @Test(arguments: ReportFormat.allCases)
    func demoReturn(format: ReportFormat) throws {
        let result = lint(["fixtures/cin-census"])
        try Golden.check(format.render(result, showValues: false), against: Self.file(format))
    }

    @Test(arguments: ReportFormat.allCases)
    func sameInputSameBytes(format: ReportFormat) {
        let a = format.render(lint(["fixtures/cin-census"]), showValues: false)
        let b = format.render(lint(["fixtures/cin-census"]), showValues: false)
        #expect(a == b)
    }

    /// The command line writes exactly what the renderers make.
    @Test func commandLineWritesTheGoldenBytes() throws {
        let dir = try TemporaryFolder()
        let sarif = dir.path("a.sarif"), html = dir.path("report.html")
        let run = try runCaselint(["check", "fixtures/cin-census", "--format", "sarif", "--output", sarif,
                                   "--format", "html", "--output", html])
        #expect(run.status == 1)
        #expect(try String(contentsOfFile: sarif, encoding: .utf8) == String(contentsOfFile: Repo.path(Self.file(.sarif)), encoding: .utf8))
        #expect(try String(contentsOfFile: html, encoding: .utf8) == String(contentsOfFile: Repo.path(Self.file(.html)), encoding: .utf8))
        // Both reports went to files: the terminal still gets the text report.
        #expect(run.out == (try String(contentsOfFile: Repo.path(Self.file(.text)), encoding: .utf8)))
    }
}

/// A temporary folder removed when the value goes away.
final class TemporaryFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("caselint-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func write(_ text: String, to name: String) throws {
        let target = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: target, atomically: true, encoding: .utf8)
    }
    var contents: [String] { (try? FileManager.default.contentsOfDirectory(atPath: url.path).sorted()) ?? [] }
    deinit { try? FileManager.default.removeItem(at: url) }
}
