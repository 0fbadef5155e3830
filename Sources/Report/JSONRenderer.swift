import Check
import Model

/// The whole run as one JSON document: tool, ruleset, files, findings and summary counts.
/// The schema is versioned (`schemaVersion`) and documented in docs/json-format.md; a JSON
/// Schema of it is docs/schemas/caselint-report-1.schema.json.
public struct JSONRenderer: Sendable {
    /// Bumped when a field is removed or changes meaning; adding a field does not bump it.
    public static let schemaVersion = 1

    public var showValues: Bool

    public init(showValues: Bool) {
        self.showValues = showValues
    }

    public func render(_ result: LintResult) -> String {
        // About 700 bytes a finding: the report is written once, without regrowing.
        var out = JSONWriter.Stream(indent: 2, capacity: 800 * result.diagnostics.count + 4096)
        out.object { o in
            o.key("schema"); o.string("caselint-report")
            o.key("schemaVersion"); o.int(JSONRenderer.schemaVersion)
            var tool = JSONWriter.Object()
            tool["name"] = .string(Tool.name)
            tool["version"] = .string(Tool.version)
            o.key("tool"); o.value(.object(tool))
            var ruleset = JSONWriter.Object()
            ruleset["requested"] = result.requestedRuleset.map(JSONWriter.Value.string) ?? .null
            ruleset["used"] = .array(result.rulesetsUsed.map(JSONWriter.Value.string))
            o.key("ruleset"); o.value(.object(ruleset))
            o.key("showValues"); o.value(.bool(showValues))
            o.key("files"); o.value(files(result))

            let finding = FindingJSON(showValues: showValues)
            o.key("findings")
            o.array { findings in
                for d in result.diagnostics {
                    findings.element()
                    finding.write(d, in: result, to: &findings)
                }
            }

            var baseline = JSONWriter.Object()
            baseline["path"] = result.hidden.baselinePath.map(JSONWriter.Value.string) ?? .null
            baseline["hidden"] = .int(result.hidden.baselined)
            baseline["gone"] = .array(result.hidden.goneFromBaseline.map { .object($0.json) })
            o.key("baseline"); o.value(.object(baseline))
            o.key("suppressed"); o.int(result.hidden.suppressed)
            o.key("summary"); o.value(.object(summary(result)))
        }
        out.endLine()
        return out.text
    }

    private func files(_ result: LintResult) -> JSONWriter.Value {
        var perFile = [Int](repeating: 0, count: result.files.count)
        for d in result.diagnostics { perFile[Int(d.location.file.rawValue)] += 1 }
        return .array(result.files.indices.map { i in
            let facts = result.facts[i]
            var f = JSONWriter.Object()
            f["path"] = .string(result.files[i].path)
            f["checked"] = .bool(facts.format != nil)
            f["format"] = facts.format.map(JSONWriter.Value.string) ?? .null
            f["ruleset"] = facts.ruleset.map(JSONWriter.Value.string) ?? .null
            f["children"] = .int(facts.children)
            f["skipped"] = facts.skipped.map(JSONWriter.Value.string) ?? .null
            f["findings"] = .int(perFile[i])
            return .object(f)
        })
    }

    private func summary(_ result: LintResult) -> JSONWriter.Object {
        var summary = JSONWriter.Object()
        summary["files"] = .int(result.files.count)
        summary["filesChecked"] = .int(result.filesChecked)
        summary["unreadable"] = .int(result.unreadable)
        summary["children"] = .int(result.children)
        summary["findings"] = .int(result.diagnostics.count)
        summary["errors"] = .int(result.count(.error))
        summary["warnings"] = .int(result.count(.warning))
        summary["notes"] = .int(result.count(.note))
        var byRule = JSONWriter.Object()
        for (id, n) in Statistics.countsByRule(result).sorted(by: { $0.key < $1.key }) { byRule[id] = .int(n) }
        summary["byRule"] = .object(byRule)
        return summary
    }
}
