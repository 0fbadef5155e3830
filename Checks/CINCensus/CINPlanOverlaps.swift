import Check
import Model

extension CINCensus {
    /// A child in need plan and a child protection plan do not run at the same time, and CIN
    /// plans do not overlap each other.
    static let cinPlanOverlaps: [Rule] = [
        .cin("4001", "open-cin-and-cp-plans", .consistency,
             fields: ["CINPlanEndDate", "CPPendDate"],
             message: "A CIN Plan cannot run concurrently with a Child Protection Plan",
             rationale: "A child protection plan replaces a child in need plan; an episode with an open child protection plan has no open CIN plan.",
             examples: [
                .bad("both open", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate></CINPlanDates><ChildProtectionPlans><CPPstartDate>2024-09-02</CPPstartDate></ChildProtectionPlans>")),
                .good("CIN plan ended when the CP plan started", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate><CINPlanEndDate>2024-09-02</CINPlanEndDate></CINPlanDates><ChildProtectionPlans><CPPstartDate>2024-09-02</CPPstartDate></ChildProtectionPlans>")),
             ]) { child, out in
            for episode in child.episodes {
                guard let cp = episode.children(.cpPlan).first(where: { $0.day(.endDate) == nil }),
                      let cin = episode.children(.cinPlan).first(where: { $0.day(.startDate) != nil && $0.day(.endDate) == nil }) else { continue }
                out.report("CIN plan starting \(cin.day(.startDate)!) is open while a child protection plan starting \(shown(cp[.startDate])) is open",
                           at: cin, missing: "CINPlanEndDate",
                           notes: [out.note("the open child protection plan is here", at: cp)])
            }
        },
        .cin("4003", "cp-review-during-cin-plan", .consistency,
             fields: ["CINPlanStartDate", "CINPlanEndDate", "CPPreviewDate"],
             message: "A CPP review date is shown as being held at the same time as an open CIN Plan.",
             rationale: "Within an episode, a child protection review is not held while a CIN plan is running (from its start to its end), except on the day the child protection plan ends.",
             examples: [
                .bad("review during a CIN plan", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate><CINPlanEndDate>2024-12-01</CINPlanEndDate></CINPlanDates><ChildProtectionPlans><CPPstartDate>2024-06-20</CPPstartDate><CPPendDate>2024-11-01</CPPendDate><Reviews><CPPreviewDate>2024-09-20</CPPreviewDate></Reviews></ChildProtectionPlans>")),
                .good("review on the day the CP plan ends and the CIN plan starts", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-06-20</CPPstartDate><CPPendDate>2024-09-20</CPPendDate><Reviews><CPPreviewDate>2024-09-20</CPPreviewDate></Reviews></ChildProtectionPlans><CINPlanDates><CINPlanStartDate>2024-09-20</CINPlanStartDate><CINPlanEndDate>2024-12-01</CINPlanEndDate></CINPlanDates>")),
             ]) { child, out in
            for episode in child.episodes {
                let cinPlans = episode.children(.cinPlan).filter { $0.day(.startDate) != nil && $0.day(.endDate) != nil }
                guard !cinPlans.isEmpty else { continue }
                for plan in episode.children(.cpPlan) {
                    let end = plan.day(.endDate)
                    for review in plan.descendants(.cpReview) {
                        guard let field = review[.date], let r = field.day, r != end,
                              let cin = cinPlans.first(where: { r >= $0.day(.startDate)! && r < $0.day(.endDate)! }) else { continue }
                        out.report("child protection review on \(r) is held while a CIN plan is open (\(cin.day(.startDate)!) to \(cin.day(.endDate)!))",
                                   at: field, of: review, notes: [out.note("the CIN plan is here", at: cin)])
                    }
                }
            }
        },
        .cin("4014", "cin-plans-overlap", .consistency,
             fields: ["CINPlanStartDate", "CINPlanEndDate"],
             message: "CIN Plan data contains overlapping dates",
             rationale: "A child has one CIN plan at a time: a plan does not start on or between another's start and end (or the end of the year, if that one is open).",
             examples: [
                .bad("second CIN plan starts before the first ends", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate><CINPlanEndDate>2024-09-01</CINPlanEndDate></CINPlanDates><CINPlanDates><CINPlanStartDate>2024-08-01</CINPlanStartDate></CINPlanDates>")),
                .good("second CIN plan starts after the first ends", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate><CINPlanEndDate>2024-09-01</CINPlanEndDate></CINPlanDates><CINPlanDates><CINPlanStartDate>2024-09-02</CINPlanStartDate></CINPlanDates>")),
             ]) { child, out in
            let plans = child.records(.cinPlan).filter { $0.day(.startDate) != nil }
            guard plans.count > 1 else { return }
            let reference = out.context.census?.referenceDate
            for a in plans {
                let s = a.day(.startDate)!
                let other = plans.first { b in
                    guard b.index != a.index, s >= b.day(.startDate)! else { return false }
                    if let e = b.day(.endDate) { return s <= e }
                    return reference.map { s <= $0 } ?? false
                }
                guard let b = other else { continue }
                let end: Message = b.day(.endDate).map { "ends \($0)" } ?? "is open"
                out.report("CIN plan starts on \(s) while another CIN plan is running", at: a[.startDate]!, of: a,
                           notes: [out.note("the other CIN plan starts on \(b.day(.startDate)!) and \(end)", at: b[.startDate]!, of: b)])
            }
        },
        .cin("4016", "cin-plan-starts-during-cp-plan", .consistency,
             fields: ["CINPlanStartDate", "CPPstartDate", "CPPendDate"],
             message: "A CIN Plan has been reported as open at the same time as a Child Protection Plan.",
             rationale: "A CIN plan does not start while a child protection plan is running: on or after its start and before its end (or by the end of the year, if it is open). It may start on the day the child protection plan ends.",
             examples: [
                .bad("CIN plan starts during a CP plan", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-06-20</CPPstartDate><CPPendDate>2024-10-01</CPPendDate></ChildProtectionPlans><CINPlanDates><CINPlanStartDate>2024-08-01</CINPlanStartDate></CINPlanDates>")),
                .good("CIN plan starts when the CP plan ends", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-06-20</CPPstartDate><CPPendDate>2024-10-01</CPPendDate></ChildProtectionPlans><CINPlanDates><CINPlanStartDate>2024-10-01</CINPlanStartDate></CINPlanDates>")),
             ]) { child, out in
            let cinPlans = child.records(.cinPlan)
            guard !cinPlans.isEmpty else { return }
            let cpPlans = child.records(.cpPlan)
            guard !cpPlans.isEmpty else { return }
            let reference = out.context.census?.referenceDate
            for cin in cinPlans {
                guard let start = cin[.startDate], let s = start.day,
                      let cp = cpPlans.first(where: { running($0, on: s, reference: reference, endExclusive: true) }) else { continue }
                out.report("CIN plan starts on \(s) while a child protection plan is running", at: start, of: cin,
                           notes: [out.note("the child protection plan starts on \(shown(cp[.startDate])) here", at: cp)])
            }
        },
        .cin("4017", "cp-plan-starts-during-cin-plan", .consistency,
             fields: ["CINPlanStartDate", "CINPlanEndDate", "CPPstartDate"],
             message: "A CIN Plan has been reported as open at the same time as a Child Protection Plan.",
             rationale: "A child protection plan does not start while a CIN plan is running: on or after its start and before its end (or by the end of the year, if it is open). It may start on the day the CIN plan ends.",
             examples: [
                .bad("CP plan starts during an open CIN plan", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate></CINPlanDates><ChildProtectionPlans><CPPstartDate>2024-09-02</CPPstartDate></ChildProtectionPlans>")),
                .good("CP plan starts when the CIN plan ends", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate><CINPlanEndDate>2024-09-02</CINPlanEndDate></CINPlanDates><ChildProtectionPlans><CPPstartDate>2024-09-02</CPPstartDate></ChildProtectionPlans>")),
             ]) { child, out in
            let cpPlans = child.records(.cpPlan)
            guard !cpPlans.isEmpty else { return }
            let cinPlans = child.records(.cinPlan)
            guard !cinPlans.isEmpty else { return }
            let reference = out.context.census?.referenceDate
            for cp in cpPlans {
                guard let start = cp[.startDate], let s = start.day,
                      let cin = cinPlans.first(where: { running($0, on: s, reference: reference, endExclusive: true) }) else { continue }
                out.report("child protection plan starts on \(s) while a CIN plan is running", at: start, of: cp,
                           notes: [out.note("the CIN plan starts on \(shown(cin[.startDate])) here", at: cin)])
            }
        },
    ]

    /// True when a plan (start and end dates) is running on `day`: on or after its start,
    /// and before its end (on or before it unless `endExclusive`), or on or before the
    /// reference date when it has no end.
    static func running(_ plan: RecordRef, on day: Day, reference: Day?, endExclusive: Bool) -> Bool {
        guard let s = plan.day(.startDate), day >= s else { return false }
        if let e = plan.day(.endDate) { return endExclusive ? day < e : day <= e }
        return reference.map { day <= $0 } ?? false
    }
}
