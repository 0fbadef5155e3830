import Check
import Model

extension CINCensus {
    /// The dates of child in need plans (CINPlanDates).
    static let cinPlans: [Rule] = [
        .cin("4004", "several-open-cin-plans", .consistency,
             fields: ["CINPlanEndDate"],
             message: "This child is showing more than one open CIN Plan, i.e. with no End Date",
             rationale: "An episode has at most one child in need plan running at a time, so at most one without an end date.",
             examples: [
                .bad("two open CIN plans", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate></CINPlanDates><CINPlanDates><CINPlanStartDate>2024-09-01</CINPlanStartDate></CINPlanDates>")),
                .good("the first CIN plan ended", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate><CINPlanEndDate>2024-08-01</CINPlanEndDate></CINPlanDates><CINPlanDates><CINPlanStartDate>2024-09-01</CINPlanStartDate></CINPlanDates>")),
             ]) { child, out in
            for episode in child.episodes {
                let open = episode.children(.cinPlan).filter { $0.day(.endDate) == nil }
                guard open.count > 1 else { continue }
                out.report("\(open.count) CIN plans in this episode have no end date; at most one may be open", at: open[1], missing: "CINPlanEndDate",
                           notes: [out.note("another open CIN plan, starting \(shown(open[0][.startDate])), is here", at: open[0])])
            }
        },
        .cin("4008", "cin-plan-starts-after-death", .consistency,
             fields: ["PersonDeathDate", "CINPlanStartDate"],
             message: "CIN Plan shown as starting after the child’s Date of Death.",
             rationale: "No plan starts after a child's recorded death; one of the dates is wrong.",
             examples: [
                .bad("CIN plan starts after death", exampleChild(ids: "<PersonDeathDate>2024-06-30</PersonDeathDate>", "<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate></CINPlanDates>")),
                .good("CIN plan starts before death", exampleChild(ids: "<PersonDeathDate>2024-08-30</PersonDeathDate>", "<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate></CINPlanDates>")),
             ]) { child, out in
            afterDeath(child, &out, .cinPlan, .startDate, "CIN plan starts")
        },
        .cin("4009Q", "cin-plan-ends-after-death", .consistency,
             fields: ["PersonDeathDate", "CINPlanEndDate"],
             message: "CIN Plan cannot end after the child’s Date of Death",
             rationale: "A plan ends at the latest on the day the child died.",
             examples: [
                .bad("CIN plan ends after death", exampleChild(ids: "<PersonDeathDate>2024-08-30</PersonDeathDate>", "<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate><CINPlanEndDate>2024-09-01</CINPlanEndDate></CINPlanDates>")),
                .good("CIN plan ends on the day of death", exampleChild(ids: "<PersonDeathDate>2024-08-30</PersonDeathDate>", "<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate><CINPlanEndDate>2024-08-30</CINPlanEndDate></CINPlanDates>")),
             ]) { child, out in
            afterDeath(child, &out, .cinPlan, .endDate, "CIN plan ends")
        },
        .cin("4010", "cin-plan-start-missing-or-late", .sufficiency,
             fields: ["CINPlanStartDate"],
             message: "CIN Plan start date is missing or out of data collection period",
             rationale: "Every CIN plan has a start date on or before the reference date.",
             examples: [
                .bad("no start date", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanEndDate>2024-09-01</CINPlanEndDate></CINPlanDates>")),
                .bad("starts after the reference date", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2025-04-02</CINPlanStartDate></CINPlanDates>")),
                .good("starts in the census year", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate></CINPlanDates>")),
             ]) { child, out in
            let reference = out.context.census?.referenceDate
            for plan in child.records(.cinPlan) {
                let start = plan[.startDate]
                if let s = start?.day {
                    guard let reference, s > reference else { continue }
                    out.report("CIN plan starts on \(s), after the end of the census year (\(reference))", at: start!, of: plan)
                } else {
                    out.report("CIN plan has no valid start date", at: start, or: plan, missing: "CINPlanStartDate")
                }
            }
        },
        .cin("4011", "cin-plan-ends-before-start", .consistency,
             fields: ["CINPlanEndDate", "CINPlanStartDate"],
             message: "CIN Plan End Date earlier than Start Date",
             rationale: "A plan cannot end before it starts; one of the dates is wrong.",
             examples: [
                .bad("ends before it starts", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate><CINPlanEndDate>2024-06-30</CINPlanEndDate></CINPlanDates>")),
                .good("ends after it starts", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate><CINPlanEndDate>2024-09-30</CINPlanEndDate></CINPlanDates>")),
             ]) { child, out in
            for plan in child.records(.cinPlan) {
                guard let start = plan[.startDate], let s = start.day, let end = plan[.endDate], let e = end.day, e < s else { continue }
                out.report("CIN plan ends (\(e)) before it starts (\(s))", at: end, of: plan,
                           notes: [out.note("the plan starts here", at: start, of: plan)])
            }
        },
        .cin("4012Q", "cin-plan-starts-and-ends-same-day", .consistency,
             fields: ["CINPlanStartDate", "CINPlanEndDate"],
             message: "Please check and either amend or provide a reason: CIN Plan shown as starting and ending on the same day",
             rationale: "A CIN plan that ends the day it starts is unusual: often a date is wrong.",
             examples: [
                .bad("starts and ends on 1 July", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate><CINPlanEndDate>2024-07-01</CINPlanEndDate></CINPlanDates>")),
                .good("ends in September", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate><CINPlanEndDate>2024-09-30</CINPlanEndDate></CINPlanDates>")),
             ]) { child, out in
            for plan in child.records(.cinPlan) {
                guard let start = plan[.startDate], let s = start.day, let end = plan[.endDate], end.day == s else { continue }
                out.report("CIN plan starts and ends on the same day (\(s))", at: end, of: plan,
                           notes: [out.note("the plan starts here", at: start, of: plan)])
            }
        },
        .cin("4013", "cin-plan-end-outside-census-year", .consistency,
             fields: ["CINPlanEndDate", "ReferenceDate"],
             message: "CIN Plan end date must fall within the census year",
             rationale: "The census includes plans open during the year; a plan that ended before it is not part of the return, and one cannot end after the reference date.",
             examples: [
                .bad("ended before the census year", exampleChild("<CINreferralDate>2023-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2023-07-01</CINPlanStartDate><CINPlanEndDate>2024-01-10</CINPlanEndDate></CINPlanDates>")),
                .good("ends in the census year", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate><CINPlanEndDate>2024-09-10</CINPlanEndDate></CINPlanDates>")),
             ]) { child, out in
            guard let census = out.context.census else { return }
            for plan in child.records(.cinPlan) {
                guard let end = plan[.endDate], let e = end.day, !census.contains(e) else { continue }
                out.report("CIN plan ends on \(e), outside the census year (\(census.start) to \(census.referenceDate))", at: end, of: plan)
            }
        },
        .cin("4015", "cin-plan-before-referral", .consistency,
             fields: ["CINPlanStartDate", "CINreferralDate"],
             message: "The CIN Plan start date cannot be before the referral date",
             rationale: "A CIN plan starts within the episode that the referral opened.",
             examples: [
                .bad("CIN plan starts before the referral", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2024-06-01</CINPlanStartDate></CINPlanDates>")),
                .good("CIN plan starts after the referral", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate></CINPlanDates>")),
             ]) { child, out in
            for episode in child.episodes {
                guard let referral = episode[.referralDate], let r = referral.day else { continue }
                for plan in episode.children(.cinPlan) {
                    guard let start = plan[.startDate], let s = start.day, s < r else { continue }
                    out.report("CIN plan starts (\(s)) before the referral is received (\(r))", at: start, of: plan,
                               notes: [out.note("the referral is received here", at: referral, of: episode)])
                }
            }
        },
    ]
}
