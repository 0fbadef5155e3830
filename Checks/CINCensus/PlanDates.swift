import Check
import Model

extension CINCensus {
    /// The dates of child protection plans and their reviews.
    static let planDates: [Rule] = [
        .cin("8720", "cp-plan-start-missing-or-late", .sufficiency,
             fields: ["CPPstartDate", "ReferenceDate"],
             message: "Child Protection Plan Start Date missing or out of data collection period",
             rationale: "Every child protection plan has a start date on or before the reference date.",
             examples: [
                .bad("no start date", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPendDate>2024-09-01</CPPendDate></ChildProtectionPlans>")),
                .bad("starts after the reference date", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2025-04-07</CPPstartDate></ChildProtectionPlans>")),
                .good("starts in the census year", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate></ChildProtectionPlans>")),
             ]) { child, out in
            let reference = out.context.census?.referenceDate
            for plan in child.records(.cpPlan) {
                let start = plan[.startDate]
                if let s = start?.day {
                    guard let reference, s > reference else { continue }
                    out.report("child protection plan starts on \(s), after the end of the census year (\(reference))", at: start!, of: plan)
                } else {
                    out.report("child protection plan has no valid start date", at: start, or: plan, missing: "CPPstartDate")
                }
            }
        },
        .cin("8840", "cp-plan-starts-and-ends-same-day", .consistency,
             fields: ["CPPstartDate", "CPPendDate"],
             message: "Child Protection Plan cannot start and end on the same day",
             rationale: "A plan agreed at a conference lasts until a review conference decides to end it, on a later day.",
             examples: [
                .bad("starts and ends on 1 July", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><CPPendDate>2024-07-01</CPPendDate></ChildProtectionPlans>")),
                .good("ends in September", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><CPPendDate>2024-09-01</CPPendDate></ChildProtectionPlans>")),
             ]) { child, out in
            for plan in child.records(.cpPlan) {
                guard let start = plan[.startDate], let s = start.day, let end = plan[.endDate], end.day == s else { continue }
                out.report("child protection plan starts and ends on the same day (\(s))", at: end, of: plan,
                           notes: [out.note("the plan starts here", at: start, of: plan)])
            }
        },
        .cin("8842Q", "cp-review-without-date", .sufficiency,
             fields: ["CPPreviewDate"],
             message: "Please check and either amend or provide a reason: Review Record has a missing date",
             rationale: "A Reviews group records review conferences, so it holds at least one valid review date.",
             examples: [
                .bad("an empty review date", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><Reviews><CPPreviewDate></CPPreviewDate></Reviews></ChildProtectionPlans>")),
                .bad("an empty Reviews group", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><Reviews></Reviews></ChildProtectionPlans>")),
                .good("a review date", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><Reviews><CPPreviewDate>2024-09-20</CPPreviewDate></Reviews></ChildProtectionPlans>")),
             ]) { child, out in
            for group in child.records(.cpReviews) {
                let dates = group.children(.cpReview)
                guard !dates.contains(where: { $0.day(.date) != nil }) else { continue }
                if let first = dates.first {
                    let what: Message = first[.date].map { $0.isEmpty ? "is empty" : "is not a valid date" } ?? "is empty"
                    out.report("review date \(what), and the Reviews group has no other", at: first[.date], or: first, missing: "CPPreviewDate")
                } else {
                    out.report("Reviews group holds no review date", at: group, missing: "CPPreviewDate")
                }
            }
        },
        .cin("8915", "cp-plan-starts-after-death", .consistency,
             fields: ["CPPstartDate", "PersonDeathDate"],
             message: "Child Protection Plan shown as starting after the child’s Date of Death",
             rationale: "No plan starts after a child's recorded death; one of the dates is wrong.",
             examples: [
                .bad("plan starts after death", exampleChild(ids: "<PersonDeathDate>2024-06-30</PersonDeathDate>", "<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate></ChildProtectionPlans>")),
                .good("plan starts before death", exampleChild(ids: "<PersonDeathDate>2024-08-30</PersonDeathDate>", "<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate></ChildProtectionPlans>")),
             ]) { child, out in
            afterDeath(child, &out, .cpPlan, .startDate, "child protection plan starts")
        },
        .cin("8920", "cp-plan-ends-after-death", .consistency,
             fields: ["PersonDeathDate", "CPPendDate"],
             message: "Child Protection Plan cannot end after the child’s Date of Death",
             rationale: "A plan ends at the latest on the day the child died.",
             examples: [
                .bad("plan ends after death", exampleChild(ids: "<PersonDeathDate>2024-08-30</PersonDeathDate>", "<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><CPPendDate>2024-09-10</CPPendDate></ChildProtectionPlans>")),
                .good("plan ends on the day of death", exampleChild(ids: "<PersonDeathDate>2024-08-30</PersonDeathDate>", "<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><CPPendDate>2024-08-30</CPPendDate></ChildProtectionPlans>")),
             ]) { child, out in
            afterDeath(child, &out, .cpPlan, .endDate, "child protection plan ends")
        },
        .cin("8930", "cp-plan-end-outside-census-year", .consistency,
             fields: ["CPPendDate", "ReferenceDate"],
             message: "Child Protection Plan End Date must fall within the census year",
             rationale: "The census includes plans open during the year; a plan that ended before it is not part of the return, and one cannot end after the reference date.",
             examples: [
                .bad("ended before the census year", exampleChild("<CINreferralDate>2023-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2023-07-01</CPPstartDate><CPPendDate>2024-01-10</CPPendDate></ChildProtectionPlans>")),
                .good("ends in the census year", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><CPPendDate>2024-09-10</CPPendDate></ChildProtectionPlans>")),
             ]) { child, out in
            guard let census = out.context.census else { return }
            for plan in child.records(.cpPlan) {
                guard let end = plan[.endDate], let e = end.day, !census.contains(e) else { continue }
                out.report("child protection plan ends on \(e), outside the census year (\(census.start) to \(census.referenceDate))", at: end, of: plan)
            }
        },
    ]

    /// Reports records of `kind` whose `key` date is after the child's date of death.
    static func afterDeath(_ child: Child, _ out: inout Findings, _ kind: RecordKind, _ key: FieldKey, _ what: String) {
        let person = child.person
        guard let death = person[.deathDate], let d = death.day else { return }
        for record in child.records(kind) {
            guard let field = record[key], let date = field.day, date > d else { continue }
            out.report("\(what) on \(date), after the child's recorded date of death \(personal: d)", at: field, of: record,
                       notes: [out.note("the date of death is recorded here", at: death, of: person)])
        }
    }
}
