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
        JSONWriter.Value.object(document(result)).serialized(indent: 2) + "\n"
    }

    public func document(_ result: LintResult) -> JSONWriter.Object {
        var o = JSONWriter.Object()
        o["schema"] = .string("caselint-report")
        o["schemaVersion"] = .int(JSONRenderer.schemaVersion)
        var tool = JSONWriter.Object()
        tool["name"] = .string(Tool.name)
        tool["version"] = .string(Tool.version)
        o["tool"] = .object(tool)
        var ruleset = JSONWriter.Object()
        ruleset["requested"] = result.requestedRuleset.map(JSONWriter.Value.string) ?? .null
        ruleset["used"] = .array(result.rulesetsUsed.map(JSONWriter.Value.string))
        o["ruleset"] = .object(ruleset)
        o["showValues"] = .bool(showValues)

        var perFile = [Int](repeating: 0, count: result.files.count)
        for d in result.diagnostics { perFile[Int(d.location.file.rawValue)] += 1 }
        o["files"] = .array(result.files.indices.map { i in
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

        let finding = FindingJSON(showValues: showValues)
        o["findings"] = .array(result.diagnostics.map { .object(finding.object($0, in: result)) })

        var baseline = JSONWriter.Object()
        baseline["path"] = result.hidden.baselinePath.map(JSONWriter.Value.string) ?? .null
        baseline["hidden"] = .int(result.hidden.baselined)
        baseline["gone"] = .array(result.hidden.goneFromBaseline.map { .object($0.json) })
        o["baseline"] = .object(baseline)
        o["suppressed"] = .int(result.hidden.suppressed)

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
        o["summary"] = .object(summary)
        return o
    }
}
