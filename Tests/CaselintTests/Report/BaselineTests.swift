import Foundation
import Model
import Pipeline
import Report
import Testing

@Suite(.serialized) struct BaselineTests {
    /// A copy of the demo return in a temporary folder.
    static func demoCopy(_ dir: TemporaryFolder) throws -> String {
        let path = dir.path("return.xml")
        try FileManager.default.copyItem(atPath: Repo.path("fixtures/cin-census/demo-return.xml"), toPath: path)
        return path
    }

    @Test func baselineSurvivesLinesInsertedAtTheTop() throws {
        let dir = try TemporaryFolder()
        let input = try Self.demoCopy(dir)
        let baseline = dir.path("baseline.json")
        let write = try runCaselint(["check", input, "--write-baseline", baseline])
        #expect(write.status == 0, "everything is baselined once written")
        #expect(write.err.contains("wrote 31 findings to the baseline"))

        // A new drop: the same data, 7 lines further down.
        var text = try String(contentsOfFile: input, encoding: .utf8)
        let declarationEnd = try #require(text.range(of: "?>\n"))
        text.insert(contentsOf: String(repeating: "<!-- a line added by the new export -->\n", count: 7), at: declarationEnd.upperBound)
        try text.write(toFile: input, atomically: true, encoding: .utf8)
        let plain = try runCaselint(["check", input])
        #expect(plain.out.contains("return.xml:102:11: error: child protection plan ends"), "lines really moved")

        let again = try runCaselint(["check", input, "--baseline", baseline])
        #expect(again.status == 0)
        #expect(again.out == "1 file, 16 children: 0 errors, 0 warnings (not shown: 31 in the baseline)\n")
    }

    @Test func newFindingsShowAndGoneOnesAreListed() throws {
        let dir = try TemporaryFolder()
        let input = try Self.demoCopy(dir)
        let baseline = dir.path("baseline.json")
        _ = try runCaselint(["check", input, "--write-baseline", baseline])
        var text = try String(contentsOfFile: input, encoding: .utf8)
        // Fix one defect (the plan that ends before it starts) and add another (a bad referral source).
        text = text.replacingOccurrences(of: "<CPPendDate>2024-06-20</CPPendDate>", with: "<CPPendDate>2024-07-20</CPPendDate>")
        let source = try #require(text.range(of: "<ReferralSource>2A</ReferralSource>"))
        text.replaceSubrange(source, with: "<ReferralSource>99</ReferralSource>")
        try text.write(toFile: input, atomically: true, encoding: .utf8)

        let run = try runCaselint(["check", input, "--baseline", baseline])
        #expect(run.status == 1)
        let lines = run.out.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.contains("error:") || $0.contains("warning:") }.count == 1)
        #expect(lines.contains { $0.contains("referral source '99' is not a DfE referral source code [CIN8866]") })
        #expect(lines.contains("\(baseline): note: baselined finding no longer found (child DEMO002, Child[2]/CINdetails[1]/ChildProtectionPlans[1]/CPPendDate): child protection plan ends (2024-06-20) before it starts (2024-06-28) [CIN8925]"))
        #expect(run.out.hasSuffix("1 file, 16 children: 1 error, 0 warnings (not shown: 30 in the baseline); 1 baselined finding is no longer found: rewrite the baseline with --write-baseline to prune\n"))

        let json = try runCaselint(["check", input, "--baseline", baseline, "--format", "json"])
        let top = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
        let base = top?["baseline"] as? [String: Any]
        #expect(base?["hidden"] as? Int == 30)
        #expect((base?["gone"] as? [[String: Any]])?.first?["id"] as? String == "CIN8925")
    }

    @Test func baselineFileIsReadableAndHoldsNoPersonalValue() throws {
        let dir = try TemporaryFolder()
        _ = try runCaselint(["check", "fixtures/privacy", "--write-baseline", dir.path("b.json")])
        let text = try String(contentsOfFile: dir.path("b.json"), encoding: .utf8)
        #expect(text.hasPrefix("{\n  \"caselintBaseline\": 1,"))
        #expect(!text.contains("Q777123456789"))
        let baseline = try Baseline.read(path: dir.path("b.json"))
        #expect(baseline.entries.count == 10)
        #expect(baseline.entries.map(\.rule) == baseline.entries.map(\.rule).sorted())
    }

    @Test func aFileThatIsNotABaselineIsAnError() throws {
        let run = try runCaselint(["check", "fixtures/cin-census", "--baseline", "README.md"])
        #expect(run.status == 2)
        #expect(run.err.contains("README.md: error: not a caselint baseline"))
    }

    /// Fingerprints do not depend on lines or on the file's name, and differ by field.
    @Test func fingerprintsComeFromRecordIdentity() {
        var a = Diagnostic(ruleID: "CIN8925", severity: .error, message: "m", location: SourceLocation(file: FileID(0), line: 95, column: 11),
                           path: "Child[2]/CINdetails[1]/ChildProtectionPlans[1]/CPPendDate", childID: "DEMO002",
                           recordKey: "DEMO002|CINdetails[1]/ChildProtectionPlans[1]|CPPendDate")
        var b = a
        b.location = SourceLocation(file: FileID(0), line: 400, column: 3)
        var c = a
        c.recordKey = "DEMO002|CINdetails[1]/ChildProtectionPlans[1]|CPPstartDate"
        var list = [a], listB = [b], listC = [c]
        Fingerprint.assign(&list) { _ in "one.xml" }
        Fingerprint.assign(&listB) { _ in "renamed.xml" }
        Fingerprint.assign(&listC) { _ in "one.xml" }
        #expect(list[0].fingerprint == listB[0].fingerprint)
        #expect(list[0].fingerprint != listC[0].fingerprint)
        // Two findings with one identity are told apart by order.
        a.fingerprint = nil
        var twice = [a, a]
        Fingerprint.assign(&twice) { _ in "one.xml" }
        #expect(twice[0].fingerprint != twice[1].fingerprint)
        #expect(twice[0].fingerprint == list[0].fingerprint)
    }

    /// Findings without a child: by logical path, then by file.
    @Test func findingsWithoutAChildHaveAStableIdentity() {
        let header = Diagnostic(ruleID: "CIN100", severity: .error, message: "m", location: SourceLocation(file: FileID(0), line: 7, column: 3),
                                path: "Header/ReferenceDate", recordKey: "Header/ReferenceDate")
        let file = Diagnostic(ruleID: "XML001", severity: .error, message: "m", location: SourceLocation(file: FileID(0), line: 3, column: 1))
        #expect(Fingerprint.identity(of: header, filePath: "x.xml") == "record:Header/ReferenceDate|Header/ReferenceDate")
        #expect(Fingerprint.identity(of: file, filePath: "x.xml") == "file:x.xml")
        var moved = file
        moved.location.line = 90
        var a = [file], b = [moved]
        Fingerprint.assign(&a) { _ in "x.xml" }
        Fingerprint.assign(&b) { _ in "x.xml" }
        #expect(a[0].fingerprint == b[0].fingerprint)
    }

    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
