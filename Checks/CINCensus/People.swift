import Check
import Model

extension CINCensus {
    static let ethnicities: CodeSet = [
        "ABAN", "AIND", "AOTH", "APKN", "BAFR", "BCRB", "BOTH", "CHNE", "MOTH", "MWAS",
        "MWBA", "MWBC", "NOBT", "OOTH", "REFU", "WBRI", "WIRI", "WIRT", "WOTH", "WROM",
    ]

    /// The child: sex, ethnicity, births and deaths, UPN expectations, episodes.
    static let people: [Rule] = [
        .cin("4180", "sex-missing-or-invalid", .format,
             fields: ["Sex", "GenderCurrent"],
             message: "Sex must be provided and equal M, F, or U",
             rationale: "The census counts children by sex. From 2024-25 the field is Sex (M, F or U); earlier returns had GenderCurrent (1 male, 2 female, 0 not known, 9 not specified), which this rule checks in a cin2022_23 or cin2023_24 return.",
             examples: [
                .bad("sex 1 (an old GenderCurrent code)", exampleChild(ids: "<Sex>1</Sex>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                .bad("no sex", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate>")),
                .good("sex F", exampleChild(ids: "<Sex>F</Sex>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                .good("2023-24 return: GenderCurrent 2", exampleChild(ids: "<GenderCurrent>2</GenderCurrent>", "<CINreferralDate>2023-06-10</CINreferralDate>")).inYear(2024),
                .bad("2023-24 return: no GenderCurrent", exampleChild(ids: "<Sex>F</Sex>", "<CINreferralDate>2023-06-10</CINreferralDate>")).inYear(2024),
             ]) { child, out in
            let person = child.person
            let (key, name, codes, list): (FieldKey, String, [String], String) = out.context.ruleset.year >= 2025
                ? (.sex, "Sex", ["M", "F", "U"], "M, F or U") : (.genderCurrent, "GenderCurrent", ["1", "2", "0", "9"], "1, 2, 0 or 9")
            let field = person[key]
            guard let text = field?.text, !text.isEmpty else {
                out.report("no \(name) recorded (\(list))", at: field, or: person, missing: name)
                return
            }
            guard !codes.contains(text) else { return }
            out.report("\(name) '\(text)' is not one of \(list)", at: field!, of: person)
        },
        .cin("4220", "ethnicity-missing-or-invalid", .format,
             fields: ["Ethnicity"],
             message: "Ethnicity is missing or invalid (see Ethnicity table)",
             rationale: "Ethnicity must be one of the DfE's 20 codes (including REFU, refused, and NOBT, not yet obtained) so the census can report by ethnic group.",
             examples: [
                .bad("code WBR", exampleChild(characteristics: "<ChildCharacteristics><Ethnicity>WBR</Ethnicity></ChildCharacteristics>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                .bad("no ethnicity", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate>")),
                .good("not yet obtained (NOBT)", exampleChild(characteristics: "<ChildCharacteristics><Ethnicity>NOBT</Ethnicity></ChildCharacteristics>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
             ]) { child, out in
            let person = child.person
            let field = person[.ethnicity]
            guard let text = field?.text, !text.isEmpty else {
                out.report("no ethnicity recorded", at: field, or: person, missing: "ChildCharacteristics/Ethnicity")
                return
            }
            guard !ethnicities.contains(text) else { return }
            out.report("ethnicity '\(text)' is not a DfE ethnicity code", at: field!, of: person)
        },
        .cin("8520", "birth-after-census-year", .consistency,
             fields: ["PersonBirthDate", "ReferenceDate"],
             message: "Date of Birth is after data collection period (must be on or before the end of the census period)",
             rationale: "A child in the census has been born by the reference date; a later date of birth is a mistake (an unborn child has an expected date of birth instead).",
             examples: [
                .bad("born after the reference date", exampleChild(ids: "<PersonBirthDate>2025-04-02</PersonBirthDate>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                .good("born on the reference date", exampleChild(ids: "<PersonBirthDate>2025-03-31</PersonBirthDate>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
             ]) { child, out in
            guard let census = out.context.census else { return }
            let person = child.person
            guard let birth = person[.birthDate], let b = birth.day, b > census.referenceDate else { return }
            out.report("date of birth \(personal: b) is after the end of the census year (\(census.referenceDate))", at: birth, of: person)
        },
        .cin("8525Q", "birth-or-expected-birth", .sufficiency,
             fields: ["PersonBirthDate", "ExpectedPersonBirthDate"],
             message: "Either Date of Birth or Expected Date of Birth must be provided (but not both)",
             rationale: "A born child has a date of birth; an unborn child an expected one. Both, or neither, means one is wrong or missing.",
             examples: [
                .bad("both dates", exampleChild(ids: "<PersonBirthDate>2024-05-01</PersonBirthDate><ExpectedPersonBirthDate>2024-05-03</ExpectedPersonBirthDate>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                .bad("neither date", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate>")),
                .good("unborn child with an expected date", exampleChild(ids: "<ExpectedPersonBirthDate>2025-05-03</ExpectedPersonBirthDate>", "<CINreferralDate>2024-12-10</CINreferralDate>")),
             ]) { child, out in
            let person = child.person
            let birth = person[.birthDate], expected = person[.expectedBirthDate]
            switch (birth?.day, expected?.day) {
            case (.some, .some):
                out.report("both a date of birth and an expected date of birth are recorded", at: expected!, of: person,
                           notes: [out.note("the date of birth is recorded here", at: birth!, of: person)])
            case (nil, nil):
                out.report("neither a date of birth nor an expected date of birth is recorded", at: birth, or: person,
                           missing: "PersonBirthDate")
            default:
                break
            }
        },
        .cin("8530Q", "expected-birth-out-of-range", .consistency,
             fields: ["ExpectedPersonBirthDate", "ReferenceDate"],
             message: "Please check and either amend data or provide a reason: Expected Date of Birth is outside the expected range for this census (March to December of the Census Year end)",
             rationale: "An unborn child's expected date of birth falls between 30 days before the reference date and nine months after it; a date outside that range is probably a mistake.",
             examples: [
                .bad("expected a year after the reference date", exampleChild(ids: "<ExpectedPersonBirthDate>2026-04-01</ExpectedPersonBirthDate>", "<CINreferralDate>2025-02-10</CINreferralDate>")),
                .good("expected in May", exampleChild(ids: "<ExpectedPersonBirthDate>2025-05-20</ExpectedPersonBirthDate>", "<CINreferralDate>2025-02-10</CINreferralDate>")),
             ]) { child, out in
            guard let census = out.context.census else { return }
            let person = child.person
            guard let expected = person[.expectedBirthDate], let e = expected.day else { return }
            let earliest = census.referenceDate - 30, latest = census.referenceDate.adding(months: 9)
            guard e <= earliest || e >= latest else { return }
            out.report("expected date of birth \(personal: e) is outside the range for this census (after \(earliest) and before \(latest))",
                       at: expected, of: person)
        },
        .cin("8535Q", "death-before-birth", .consistency,
             fields: ["PersonDeathDate", "PersonBirthDate"],
             message: "Please check and either amend data or provide a reason: Child’s date of death should not be prior to the date of birth",
             rationale: "A child dies after being born; a date of death needs a date of birth on or before it.",
             examples: [
                .bad("death before birth", exampleChild(ids: "<PersonBirthDate>2024-05-01</PersonBirthDate><PersonDeathDate>2024-04-01</PersonDeathDate>", "<CINreferralDate>2024-04-01</CINreferralDate>")),
                .bad("death with no date of birth", exampleChild(ids: "<PersonDeathDate>2024-06-01</PersonDeathDate>", "<CINreferralDate>2024-04-01</CINreferralDate>")),
                .good("death after birth", exampleChild(ids: "<PersonBirthDate>2024-05-01</PersonBirthDate><PersonDeathDate>2024-06-01</PersonDeathDate>", "<CINreferralDate>2024-05-01</CINreferralDate>")),
             ]) { child, out in
            let person = child.person
            guard let death = person[.deathDate], let d = death.day else { return }
            if let birth = person[.birthDate], let b = birth.day {
                guard b > d else { return }
                out.report("date of death \(personal: d) is before the date of birth \(personal: b)", at: death, of: person,
                           notes: [out.note("the date of birth is recorded here", at: birth, of: person)])
            } else {
                out.report("a date of death is recorded but no date of birth", at: death, of: person)
            }
        },
        .cin("8545Q", "death-outside-census-year", .consistency,
             fields: ["PersonDeathDate"],
             message: "Please check and either amend data or provide a reason: Child's date of death should be within the census year",
             rationale: "A child who died before the census year is not in the census; a date after it has not happened yet.",
             examples: [
                .bad("died before the census year", exampleChild(ids: "<PersonBirthDate>2020-05-01</PersonBirthDate><PersonDeathDate>2024-02-01</PersonDeathDate>", "<CINreferralDate>2024-01-10</CINreferralDate>")),
                .good("died in the census year", exampleChild(ids: "<PersonBirthDate>2020-05-01</PersonBirthDate><PersonDeathDate>2024-09-01</PersonDeathDate>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
             ]) { child, out in
            guard let census = out.context.census else { return }
            let person = child.person
            guard let death = person[.deathDate], let d = death.day, !census.contains(d) else { return }
            out.report("date of death \(personal: d) is outside the census year (\(census.start) to \(census.referenceDate))", at: death, of: person)
        },
        .cin("8750", "unborn-sex-not-u", .consistency,
             fields: ["Sex", "PersonBirthDate", "ExpectedPersonBirthDate"],
             message: "Sex must equal U for an unborn child",
             rationale: "An unborn child's sex is not recorded: U from 2024-25 (GenderCurrent 0 in earlier returns).",
             examples: [
                .bad("unborn child recorded as F", exampleChild(ids: "<ExpectedPersonBirthDate>2025-05-03</ExpectedPersonBirthDate><Sex>F</Sex>", "<CINreferralDate>2024-12-10</CINreferralDate>")),
                .good("unborn child recorded as U", exampleChild(ids: "<ExpectedPersonBirthDate>2025-05-03</ExpectedPersonBirthDate><Sex>U</Sex>", "<CINreferralDate>2024-12-10</CINreferralDate>")),
                .bad("2023-24 return: unborn child with GenderCurrent 2", exampleChild(ids: "<ExpectedPersonBirthDate>2024-05-03</ExpectedPersonBirthDate><GenderCurrent>2</GenderCurrent>", "<CINreferralDate>2023-12-10</CINreferralDate>")).inYear(2024),
                .good("2023-24 return: unborn child with GenderCurrent 0", exampleChild(ids: "<ExpectedPersonBirthDate>2024-05-03</ExpectedPersonBirthDate><GenderCurrent>0</GenderCurrent>", "<CINreferralDate>2023-12-10</CINreferralDate>")).inYear(2024),
             ]) { child, out in
            let person = child.person
            guard person.day(.birthDate) == nil, let expected = person[.expectedBirthDate], expected.day != nil else { return }
            let (key, name, due): (FieldKey, String, String) = out.context.ruleset.year >= 2025
                ? (.sex, "Sex", "U") : (.genderCurrent, "GenderCurrent", "0")
            let field = person[key]
            guard field?.text != due else { return }
            let what: Message = field.map { $0.isEmpty ? "no \(name)" : "\(name) '\($0.text)'" } ?? "no \(name)"
            out.report("unborn child (an expected date of birth and no date of birth) has \(what), not \(due)",
                       at: field, or: person, missing: name,
                       notes: [out.note("the expected date of birth is recorded here", at: expected, of: person)])
        },
        .cin("8770Q", "school-age-without-upn", .sufficiency,
             fields: ["UPN", "UPNunknown", "PersonBirthDate", "ReferralNFA"],
             message: "Please check and either amend data or provide a reason: UPN is missing or reason UPN is missing or is UN1 for a child who is of school age.",
             rationale: "A child of school age who is referred on to further action should have a UPN, so that social care and school records can be joined; if not, a reason UN2–UN7 says why (UN1, 'not of school age', does not apply). From 2024-25 school age means born on or before 31 August six years before the 31 August after the reference date; earlier returns used six years before the reference date.",
             examples: [
                .bad("ten-year-old with further action and no UPN", exampleChild(ids: "<PersonBirthDate>2014-05-01</PersonBirthDate>", "<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>false</ReferralNFA>")),
                .bad("ten-year-old with reason UN1", exampleChild(ids: "<UPNunknown>UN1</UPNunknown><PersonBirthDate>2014-05-01</PersonBirthDate>", "<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>false</ReferralNFA>")),
                .good("ten-year-old with reason UN2", exampleChild(ids: "<UPNunknown>UN2</UPNunknown><PersonBirthDate>2014-05-01</PersonBirthDate>", "<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>false</ReferralNFA>")),
                .good("two-year-old", exampleChild(ids: "<PersonBirthDate>2022-05-01</PersonBirthDate>", "<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>false</ReferralNFA>")),
             ]) { child, out in
            guard let census = out.context.census else { return }
            let person = child.person
            guard let birth = person.day(.birthDate), person.text(.upn) == nil else { return }
            let schoolAge = out.context.ruleset.year >= 2025
                ? (census.referenceDate.adding(months: 4) + 31).adding(years: -6)
                : census.referenceDate.adding(years: -6)
            guard birth <= schoolAge, let episode = child.episodes.first(where: { isFalseFlag($0[.referralNFA]) }) else { return }
            let reason = person[.upnUnknown]
            if let code = reason?.text.uppercased(), ["UN2", "UN3", "UN4", "UN5", "UN6", "UN7"].contains(code) { return }
            let why: Message = reason.map { $0.isEmpty ? "no reason" : "reason '\($0.text)', which does not apply to a child of school age" }
                ?? "no reason"
            out.report("child of school age (born on or before \(schoolAge)) with further action has no UPN and \(why)",
                       at: reason, or: person, missing: "UPN",
                       notes: [out.note("the referral of \(shown(episode[.referralDate])) goes on to further action", at: episode)])
        },
        .cin("8772", "un7-with-further-action", .consistency,
             fields: ["UPNunknown", "ReferralNFA"],
             message: "UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details is a referral going on to further action",
             rationale: "UN7 says the UPN is unknown because the referral led to no further action; an episode that went on to further action contradicts it.",
             examples: [
                .bad("UN7 with further action", exampleChild(ids: "<UPNunknown>UN7</UPNunknown>", "<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>false</ReferralNFA>")),
                .good("UN7 with no further action", exampleChild(ids: "<UPNunknown>UN7</UPNunknown>", "<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>true</ReferralNFA>")),
             ]) { child, out in
            let person = child.person
            guard let reason = person[.upnUnknown], reason.text == "UN7" else { return }
            for episode in child.episodes where !isTrueFlag(episode[.referralNFA]) {
                let nfa = episode[.referralNFA]
                out.report("UPN unknown reason is UN7 (no further action), but the referral of \(shown(episode[.referralDate])) is not marked as no further action",
                           at: reason, of: person,
                           notes: [nfa.map { out.note("ReferralNFA is '\($0.text)' here", at: $0, of: episode) }
                                   ?? out.note("this episode has no ReferralNFA", at: episode)])
                return
            }
        },
        .cin("8775Q", "over-25", .consistency,
             fields: ["PersonBirthDate", "CINclosureDate"],
             message: "Please check and either amend data or provide a reason: Child is over 25 years old",
             rationale: "Children's social care works with people up to 25 at most (care leavers); an episode open after a 25th birthday usually means a wrong date of birth.",
             examples: [
                .bad("born in 1990, episode open", exampleChild(ids: "<PersonBirthDate>1990-05-01</PersonBirthDate>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                .good("born in 2010", exampleChild(ids: "<PersonBirthDate>2010-05-01</PersonBirthDate>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
             ]) { child, out in
            guard let census = out.context.census else { return }
            let person = child.person
            guard let birth = person[.birthDate], let b = birth.day, b < census.referenceDate.adding(years: -25) else { return }
            let twentyFifth = b.adding(years: 25)
            guard let episode = child.episodes.first(where: { e in e.day(.closureDate).map { $0 > twentyFifth } ?? true }) else { return }
            let state: Message = episode.day(.closureDate) == nil ? "is still open" : "closes after the child's 25th birthday"
            out.report("child is over 25 at the end of the census year, and the episode referred on \(shown(episode[.referralDate])) \(state)",
                       at: birth, of: person, notes: [out.note("the episode starts here", at: episode)])
        },
        .cin("8590", "child-without-episode", .sufficiency,
             fields: ["LAchildID"],
             message: "Child does not have a recorded CIN episode.",
             rationale: "Every child in the census has at least one CIN episode (CINdetails); a child without one should not be in the return, or its episodes were lost.",
             examples: [
                .bad("no CINdetails", exampleChild()),
                .good("one episode", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate>")),
             ]) { child, out in
            guard !child.has(.cinEpisode) else { return }
            let person = child.person
            out.report("the child has no CIN episode (CINdetails)", at: person[.laChildID], or: person, missing: "CINdetails")
        },
    ]
}
