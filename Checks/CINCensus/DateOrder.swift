import Check
import Model

extension CINCensus {
    /// One date must not come before another.
    static let dateOrder: [Rule] = [
        .cin("1103", "assessment-before-referral", .consistency,
             fields: ["AssessmentActualStartDate", "CINreferralDate"],
             message: "The assessment start date cannot be before the referral date",
             rationale: "An assessment follows a referral; an earlier start date means one of the two dates is wrong.",
             examples: [
                .bad("assessment starts the day before the referral", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate>
                    <Assessments><AssessmentActualStartDate>2024-06-09</AssessmentActualStartDate></Assessments>
                    </CINdetails></Child>
                    """),
                .good("assessment starts on the referral date", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate>
                    <Assessments><AssessmentActualStartDate>2024-06-10</AssessmentActualStartDate></Assessments>
                    </CINdetails></Child>
                    """),
             ]) { child, out in
            before(child, &out, .assessment, .startDate, "assessment starts")
        },
        .cin("1104", "icpc-before-referral", .consistency,
             fields: ["CINreferralDate", "DateOfInitialCPC"],
             message: "The date of the initial child protection conference cannot be before the referral date",
             rationale: "The conference follows the referral that began the episode.",
             examples: [
                .bad("conference a month before the referral", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate>
                    <Section47><S47ActualStartDate>2024-06-10</S47ActualStartDate><DateOfInitialCPC>2024-05-10</DateOfInitialCPC></Section47>
                    </CINdetails></Child>
                    """),
                .good("conference after the referral", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate>
                    <Section47><S47ActualStartDate>2024-06-10</S47ActualStartDate><DateOfInitialCPC>2024-06-28</DateOfInitialCPC></Section47>
                    </CINdetails></Child>
                    """),
             ]) { child, out in
            before(child, &out, .section47, .initialCPCDate, "initial conference is held")
        },
        .cin("1105", "cp-plan-before-referral", .consistency,
             fields: ["CPPstartDate", "CINreferralDate"],
             message: "The child protection plan start date cannot be before the referral date",
             rationale: "A child protection plan starts within the episode that the referral opened.",
             examples: [
                .bad("plan starts before the referral", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate>
                    <ChildProtectionPlans><CPPstartDate>2024-06-01</CPPstartDate></ChildProtectionPlans>
                    </CINdetails></Child>
                    """),
                .good("plan starts after the referral", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate>
                    <ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate></ChildProtectionPlans>
                    </CINdetails></Child>
                    """),
             ]) { child, out in
            before(child, &out, .cpPlan, .startDate, "plan starts")
        },
        .cin("2889", "s47-before-referral", .consistency,
             fields: ["S47ActualStartDate", "CINreferralDate"],
             message: "The S47 start date cannot be before the referral date.",
             rationale: "A section 47 enquiry is made within the episode that the referral opened.",
             examples: [
                .bad("enquiry starts before the referral", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate>
                    <Section47><S47ActualStartDate>2024-06-03</S47ActualStartDate></Section47>
                    </CINdetails></Child>
                    """),
                .good("enquiry starts on the referral date", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate>
                    <Section47><S47ActualStartDate>2024-06-10</S47ActualStartDate></Section47>
                    </CINdetails></Child>
                    """),
             ]) { child, out in
            before(child, &out, .section47, .startDate, "section 47 enquiry starts")
        },
        .cin("8925", "cp-plan-ends-before-start", .consistency,
             fields: ["CPPstartDate", "CPPendDate"],
             message: "Child Protection Plan End Date earlier than Start Date",
             rationale: "A plan cannot end before it starts; one of the dates is wrong.",
             examples: [
                .bad("end date before start date", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate>
                    <ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><CPPendDate>2024-06-30</CPPendDate></ChildProtectionPlans>
                    </CINdetails></Child>
                    """),
                .good("end date after start date", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate>
                    <ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><CPPendDate>2024-12-30</CPPendDate></ChildProtectionPlans>
                    </CINdetails></Child>
                    """),
             ]) { child, out in
            for plan in child.records(.cpPlan) {
                guard let start = plan[.startDate], let s = start.day, let end = plan[.endDate], let e = end.day, e < s else { continue }
                out.report("child protection plan ends (\(e)) before it starts (\(s))", at: end, of: plan,
                           notes: [out.note("the plan starts here", at: start, of: plan)])
            }
        },
        .cin("8841", "cp-review-not-after-plan-start", .consistency,
             fields: ["CPPstartDate", "CPPreviewDate"],
             message: "The review date cannot be on the same day or before the Child protection Plan start date.",
             rationale: "A review conference reviews a plan that already exists.",
             examples: [
                .bad("review on the day the plan starts", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate>
                    <ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate>
                    <Reviews><CPPreviewDate>2024-07-01</CPPreviewDate></Reviews></ChildProtectionPlans>
                    </CINdetails></Child>
                    """),
                .good("review three months after the plan starts", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate>
                    <ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate>
                    <Reviews><CPPreviewDate>2024-09-30</CPPreviewDate></Reviews></ChildProtectionPlans>
                    </CINdetails></Child>
                    """),
             ]) { child, out in
            for plan in child.records(.cpPlan) {
                guard let start = plan[.startDate], let s = start.day else { continue }
                for review in plan.descendants(.cpReview) {
                    guard let date = review[.date], let r = date.day, r <= s else { continue }
                    let when = r == s ? "on the day" : "before"
                    out.report("review conference (\(r)) is held \(when) the plan starts (\(s))", at: date, of: review,
                               notes: [out.note("the plan starts here", at: start, of: plan)])
                }
            }
        },
    ]

    /// Reports records of `kind` whose `key` date is before their episode's referral date.
    private static func before(_ child: Child, _ out: inout Findings, _ kind: RecordKind, _ key: FieldKey, _ what: String) {
        // Dates read in place; the fields are copied out only for a finding.
        for episode in child.episodes {
            guard let r = episode.day(.referralDate) else { continue }
            for record in episode.children(kind) {
                guard let d = record.day(key), d < r, let field = record[key], let referral = episode[.referralDate] else { continue }
                out.report("\(what) (\(d)) before the referral is received (\(r))", at: field, of: record,
                           notes: [out.note("the referral is received here", at: referral, of: episode)])
            }
        }
    }
}
