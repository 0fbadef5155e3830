import Model

/// A defect `caselint synth agencies` can inject: the rule it breaks, the kinds of child it
/// can be given to, what it changes before the child's records are made (`knobs`) and
/// after (`apply`), and any other rule the change sets off by the rules' own definitions.
struct AgencyDefect {
    let rule: String
    let archetypes: [Archetype]
    var knobs: @Sendable (inout Knobs) -> Void = { _ in }
    /// Changes the story's records; false when this story cannot take the defect (the
    /// generator draws another).
    let apply: @Sendable (inout Story, inout StoryMaker) -> Bool
    var also: [String] = []
}

/// The defects, one per multi-agency rule (docs/multi-agency-rules.md), pack or Swift.
/// Each gives one child a gap that breaks its rule and nothing else, except where two
/// rules look for the same thing (a looked-after child not seen alone without a reason is
/// PRC013's and SUF004's).
enum AgencyDefects {
    static let returnLevel: Set<String> = ["CON009"]

    static let table: [AgencyDefect] = [
        // Sufficiency
        AgencyDefect(rule: "SUF001", archetypes: [.protection, .inNeed]) { s, _ in
            s.copyVisit { v in v["childSeen"] = nil; v["seenAlone"] = nil; v["notSeenAloneReason"] = nil; v["bedroomSeen"] = nil }
        },
        AgencyDefect(rule: "SUF002", archetypes: [.protection, .inNeed]) { s, _ in
            s.copyVisit { v in v["seenAlone"] = nil; v["notSeenAloneReason"] = nil }
        },
        AgencyDefect(rule: "SUF003", archetypes: [.protection, .inNeed]) { s, _ in
            s.copyVisit { v in v["seenAlone"] = "true"; v["notSeenAloneReason"] = nil; v["present"] = nil }
        },
        AgencyDefect(rule: "SUF004", archetypes: [.protection, .inNeed]) { s, _ in
            s.copyVisit { v in v["seenAlone"] = "false"; v["notSeenAloneReason"] = nil }
        },
        AgencyDefect(rule: "SUF005", archetypes: [.protection, .inNeed, .infant]) { s, _ in
            s.rows.append(Row("householdMember", ["agency": "social-care", "laChildID": s.id, "relationship": "male-partner",
                                                  "givenName": "Partner", "livesWithChild": "false"]))
            return true
        },
        AgencyDefect(rule: "SUF006", archetypes: [.infantProtection]) { s, maker in
            guard let plan = s.plans.first else { return false }
            for i in s.indices("healthContact") where s.rows[i].day("date").map({ $0 >= plan.start }) == true {
                s.rows[i]["safeSleepAdvice"] = "false"
                s.rows[i]["riskFactor"] = nil
            }
            let day = plan.start + 10
            guard day <= min(plan.end ?? maker.end, maker.end) else { return false }
            s.rows.append(Row("healthContact", ["recordID": "HV-\(s.index)-CS", "date": day.description, "practitionerRole": "health-visitor",
                                                "contactType": "targeted", "attended": "true", "withNHS": "true",
                                                "safeSleepAdvice": "false", "riskFactor": "co-sleeping", "time": "15:00"]))
            return true
        },
        AgencyDefect(rule: "SUF007", archetypes: [.protection]) { s, _ in
            guard let i = s.indices("strategyDiscussion").first else { return false }
            s.rows[i]["rationale"] = nil
            return true
        },
        AgencyDefect(rule: "SUF008", archetypes: [.protection, .inNeed, .lookedAfter]) { s, _ in
            guard let v = s.indices("visit").first, let day = s.rows[v]["date"] else { return false }
            s.rows.append(Row("caseNote", ["recordID": "CN-\(s.index)-THIN", "date": day, "author": "Worker \(s.index % 97)",
                                           "authorRole": "social-worker", "noteType": "Visit", "text": "Seen and well."]))
            return true
        },
        AgencyDefect(rule: "SUF009", archetypes: [.protection, .inNeed, .lookedAfter]) { s, _ in
            guard let v = s.indices("visit").first, let day = s.rows[v]["date"] else { return false }
            s.rows.append(Row("caseNote", ["recordID": "CN-\(s.index)-ROLE", "date": day, "author": "Worker \(s.index % 97)",
                                           "noteType": "Phone call",
                                           "text": "Telephone call with the school's designated safeguarding lead about attendance this week and the plan's actions for next month."]))
            return true
        },
        AgencyDefect(rule: "SUF010", archetypes: [.protection], knobs: { $0.noNHS = true }) { s, _ in
            s.plans.isEmpty ? false : true
        },
        // Handover
        AgencyDefect(rule: "HND001", archetypes: [.protection, .inNeed]) { s, _ in
            guard let i = s.professionalReferral() else { return false }
            s.rows[i]["acknowledgedDate"] = nil
            return true
        },
        AgencyDefect(rule: "HND002", archetypes: [.protection, .inNeed]) { s, _ in
            guard let i = s.professionalReferral() else { return false }
            s.rows[i]["outcomeFedBackDate"] = nil
            return true
        },
        AgencyDefect(rule: "HND003", archetypes: [.protection]) { s, _ in
            guard let i = s.indices("strategyDiscussion").first else { return false }
            s.rows[i]["attendingAgency"] = (s.rows[i]["attendingAgency"] ?? "").split(separator: ";").filter { $0 != "health" }.joined(separator: ";")
            return true
        },
        AgencyDefect(rule: "HND004", archetypes: [.protection, .infantProtection]) { s, _ in
            s.removeFirst("notification") { $0["subject"] == "cp-plan-start" && $0["toAgency"] == "police" }
        },
        AgencyDefect(rule: "HND005", archetypes: [.protection]) { s, _ in
            s.removeFirst("notification") { $0["subject"] == "cp-plan-end" && $0["toAgency"] == "health" }
        },
        AgencyDefect(rule: "HND006", archetypes: [.protection]) { s, maker in
            guard let plan = s.plans.first else { return false }
            let move = plan.start + 30
            guard move + 30 <= min(plan.end ?? maker.end, maker.end) else { return false }
            let to = maker.random.pick(Generator.laCodes.filter { $0 != maker.lea })
            s.rows.append(Row("transfer", ["agency": "social-care", "laChildID": s.id, "date": move.description, "fromArea": maker.lea,
                                           "toArea": to, "noticeDate": (move - 2).description]))
            return true
        },
        AgencyDefect(rule: "HND007", archetypes: [.protection, .inNeed]) { s, maker in
            s.replaceIncidents(maker) { $0["socialCareNotifiedDate"] = nil }
        },
        AgencyDefect(rule: "HND008", archetypes: [.protection, .inNeed]) { s, maker in
            guard let r = s.firstReferral, (s.age(on: r) ?? 0) >= 6 else { return false }
            return s.replaceIncidents(maker) { $0["schoolNotifiedDate"] = nil }
        },
        AgencyDefect(rule: "HND009", archetypes: [.protection, .inNeed]) { s, maker in
            s.replaceIncidents(maker) { i in i["dashRisk"] = "high"; i["dashScore"] = "16"; i["maracReferralDate"] = nil; i["childPresent"] = "false" }
        },
        AgencyDefect(rule: "HND010", archetypes: [.infant]) { s, _ in
            guard let birth = s.birth else { return false }
            var moved = false
            for i in s.indices("healthContact") where s.rows[i]["practitionerRole"] == "health-visitor" {
                guard let d = s.rows[i].day("date"), d <= birth + 28 else { continue }
                s.rows[i]["date"] = (birth + 40).description
                moved = true
            }
            return moved
        },
        AgencyDefect(rule: "HND011", archetypes: [.protection, .inNeed, .lookedAfter]) { s, maker in s.allocationGap(maker) },
        // Procedure
        AgencyDefect(rule: "PRC001", archetypes: [.protection, .inNeed]) { s, maker in
            guard let i = s.indices("referral").first, let r = s.rows[i].day("date") else { return false }
            let late = maker.calendar.adding(workingDays: 4, to: r).description
            s.rows[i]["decisionDate"] = late
            s.rows[i]["outcomeFedBackDate"] = late
            return true
        },
        AgencyDefect(rule: "PRC002", archetypes: [.protection, .inNeed]) { s, maker in
            guard let r = s.firstReferral else { return false }
            let start = r + 1, done = maker.calendar.adding(workingDays: 60, to: start)
            guard done <= maker.end, s.death.map({ done < $0 }) ?? true else { return false }
            s.rows.append(Row("assessment", ["agency": "social-care", "laChildID": s.id, "startDate": start.description,
                                             "authorisationDate": done.description]))
            return true
        },
        AgencyDefect(rule: "PRC003", archetypes: [.protection]) { s, maker in
            guard let i = s.indices("strategyDiscussion").first, let start = s.rows[i].day("date") else { return false }
            if let icpc = s.cin.episodes.first?.enquiries.first?.icpc.flatMap({ Day(iso: $0) }),
               maker.calendar.workingDays(from: start, to: icpc) > 12 { return false }
            let early = maker.calendar.adding(workingDays: -3, to: start).description
            s.rows[i]["date"] = early
            for n in s.indices("notification", where: { $0["subject"] == "strategy-outcome" }) { s.rows[n]["sentDate"] = early; s.rows[n]["acknowledgedDate"] = early }
            return true
        },
        AgencyDefect(rule: "PRC004", archetypes: [.protection], knobs: { $0.interchange = true; $0.icpcAfterEnquiry = 18 }) { s, _ in
            !s.plans.isEmpty
        },
        AgencyDefect(rule: "PRC005", archetypes: [.protection], knobs: { $0.interchange = true; $0.planAfterConference = 2 }) { s, _ in
            !s.plans.isEmpty
        },
        AgencyDefect(rule: "PRC006", archetypes: [.protection, .infantProtection]) { s, maker in
            guard let plan = s.plans.first else { return false }
            let groups = s.indices("coreGroup")
            guard groups.count >= 2 else { return false }
            let late = maker.calendar.adding(workingDays: 14, to: plan.start)
            guard let second = s.rows[groups[1]].day("date"), late < second else { return false }
            s.rows[groups[0]]["date"] = late.description
            return true
        },
        AgencyDefect(rule: "PRC007", archetypes: [.protection, .infantProtection]) { s, _ in
            let groups = s.indices("coreGroup")
            guard groups.count >= 4 else { return false }
            s.rows.remove(at: groups[2])
            s.rows.remove(at: groups[1])
            return true
        },
        AgencyDefect(rule: "PRC008", archetypes: [.protection], knobs: { $0.firstReview = 4 }) { s, maker in
            guard let plan = s.plans.first else { return false }
            return min(plan.end ?? maker.end, maker.end) > plan.start.adding(months: 3) + 10
        },
        AgencyDefect(rule: "PRC009", archetypes: [.protection], knobs: { $0.reviewInterval = 7 }) { s, _ in
            guard let plan = s.plans.first else { return false }
            return (s.cin.episodes[plan.episode].cpPlans[plan.plan].reviews?.first?.count ?? 0) >= 2
        },
        AgencyDefect(rule: "PRC010", archetypes: [.protection, .infantProtection]) { s, _ in s.visitGap() },
        AgencyDefect(rule: "PRC011", archetypes: [.protection, .infantProtection]) { s, _ in
            guard let plan = s.plans.first,
                  let review = s.cin.episodes[plan.episode].cpPlans[plan.plan].reviews?.first?.first.flatMap({ Day(iso: $0) }) else { return false }
            for i in s.indices("visit") {
                guard let d = s.rows[i].day("date"), d >= plan.start, d <= review else { continue }
                s.rows[i]["bedroomSeen"] = "false"
            }
            return true
        },
        AgencyDefect(rule: "PRC012", archetypes: [.lookedAfter]) { s, _ in s.lookedAfterVisitGap() },
        AgencyDefect(rule: "PRC013", archetypes: [.lookedAfter], apply: { s, _ in
            s.copyVisit { v in v["seenAlone"] = "false"; v["notSeenAloneReason"] = nil }
        }, also: ["SUF004"]),
        AgencyDefect(rule: "PRC014", archetypes: [.lookedAfter], knobs: { $0.lacFirstReview = 30 }) { s, _ in
            s.indices("lacReview").count >= 1
        },
        AgencyDefect(rule: "PRC015", archetypes: [.lookedAfter], knobs: { $0.epoDays = 30 }) { s, _ in
            s.indices("careEpisode").count >= 2
        },
        AgencyDefect(rule: "PRC016", archetypes: [.protection]) { s, _ in
            s.removeFirst("notification") { $0["subject"] == "strategy-outcome" && $0["toAgency"] == "health" }
        },
        // Consistency
        AgencyDefect(rule: "CON001", archetypes: [.protection, .inNeed]) { s, _ in
            guard let i = s.indices("pupil").first, let birth = s.birth else { return false }
            s.rows[i]["birthDate"] = (birth + 40).description
            return true
        },
        AgencyDefect(rule: "CON002", archetypes: [.protection, .inNeed]) { s, _ in
            guard let i = s.indices("pupil").first, let sex = s.rows[i]["sex"], sex == "M" || sex == "F" else { return false }
            s.rows[i]["sex"] = sex == "M" ? "F" : "M"
            return true
        },
        AgencyDefect(rule: "CON003", archetypes: [.protection]) { s, _ in
            guard let i = s.indices("notification").first, let sent = s.rows[i].day("sentDate") else { return false }
            s.rows[i]["acknowledgedDate"] = (sent - 1).description
            return true
        },
        AgencyDefect(rule: "CON004", archetypes: [.died]) { s, maker in
            guard let death = s.death, death + 10 <= maker.end else { return false }
            s.rows.append(Row("healthContact", ["recordID": "HC-\(s.index)-LATE", "date": (death + 10).description, "practitionerRole": "gp",
                                                "contactType": "attendance", "attended": "true", "withNHS": "true", "time": "10:00"]))
            return true
        },
        AgencyDefect(rule: "CON005", archetypes: [.inNeed]) { s, maker in
            guard s.cin.episodes.count == 1, let closure = s.cin.episodes[0].closure.flatMap({ Day(iso: $0) }),
                  closure + 14 <= maker.end, s.cin.episodes[0].nfa != "true", s.cin.episodes[0].nfa != "1" else { return false }
            let day = closure + 14
            var visit: [String: String] = ["agency": "social-care", "laChildID": s.id, "recordID": "V-\(s.index)-AFTER", "date": day.description,
                                           "visitType": "home", "workerID": "W\(s.index % 97)", "childSeen": "true", "bedroomSeen": "true",
                                           "present": "mother"]
            let young = s.age(on: day).map { $0 < 4 } ?? true
            visit["seenAlone"] = young ? "false" : "true"
            if young { visit["notSeenAloneReason"] = "too young to be seen alone" }
            s.rows.append(Row("visit", visit))
            return true
        },
        AgencyDefect(rule: "CON006", archetypes: [.protection, .inNeed]) { s, _ in
            let valid = StoryMaker.nhsNumber(s.index + 500_000)
            let last = Int(String(valid.last!))!
            s.rows.append(Row("householdMember", ["agency": "social-care", "laChildID": s.id, "relationship": "father", "memberID": "M\(s.index)-9",
                                                  "memberNHSNumber": String(valid.dropLast()) + String((last + 1) % 10),
                                                  "livesWithChild": "false", "parentalResponsibility": "true"]))
            return true
        },
        AgencyDefect(rule: "CON007", archetypes: [.protection, .inNeed]) { s, _ in
            guard let i = s.indices("pupil").first, let upn = s.rows[i]["upn"], let first = upn.first else { return false }
            let letters = Array("ABCDEFGHJKLMNPQRTUVWXYZ")
            s.rows[i]["upn"] = String(letters.first { $0 != first }!) + upn.dropFirst()
            return true
        },
        AgencyDefect(rule: "CON008", archetypes: [.protection, .inNeed]) { s, _ in
            s.rows.append(Row("householdMember", ["agency": "social-care", "laChildID": s.id, "relationship": "uncle", "memberID": "M\(s.index)-8",
                                                  "livesWithChild": "false"]))
            return true
        },
        AgencyDefect(rule: "CON009", archetypes: [.inNeed], knobs: { $0.sexless = true }) { _, _ in true },
        AgencyDefect(rule: "CON010", archetypes: [.protection, .inNeed]) { s, _ in
            guard let i = s.indices("visit").first else { return false }
            s.rows.insert(s.rows[i], at: i + 1)
            return true
        },
    ]

    static func defect(_ rule: String) -> AgencyDefect? { table.first { $0.rule == rule } }
}
