import Check
import Model

extension CINCensus {
    /// Referral source codes of the CIN census code set.
    static let referralSources: Set<String> = [
        "1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F",
        "4", "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10",
    ]

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
    ]
}
