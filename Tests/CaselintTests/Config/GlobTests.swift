import Discover
import Testing

@Suite struct GlobTests {
    @Test func patterns() {
        #expect(Glob("*.xml").matches("exports/2025/cin.xml"), "a pattern without / matches a name in any folder")
        #expect(!Glob("*.xml").matches("exports/notes.txt"))
        #expect(Glob("exports/*.xml").matches("exports/cin.xml"))
        #expect(!Glob("exports/*.xml").matches("exports/2025/cin.xml"), "* stays within a folder")
        #expect(Glob("exports/**/*.xml").matches("exports/cin.xml"))
        #expect(Glob("exports/**/*.xml").matches("exports/a/b/cin.xml"))
        #expect(Glob("**/archive/**").matches("exports/archive/2019/old.xml"))
        #expect(Glob("**/archive/**").matches("archive/old.xml"))
        #expect(!Glob("**/archive/**").matches("exports/archived/old.xml"))
        #expect(Glob("archive/").matches("archive/old.xml"))
        #expect(Glob("cin-202?.xml").matches("cin-2024.xml"))
        #expect(Glob("cin-[0-9][0-9].xml").matches("cin-24.xml"))
        #expect(!Glob("cin-[!0-9]*.xml").matches("cin-24.xml"))
        #expect(Glob("./exports/*.csv").matches("exports/police.csv"))
    }

    @Test func filterIsRelativeToTheConfigurationFolder() {
        let filter = PathFilter(base: "/data", include: [Glob("exports/**")], exclude: [Glob("*.bak")])
        #expect(filter.rejection(of: "exports/a.xml", workingDirectory: "/data") == nil)
        #expect(filter.rejection(of: "../exports/a.xml", workingDirectory: "/data/sub") == nil)
        #expect(filter.rejection(of: "other/a.xml", workingDirectory: "/data") == "not matched by any include pattern in the configuration")
        #expect(filter.rejection(of: "exports/a.bak", workingDirectory: "/data") == "excluded by the pattern '*.bak' in the configuration")
    }
}
