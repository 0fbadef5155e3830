import Foundation
import Pipeline
import Report
import Testing

/// SARIF output is validated against the OASIS SARIF 2.1.0 schema, and the JSON report
/// against caselint's own schema, with Python's `jsonschema` (installed by .ci/run).
@Suite(.serialized) struct SchemaValidationTests {
    /// Runs scripts/validate-json-schema; returns its output, failing the test when the
    /// document is invalid or the validator cannot run.
    static func validate(_ text: String, schema: String, extra: [String] = []) throws {
        let dir = try TemporaryFolder()
        let document = dir.path("document.json")
        try text.write(toFile: document, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repo.path("scripts/validate-json-schema"), Repo.path(schema), document] + extra
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 3, "cannot validate: \(output)")
        #expect(process.terminationStatus == 0, "\(schema): \(output)")
    }

    @Test func sarifIsValidAgainstTheSchema() throws {
        let result = lint(["fixtures/cin-census", "fixtures/malformed", "no/such/file.xml"])
        try Self.validate(ReportFormat.sarif.render(result, showValues: false), schema: "docs/schemas/sarif-schema-2.1.0.json")
    }

    @Test func sarifOfACleanRunIsValid() throws {
        let result = lint(["fixtures/samples/cin-census/fake_CIN_data.xml"], select: ["CIN8925"])
        try Self.validate(ReportFormat.sarif.render(result, showValues: false), schema: "docs/schemas/sarif-schema-2.1.0.json")
    }

    @Test func theValidatorRejectsInvalidSARIF() throws {
        let result = lint(["fixtures/cin-census"])
        let broken = ReportFormat.sarif.render(result, showValues: false).replacingOccurrences(of: "\"level\": \"error\"", with: "\"level\": \"fatal\"")
        let dir = try TemporaryFolder()
        try broken.write(toFile: dir.path("bad.sarif"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repo.path("scripts/validate-json-schema"), Repo.path("docs/schemas/sarif-schema-2.1.0.json"), dir.path("bad.sarif")]
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
    }

    @Test func jsonIsValidAgainstItsSchema() throws {
        let result = lint(["fixtures/cin-census", "fixtures/malformed", "no/such/file.xml"])
        try Self.validate(ReportFormat.json.render(result, showValues: false), schema: "docs/schemas/caselint-report-1.schema.json")
    }

    @Test func jsonLinesAreFindingsOfTheJSONSchema() throws {
        let result = lint(["fixtures/cin-census", "fixtures/malformed"])
        try Self.validate(ReportFormat.jsonl.render(result, showValues: false), schema: "docs/schemas/caselint-report-1.schema.json",
                          extra: ["--lines", "--definition", "finding"])
    }
}
