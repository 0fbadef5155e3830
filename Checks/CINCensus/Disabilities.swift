import Check
import Model

extension CINCensus {
    /// Disability codes of the CIN census code set.
    static let disabilityCodes: CodeSet = [
        "NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA",
    ]

    /// Disabilities recorded for the child.
    static let disabilities: [Rule] = [
        .cin("8540", "disability-missing-or-invalid", .sufficiency,
             fields: ["Disability", "PersonBirthDate", "ReferralNFA"],
             message: "Child’s disability is missing or invalid (see Disability table)",
             rationale: "A born child referred on to further action has at least one disability code recorded (NONE when there is none), and every code is one of the DfE's.",
             examples: [
                .bad("further action and no disability", exampleChild(ids: "<PersonBirthDate>2015-05-01</PersonBirthDate>", "<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>false</ReferralNFA>")),
                .bad("code BLIND", exampleChild(ids: "<PersonBirthDate>2015-05-01</PersonBirthDate>", characteristics: "<ChildCharacteristics><Disabilities><Disability>BLIND</Disability></Disabilities></ChildCharacteristics>", "<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>false</ReferralNFA>")),
                .good("NONE", exampleChild(ids: "<PersonBirthDate>2015-05-01</PersonBirthDate>", characteristics: "<ChildCharacteristics><Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>", "<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>false</ReferralNFA>")),
                .good("no further action needs no disability", exampleChild(ids: "<PersonBirthDate>2015-05-01</PersonBirthDate>", "<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>true</ReferralNFA>")),
             ]) { child, out in
            let person = child.person
            guard person.day(.birthDate) != nil,
                  let episode = child.episodes.first(where: { isFalseFlag($0[.referralNFA]) }) else { return }
            let codes = person.all(.disability)
            if codes.isEmpty {
                out.report("no disability recorded (NONE if the child has none)", at: person, missing: "ChildCharacteristics/Disabilities",
                           notes: [out.note("the referral of \(shown(episode[.referralDate])) goes on to further action", at: episode)])
            } else if let bad = codes.first(where: { !disabilityCodes.contains($0.text) }) {
                let what: Message = bad.isEmpty ? "an empty disability code" : "disability '\(bad.text)', which is not a DfE disability code"
                out.report("\(what) is recorded", at: bad, of: person,
                           notes: [out.note("the referral of \(shown(episode[.referralDate])) goes on to further action", at: episode)])
            }
        },
        .cin("8790", "disability-none-and-other", .consistency,
             fields: ["Disability"],
             message: "Disability information includes both None and other values",
             rationale: "NONE says the child has no disability; any other code next to it contradicts it.",
             examples: [
                .bad("NONE and HAND", exampleChild(characteristics: "<ChildCharacteristics><Disabilities><Disability>NONE</Disability><Disability>HAND</Disability></Disabilities></ChildCharacteristics>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                .good("HAND and HEAR", exampleChild(characteristics: "<ChildCharacteristics><Disabilities><Disability>HAND</Disability><Disability>HEAR</Disability></Disabilities></ChildCharacteristics>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
             ]) { child, out in
            let person = child.person
            let codes = person.all(.disability)
            guard codes.count > 1, let none = codes.first(where: { $0.text.uppercased() == "NONE" }),
                  let other = codes.first(where: { $0.text.uppercased() != "NONE" }) else { return }
            let what: Message = other.isEmpty ? "an empty code" : "'\(other.text)'"
            out.report("disability NONE is recorded together with \(what)", at: other, of: person,
                       notes: [out.note("NONE is recorded here", at: none, of: person)])
        },
        .cin("8794", "disability-repeated", .consistency,
             fields: ["Disability"],
             message: "Child has two or more disabilities with the same code",
             rationale: "Each disability is recorded once; a repeated code is usually a copying mistake.",
             examples: [
                .bad("HAND twice", exampleChild(characteristics: "<ChildCharacteristics><Disabilities><Disability>HAND</Disability><Disability>HAND</Disability></Disabilities></ChildCharacteristics>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                .good("HAND and HEAR", exampleChild(characteristics: "<ChildCharacteristics><Disabilities><Disability>HAND</Disability><Disability>HEAR</Disability></Disabilities></ChildCharacteristics>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
             ]) { child, out in
            let person = child.person
            let codes = person.all(.disability)
            guard codes.count > 1 else { return }
            var seen: [String: Field] = [:]
            for code in codes where !code.isEmpty {
                if let first = seen[code.text] {
                    out.report("disability '\(code.text)' is recorded more than once", at: code, of: person,
                               notes: [out.note("it is first recorded here", at: first, of: person)])
                    return
                }
                seen[code.text] = code
            }
        },
    ]
}
