import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Check
import Model
import Pipeline
import Report
import Testing

/// Reports are read back with ordinary parsers and must say what the run found.
@Suite struct ParseBackTests {
    @Test func junitHasASuitePerFileAndACasePerRuleAndFile() throws {
        let result = lint(["fixtures/cin-census", "fixtures/malformed"])
        let xml = try XMLDocument(xmlString: ReportFormat.junit.render(result, showValues: false))
        let root = try #require(xml.rootElement())
        #expect(root.name == "testsuites")
        let suites = root.elements(forName: "testsuite")
        let checked = result.facts.filter { $0.format != nil }.count
        #expect(suites.count == checked)
        let demo = try #require(suites.first { $0.attribute(forName: "name")?.stringValue == "fixtures/cin-census/demo-return.xml" })
        let cases = demo.elements(forName: "testcase")
        #expect(Int(demo.attribute(forName: "tests")?.stringValue ?? "") == cases.count)
        // One case per rule of the file's ruleset, each named after its rule.
        let ruleset = try #require(result.facts[0].ruleset.flatMap(Ruleset.init(name:)))
        // (Rules about the run itself, IO and SUP, are cases only where they found something.)
        let aboutTheRun = ["IO", "SUP"]
        #expect(cases.count == result.rules.filter { r in r.applies(to: ruleset) && !aboutTheRun.contains { r.id.hasPrefix($0) } }.count)
        let names = cases.compactMap { $0.attribute(forName: "name")?.stringValue }
        #expect(Set(names).count == names.count)
        #expect(names.contains("CIN8925 cp-plan-ends-before-start"))
        // Errors fail their case; warnings are listed but do not fail (the default --fail-on error).
        let failed = cases.filter { !$0.elements(forName: "failure").isEmpty }
        let errorRules = Set(result.diagnostics.filter { $0.severity == .error && $0.location.file == FileID(0) }.map(\.ruleID))
        #expect(Set(failed.compactMap { $0.attribute(forName: "name")?.stringValue?.split(separator: " ").first.map(String.init) }) == errorRules)
        #expect(Int(demo.attribute(forName: "failures")?.stringValue ?? "") == errorRules.count)
        let warning = try #require(cases.first { $0.attribute(forName: "name")?.stringValue?.hasPrefix("CIN8670Q") == true })
        #expect(warning.elements(forName: "failure").isEmpty)
        #expect(warning.elements(forName: "system-out").first?.stringValue?.contains("[CIN8670Q]") == true)
        let plan = try #require(cases.first { $0.attribute(forName: "name")?.stringValue?.hasPrefix("CIN8925") == true })
        let failure = try #require(plan.elements(forName: "failure").first)
        #expect(failure.stringValue?.contains("fixtures/cin-census/demo-return.xml:95:11: error: child protection plan ends") == true)
        #expect(failure.stringValue?.contains("fixtures/cin-census/demo-return.xml:94:11: note: the plan starts here") == true)
    }

    @Test func junitFailsWarningsWithFailOnWarning() throws {
        let result = lint(["fixtures/cin-census"])
        let xml = try XMLDocument(xmlString: ReportFormat.junit.render(result, showValues: false, failAt: .warning))
        let cases = try #require(xml.rootElement()).elements(forName: "testsuite")[0].elements(forName: "testcase")
        let warning = try #require(cases.first { $0.attribute(forName: "name")?.stringValue?.hasPrefix("CIN8670Q") == true })
        #expect(warning.elements(forName: "failure").first?.attribute(forName: "type")?.stringValue == "warning")
    }

    @Test func jsonReportReadsBack() throws {
        let result = lint(["fixtures/cin-census"])
        let data = Data(ReportFormat.json.render(result, showValues: false).utf8)
        let top = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(top["schemaVersion"] as? Int == 1)
        #expect((top["tool"] as? [String: Any])?["name"] as? String == "caselint")
        #expect(((top["ruleset"] as? [String: Any])?["used"] as? [String]) == ["cin2024_25"])
        let findings = try #require(top["findings"] as? [[String: Any]])
        #expect(findings.count == result.diagnostics.count)
        // The demo's plan that ends before it starts (the first finding at a child's record).
        let first = try #require(findings.first { $0["id"] as? String == "CIN8925" })
        #expect(first["id"] as? String == "CIN8925")
        #expect(first["name"] as? String == "cp-plan-ends-before-start")
        #expect(first["severity"] as? String == "error")
        #expect(first["category"] as? String == "consistency")
        #expect(first["path"] as? String == "fixtures/cin-census/demo-return.xml")
        #expect(first["line"] as? Int == 95 && first["column"] as? Int == 11)
        #expect(first["logicalPath"] as? String == "Child[2]/CINdetails[1]/ChildProtectionPlans[1]/CPPendDate")
        #expect(first["childID"] as? String == "DEMO002")
        let related = try #require(first["related"] as? [[String: Any]])
        #expect(related.first?["line"] as? Int == 94)
        #expect((first["fingerprint"] as? String)?.count == 32)
        let summary = try #require(top["summary"] as? [String: Any])
        #expect(summary["errors"] as? Int == 117 && summary["warnings"] as? Int == 54 && summary["children"] as? Int == 162)
        #expect((summary["byRule"] as? [String: Int])?["CIN1104"] == 3)
        let files = try #require(top["files"] as? [[String: Any]])
        #expect(files.first?["findings"] as? Int == 31)
    }

    /// `jsonl` lines are exactly the `json` report's findings.
    @Test func jsonLinesMatchTheJSONFindings() throws {
        let result = lint(["fixtures/cin-census"])
        let top = try JSONSerialization.jsonObject(with: Data(ReportFormat.json.render(result, showValues: false).utf8)) as? [String: Any]
        let findings = try #require(top?["findings"] as? [[String: Any]])
        let lines = ReportFormat.jsonl.render(result, showValues: false).split(separator: "\n")
        #expect(lines.count == findings.count)
        for (line, finding) in zip(lines, findings) {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? NSDictionary
            #expect(object == finding as NSDictionary)
        }
    }

    @Test func gitlabCodeQualityReadsBack() throws {
        let result = lint(["fixtures/cin-census"])
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(ReportFormat.gitlab.render(result, showValues: false).utf8)) as? [[String: Any]])
        #expect(issues.count == result.diagnostics.count)
        for issue in issues {
            for key in ["description", "check_name", "fingerprint", "severity", "location"] { #expect(issue[key] != nil, "missing \(key)") }
            #expect(["info", "minor", "major", "critical", "blocker"].contains(issue["severity"] as? String ?? ""))
            let location = issue["location"] as? [String: Any]
            #expect((location?["lines"] as? [String: Any])?["begin"] as? Int ?? 0 >= 1)
        }
        #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == issues.count)
    }

    @Test func csvOpensCleanlyInASpreadsheet() {
        let result = lint(["fixtures/cin-census"])
        let csv = ReportFormat.csv.render(result, showValues: false)
        #expect(csv.hasPrefix("\u{FEFF}\"severity\",\"rule\""))
        let rows = csv.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == result.diagnostics.count + 1)
        #expect(rows.contains { $0.hasPrefix("\"error\",\"CIN8925\",\"cp-plan-ends-before-start\",\"consistency\",\"child protection plan ends (2024-06-20) before it starts (2024-06-28)\"") })
        // Quotes are doubled and a formula is never a formula.
        #expect(CSVRenderer.quote("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVRenderer.quote("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVRenderer.quote("-1") == "\"'-1\"")
    }

    @Test func htmlIsSelfContained() {
        let result = lint(["fixtures/cin-census"])
        let html = ReportFormat.html.render(result, showValues: false)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for external in ["src=\"http", "href=\"http", "<link ", "@import", "url(", "src=\"//"] {
            #expect(!html.contains(external), "external asset: \(external)")
        }
        for part in ["By severity", "By category", "By rule", "By agency", "By file", "id=\"findings\"", "data-sort=\"rule\"",
                     "id=\"rule-CIN8925\"", "A plan cannot end before it starts"] {
            #expect(html.contains(part), "missing \(part)")
        }
        #expect(html.components(separatedBy: "<tr data-i=").count - 1 == result.diagnostics.count)
    }
}
