import Check
import Model

extension CINCensus {
    /// A field that must be present, or must be present together with another.
    static let required: [Rule] = [
        .cin("8610", "primary-need-missing", .sufficiency,
             fields: ["ReferralNFA", "PrimaryNeedCode"],
             message: "Primary Need code is missing for a referral which led to further action.",
             rationale: "A referral that leads to further action must record the child's primary need.",
             examples: [
                .bad("further action, no primary need", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>false</ReferralNFA></CINdetails></Child>
                    """),
                .good("further action with primary need N1", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate><PrimaryNeedCode>N1</PrimaryNeedCode><ReferralNFA>false</ReferralNFA></CINdetails></Child>
                    """),
                .good("no further action needs no primary need", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>true</ReferralNFA></CINdetails></Child>
                    """),
             ]) { child, out in
            for episode in child.episodes {
                let nfa = episode[.referralNFA]
                guard isFalseFlag(nfa), episode.text(.primaryNeed) == nil else { continue }
                out.report("no primary need code recorded for a referral that led to further action",
                           at: episode[.primaryNeed], or: episode, missing: "PrimaryNeedCode",
                           notes: nfa.map { [out.note("ReferralNFA is \($0.text) here", at: $0, of: episode)] } ?? [])
            }
        },
        .cin("8805", "closure-date-without-reason", .sufficiency,
             fields: ["CINclosureDate", "ReasonForClosure"],
             message: "A CIN case cannot have a CIN closure date without a Reason for Closure",
             rationale: "A closed episode records why it closed.",
             examples: [
                .bad("closed without a reason", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-08-01</CINclosureDate></CINdetails></Child>
                    """),
                .good("closed with reason RC1", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-08-01</CINclosureDate><ReasonForClosure>RC1</ReasonForClosure></CINdetails></Child>
                    """),
             ]) { child, out in
            for episode in child.episodes {
                guard let closed = episode[.closureDate], closed.day != nil, episode.text(.closureReason) == nil else { continue }
                out.report("episode closed on \(closed.day!) with no recorded reason for closure", at: closed, of: episode)
            }
        },
        .cin("8810", "closure-reason-without-date", .sufficiency,
             fields: ["ReasonForClosure", "CINclosureDate"],
             message: "A CIN case cannot have a Reason for Closure without a CIN Closure Date",
             rationale: "A reason for closure belongs to an episode that has closed, on a recorded date.",
             examples: [
                .bad("reason without a closure date", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate><ReasonForClosure>RC1</ReasonForClosure></CINdetails></Child>
                    """),
                .good("open episode without a reason", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate></CINdetails></Child>
                    """),
             ]) { child, out in
            for episode in child.episodes {
                guard let reason = episode[.closureReason], !reason.isEmpty, episode.day(.closureDate) == nil else { continue }
                out.report("reason for closure \(reason.text) recorded but no closure date", at: reason, of: episode)
            }
        },
    ]
}
