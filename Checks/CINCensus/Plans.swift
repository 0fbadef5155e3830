import Check
import Model

extension CINCensus {
    /// How child protection plans relate to conferences and to each other.
    static let plans: [Rule] = [
        .cin("2885", "cp-plan-start-not-icpc-date", .consistency,
             fields: ["CPPstartDate", "DateOfInitialCPC"],
             message: "Child protection plan shown as starting a different day to the initial child protection conference.",
             rationale: "A child protection plan starts on the day of the initial conference that decides it.",
             examples: [
                .bad("plan starts a day after the conference", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate>
                    <Section47><S47ActualStartDate>2024-06-10</S47ActualStartDate><DateOfInitialCPC>2024-07-01</DateOfInitialCPC><ICPCnotRequired>false</ICPCnotRequired></Section47>
                    <ChildProtectionPlans><CPPstartDate>2024-07-02</CPPstartDate></ChildProtectionPlans></CINdetails></Child>
                    """),
                .good("plan starts on the conference day", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate>
                    <Section47><S47ActualStartDate>2024-06-10</S47ActualStartDate><DateOfInitialCPC>2024-07-01</DateOfInitialCPC><ICPCnotRequired>false</ICPCnotRequired></Section47>
                    <ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate></ChildProtectionPlans></CINdetails></Child>
                    """),
                .bad("no section 47: plan start differs from the episode's conference date", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate><DateOfInitialCPC>2024-07-01</DateOfInitialCPC>
                    <ChildProtectionPlans><CPPstartDate>2024-07-03</CPPstartDate></ChildProtectionPlans></CINdetails></Child>
                    """),
             ]) { child, out in
            guard let census = out.context.census else { return }
            for episode in child.episodes {
                // Enquiries whose conference was not required (true, 1, TRUE) are not compared.
                let enquiries = episode.children(.section47).filter { !isTrueFlag($0[.icpcNotRequired]) }
                for plan in episode.children(.cpPlan) {
                    guard let start = plan[.startDate], let s = start.day, census.contains(s) else { continue }
                    if !enquiries.isEmpty {
                        guard !enquiries.contains(where: { $0.day(.initialCPCDate) == s }) else { continue }
                        let notes = enquiries.compactMap { e in
                            e[.initialCPCDate].map { out.note("the initial conference is held on \($0.day.map { "\($0)" } ?? "an invalid date") here", at: $0, of: e) }
                        }
                        out.report("child protection plan starts on \(s), not on the day of the initial conference", at: start, of: plan,
                                   notes: notes.isEmpty ? [out.note("no initial conference date is recorded in this enquiry", at: enquiries[0])] : notes)
                    } else if episode.day(.initialCPCDate) != s {
                        let icpc = episode[.initialCPCDate]
                        out.report("child protection plan starts on \(s), not on the day of the initial conference", at: start, of: plan,
                                   notes: [icpc.map { out.note("the initial conference is recorded here", at: $0, of: episode) }
                                           ?? out.note("no initial conference date is recorded in this episode", at: episode)])
                    }
                }
            }
        },
        .cin("8940", "cp-plans-overlap", .consistency,
             fields: ["CPPstartDate", "CPPendDate"],
             message: "Child Protection Plan data contains overlapping dates",
             rationale: "A child has at most one child protection plan at a time; overlapping plans mean a date is wrong or a plan is recorded twice.",
             examples: [
                .bad("second plan starts before the first ends", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-04-10</CINreferralDate>
                    <ChildProtectionPlans><CPPstartDate>2024-05-01</CPPstartDate><CPPendDate>2024-09-01</CPPendDate></ChildProtectionPlans>
                    <ChildProtectionPlans><CPPstartDate>2024-08-01</CPPstartDate></ChildProtectionPlans></CINdetails></Child>
                    """),
                .good("second plan starts after the first ends", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-04-10</CINreferralDate>
                    <ChildProtectionPlans><CPPstartDate>2024-05-01</CPPstartDate><CPPendDate>2024-09-01</CPPendDate></ChildProtectionPlans>
                    <ChildProtectionPlans><CPPstartDate>2024-09-02</CPPstartDate></ChildProtectionPlans></CINdetails></Child>
                    """),
             ]) { child, out in
            let plans = child.records(.cpPlan).filter { $0.day(.startDate) != nil }
            let reference = out.context.census?.referenceDate
            for a in plans {
                let aStart = a.day(.startDate)!
                // The first other plan that is running when this one starts.
                let other = plans.first { b in
                    guard b.index != a.index, let bStart = b.day(.startDate), aStart >= bStart else { return false }
                    if let bEnd = b.day(.endDate) { return aStart <= bEnd }
                    return reference.map { aStart <= $0 } ?? true
                }
                guard let b = other else { continue }
                let bEnd = b.day(.endDate).map { "ends \($0)" } ?? "has no end date"
                out.report("child protection plan starts on \(aStart) while another plan is open", at: a[.startDate]!, of: a,
                           notes: [out.note("the other plan starts on \(b.day(.startDate)!) and \(bEnd)", at: b[.startDate]!, of: b)])
            }
        },
        .cin("8935", "several-open-cp-plans", .consistency,
             fields: ["CPPendDate"],
             message: "This child is showing more than one open Child Protection plan, i.e. with no End Date",
             rationale: "A child has at most one child protection plan at a time, so at most one without an end date.",
             examples: [
                .bad("two open plans in one episode", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate></ChildProtectionPlans><ChildProtectionPlans><CPPstartDate>2024-10-01</CPPstartDate></ChildProtectionPlans>")),
                .good("the first plan ended", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><CPPendDate>2024-09-01</CPPendDate></ChildProtectionPlans><ChildProtectionPlans><CPPstartDate>2024-10-01</CPPstartDate></ChildProtectionPlans>")),
             ]) { child, out in
            let open = child.records(.cpPlan).filter { $0.day(.endDate) == nil }
            guard open.count > 1 else { return }
            out.report("\(open.count) child protection plans have no end date; at most one may be open", at: open[1], missing: "CPPendDate",
                       notes: [out.note("another open plan, starting \(shown(open[0][.startDate])), is here", at: open[0])])
        },
    ]
}
