import Config
import Testing

@Suite struct YAMLReaderTests {
    @Test func unknownKeysAreErrorsAtTheirLineWithASuggestion() throws {
        let reader = YAMLReader(path: ".caselint.yml")
        let doc = try #require(reader.parse("select:\n  - CIN\nignroe: [CIN8670Q]\n"))
        let entries = reader.mapping(doc, allowed: ["select", "ignore"], what: "the configuration")
        #expect(entries.map(\.key) == ["select"])
        #expect(reader.problems.map(\.description) == [
            ".caselint.yml:3:1: error: unknown key 'ignroe' in the configuration; did you mean 'ignore'? (known keys: select, ignore)",
        ])
    }

    @Test func typedValuesReportWrongTypes() throws {
        let reader = YAMLReader(path: "c.yml")
        let doc = try #require(reader.parse("days: ten\nflag: maybe\nlist: [a, b]\n"))
        let entries = reader.mapping(doc, what: "c")
        #expect(reader.integer(entries[0].value, what: "days") == nil)
        #expect(reader.bool(entries[1].value, what: "flag") == nil)
        #expect(reader.strings(entries[2].value, what: "list") == ["a", "b"])
        #expect(reader.problems.map(\.description) == [
            "c.yml:1:7: error: days must be a whole number, not 'ten'",
            "c.yml:2:7: error: flag must be true or false, not 'maybe'",
        ])
    }

    @Test func invalidYAMLIsAnErrorAtItsPosition() {
        let reader = YAMLReader(path: "bad.yml")
        #expect(reader.parse("a: [1, 2\nb: 3\n") == nil)
        #expect(reader.problems.first?.line == 2)
        #expect(reader.problems.first?.message.hasPrefix("invalid YAML:") == true)
    }
}
