import Check
import Model

extension CINCensus {
    /// Factors identified at assessment (AssessmentFactors codes).
    static let factorCodes: CodeSet = [
        "1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C", "5A", "5B", "5C", "6A", "6B", "6C",
        "7A", "8B", "8C", "8D", "8E", "8F", "9A", "10A", "11A", "12A", "13A", "14A", "15A", "16A", "17A",
        "18A", "18B", "18C", "19A", "19B", "19C", "20", "21", "22A", "23A", "24A",
    ]

    /// The factors identified at an assessment.
    static let factors: [Rule] = [
        .cin("8869", "no-factors-with-other-factors", .consistency,
             fields: ["AssessmentFactors"],
             message: "The assessment factors code “21” cannot be used in conjunction with any other assessment factors.",
             rationale: "Code 21 says no factors were identified; any other factor in the same assessment contradicts it.",
             examples: [
                .bad("21 and 3B", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Assessments><AssessmentActualStartDate>2024-06-11</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-07-11</AssessmentAuthorisationDate><FactorsIdentifiedAtAssessment><AssessmentFactors>21</AssessmentFactors><AssessmentFactors>3B</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>")),
                .good("21 alone", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Assessments><AssessmentActualStartDate>2024-06-11</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-07-11</AssessmentAuthorisationDate><FactorsIdentifiedAtAssessment><AssessmentFactors>21</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>")),
             ]) { child, out in
            for a in child.records(.assessment) {
                let list = a.all(.factor)
                guard list.count > 1, let none = list.first(where: { $0.text == "21" }),
                      let other = list.first(where: { $0.text != "21" }) else { continue }
                let what: Message = other.isEmpty ? "an empty factor" : "factor '\(other.text)'"
                out.report("factor 21 (no factors identified) is recorded together with \(what)", at: other, of: a,
                           notes: [out.note("21 is recorded here", at: none, of: a)])
            }
        },
        .cin("8873Q", "no-factors-not-closed-after-assessment", .consistency,
             fields: ["ReasonForClosure", "AssessmentFactors"],
             message: "Please check and either amend data or provide a reason: When there is only one assessment on the episode and the factors code “21 No factors identified” has been used for the completed assessment, the reason for closure ‘RC8’ or 'RC9' should be used.",
             rationale: "An episode whose only assessment found no factors (21) usually ends with that assessment: RC8 (no further action) or RC9 (referred to early help).",
             examples: [
                .bad("21 and closed as RC1", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-08-01</CINclosureDate><ReasonForClosure>RC1</ReasonForClosure><Assessments><AssessmentActualStartDate>2024-06-11</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-07-11</AssessmentAuthorisationDate><FactorsIdentifiedAtAssessment><AssessmentFactors>21</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>")),
                .good("21 and closed as RC8", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-08-01</CINclosureDate><ReasonForClosure>RC8</ReasonForClosure><Assessments><AssessmentActualStartDate>2024-06-11</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-07-11</AssessmentAuthorisationDate><FactorsIdentifiedAtAssessment><AssessmentFactors>21</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>")),
             ]) { child, out in
            for episode in child.episodes {
                let list = episode.children(.assessment)
                guard list.count == 1, let only = list.first, let factor = only.all(.factor).first(where: { containsASCII($0.text, "21") }) else { continue }
                let reason = episode[.closureReason]
                if let r = reason?.text, r == "RC8" || r == "RC9" { continue }
                let state: Message = reason.map { $0.isEmpty ? "has no reason for closure" : "has reason for closure \($0.text)" }
                    ?? "has no reason for closure"
                out.report("the episode's only assessment found no factors (21), but the episode \(state), not RC8 or RC9",
                           at: reason, or: episode, missing: "ReasonForClosure",
                           notes: [out.note("factor 21 is recorded here", at: factor, of: only)])
            }
        },
        .cin("8897Q", "completed-assessment-without-factors", .sufficiency,
             fields: ["AssessmentAuthorisationDate", "AssessmentFactors"],
             message: "Parental or child factors at assessment information is missing from a completed assessment",
             rationale: "An assessment completed in the census year records the factors it identified (21 when there were none), each a valid DfE code.",
             examples: [
                .bad("completed without factors", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Assessments><AssessmentActualStartDate>2024-06-11</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-07-11</AssessmentAuthorisationDate></Assessments>")),
                .bad("factor 25", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Assessments><AssessmentActualStartDate>2024-06-11</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-07-11</AssessmentAuthorisationDate><FactorsIdentifiedAtAssessment><AssessmentFactors>25</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>")),
                .good("completed with factor 4B", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Assessments><AssessmentActualStartDate>2024-06-11</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-07-11</AssessmentAuthorisationDate><FactorsIdentifiedAtAssessment><AssessmentFactors>4B</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>")),
             ]) { child, out in
            guard let census = out.context.census else { return }
            for a in child.records(.assessment) {
                guard let end = a[.authorisationDate], let e = end.day, e >= census.start else { continue }
                let list = a.all(.factor)
                if list.isEmpty {
                    out.report("assessment completed on \(e) records no factors (21 if none were identified)", at: end, of: a)
                } else if let bad = list.first(where: { !factorCodes.contains($0.text) }) {
                    let what: Message = bad.isEmpty ? "an empty factor" : "factor '\(bad.text)', which is not a DfE factor code"
                    out.report("assessment completed on \(e) records \(what)", at: bad, of: a)
                }
            }
        },
        .cin("8898", "factor-repeated", .consistency,
             fields: ["AssessmentFactors"],
             message: "The assessment has more than one parental or child factors with the same code",
             rationale: "Each factor is recorded once per assessment; a repeated code is usually a copying mistake.",
             examples: [
                .bad("3B twice", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Assessments><AssessmentActualStartDate>2024-06-11</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-07-11</AssessmentAuthorisationDate><FactorsIdentifiedAtAssessment><AssessmentFactors>3B</AssessmentFactors><AssessmentFactors>3B</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>")),
                .good("3B and 4B", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Assessments><AssessmentActualStartDate>2024-06-11</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-07-11</AssessmentAuthorisationDate><FactorsIdentifiedAtAssessment><AssessmentFactors>3B</AssessmentFactors><AssessmentFactors>4B</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>")),
             ]) { child, out in
            for a in child.records(.assessment) {
                let list = a.all(.factor)
                guard list.count > 1 else { continue }
                // An assessment has a handful of factors: each is compared with those before
                // it (no table per assessment).
                for i in list.indices {
                    let f = list[i]
                    guard let first = list[..<i].first(where: { $0.text == f.text }) else { continue }
                    let what: Message = f.isEmpty ? "an empty factor" : "factor '\(f.text)'"
                    out.report("\(what) is recorded more than once in this assessment", at: f, of: a,
                               notes: [out.note("it is first recorded here", at: first, of: a)])
                    break
                }
            }
        },
        deprecatedFactor("8945Q", "factor-18a", "18A", "18B", "18C", "physical abuse"),
        deprecatedFactor("8950Q", "factor-19a", "19A", "19B", "19C", "sexual abuse"),
    ]

    /// 18A and 19A (abuse of the child, without saying by whom) gave way in 2024-25 to codes
    /// that say whether a parent or carer (B) or another person (C) is the abuser.
    private static func deprecatedFactor(_ code: String, _ name: String, _ old: String, _ b: String, _ c: String,
                                         _ what: String) -> Rule {
        .cin(code, name, .format,
             fields: ["AssessmentFactors"], years: from2024to25,
             message: "Please check and either amend data or provide a reason: the assessment factors code '\(old)' should not be used ('\(b)' or '\(c)' should be used instead)",
             rationale: "From 2024-25 \(what) is recorded as \(b) (by a parent or carer) or \(c) (by another person); \(old) no longer says enough.",
             examples: [
                .bad("factor \(old)", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Assessments><AssessmentActualStartDate>2024-06-11</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-07-11</AssessmentAuthorisationDate><FactorsIdentifiedAtAssessment><AssessmentFactors>\(old)</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>")),
                .good("factor \(b)", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Assessments><AssessmentActualStartDate>2024-06-11</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-07-11</AssessmentAuthorisationDate><FactorsIdentifiedAtAssessment><AssessmentFactors>\(b)</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>")),
             ]) { [lower = old.lowercased()] child, out in
            for a in child.records(.assessment) {
                guard let f = a.first(.factor, where: { $0 == old || $0 == lower }) else { continue }
                out.report("factor \(old) is no longer used: record \(what) as \(b) (by a parent or carer) or \(c) (by another person)",
                           at: f, of: a)
            }
        }
    }
}
