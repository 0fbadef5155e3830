import Check
import Model

/// SARIF 2.1.0, the static-analysis exchange format GitHub code scanning, Azure DevOps and
/// many viewers read. `rules[]` carries each rule's documentation; each result has its
/// physical location (file, line, column), its logical location (the record path), notes
/// as `relatedLocations`, and `partialFingerprints` from the record's identity so a viewer
/// tracks a finding across data drops. Validated against the OASIS schema in the tests
/// (docs/schemas/sarif-schema-2.1.0.json).
public struct SARIFRenderer: Sendable {
    public static let fingerprintKey = "caselintRecordIdentity/v1"
    public var showValues: Bool

    public init(showValues: Bool) {
        self.showValues = showValues
    }

    public func render(_ result: LintResult) -> String {
        var rules = result.rules
        let known = Set(rules.map(\.id))
        // A finding of a rule the run did not list (an unreadable path) still needs a rule entry.
        var extra: [String] = []
        for d in result.diagnostics where !known.contains(d.ruleID) && !extra.contains(d.ruleID) { extra.append(d.ruleID) }
        var ruleIndex: [String: Int] = [:]
        for (i, r) in rules.enumerated() { ruleIndex[r.id] = i }

        var driver = JSONWriter.Object()
        driver["name"] = .string(Tool.name)
        driver["version"] = .string(Tool.version)
        driver["semanticVersion"] = .string(Tool.version)
        var ruleObjects = rules.map { JSONWriter.Value.object(ruleObject($0)) }
        for id in extra {
            ruleIndex[id] = ruleObjects.count
            var o = JSONWriter.Object()
            o["id"] = .string(id)
            ruleObjects.append(.object(o))
        }
        rules = []
        driver["rules"] = .array(ruleObjects)
        var tool = JSONWriter.Object()
        tool["driver"] = .object(driver)

        var run = JSONWriter.Object()
        run["tool"] = .object(tool)
        var invocation = JSONWriter.Object()
        invocation["executionSuccessful"] = .bool(result.unreadable == 0)
        run["invocations"] = .array([.object(invocation)])
        run["columnKind"] = .string("unicodeCodePoints")
        run["artifacts"] = .array(result.files.map { f in
            var a = JSONWriter.Object()
            a["location"] = .object(artifactLocation(f.path, index: nil))
            return .object(a)
        })
        run["results"] = .array(result.diagnostics.map { .object(resultObject($0, ruleIndex: ruleIndex[$0.ruleID]!, in: result)) })

        var log = JSONWriter.Object()
        log["$schema"] = .string("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
        log["version"] = .string("2.1.0")
        log["runs"] = .array([.object(run)])
        return JSONWriter.Value.object(log).serialized(indent: 2) + "\n"
    }

    private func ruleObject(_ rule: Rule) -> JSONWriter.Object {
        var o = JSONWriter.Object()
        o["id"] = .string(rule.id)
        o["name"] = .string(rule.name)
        o["shortDescription"] = .object(text(rule.message))
        o["fullDescription"] = .object(text(rule.rationale))
        var help = JSONWriter.Object()
        help["text"] = .string(RuleText.helpText(rule))
        help["markdown"] = .string(RuleText.helpMarkdown(rule))
        o["help"] = .object(help)
        var configuration = JSONWriter.Object()
        configuration["level"] = .string(level(rule.severity))
        o["defaultConfiguration"] = .object(configuration)
        var properties = JSONWriter.Object()
        properties["category"] = .string(rule.category.rawValue)
        properties["source"] = .string(rule.source)
        properties["tags"] = .array([.string(rule.category.rawValue)])
        o["properties"] = .object(properties)
        return o
    }

    private func resultObject(_ d: Diagnostic, ruleIndex: Int, in result: LintResult) -> JSONWriter.Object {
        var o = JSONWriter.Object()
        o["ruleId"] = .string(d.ruleID)
        o["ruleIndex"] = .int(ruleIndex)
        o["level"] = .string(level(d.severity))
        o["message"] = .object(text(d.message.text(showValues: showValues)))
        o["locations"] = .array([.object(location(d.location, path: d.path, message: nil, id: nil, in: result))])
        if !d.notes.isEmpty {
            o["relatedLocations"] = .array(d.notes.enumerated().map { i, n in
                .object(location(n.location, path: n.path, message: n.message.text(showValues: showValues), id: i + 1, in: result))
            })
        }
        var fingerprints = JSONWriter.Object()
        fingerprints[SARIFRenderer.fingerprintKey] = .string(result.fingerprint(d))
        o["partialFingerprints"] = .object(fingerprints)
        var properties = JSONWriter.Object()
        if let child = d.childID { properties["childID"] = .string(child) }
        if let agency = d.agency { properties["agency"] = .string(agency) }
        if !properties.entries.isEmpty { o["properties"] = .object(properties) }
        return o
    }

    private func location(_ l: SourceLocation, path: String?, message: String?, id: Int?, in result: LintResult) -> JSONWriter.Object {
        var o = JSONWriter.Object()
        if let id { o["id"] = .int(id) }
        var physical = JSONWriter.Object()
        physical["artifactLocation"] = .object(artifactLocation(result.path(of: l.file), index: Int(l.file.rawValue)))
        if l.line > 0 {
            var region = JSONWriter.Object()
            region["startLine"] = .int(Int(l.line))
            if l.column > 0 { region["startColumn"] = .int(Int(l.column)) }
            physical["region"] = .object(region)
        }
        o["physicalLocation"] = .object(physical)
        if let path {
            var logical = JSONWriter.Object()
            logical["fullyQualifiedName"] = .string(path)
            logical["kind"] = .string("element")
            o["logicalLocations"] = .array([.object(logical)])
        }
        if let message { o["message"] = .object(text(message)) }
        return o
    }

    private func artifactLocation(_ path: String, index: Int?) -> JSONWriter.Object {
        var o = JSONWriter.Object()
        o["uri"] = .string(SARIFRenderer.uri(path))
        if let index { o["index"] = .int(index) }
        return o
    }

    private func text(_ s: String) -> JSONWriter.Object {
        var o = JSONWriter.Object()
        o["text"] = .string(s)
        return o
    }

    private func level(_ s: Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    /// A path as a URI reference: relative paths stay relative (viewers resolve them against
    /// the checkout), absolute ones become `file://` URIs; anything outside the unreserved
    /// characters is percent-encoded.
    public static func uri(_ path: String) -> String {
        var s = path.hasPrefix("/") ? "file://" : ""
        for b in path.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                s.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = Array("0123456789ABCDEF")
                s += "%" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 15)])
            }
        }
        return s
    }
}
