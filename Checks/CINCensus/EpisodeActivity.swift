import Check
import Model

extension CINCensus {
    /// What an episode may hold given how it began (no further action) and how it ended
    /// (closure date, reason for closure).
    static let episodeActivity: [Rule] = [
        .cin("8565", "activity-after-closure", .consistency,
             fields: ["CINclosureDate", "DateOfInitialCPC", "AssessmentActualStartDate", "AssessmentAuthorisationDate",
                      "S47ActualStartDate", "CPPendDate", "CINPlanStartDate", "CINPlanEndDate"],
             message: "Activity shown after a case has been closed",
             rationale: "Nothing happens in an episode after it closes: assessments, enquiries, conferences and plans all start and end on or before the closure date.",
             examples: [
                .bad("assessment completed after closure", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-07-01</CINclosureDate><Assessments><AssessmentActualStartDate>2024-06-11</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-07-15</AssessmentAuthorisationDate></Assessments>")),
                .bad("child protection plan ends after closure", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-09-01</CINclosureDate><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><CPPendDate>2024-10-01</CPPendDate></ChildProtectionPlans>")),
                .good("everything before closure", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-07-20</CINclosureDate><Assessments><AssessmentActualStartDate>2024-06-11</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-07-15</AssessmentAuthorisationDate></Assessments>")),
             ]) { child, out in
            for episode in child.episodes {
                guard let closure = episode[.closureDate], let c = closure.day else { continue }
                var late: [(field: Field, record: RecordRef, what: String)] = []
                func check(_ record: RecordRef, _ key: FieldKey, _ what: String) {
                    if let f = record[key], let d = f.day, d > c { late.append((f, record, what)) }
                }
                check(episode, .initialCPCDate, "the initial conference is held")
                for i in (episode.index + 1)..<child.records.count {
                    let record = RecordRef(child: child, index: i)
                    guard record.record.parent == Int32(episode.index) else {
                        if record.record.parent < Int32(episode.index) { break }
                        continue
                    }
                    switch record.kind {
                    case .assessment:
                        check(record, .startDate, "an assessment starts")
                        check(record, .authorisationDate, "an assessment is completed")
                    case .section47:
                        check(record, .startDate, "a section 47 enquiry starts")
                        check(record, .initialCPCDate, "an initial conference is held")
                    case .cpPlan: check(record, .endDate, "a child protection plan ends")
                    case .cinPlan:
                        check(record, .startDate, "a CIN plan starts")
                        check(record, .endDate, "a CIN plan ends")
                    default: break
                    }
                }
                guard let first = late.first else { continue }
                out.report("episode closes on \(c), but \(first.what) after it, on \(first.field.day!)", at: closure, of: episode,
                           notes: late.map { out.note("\($0.what) on \($0.field.day!) here", at: $0.field, of: $0.record) })
            }
        },
        .cin("2990", "activity-after-closed-after-assessment", .consistency,
             fields: ["ReasonForClosure"],
             message: "Activity is recorded against a case marked as ‘Case closed after assessment, no further action’ or 'case closed after assessment, referred to early help'.",
             rationale: "RC8 and RC9 say the episode ended with its assessment; a section 47 enquiry, a conference, a child protection plan or a CIN plan in it contradicts that.",
             examples: [
                .bad("RC8 with a CIN plan", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-09-01</CINclosureDate><ReasonForClosure>RC8</ReasonForClosure><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate><CINPlanEndDate>2024-08-01</CINPlanEndDate></CINPlanDates>")),
                .good("RC8 with only an assessment", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-09-01</CINclosureDate><ReasonForClosure>RC8</ReasonForClosure><Assessments><AssessmentActualStartDate>2024-06-11</AssessmentActualStartDate></Assessments>")),
             ]) { child, out in
            for episode in child.episodes {
                guard let reason = episode[.closureReason], reason.text == "RC8" || reason.text == "RC9" else { continue }
                var found: Note?
                if let icpc = episode[.initialCPCDate], icpc.day != nil {
                    found = out.note("an initial conference is recorded here", at: icpc, of: episode)
                } else if let r = [RecordKind.section47, .cpPlan, .cinPlan].lazy.compactMap({ episode.children($0).first }).first {
                    let what = r.kind == .section47 ? "a section 47 enquiry" : r.kind == .cpPlan ? "a child protection plan" : "a CIN plan"
                    found = out.note("\(what) is recorded here", at: r)
                }
                guard let found else { continue }
                out.report("episode closed as \(reason.text) (case closed after assessment) has activity after the assessment", at: reason, of: episode,
                           notes: [found])
            }
        },
        .cin("2991Q", "s47-without-assessment", .sufficiency,
             fields: ["CINdetailsID"],
             message: "Please check and either amend data or provide a reason: A Section 47 module is recorded and there is no assessment on the episode",
             rationale: "A section 47 enquiry is part of an assessment of the child's needs; an episode with an enquiry and no assessment is missing one.",
             examples: [
                .bad("enquiry, no assessment", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Section47><S47ActualStartDate>2024-06-11</S47ActualStartDate></Section47>")),
                .good("enquiry and assessment", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Assessments><AssessmentActualStartDate>2024-06-11</AssessmentActualStartDate></Assessments><Section47><S47ActualStartDate>2024-06-11</S47ActualStartDate></Section47>")),
             ]) { child, out in
            for episode in child.episodes {
                guard let s47 = episode.children(.section47).first, episode.children(.assessment).isEmpty else { continue }
                out.report("the episode referred on \(shown(episode[.referralDate])) has a section 47 enquiry but no assessment", at: s47)
            }
        },
        .cin("4000", "cin-plan-for-nfa-referral", .consistency,
             fields: ["ReferralNFA"],
             message: "CIN Plan details provided for a referral with no further action",
             rationale: "A referral with no further action leads to nothing, so not to a CIN plan.",
             examples: [
                .bad("NFA with a CIN plan", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>true</ReferralNFA><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate></CINPlanDates>")),
                .good("further action with a CIN plan", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>false</ReferralNFA><CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate></CINPlanDates>")),
             ]) { child, out in
            nfaWith(child, &out, .cinPlan, "a CIN plan")
        },
        .cin("8832", "cp-plan-for-nfa-referral", .consistency,
             fields: ["CINdetailsID", "ReferralNFA"],
             message: "Child Protection details provided for a referral with no further action.",
             rationale: "A referral with no further action leads to nothing, so not to a child protection plan.",
             examples: [
                .bad("NFA with a child protection plan", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>1</ReferralNFA><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate></ChildProtectionPlans>")),
                .good("further action with a child protection plan", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>0</ReferralNFA><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate></ChildProtectionPlans>")),
             ]) { child, out in
            nfaWith(child, &out, .cpPlan, "a child protection plan")
        },
        .cin("8831", "activity-for-nfa-referral", .consistency,
             fields: ["AssessmentActualStartDate", "AssessmentAuthorisationDate", "S47ActualStartDate", "DateOfInitialCPC"],
             message: "Activity is recorded against a case marked as a referral with no further action",
             rationale: "A referral with no further action has no assessment, no section 47 enquiry and no conference.",
             examples: [
                .bad("NFA with an assessment", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>true</ReferralNFA><Assessments><AssessmentActualStartDate>2024-06-11</AssessmentActualStartDate></Assessments>")),
                .good("NFA and nothing else", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>true</ReferralNFA>")),
             ]) { child, out in
            for episode in child.episodes where isTrueFlag(episode[.referralNFA]) {
                var found: Note?
                if let icpc = episode[.initialCPCDate], icpc.day != nil {
                    found = out.note("an initial conference is recorded here", at: icpc, of: episode)
                }
                for s47 in episode.children(.section47) where found == nil {
                    if let start = s47[.startDate], start.day != nil { found = out.note("a section 47 enquiry starts here", at: start, of: s47) }
                }
                for a in episode.children(.assessment) where found == nil {
                    if a.day(.startDate) != nil || a.day(.authorisationDate) != nil {
                        found = out.note("an assessment is recorded here", at: a)
                    }
                }
                guard let found else { continue }
                out.report("referral of \(shown(episode[.referralDate])) is marked as no further action, but has activity",
                           at: episode[.referralNFA]!, of: episode, notes: [found])
            }
        },
        .cin("8825Q", "closed-after-assessment-without-assessment", .sufficiency,
             fields: ["ReasonForClosure"],
             message: "Please check and either amend data or provide a reason: Reason for Closure code RC8 (case closed after assessment) or RC9 (case closed after assessment, referred to early help) has been returned but there is no assessment present for the episode.",
             rationale: "RC8 and RC9 close an episode after its assessment, so the episode has one.",
             examples: [
                .bad("RC9 and no assessment", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-07-01</CINclosureDate><ReasonForClosure>RC9</ReasonForClosure>")),
                .good("RC9 with an assessment", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-07-01</CINclosureDate><ReasonForClosure>RC9</ReasonForClosure><Assessments><AssessmentActualStartDate>2024-06-11</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-06-30</AssessmentAuthorisationDate></Assessments>")),
             ]) { child, out in
            for episode in child.episodes {
                guard let reason = episode[.closureReason], reason.text == "RC8" || reason.text == "RC9",
                      episode.children(.assessment).isEmpty else { continue }
                out.report("episode closed as \(reason.text) (case closed after assessment) has no assessment", at: reason, of: episode)
            }
        },
        .cin("8867", "closed-with-open-assessment", .consistency,
             fields: ["CINclosureDate", "AssessmentAuthorisationDate"],
             message: "CIN episode is shown as closed, however Assessment is not shown as completed",
             rationale: "An episode closes when its work is done: every assessment in it has a completion (authorisation) date.",
             examples: [
                .bad("closed with an open assessment", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-07-01</CINclosureDate><Assessments><AssessmentActualStartDate>2024-06-11</AssessmentActualStartDate></Assessments>")),
                .good("assessment completed", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-07-01</CINclosureDate><Assessments><AssessmentActualStartDate>2024-06-11</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-06-30</AssessmentAuthorisationDate></Assessments>")),
             ]) { child, out in
            for episode in child.episodes {
                guard let closure = episode[.closureDate], let c = closure.day else { continue }
                for a in episode.children(.assessment) where a.day(.authorisationDate) == nil {
                    out.report("episode closes on \(c), but the assessment starting \(shown(a[.startDate])) has no completion date",
                               at: a[.authorisationDate], or: a, missing: "AssessmentAuthorisationDate",
                               notes: [out.note("the episode closes here", at: closure, of: episode)])
                }
            }
        },
        .cin("8868", "closed-with-open-s47", .consistency,
             fields: ["ICPCnotRequired", "CINclosureDate", "DateOfInitialCPC"],
             message: "CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by ICPC date or ICPC not required flag",
             rationale: "A section 47 enquiry ends either in an initial conference (a date) or with the conference marked not required, not both; a closed episode's enquiries have ended.",
             examples: [
                .bad("closed with an enquiry awaiting conference", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-09-01</CINclosureDate><Section47><S47ActualStartDate>2024-06-11</S47ActualStartDate><ICPCnotRequired>false</ICPCnotRequired></Section47>")),
                .good("conference not required", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-09-01</CINclosureDate><Section47><S47ActualStartDate>2024-06-11</S47ActualStartDate><ICPCnotRequired>true</ICPCnotRequired></Section47>")),
             ]) { child, out in
            for episode in child.episodes {
                guard let closure = episode[.closureDate], let c = closure.day else { continue }
                for s47 in episode.children(.section47) {
                    let held = s47.day(.initialCPCDate) != nil, notRequired = isTrueFlag(s47[.icpcNotRequired])
                    guard held == notRequired else { continue }
                    let why = held ? "has both an initial conference date and ICPCnotRequired true"
                        : "has neither an initial conference date nor ICPCnotRequired true"
                    out.report("episode closes on \(c), but the section 47 enquiry starting \(shown(s47[.startDate])) \(why)", at: s47,
                               notes: [out.note("the episode closes here", at: closure, of: episode)])
                }
            }
        },
    ]

    /// Reports episodes marked as no further action that hold records of `kind`.
    private static func nfaWith(_ child: Child, _ out: inout Findings, _ kind: RecordKind, _ what: String) {
        for episode in child.episodes where isTrueFlag(episode[.referralNFA]) {
            guard let record = episode.children(kind).first else { continue }
            out.report("referral of \(shown(episode[.referralDate])) is marked as no further action, but has \(what)", at: record,
                       notes: [out.note("ReferralNFA is '\(episode[.referralNFA]!.text)' here", at: episode[.referralNFA]!, of: episode)])
        }
    }
}
