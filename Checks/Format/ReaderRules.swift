import Check
import Model

/// Findings made while reading and mapping files, before any rule sees a child. They are
/// rules like any other: they can be explained, selected, ignored and baselined.
public enum ReaderRules {
    static func reader(_ id: String, _ name: String, _ severity: Severity, message: String, rationale: String,
                       examples: [Example]) -> Rule {
        Rule(id: id, name: name, category: .format, severity: severity, message: message, rationale: rationale,
             source: "caselint reader", examples: examples, check: .reader)
    }

    public static let all: [Rule] = [
        Rule(id: "IO001", name: "unreadable-input", category: .format, severity: .error,
             message: "A path given on the command line does not exist or cannot be read",
             rationale: "Checking nothing must not look like checking successfully; the run exits with status 2.",
             source: "caselint", check: .reader),
        Rule(id: "IO002", name: "not-an-export", category: .format, severity: .warning,
             message: "A file named on the command line is not an export caselint recognises; it is not checked",
             rationale: "Files found in a folder that are not exports are skipped quietly (listed with --verbose); a file the user named deserves a word.",
             source: "caselint", check: .reader),
        reader("XML001", "malformed-xml", .error,
               message: "The file is not well-formed XML",
               rationale: "A file that does not parse cannot be checked past the error; the position is libxml2's.",
               examples: [
                .bad("mismatched end tag", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifier></Child>
                    """),
                .bad("an external entity is refused, not fetched", """
                    <?xml version="1.0"?>
                    <!DOCTYPE Message [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                    <Message><Children><Child><ChildIdentifiers><LAchildID>&x;</LAchildID></ChildIdentifiers></Child></Children></Message>
                    """),
                .good("well-formed", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers></Child>
                    """),
               ]),
        reader("MAP001", "unknown-element", .warning,
               message: "An element the layout does not define; it is not checked",
               rationale: "Data in an element the census does not define is ignored by the DfE; it is reported rather than dropped silently.",
               examples: [
                .bad("misspelt element", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID><UPNN>T850728973744</UPNN></ChildIdentifiers></Child>
                    """),
                .good("known elements", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID><UPN>T850728973744</UPN></ChildIdentifiers></Child>
                    """),
               ]),
        reader("MAP002", "stray-text", .warning,
               message: "Text outside any value element; it is not checked",
               rationale: "Text between elements is usually a broken edit of the file.",
               examples: [
                .bad("text between two elements", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID>oops<UPN>T850728973744</UPN></ChildIdentifiers></Child>
                    """),
                .good("only whitespace between elements", """
                    <Child>
                      <ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    </Child>
                    """),
               ]),
        reader("MAP003", "invalid-date", .error,
               message: "A date that is not a valid yyyy-mm-dd date",
               rationale: "A date in another format, or a date that does not exist (2024-02-30), cannot be compared; rules treat it as missing.",
               examples: [
                .bad("day-first date", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>31/01/2024</CINreferralDate></CINdetails></Child>
                    """),
                .bad("30 February", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-02-30</CINreferralDate></CINdetails></Child>
                    """),
                .good("ISO date", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-02-29</CINreferralDate></CINdetails></Child>
                    """),
               ]),
        reader("MAP004", "repeated-element", .warning,
               message: "A single-valued element appears more than once in a record; only the first is checked",
               rationale: "The DfE validator reads the first occurrence; a second one is usually a merge mistake.",
               examples: [
                .bad("two referral dates in one episode", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate><CINreferralDate>2024-06-11</CINreferralDate></CINdetails></Child>
                    """),
                .good("repeating disabilities", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <ChildCharacteristics><Disabilities><Disability>HAND</Disability><Disability>HEAR</Disability></Disabilities></ChildCharacteristics></Child>
                    """),
               ]),
        reader("MAP005", "missing-header", .warning,
               message: "The return has no Header before its children; rules that need the reference date are not run",
               rationale: "The reference date defines the census year; without it, period and timescale rules cannot be applied.",
               examples: [
                .bad("no header", """
                    <Message><Children><Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers></Child></Children></Message>
                    """),
                .good("a child in a return with a header", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers></Child>
                    """),
               ]),
    ]
}
