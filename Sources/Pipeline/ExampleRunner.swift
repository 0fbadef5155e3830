import Check
import Map
import Model
import Read

/// Runs a rule's examples through the real reader, mapper and engine, so an example
/// proves what the rule does on an actual file.
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
        let file = FileID(0)
        let limits = example.limits ?? .defaults
        let census = CensusFile(file: file, rules: [rule], ruleset: ruleset, limits: limits)
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
}

import Foundation
