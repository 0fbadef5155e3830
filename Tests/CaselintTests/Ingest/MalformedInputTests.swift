import Testing

/// Malformed inputs — CSV, JSON and mapping profiles — each giving the expected finding at
/// the expected line and column. Configuration errors are `config file:line:col`.
@Suite struct MalformedInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let files: [(String, [UInt8])]
        let expected: String
        var testDescription: String { name }

        init(_ name: String, _ file: String, _ text: String, _ expected: String) {
            self.name = name
            files = [(file, Array(text.utf8))]
            self.expected = expected
        }
        init(_ name: String, bytes file: String, _ bytes: [UInt8], _ expected: String) {
            self.name = name
            files = [(file, bytes)]
            self.expected = expected
        }
        init(_ name: String, profile: String, data: (String, String), _ expected: String) {
            self.name = name
            files = [("p.profile.yml", Array(profile.utf8)), (data.0, Array(data.1.utf8))]
            self.expected = expected
        }
    }

    static let police = """
        profile: police
        agency: police
        match:
          header: [REF, PERSON]
        record: policeIncident
        dates: dd/MM/yyyy
        fields:
          incidentID: REF
          policePersonID: PERSON
          date: WHEN
          domesticAbuse: { column: DA, values: { Y: true, N: false } }
        """
    static let policeData = ("incidents.csv", "REF,PERSON,WHEN,DA\nI1,P1,01/05/2024,Y\n")

    static func profile(_ replace: String, with: String) -> String { police.replacingOccurrences(of: replace, with: with) }

    static let cases: [Case] = [
        // CSV syntax
        Case("ragged row: an extra field", "a.csv", "record,laChildID\nperson,A1,x\n", "CSV001 2:11"),
        Case("ragged row: a missing field", "a.csv", "record,laChildID,sex\nperson,A1\n", "CSV001 2:1"),
        Case("a quote inside an unquoted field", "a.csv", "record,laChildID,text\ncaseNote,A1,ab\"c\n", "CSV002 2:15"),
        Case("text after a closing quote", "a.csv", "record,laChildID,text\ncaseNote,A1,\"ab\"c\n", "CSV002 2:17"),
        Case("an unterminated quoted field", "a.csv", "record,laChildID,text\ncaseNote,A1,\"abc\ncaseNote,A2,x\n", "CSV003 2:13"),
        Case("CRLF line ends", "a.csv", "record,laChildID\r\nperson,A1\r\nperson,A2,x\r\n", "CSV001 3:11"),
        Case("CR line ends", "a.csv", "record,laChildID,sex\rperson,A1,M\rperson\r", "CSV001 3:1"),
        Case("a quoted line break moves later lines", "a.csv",
             "record,laChildID,text\ncaseNote,A1,\"a\nb\"\ncaseNote,A2,x,y\n", "CSV001 4:15"),
        Case("a byte-order mark does not shift columns", "a.csv",
             "\u{FEFF}record,laChildID,birthDate\nperson,A1,2024-02-30\n", "MAP003 2:11"),
        Case("semicolon-delimited", "a.csv", "record;laChildID;birthDate\nperson;A1;31/01/2020\n", "MAP003 2:11"),
        Case("tab-delimited", "a.csv", "record\tlaChildID\tsex\nperson\tA1\tM\textra\n", "CSV001 2:13"),
        Case("pipe-delimited", "a.csv", "record|laChildID|date|seenAlone\nvisit|A1|2024-05-01|perhaps\n", "MAP006 2:21"),
        Case("columns count characters, not bytes", "a.csv",
             "record,laChildID,text,birthDate\nperson,Ä1,,2024-99-01\n", "MAP003 2:12"),
        Case("Windows-1252 is detected and counted per byte", bytes: "a.csv",
             Array("record,laChildID,familyName,birthDate\nperson,A1,Caf".utf8) + [0xE9] + Array(",2024-99-01\n".utf8), "MAP003 2:16"),
        Case("an unknown interchange column", "a.csv", "record,laChildID,sen\nvisit,A1,x\n", "MAP007 1:18"),
        Case("an unknown record type", "a.csv", "record,laChildID\nvisitt,A1\n", "MAP008 2:1"),
        // JSON syntax
        Case("a trailing comma in an object", "a.json", #"[{"record":"person","laChildID":"A1",}]"#, "JSON001 1:38"),
        Case("a missing comma between records", "a.json", "[{\"record\":\"person\"}\n{\"record\":\"person\"}]", "JSON001 2:1"),
        Case("an unterminated string", "a.json", #"[{"record":"person","laChildID":"A1}]"#, "JSON001 1:33"),
        Case("a misspelt literal", "a.json", #"[{"record":"person","x":tru}]"#, "JSON001 1:25"),
        Case("a number with a leading zero", "a.json", #"[{"record":"person","laChildID":01}]"#, "JSON001 1:33"),
        Case("a duplicate key", "a.json", #"[{"record":"person","laChildID":"A1","laChildID":"A2"}]"#, "JSON002 1:38"),
        Case("a record that is not an object", "a.json", "[{\"record\":\"person\",\"laChildID\":\"A1\"},\n 42]", "JSON003 2:2"),
        Case("JSON Lines with an error on line 3", "a.jsonl",
             "{\"record\":\"person\",\"laChildID\":\"A1\"}\n{\"record\":\"person\",\"laChildID\":\"A2\"}\n{\"record\":\"person\" \"laChildID\":\"A3\"}\n",
             "JSON001 3:20"),
        Case("a tab inside a string", "a.json", "[{\"record\":\"caseNote\",\"laChildID\":\"A1\",\"text\":\"a\tb\"}]", "JSON001 1:49"),
        Case("the file ends inside a record", "a.json", #"[{"record":"person""#, "JSON001 1:20"),
        Case("text after the end of the document", "a.json", #"[{"record":"person","laChildID":"A1"}] x"#, "JSON001 1:40"),
        Case("an invalid date in JSON", "a.json", #"[{"record":"person","laChildID":"A1","birthDate":"2020-02-30"}]"#, "MAP003 1:51"),
        Case("an unknown key under a records member", "a.json",
             "{\"records\": [\n  {\"record\": \"visit\", \"laChildID\": \"A1\", \"seen\": true}\n]}", "MAP007 2:42"),
        // Profiles
        Case("a profile maps onto an unknown field", profile: profile("  date: WHEN", with: "  dat: WHEN"), data: policeData,
             "config p.profile.yml:10:3"),
        Case("a profile names a column the file lacks", profile: profile("date: WHEN", with: "date: WHEN_DATE"), data: policeData,
             "config p.profile.yml:10:9"),
        Case("a profile's date pattern is invalid", profile: profile("dates: dd/MM/yyyy", with: "dates: dd/QQ/yyyy"), data: policeData,
             "config p.profile.yml:6:8"),
        Case("a profile's record type is unknown", profile: profile("record: policeIncident", with: "record: policeIncidnt"),
             data: policeData, "config p.profile.yml:5:9"),
        Case("a profile maps a yes/no field to something else", profile: profile("Y: true", with: "Y: often"), data: policeData,
             "config p.profile.yml:11:45"),
        Case("a profile has an unknown key", profile: profile("agency: police", with: "agency: police\nagencyy: police"),
             data: policeData, "config p.profile.yml:3:1"),
        Case("a profile is not valid YAML", profile: profile("  header: [REF, PERSON]", with: "  header: [REF, PERSON"),
             data: policeData, "config p.profile.yml:5:7"),
        Case("a profile's value map misses a value", profile: police, data: ("incidents.csv", "REF,PERSON,WHEN,DA\nI1,P1,01/05/2024,maybe\n"),
             "MAP006 2:18"),
        Case("a date that does not follow the profile's pattern", profile: police,
             data: ("incidents.csv", "REF,PERSON,WHEN,DA\nI1,P1,2024-05-01,Y\n"), "MAP003 2:7"),
    ]

    @Test(arguments: cases)
    func givesTheExpectedFindingAtItsPosition(_ c: Case) throws {
        let result = try lintFiles(c.files, select: ["CSV", "JSON", "MAP"])
        #expect(result.positions.contains(c.expected), "\(c.name): expected \(c.expected), got \(result.positions)")
    }

    @Test func theTableIsLargeEnough() {
        #expect(MalformedInputTests.cases.count >= 25)
    }
}
