import Check
import Model

/// Limits that keep a hostile or broken file from costing unbounded memory or time. Each
/// breach is reported where it happens; the defaults are in `Limits`.
public enum LimitRules {
    static func small(_ change: (inout Limits) -> Void) -> Limits {
        var l = Limits()
        change(&l)
        return l
    }

    public static let all: [Rule] = [
        Rule(id: "LIM001", name: "value-too-long", category: .format, severity: .error,
             message: "A value is longer than the size limit; only its first part is kept",
             rationale: "A single value of many megabytes is a broken or hostile export; keeping it whole would cost memory without helping any check.",
             source: "caselint limits (maxValueBytes, default 1 MiB)",
             examples: [
                .bad("a 100-byte id with a 64-byte limit", """
                    <Child><ChildIdentifiers><LAchildID>\(String(repeating: "X", count: 100))</LAchildID></ChildIdentifiers></Child>
                    """).with(limits: small { $0.maxValueBytes = 64 }),
                .good("a short id", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers></Child>
                    """).with(limits: small { $0.maxValueBytes = 64 }),
             ], check: .reader),
        Rule(id: "LIM002", name: "nesting-too-deep", category: .format, severity: .error,
             message: "Elements are nested deeper than the limit; the rest of the file is not read",
             rationale: "Exports are a few levels deep; thousands of levels are a broken or hostile file, and reading on would cost memory and time.",
             source: "caselint limits (maxDepth, default 256)",
             examples: [
                .bad("nine levels with a limit of eight", """
                    <Child><ChildIdentifiers><LAchildID><a><b><c><d><e>x</e></d></c></b></a></LAchildID></ChildIdentifiers></Child>
                    """).with(limits: small { $0.maxDepth = 8 }),
                .good("the census's own depth", """
                    <Child><CINdetails><ChildProtectionPlans><Reviews><CPPreviewDate>2024-09-01</CPPreviewDate></Reviews></ChildProtectionPlans></CINdetails></Child>
                    """).with(limits: small { $0.maxDepth = 8 }),
             ], check: .reader),
        Rule(id: "LIM003", name: "too-many-findings", category: .format, severity: .warning,
             message: "More findings in one file than the limit; the rest are counted, not shown",
             rationale: "A file with hundreds of thousands of findings is usually wrong as a whole; the first ones say what to fix, and memory stays bounded.",
             source: "caselint limits (maxFindingsPerFile, default 10,000)",
             examples: [
                .bad("three invalid dates with a limit of two findings", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>x</CINreferralDate><CINclosureDate>y</CINclosureDate><DateOfInitialCPC>z</DateOfInitialCPC></CINdetails></Child>
                    """).with(limits: small { $0.maxFindingsPerFile = 2 }),
                .good("two invalid dates with a limit of two findings", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>x</CINreferralDate><CINclosureDate>y</CINclosureDate></CINdetails></Child>
                    """).with(limits: small { $0.maxFindingsPerFile = 2 }),
             ], check: .reader),
    ]
}
