import Foundation
import Check
import Checks
import Config
import Model
import Pipeline
import Testing

@Suite(.serialized) struct ConfigurationTests {
    /// A rule with parameters of every kind, standing in for the local-procedure rules.
    static let visits = Rule(
        id: "LOC004", name: "visit-interval", category: .procedure, severity: .warning,
        message: "No recorded visit within the interval", rationale: "r", source: "Local procedure",
        parameters: [
            Parameter(name: "visit-interval", defaultValue: "10 working days", summary: "longest gap between visits", source: "Central Bedfordshire", kind: .interval),
            Parameter(name: "minimum-words", defaultValue: "12", summary: "fewest words in a visit note", source: "Local", kind: .integer(1...500)),
            Parameter(name: "stock-phrases", defaultValue: "seen and well, no concerns", summary: "phrases that say nothing", source: "Local", kind: .list),
            Parameter(name: "child-seen-alone", defaultValue: "true", summary: "require seen alone", source: "WT", kind: .flag),
        ],
        check: .child { child, out in
            let interval = out.interval("visit-interval")
            let words = out.integer("minimum-words")
            let phrases = out.list("stock-phrases")
            let alone = out.flag("child-seen-alone")
            out.report("\(interval) \(words) \(phrases.joined(separator: "/")) \(alone)", at: child.person)
        })
    static let rules = Catalogue.rules + [visits]

    static func parse(_ yaml: String, rules: [Rule] = rules) -> Result<Configuration, ConfigErrors> {
        Configuration.parse(yaml, path: ".caselint.yml", rules: rules, workingDirectory: Repo.root.path)
    }

    static func problems(_ yaml: String) -> [String] {
        guard case .failure(let e) = parse(yaml) else { return [] }
        return e.errors.map(\.description)
    }

    @Test func aFullConfigurationReads() throws {
        let config = try Self.parse("""
            select: [CIN, PRC]
            ignore: CIN8670Q
            rule-settings:
              CIN8675Q:
                severity: error
              LOC004:
                visit-interval: 2 weeks
                minimum-words: 20
                stock-phrases: [as above, see previous]
            include: ["exports/**/*.xml"]
            exclude: ["**/archive/**"]
            rules: [README.md]
            profiles: [fixtures/cin-census/demo-return.xml]
            ruleset: cin2025_26
            fail-on: warning
            max-warnings: 3
            """).get()
        #expect(config.select == ["CIN", "PRC"])
        #expect(config.ignore == ["CIN8670Q"])
        #expect(config.severities == ["CIN8675Q": .error])
        #expect(config.parameters["LOC004", "visit-interval"] == .interval(Interval(2, .weeks)))
        #expect(config.parameters["LOC004", "minimum-words"] == .integer(20))
        #expect(config.parameters["LOC004", "stock-phrases"] == .list(["as above", "see previous"]))
        #expect(config.include == ["exports/**/*.xml"] && config.exclude == ["**/archive/**"])
        #expect(config.rulePacks == ["README.md"] && config.profiles == ["fixtures/cin-census/demo-return.xml"])
        #expect(config.ruleset?.name == "cin2025_26" && config.failOn == "warning" && config.maxWarnings == 3)
    }

    @Test func mistakesAreErrorsAtTheirLineWithASuggestion() {
        #expect(Self.problems("selct: [CIN]\n") == [
            ".caselint.yml:1:1: error: unknown key 'selct' in the configuration; did you mean 'select'? (known keys: \(Configuration.keys.joined(separator: ", ")))",
        ])
        #expect(Self.problems("ignore: [LOC040]\n") == [".caselint.yml:1:10: error: no rule id is or starts with 'LOC040'; did you mean LOC004?"])
        #expect(Self.problems("rule-settings:\n  LOC040:\n    severity: error\n") == [".caselint.yml:2:3: error: no rule with id 'LOC040'; did you mean LOC004?"])
        #expect(Self.problems("rule-settings:\n  CIN8675Q:\n    severity: fatal\n") == [".caselint.yml:3:15: error: severity must be one of error, warning, note, not 'fatal'"])
        #expect(Self.problems("rule-settings:\n  LOC004:\n    visit-intervall: 3 weeks\n") == [
            ".caselint.yml:3:5: error: unknown key 'visit-intervall' in the settings of LOC004; did you mean 'visit-interval'? (known keys: severity, visit-interval, minimum-words, stock-phrases, child-seen-alone)",
        ])
        #expect(Self.problems("rule-settings:\n  LOC004:\n    visit-interval: fortnightly\n") == [
            ".caselint.yml:3:21: error: LOC004 visit-interval must be a number and a unit (days, working days, weeks or months), e.g. '10 working days', not 'fortnightly'",
        ])
        #expect(Self.problems("rule-settings:\n  LOC004:\n    minimum-words: 0\n") == [
            ".caselint.yml:3:20: error: LOC004 minimum-words must be a whole number from 1 to 500, not 0",
        ])
        #expect(Self.problems("max-warnings: many\n") == [".caselint.yml:1:15: error: max-warnings must be a whole number, not 'many'"])
        #expect(Self.problems("fail-on: warnings\n") == [".caselint.yml:1:10: error: fail-on must be one of error, warning, never, not 'warnings'; did you mean 'warning'?"])
        #expect(Self.problems("rules: [packs/nowhere.yml]\n") == [
            ".caselint.yml:1:9: error: rule pack 'packs/nowhere.yml' does not exist (paths are relative to the folder of .caselint.yml)",
        ])
        #expect(Self.problems("select: {CIN: 1}\n").first?.hasPrefix(".caselint.yml:1:9: error: each entry of select must be a single value") == true)
        #expect(Self.problems("ruleset: cin2026-27\n") == [
            ".caselint.yml:1:10: error: unknown ruleset 'cin2026-27'; did you mean cin2026_27? (known: \(Ruleset.all.map(\.name).joined(separator: ", ")))",
        ])
    }

    @Test func allMistakesAreReportedTogether() {
        #expect(Self.problems("selct: [CIN]\nfail-on: sometimes\nignore: [XYZ999]\n").count == 3)
    }

    /// Rules read configured parameters through `Findings`; unset ones take the default.
    @Test func rulesReadTypedParameters() throws {
        let configured = try Self.parse("rule-settings:\n  LOC004:\n    visit-interval: 4 weeks\n    stock-phrases: [as above]\n").get()
        func message(_ parameters: RuleParameters) -> String {
            let context = CheckContext(file: FileID(0), census: nil, ruleset: .latest, header: nil, parameters: parameters)
            let child = Child.make(records: [Record(kind: RecordKind("person"), source: Symbol("ChildIdentifiers"), parent: -1, ordinal: 1,
                                              location: SourceLocation(file: FileID(0), line: 1, column: 1), agency: .socialCare)],
                              fields: [], location: SourceLocation(file: FileID(0), line: 1, column: 1), ordinal: 1, source: Symbol("Child"))
            return ReturnChecker(rules: [Self.visits], context: context).check(child).first?.message.redacted ?? ""
        }
        #expect(message(RuleParameters()) == "10 working days 12 seen and well/no concerns true")
        #expect(message(configured.parameters) == "4 weeks 12 as above true")
    }

    @Test func intervalsParseAndComputeDeadlines() throws {
        #expect(Interval("10 working days") == Interval(10, .workingDays))
        #expect(Interval("1 Week") == Interval(1, .weeks))
        #expect(Interval("3 months")?.description == "3 months")
        #expect(Interval("1 day")?.description == "1 day")
        #expect(Interval("ten days") == nil && Interval("10 fortnights") == nil && Interval("10") == nil)
        let friday = try #require(Day(iso: "2025-05-02"))
        // Monday 5 May 2025 is a bank holiday: 2 working days from Friday is Wednesday.
        #expect(Interval(2, .workingDays).end(from: friday).description == "2025-05-07")
        #expect(Interval(2, .weeks).end(from: friday).description == "2025-05-16")
        #expect(Interval(1, .months).end(from: try #require(Day(iso: "2025-01-31"))).description == "2025-02-28")
    }

    @Test func everyBuiltInParameterDefaultIsValid() {
        for rule in Catalogue.rules {
            for p in rule.parameters { #expect(p.defaultParsed != nil, "\(rule.id) \(p.name) default '\(p.defaultValue)' is not \(p.kind.summary)") }
        }
    }

    @Test func theStarterFileIsAValidConfiguration() throws {
        let config = try Self.parse(StarterConfiguration.text).get()
        #expect(config.failOn == "error")
        // Every key is mentioned in the starter file.
        for key in Configuration.keys { #expect(StarterConfiguration.text.contains("\(key):"), "\(key) is not in the starter file") }
    }

    @Test func limitsAreConfigurableAndChecked() throws {
        let config = try Self.parse("limits:\n  max-findings-per-file: 5\n  max-depth: 64\n").get()
        #expect(config.limits.maxFindingsPerFile == 5)
        #expect(config.limits.maxDepth == 64)
        #expect(config.limits.maxValueBytes == Limits.defaults.maxValueBytes)
        #expect(Self.problems("limits:\n  max-depth: 3\n  max-colums: 20\n") == [
            ".caselint.yml:2:14: error: max-depth must be between 8 and 100000, not 3",
            ".caselint.yml:3:3: error: unknown key 'max-colums' in limits; did you mean 'max-columns'? (known keys: max-value-bytes, max-depth, max-columns, max-findings-per-file)",
        ])
        // A configured limit reaches the run: the demo return has 31 findings.
        var options = LintOptions(paths: [Repo.path("fixtures/cin-census/demo-return.xml")])
        options.limits = config.limits
        let result = Linter(options: options).run()
        #expect(result.diagnostics.filter { $0.ruleID != "LIM003" }.count == 5)
        #expect(result.diagnostics.contains { $0.ruleID == "LIM003" && $0.message.redacted.hasPrefix("26 more findings") })
    }

    @Test func foundUpwardFromTheFirstPath() throws {
        let dir = try TemporaryFolder()
        try dir.write("ignore: [CIN]\n", to: ".caselint.yml")
        try dir.write("<x/>", to: "exports/2025/return.xml")
        #expect(Configuration.find(from: dir.path("exports/2025/return.xml"), workingDirectory: "/elsewhere") == dir.path(".caselint.yml"))
        #expect(Configuration.find(from: dir.path("exports"), workingDirectory: "/elsewhere") == dir.path(".caselint.yml"))
        #expect(Configuration.find(from: dir.path("exports"), workingDirectory: dir.url.path) == ".caselint.yml")
    }
}
