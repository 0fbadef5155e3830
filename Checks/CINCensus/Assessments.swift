import Check
import Model

extension CINCensus {
    /// Assessments: their dates, and one at a time within an episode.
    static let assessments: [Rule] = [
        .cin("8608", "assessment-ends-before-start", .consistency,
             fields: ["AssessmentActualStartDate", "AssessmentAuthorisationDate"],
             message: "Assessment Start Date cannot be later than its End Date",
             rationale: "An assessment is completed (authorised) on or after the day it starts.",
             examples: [
                .bad("completed before it starts", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Assessments><AssessmentActualStartDate>2024-06-20</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-06-19</AssessmentAuthorisationDate></Assessments>")),
                .good("completed the day it starts", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Assessments><AssessmentActualStartDate>2024-06-20</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-06-20</AssessmentAuthorisationDate></Assessments>")),
             ]) { child, out in
            for a in child.records(.assessment) {
                guard let start = a[.startDate], let s = start.day, let end = a[.authorisationDate], let e = end.day, s > e else { continue }
                out.report("assessment starts (\(s)) after it is completed (\(e))", at: start, of: a,
                           notes: [out.note("it is completed here", at: end, of: a)])
            }
        },
        .cin("8614", "factors-on-open-assessment", .consistency,
             fields: ["AssessmentAuthorisationDate", "AssessmentFactors"],
             message: "Parental or child factors at assessment should only be present for a completed assessment.",
             rationale: "Factors are the findings of an assessment, recorded when it is completed (authorised).",
             examples: [
                .bad("factors and no completion date", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Assessments><AssessmentActualStartDate>2024-06-20</AssessmentActualStartDate><FactorsIdentifiedAtAssessment><AssessmentFactors>3B</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>")),
                .good("factors on a completed assessment", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Assessments><AssessmentActualStartDate>2024-06-20</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-07-20</AssessmentAuthorisationDate><FactorsIdentifiedAtAssessment><AssessmentFactors>3B</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>")),
             ]) { child, out in
            for a in child.records(.assessment) where a.day(.authorisationDate) == nil {
                guard let factor = a[.factor] else { continue }
                out.report("assessment starting \(shown(a[.startDate])) has factors but no completion date", at: factor, of: a)
            }
        },
        .cin("8696", "assessment-end-outside-census-year", .consistency,
             fields: ["AssessmentAuthorisationDate", "ReferenceDate"],
             message: "Assessment end date must fall within the census year",
             rationale: "The census includes assessments completed during the year; a completion date outside it is wrong or belongs to another return.",
             examples: [
                .bad("completed before the census year", exampleChild("<CINreferralDate>2024-01-10</CINreferralDate><Assessments><AssessmentActualStartDate>2024-01-20</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-02-20</AssessmentAuthorisationDate></Assessments>")),
                .good("completed in the census year", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Assessments><AssessmentActualStartDate>2024-06-20</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-07-20</AssessmentAuthorisationDate></Assessments>")),
             ]) { child, out in
            guard let census = out.context.census else { return }
            for a in child.records(.assessment) {
                guard let end = a[.authorisationDate], let e = end.day, !census.contains(e) else { continue }
                out.report("assessment is completed on \(e), outside the census year (\(census.start) to \(census.referenceDate))", at: end, of: a)
            }
        },
        .cin("8736", "open-assessment-start-outside-census-year", .consistency,
             fields: ["AssessmentAuthorisationDate", "AssessmentActualStartDate"],
             message: "For an Assessment that has not been completed, the start date must fall within the census year",
             rationale: "An assessment still open at the end of the year started during it; an earlier start would have been completed, a later one has not happened.",
             examples: [
                .bad("open since before the census year", exampleChild("<CINreferralDate>2024-01-10</CINreferralDate><Assessments><AssessmentActualStartDate>2024-01-20</AssessmentActualStartDate></Assessments>")),
                .bad("open with no start date", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Assessments><AssessmentInternalReviewDate>2024-07-01</AssessmentInternalReviewDate></Assessments>")),
                .good("open since March", exampleChild("<CINreferralDate>2025-03-01</CINreferralDate><Assessments><AssessmentActualStartDate>2025-03-03</AssessmentActualStartDate></Assessments>")),
             ]) { child, out in
            guard let census = out.context.census else { return }
            for a in child.records(.assessment) where a.day(.authorisationDate) == nil {
                let start = a[.startDate]
                if let s = start?.day {
                    guard !census.contains(s) else { continue }
                    out.report("assessment with no completion date starts on \(s), outside the census year (\(census.start) to \(census.referenceDate))",
                               at: start!, of: a)
                } else {
                    out.report("assessment with no completion date has no valid start date", at: start, or: a, missing: "AssessmentActualStartDate")
                }
            }
        },
        .cin("8863Q", "assessments-overlap", .consistency,
             fields: ["AssessmentActualStartDate", "AssessmentAuthorisationDate"],
             message: "An Assessment is shown as starting when there is another Assessment ongoing.",
             rationale: "Within an episode one assessment is done at a time: an assessment does not start on or between another's start and completion (or the end of the year, if it is still open).",
             examples: [
                .bad("second starts before the first is completed", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Assessments><AssessmentActualStartDate>2024-06-11</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-07-20</AssessmentAuthorisationDate></Assessments><Assessments><AssessmentActualStartDate>2024-07-01</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-08-20</AssessmentAuthorisationDate></Assessments>")),
                .good("second starts after the first is completed", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Assessments><AssessmentActualStartDate>2024-06-11</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-07-20</AssessmentAuthorisationDate></Assessments><Assessments><AssessmentActualStartDate>2024-07-21</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-08-20</AssessmentAuthorisationDate></Assessments>")),
             ]) { child, out in
            let reference = out.context.census?.referenceDate
            for episode in child.episodes {
                let list = episode.children(.assessment).filter { $0.day(.startDate) != nil }
                guard list.count > 1 else { continue }
                for a in list {
                    let s = a.day(.startDate)!, e = a.day(.authorisationDate)
                    let other = list.first { b in
                        let bs = b.day(.startDate)!, be = b.day(.authorisationDate)
                        // The same dates are the same assessment recorded twice, not an overlap.
                        guard !(bs == s && be == e), s >= bs else { return false }
                        if let be { return s <= be }
                        return reference.map { s <= $0 } ?? false
                    }
                    guard let b = other else { continue }
                    let end: Message = b.day(.authorisationDate).map { "is completed on \($0)" } ?? "is still open"
                    out.report("assessment starts on \(s) while another assessment is ongoing", at: a[.startDate]!, of: a,
                               notes: [out.note("the other assessment starts on \(b.day(.startDate)!) and \(end)", at: b[.startDate]!, of: b)])
                }
            }
        },
        .cin("8896", "several-open-assessments", .consistency,
             fields: ["AssessmentAuthorisationDate"],
             message: "Within one CINDetails group there are 2 or more open Assessments groups",
             rationale: "An episode has at most one assessment in progress (with no completion date) at a time.",
             examples: [
                .bad("two open assessments", exampleChild("<CINreferralDate>2025-03-01</CINreferralDate><Assessments><AssessmentActualStartDate>2025-03-03</AssessmentActualStartDate></Assessments><Assessments><AssessmentActualStartDate>2025-03-10</AssessmentActualStartDate></Assessments>")),
                .good("one open assessment", exampleChild("<CINreferralDate>2025-03-01</CINreferralDate><Assessments><AssessmentActualStartDate>2025-03-03</AssessmentActualStartDate><AssessmentAuthorisationDate>2025-03-07</AssessmentAuthorisationDate></Assessments><Assessments><AssessmentActualStartDate>2025-03-10</AssessmentActualStartDate></Assessments>")),
             ]) { child, out in
            for episode in child.episodes {
                let open = episode.children(.assessment).filter { $0.day(.authorisationDate) == nil }
                guard open.count > 1 else { continue }
                out.report("\(open.count) assessments in this episode have no completion date; at most one may be open", at: open[1],
                           missing: "AssessmentAuthorisationDate",
                           notes: [out.note("another open assessment, starting \(shown(open[0][.startDate])), is here", at: open[0])])
            }
        },
    ]
}
