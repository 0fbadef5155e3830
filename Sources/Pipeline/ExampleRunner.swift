import Check
import Config
import Foundation
import Map
import Model
import Read
import Report

/// Runs a rule's examples through the real readers, mappers, linker and engine, so an
/// example proves what the rule does on an actual file.
public enum ExampleRunner {
    /// The return a `<Child>` example is placed in: by default collection year 2024-25,
    /// reference date 2025-03-31 (`year` 2025).
    public static func document(for example: Example, year: Int = 2025) -> String {
        let text = example.input.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("<?xml") || text.hasPrefix("<Message") || text.hasPrefix("<!DOCTYPE") { return text }
        return """
            <Message>
              <Header>
                <CollectionDetails><Collection>CIN</Collection><Year>\(year)</Year><ReferenceDate>\(year)-03-31</ReferenceDate></CollectionDetails>
                <Source><SourceLevel>L</SourceLevel><LEA>201</LEA><SoftwareCode>caselint</SoftwareCode><Release>1</Release><SerialNo>1</SerialNo><DateTime>\(year)-04-01T09:00:00</DateTime></Source>
              </Header>
              <Children>
            \(text)
              </Children>
            </Message>
            """
    }

    /// Every diagnostic the example produces with only `rule` active (plus what the reader
    /// reports, which is what reader rules' examples are about).
    public static func run(_ example: Example, of rule: Rule, ruleset: Ruleset? = nil) -> [Diagnostic] {
        guard example.format == .cinCensus else { return runFiles(example, of: rule, ruleset: ruleset) }
        let file = FileID(0)
        let limits = example.limits ?? .defaults
        var collect = SourceChecker.Collect()
        collect.linkedInline = true
        let census = SourceChecker(file: file, family: .cinCensus, rules: [rule], ruleset: ruleset, collect: collect, limits: limits)
        let mapper = XMLMapper(layout: .cinCensus, file: file, sink: census, limits: limits)
        if let problem = XMLReader.read(bytes: Array(document(for: example, year: example.year(for: rule)).utf8), handler: mapper, limits: limits) {
            census.diagnostic(Linter.malformed(problem, file: file))
            census.finish(complete: false)
        } else {
            mapper.finish()
            census.finish()
        }
        return census.diagnostics.filter { $0.ruleID == rule.id }
    }

    /// True when the example behaves as declared.
    public static func holds(_ example: Example, of rule: Rule) -> Bool {
        run(example, of: rule).isEmpty != example.triggers
    }

    /// The files an example stands for: its input (several sources for several YAML
    /// documents of records) and its profile.
    public static func files(for example: Example) throws -> [(name: String, bytes: [UInt8])] {
        var out: [(String, [UInt8])] = []
        switch example.format {
        case .cinCensus: out.append(("example.xml", Array(document(for: example).utf8)))
        case .csv: out.append(("example.csv", rawBytes(example.input)))
        case .json: out.append(("example.json", rawBytes(example.input)))
        case .xml: out.append(("example.xml", rawBytes(example.input)))
        case .records:
            switch YAMLRecords.documents(example.input) {
            case .failure(let error): throw error
            case .success(let docs):
                for (i, doc) in docs.enumerated() { out.append(("source-\(i + 1).jsonl", Array(jsonLines(doc).utf8))) }
            }
        }
        if let profile = example.profile { out.append(("example.profile.yml", Array(profile.utf8))) }
        return out
    }

    /// Interchange JSON Lines for records written as YAML.
    static func jsonLines(_ records: [YAMLRecords.Record]) -> String {
        var s = ""
        for record in records {
            var o = JSONWriter.Object()
            for (key, values) in record {
                let repeats = Schema.field(named: key)?.repeats == true
                o[key] = repeats ? .array(values.map { .string($0) }) : .string(values.first ?? "")
            }
            s += JSONWriter.Value.object(o).serialized() + "\n"
        }
        return s
    }

    /// The example's text as bytes; `\x{HH}` stands for the byte HH, so an example can
    /// hold bytes that are not UTF-8 (a Windows-1252 export).
    static func rawBytes(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        let b = Array(text.utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "\\"), i + 6 < b.count + 1, b[i + 1] == UInt8(ascii: "x"), b[i + 2] == UInt8(ascii: "{"),
               i + 5 < b.count, b[i + 5] == UInt8(ascii: "}"),
               let v = UInt8(String(decoding: b[(i + 3)..<(i + 5)], as: UTF8.self), radix: 16) {
                out.append(v)
                i += 6
                continue
            }
            out.append(b[i])
            i += 1
        }
        return out
    }

    /// Writes the example's files to a fresh folder and lints it with only `rule` active.
    static func runFiles(_ example: Example, of rule: Rule, ruleset: Ruleset?) -> [Diagnostic] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("caselint-example-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for (name, bytes) in try files(for: example) {
                try Data(bytes).write(to: dir.appendingPathComponent(name))
            }
        } catch {
            return [Diagnostic(ruleID: "EXAMPLE", severity: .error, message: "the example cannot be written: \(error)",
                               location: .wholeFile(FileID(0)))]
        }
        var options = LintOptions(paths: [dir.path])
        options.ruleset = ruleset
        options.jobs = 1
        if let limits = example.limits { options.limits = limits }
        let result = Linter(options: options, catalogue: [rule]).run()
        if !result.configErrors.isEmpty {
            return result.configErrors.map {
                Diagnostic(ruleID: "CONFIG", severity: .error, message: "\($0.description)", location: .wholeFile(FileID(0)))
            }
        }
        return result.diagnostics.filter { $0.ruleID == rule.id }
    }
}
