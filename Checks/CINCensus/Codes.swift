import Check
import Model

extension CINCensus {
    /// Referral source codes of the CIN census code set.
    static let referralSources: CodeSet = [
        "1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F",
        "4", "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10",
    ]
    static let closureReasons: CodeSet = ["RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC9"]
    static let primaryNeeds: CodeSet = ["N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"]
    static let abuseCategories: CodeSet = ["NEG", "PHY", "SAB", "EMO", "MUL"]

    /// A code must come from its DfE code list.
    static let codes: [Rule] = [
        .cin("8866", "referral-source-invalid", .format,
             fields: ["CINreferralDate", "ReferralSource"],
             message: "Source of Referral is missing or an invalid code",
             rationale: "The referral source shows which agencies refer children; it must be one of the DfE codes (for referrals from 1 April 2013).",
             examples: [
                .bad("unknown source code 11", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate><ReferralSource>11</ReferralSource></CINdetails></Child>
                    """),
                .bad("no source", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate></CINdetails></Child>
                    """),
                .good("police referral (6)", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate><ReferralSource>6</ReferralSource></CINdetails></Child>
                    """),
             ]) { child, out in
            let since = Day(year: 2013, month: 4, day: 1)!
            for episode in child.episodes {
                guard let r = episode.day(.referralDate), r >= since else { continue }
                let source = episode[.referralSource]
                if let text = source.map(\.text), !text.isEmpty {
                    guard !referralSources.contains(text) else { continue }
                    out.report("referral source '\(text)' is not a DfE referral source code", at: source!, of: episode)
                } else {
                    out.report("no referral source recorded for the referral of \(r)", at: source, or: episode, missing: "ReferralSource")
                }
            }
        },
        .cin("8640", "closure-reason-invalid", .format,
             fields: ["ReasonForClosure"],
             message: "CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)",
             rationale: "The reason for closure must be one of RC1–RC9 so that the census can report why episodes end.",
             examples: [
                .bad("RC10", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-08-01</CINclosureDate><ReasonForClosure>RC10</ReasonForClosure>")),
                .good("RC8", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-08-01</CINclosureDate><ReasonForClosure>RC8</ReasonForClosure>")),
             ]) { child, out in
            for episode in child.episodes {
                guard let reason = episode[.closureReason], !reason.isEmpty, !closureReasons.contains(reason.text) else { continue }
                out.report("reason for closure '\(reason.text)' is not one of RC1-RC9", at: reason, of: episode)
            }
        },
        .cin("8650", "primary-need-invalid", .format,
             fields: ["PrimaryNeedCode"],
             message: "Primary Need Code invalid (see Primary Need table in CIN census code set)",
             rationale: "The primary need must be one of N0–N9 so that the census can report why children need help.",
             examples: [
                .bad("N10", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><PrimaryNeedCode>N10</PrimaryNeedCode>")),
                .good("N1", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><PrimaryNeedCode>N1</PrimaryNeedCode>")),
             ]) { child, out in
            for episode in child.episodes {
                guard let need = episode[.primaryNeed], !need.isEmpty, !primaryNeeds.contains(need.text) else { continue }
                out.report("primary need '\(need.text)' is not one of N0-N9", at: need, of: episode)
            }
        },
        .cin("8568", "referral-nfa-invalid", .format,
             fields: ["ReferralNFA"],
             message: "RNFA flag is missing or invalid",
             rationale: "Every referral says whether it led to no further action: true or false (1 or 0).",
             examples: [
                .bad("no ReferralNFA", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate>")),
                .bad("yes", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>yes</ReferralNFA>")),
                .good("0", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>0</ReferralNFA>")),
                .good("TRUE", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>TRUE</ReferralNFA>")),
             ]) { child, out in
            for episode in child.episodes {
                let nfa = episode[.referralNFA]
                guard dfeFlag(nfa) == nil else { continue }
                if let nfa, !nfa.isEmpty {
                    out.report("ReferralNFA '\(nfa.text)' is not true, false, 1 or 0", at: nfa, of: episode)
                } else {
                    out.report("no ReferralNFA recorded for the referral of \(shown(episode[.referralDate]))", at: nfa, or: episode, missing: "ReferralNFA")
                }
            }
        },
        .cin("8905", "initial-abuse-category-invalid", .format,
             fields: ["InitialCategoryOfAbuse"],
             message: "Initial Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)",
             rationale: "A child protection plan records the category of abuse it starts under: NEG, PHY, SAB, EMO or MUL.",
             examples: [
                .bad("no initial category", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse></ChildProtectionPlans>")),
                .good("NEG", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse></ChildProtectionPlans>")),
             ]) { child, out in
            abuseCategory(child, &out, .initialCategory, "InitialCategoryOfAbuse", "initial")
        },
        .cin("8910", "latest-abuse-category-invalid", .format,
             fields: ["LatestCategoryOfAbuse"],
             message: "Latest Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)",
             rationale: "A child protection plan records the latest category of abuse it is under: NEG, PHY, SAB, EMO or MUL.",
             examples: [
                .bad("category SEX", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><LatestCategoryOfAbuse>SEX</LatestCategoryOfAbuse></ChildProtectionPlans>")),
                .good("MUL", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><LatestCategoryOfAbuse>MUL</LatestCategoryOfAbuse></ChildProtectionPlans>")),
             ]) { child, out in
            abuseCategory(child, &out, .latestCategory, "LatestCategoryOfAbuse", "latest")
        },
        .cin("8730", "previous-plans-missing", .sufficiency,
             fields: ["NumberOfPreviousCPP"],
             message: "Total Number of previous Child Protection Plans missing",
             rationale: "Each child protection plan records how many plans the child had before (0 or more), which the census uses to count repeat plans.",
             examples: [
                .bad("no count", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate></ChildProtectionPlans>")),
                .bad("-1", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><NumberOfPreviousCPP>-1</NumberOfPreviousCPP></ChildProtectionPlans>")),
                .good("0", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><NumberOfPreviousCPP>0</NumberOfPreviousCPP></ChildProtectionPlans>")),
             ]) { child, out in
            for plan in child.records(.cpPlan) {
                let count = plan[.previousPlans]
                if let count, !count.isEmpty {
                    if let n = count.integer, n >= 0 { continue }
                    out.report("number of previous child protection plans '\(count.text)' is not a whole number of 0 or more", at: count, of: plan)
                } else {
                    out.report("no number of previous child protection plans recorded for the plan starting \(shown(plan[.startDate]))",
                               at: count, or: plan, missing: "NumberOfPreviousCPP")
                }
            }
        },
    ]

    private static func abuseCategory(_ child: Child, _ out: inout Findings, _ key: FieldKey, _ name: String, _ which: String) {
        for plan in child.records(.cpPlan) {
            let category = plan[key]
            if let category, !category.isEmpty {
                guard !abuseCategories.contains(category.text) else { continue }
                out.report("\(which) category of abuse '\(category.text)' is not one of EMO, MUL, NEG, PHY or SAB", at: category, of: plan)
            } else {
                out.report("no \(which) category of abuse recorded for the plan starting \(shown(plan[.startDate]))",
                           at: category, or: plan, missing: name)
            }
        }
    }
}
