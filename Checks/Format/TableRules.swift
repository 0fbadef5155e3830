import Check
import Model

/// Findings of the CSV and JSON readers and of the row mapper (interchange files, SSDA903
/// tables, exports read through a mapping profile). Their examples run through the real
/// readers: CSV and JSON text, with a profile where the point is the mapping.
public enum TableRules {
    static func reader(_ id: String, _ name: String, _ severity: Severity, message: String, rationale: String,
                       examples: [Example]) -> Rule {
        Rule(id: id, name: name, category: .format, severity: severity, message: message, rationale: rationale,
             source: "caselint reader", examples: examples, check: .reader)
    }

    /// A profile for the examples: a police incidents export.
    static let policeProfile = """
        profile: police-example
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
          dashRisk: { column: DASH, values: { S: standard, M: medium, H: high } }
        """

    /// A case-notes export profile with a declared encoding.
    static func notesProfile(encoding: String) -> String {
        """
        profile: notes-example
        agency: social-care
        encoding: \(encoding)
        match: { header: [CHILD, NOTE] }
        record: caseNote
        fields: { laChildID: CHILD, text: NOTE }
        """
    }

    public static let all: [Rule] = [
        reader("CSV001", "ragged-row", .error,
               message: "A CSV row has more or fewer fields than the header",
               rationale: "A missing or extra delimiter shifts every later value into the wrong column; the row's values cannot be trusted.",
               examples: [
                .bad(.csv, "an extra field", "record,laChildID,date\nvisit,A1,2024-05-01,extra\n"),
                .bad(.csv, "a missing field", "record,laChildID,date\nvisit,A1\n"),
                .good(.csv, "every row as wide as the header", "record,laChildID,date\nvisit,A1,2024-05-01\n"),
               ]),
        reader("CSV002", "stray-quote", .error,
               message: "A quote inside an unquoted field, or text after a closing quote",
               rationale: "RFC 4180 quotes whole fields and doubles quotes inside them; a stray quote usually means a value was cut or pasted badly.",
               examples: [
                .bad(.csv, "a quote inside an unquoted field", "record,laChildID,text\ncaseNote,A1,said \"no\" twice\n"),
                .bad(.csv, "text after the closing quote", "record,laChildID,text\ncaseNote,A1,\"said no\" twice\n"),
                .good(.csv, "a quoted field with doubled quotes, a comma and a line break",
                      "record,laChildID,text\ncaseNote,A1,\"said \"\"no\"\", twice\nthen left\"\n"),
               ]),
        reader("CSV003", "unterminated-quote", .error,
               message: "The file ends inside a quoted field",
               rationale: "An opening quote that is never closed swallows the rest of the file into one value; the position is the opening quote.",
               examples: [
                .bad(.csv, "the closing quote is missing", "record,laChildID,text\ncaseNote,A1,\"said no\ncaseNote,A2,fine\n"),
                .good(.csv, "closed quotes", "record,laChildID,text\ncaseNote,A1,\"said no\"\ncaseNote,A2,fine\n"),
               ]),
        reader("CSV004", "invalid-utf8", .warning,
               message: "Text that is not valid UTF-8 in a file read as UTF-8",
               rationale: "Legacy systems write Windows-1252; read as UTF-8 its accented letters become replacement characters. Declare the encoding in the profile.",
               examples: [
                .bad(.csv, "a Windows-1252 é in a file whose profile says UTF-8", "CHILD,NOTE\nA1,caf\\x{E9} visit\n",
                     profile: notesProfile(encoding: "utf-8")),
                .good(.csv, "the same file with its encoding declared", "CHILD,NOTE\nA1,caf\\x{E9} visit\n",
                      profile: notesProfile(encoding: "windows-1252")),
               ]),
        reader("JSON001", "malformed-json", .error,
               message: "The file is not valid JSON",
               rationale: "A file that does not parse cannot be read past the error; the position is exact, and the records before it are still checked.",
               examples: [
                .bad(.json, "a trailing comma", #"[{"record": "visit", "laChildID": "A1",}]"#),
                .bad(.json, "a missing comma between records", #"[{"record": "person", "laChildID": "A1"} {"record": "person", "laChildID": "A2"}]"#),
                .good(.json, "well-formed", #"[{"record": "person", "laChildID": "A1"}]"#),
               ]),
        reader("JSON002", "duplicate-key", .warning,
               message: "A key occurs twice in one JSON object; the first is used",
               rationale: "JSON parsers disagree on which of two equal keys wins; an export that writes both has a bug worth knowing about.",
               examples: [
                .bad(.json, "date given twice", #"[{"record": "visit", "laChildID": "A1", "date": "2024-05-01", "date": "2024-05-02"}]"#),
                .good(.json, "distinct keys", #"[{"record": "visit", "laChildID": "A1", "date": "2024-05-01"}]"#),
               ]),
        reader("JSON003", "record-not-object", .error,
               message: "A record in a JSON file is not an object",
               rationale: "Each record must be an object of keys and values; a bare number or string in the records array cannot be mapped.",
               examples: [
                .bad(.json, "a string among the records", #"[{"record": "person", "laChildID": "A1"}, "A2"]"#),
                .good(.json, "objects only", #"[{"record": "person", "laChildID": "A1"}, {"record": "person", "laChildID": "A2"}]"#),
               ]),
        reader("MAP006", "unmapped-value", .warning,
               message: "A value outside its field's values: no entry in the profile's value map, not a standard code, not yes/no, not a number",
               rationale: "A local code the profile does not translate, or a value of the wrong kind, cannot be compared with other agencies' records; it is kept as written and reported.",
               examples: [
                .bad(.csv, "a DASH level the profile's value map lacks", "REF,PERSON,WHEN,DA,DASH\nI1,P1,01/05/2024,Y,X\n", profile: policeProfile),
                .bad(.csv, "a yes/no field holding something else", "record,laChildID,date,seenAlone\nvisit,A1,2024-05-01,maybe\n"),
                .bad(.csv, "a relationship that is not a standard code", "record,laChildID,relationship\nhouseholdMember,A1,boyfriend\n"),
                .good(.csv, "mapped values", "REF,PERSON,WHEN,DA,DASH\nI1,P1,01/05/2024,Y,H\n", profile: policeProfile),
               ]),
        reader("MAP007", "unknown-field", .warning,
               message: "A column or key that is not a field of the record's type; it is not checked",
               rationale: "Interchange files use the vocabulary's names (docs/interchange.md); a misspelt column would otherwise vanish silently.",
               examples: [
                .bad(.csv, "a misspelt column", "record,laChildID,date,seenAlon\nvisit,A1,2024-05-01,true\n"),
                .bad(.json, "a field of another record type", #"[{"record": "visit", "laChildID": "A1", "dashRisk": "high"}]"#),
                .good(.csv, "known columns", "record,laChildID,date,seenAlone\nvisit,A1,2024-05-01,true\n"),
               ]),
        reader("MAP008", "unknown-record-type", .error,
               message: "A row whose record type is missing or not one of the interchange record types; it is not checked",
               rationale: "The record type decides what every other value means; a row without a known type cannot be mapped.",
               examples: [
                .bad(.csv, "a misspelt record type", "record,laChildID,date\nvisits,A1,2024-05-01\n"),
                .good(.csv, "a known record type", "record,laChildID,date\nvisit,A1,2024-05-01\n"),
               ]),
    ]
}
