import Model

/// The agencies' records of a story, made from its CIN part: household, referrals and
/// allocations, strategy discussions and conferences, plans' notifications, core groups and
/// visits with their case notes, health contacts, police incidents, looked-after episodes.
extension StoryMaker {
    mutating func household(_ s: inout Story) {
        let id = s.id, n = s.index
        s.rows.append(Row("householdMember", ["agency": "social-care", "laChildID": id, "relationship": s.archetype == .lookedAfter ? "foster-carer" : "mother",
                                              "memberID": "M\(n)-1", "livesWithChild": "true",
                                              "parentalResponsibility": s.archetype == .lookedAfter ? "false" : "true"]))
        guard s.archetype != .lookedAfter else { return }
        if random.chance(0.5) {
            s.rows.append(Row("householdMember", ["agency": "social-care", "laChildID": id, "relationship": "father", "memberID": "M\(n)-2",
                                                  "livesWithChild": random.chance(0.6) ? "true" : "false", "parentalResponsibility": "true"]))
        }
        if random.chance(0.2) {
            s.rows.append(Row("householdMember", ["agency": "social-care", "laChildID": id, "relationship": "male-partner", "memberID": "M\(n)-3",
                                                  "memberPolicePersonID": "P-\(900000 + n)", "livesWithChild": "true"]))
        }
    }

    /// Who is at home at visits.
    func present(_ s: Story) -> String {
        var people = [s.archetype == .lookedAfter ? "foster-carer" : "mother"]
        for r in s.rows where r.kind == "householdMember" && r["livesWithChild"] == "true" {
            if let rel = r["relationship"], !people.contains(rel) { people.append(rel) }
        }
        return people.joined(separator: ";")
    }

    // MARK: Episodes

    static let professionalSources: [String: (agency: String, role: String)] = [
        "2A": ("education", "teacher"), "2B": ("education", "education welfare officer"), "3A": ("health", "GP"),
        "3B": ("health", "health visitor"), "3C": ("health", "school nurse"), "3D": ("health", "primary health"),
        "3E": ("health", "A&E"), "3F": ("health", "health"), "4": ("housing", "housing officer"),
        "6": ("police", "police officer"), "7": ("other", "legal agency"),
    ]

    mutating func episode(_ s: inout Story, _ e: Int) {
        let episode = s.cin.episodes[e]
        guard let r = episode.referral.flatMap({ Day(iso: $0) }) else { return }
        let closure = episode.closure.flatMap { Day(iso: $0) }
        let stop = min(closure ?? end, s.death ?? end, end)
        let id = s.id, n = s.index
        let from = Self.professionalSources[episode.source ?? ""] ?? ("other", "member of the public")
        let nfa = episode.nfa == "true" || episode.nfa == "1"
        s.rows.append(Row("referral", ["agency": "social-care", "laChildID": id, "recordID": "REF-\(n)-\(e + 1)", "date": r.description,
                                       "fromAgency": from.agency, "toAgency": "social-care", "referrerRole": from.role,
                                       "acknowledgedDate": r.description, "decisionDate": r.description,
                                       "outcome": nfa ? "no-further-action" : "assessment", "outcomeFedBackDate": r.description,
                                       "decisionBy": "Team manager \(1 + n % 7)",
                                       "rationale": nfa ? "Information and advice given; no further action needed." : "Needs assessment to understand the concerns raised."]))
        if nfa { return }
        allocations(&s, from: r, to: closure, tag: e + 1)
        let schoolAge = s.age(on: r).map { $0 >= 5 } ?? false
        var agencies = ["social-care", "police", "health"]
        if schoolAge { agencies.append("education") }
        // Section 47: the strategy discussion on the day it starts, its record shared.
        for (q, enquiry) in episode.enquiries.enumerated() {
            guard let start = enquiry.start.flatMap({ Day(iso: $0) }) else { continue }
            s.rows.append(Row("strategyDiscussion", ["agency": "social-care", "laChildID": id, "recordID": "SD-\(n)-\(e + 1)\(q + 1)",
                                                     "date": start.description, "attendingAgency": agencies.joined(separator: ";"),
                                                     "invitedAgency": agencies.joined(separator: ";"), "outcome": "section-47",
                                                     "decisionBy": "Team manager \(1 + n % 7)",
                                                     "rationale": "Reasonable cause to suspect significant harm; joint enquiry agreed."]))
            for (k, to) in agencies.dropFirst().enumerated() {
                notification(&s, "SO-\(n)-\(e + 1)\(q + 1)\(k)", "strategy-outcome", to, start)
            }
            if let icpc = enquiry.icpc.flatMap({ Day(iso: $0) }) {
                conference(&s, "CP-\(n)-\(e + 1)", "initial", icpc, agencies, outcome: "cp-plan")
            }
        }
        if let icpc = episode.icpc.flatMap({ Day(iso: $0) }), episode.enquiries.isEmpty {
            // A transfer-in: the family moved into the area; the plan is taken over.
            let other = random.pick(Generator.laCodes.filter { $0 != lea })
            s.rows.append(Row("transfer", ["agency": "social-care", "laChildID": id, "date": (icpc - 10).description,
                                           "fromArea": other, "toArea": lea, "noticeDate": (icpc - 12).description]))
            conference(&s, "CP-\(n)-\(e + 1)", "transfer-in", icpc, agencies, outcome: "cp-plan")
        }
        var visitNumber = 0
        for plan in episode.cpPlans {
            guard let start = plan.start.flatMap({ Day(iso: $0) }) else { continue }
            let planEnd = plan.end.flatMap { Day(iso: $0) }
            let planStop = min(planEnd ?? stop, stop)
            for (k, to) in ["police", "health", "education", "cp-is"].enumerated() {
                notification(&s, "NS-\(n)-\(e + 1)\(k)", "cp-plan-start", to, start)
            }
            for (k, review) in (plan.reviews?.flatMap { $0 } ?? []).enumerated() {
                guard let d = Day(iso: review) else { continue }
                conference(&s, "CR-\(n)-\(e + 1)\(k + 1)", "review", d, agencies, outcome: "continue-plan")
            }
            // Core groups: the first within a week, then every four weeks.
            var meeting = min(calendar.adding(workingDays: 5, to: start), planStop)
            var k = 1
            while meeting <= planStop {
                s.rows.append(Row("coreGroup", ["agency": "social-care", "laChildID": id, "recordID": "CG-\(n)-\(e + 1)\(k)",
                                                "date": meeting.description, "attendingAgency": agencies.joined(separator: ";")]))
                meeting = calendar.adding(workingDays: 20, to: meeting)
                k += 1
            }
            // Visits: the first within two working days, then every seven.
            var visit = min(calendar.adding(workingDays: 2, to: start), planStop)
            while visit <= planStop {
                visitNumber += 1
                addVisit(&s, "V-\(n)-\(e + 1)-\(visitNumber)", visit, bedroom: visitNumber % 3 != 0)
                visit = calendar.adding(workingDays: 7, to: visit)
            }
            if let planEnd, planEnd <= end {
                for (k, to) in ["police", "health", "education", "cp-is"].enumerated() {
                    notification(&s, "NE-\(n)-\(e + 1)\(k)", "cp-plan-end", to, planEnd)
                }
            }
            // An infant on a plan: safe-sleep advice from the health visitor throughout.
            if s.birth.map({ start < $0.adding(years: 1) }) == true { infantAdvice(&s, from: start, to: planStop) }
        }
        for plan in episode.cinPlans {
            guard let start = plan.start.flatMap({ Day(iso: $0) }) else { continue }
            let planStop = min(plan.end.flatMap { Day(iso: $0) } ?? stop, stop)
            var visit = calendar.adding(workingDays: 3, to: start)
            while visit <= planStop {
                visitNumber += 1
                addVisit(&s, "V-\(n)-\(e + 1)-\(visitNumber)", visit, bedroom: visitNumber % 2 == 0)
                visit = calendar.adding(workingDays: 20, to: visit)
            }
        }
    }

    mutating func allocations(_ s: inout Story, from start: Day, to closure: Day?, tag: Int) {
        let id = s.id, n = s.index
        let stop = min(closure ?? end, end)
        if stop - start > 60, random.chance(0.3) {
            let handover = gen.working(onOrAfter: start + (stop - start) / 2)
            s.rows.append(Row("workerAllocation", ["agency": "social-care", "laChildID": id, "workerID": "W\(n % 97)",
                                                   "workerRole": "social-worker", "team": "Assessment", "startDate": start.description,
                                                   "endDate": handover.description]))
            var second: [String: String] = ["agency": "social-care", "laChildID": id, "workerID": "W\(n % 89 + 100)",
                                            "workerRole": "social-worker", "team": "Child protection", "startDate": handover.description]
            second["endDate"] = closure?.description
            s.rows.append(Row("workerAllocation", second))
        } else {
            var only: [String: String] = ["agency": "social-care", "laChildID": id, "workerID": "W\(n % 97)",
                                          "workerRole": "social-worker", "team": "Assessment", "startDate": start.description]
            only["endDate"] = closure?.description
            s.rows.append(Row("workerAllocation", only))
        }
    }

    mutating func notification(_ s: inout Story, _ recordID: String, _ subject: String, _ to: String, _ sent: Day) {
        s.rows.append(Row("notification", ["agency": "social-care", "laChildID": s.id, "recordID": recordID, "subject": subject,
                                           "fromAgency": "social-care", "toAgency": to, "sentDate": sent.description,
                                           "acknowledgedDate": (sent + random.int(0...1)).description,
                                           "method": to == "cp-is" ? "cp-is" : "email"]))
    }

    func conference(_ s: inout Story, _ recordID: String, _ type: String, _ day: Day, _ agencies: [String], outcome: String) {
        s.rows.append(Row("conference", ["agency": "social-care", "laChildID": s.id, "recordID": recordID, "date": day.description,
                                         "conferenceType": type, "attendingAgency": agencies.joined(separator: ";"),
                                         "invitedAgency": (agencies + (agencies.contains("education") ? [] : ["education"])).joined(separator: ";"),
                                         "quorate": "true", "outcome": outcome, "decisionBy": "Conference chair \(1 + s.index % 5)",
                                         "rationale": type == "review" ? "Progress against the plan reviewed; risks remain." : "Risk of significant harm; a plan is needed."]))
    }

    static let noteTexts = [
        "Home visit. The child was seen with the carers in the living room; we talked about nursery, meals and the bedtime routine, and went through the plan's actions together.",
        "Visit at home. The child showed me the bedroom and toys, and talked about school friends; mother said the partner no longer stays over. Next steps agreed.",
        "Seen at home after school. Spoke with the child alone about how things are at home and at school; no new worries raised. Kitchen and bedroom seen, both warm and clean.",
        "Home visit with the health visitor. Weight and feeding discussed; the cot is in the parents' room and the baby sleeps on the back; safe sleep advice repeated.",
    ]

    mutating func addVisit(_ s: inout Story, _ recordID: String, _ day: Day, bedroom: Bool) {
        let young = s.age(on: day).map { $0 < 4 } ?? true
        var visit: [String: String] = ["agency": "social-care", "laChildID": s.id, "recordID": recordID, "date": day.description,
                                       "visitType": young || random.chance(0.8) ? "home" : "school", "workerID": "W\(s.index % 97)",
                                       "childSeen": "true", "seenAlone": young ? "false" : "true", "bedroomSeen": bedroom ? "true" : "false",
                                       "present": present(s)]
        if young { visit["notSeenAloneReason"] = "too young to be seen alone" }
        s.rows.append(Row("visit", visit))
        s.rows.append(Row("caseNote", ["recordID": "CN" + recordID.dropFirst(1), "date": day.description, "author": "Worker \(s.index % 97)",
                                       "authorRole": "social-worker", "noteType": "Visit", "text": random.pick(Self.noteTexts)]))
    }

    // MARK: Health

    mutating func health(_ s: inout Story) {
        var k = 0
        func contact(_ s: inout Story, _ day: Day, _ role: String, _ type: String, safeSleep: Bool?, risks: [String] = []) {
            guard day >= window, day <= end, s.death.map({ day <= $0 }) ?? true else { return }
            k += 1
            var f: [String: String] = ["recordID": "HC-\(s.index)-\(k)", "date": day.description, "practitionerRole": role,
                                       "contactType": type, "attended": "true", "withNHS": k % 5 == 0 ? "false" : "true",
                                       "time": "\(9 + k % 7):\(k % 2 == 0 ? "00" : "30")"]
            if let safeSleep { f["safeSleepAdvice"] = safeSleep ? "true" : "false" }
            if !risks.isEmpty { f["riskFactor"] = risks.joined(separator: ";") }
            s.rows.append(Row("healthContact", f))
        }
        if let birth = s.birth, birth >= window {
            contact(&s, birth - 60, "midwife", "antenatal", safeSleep: true)
            contact(&s, birth + 3, "midwife", "postnatal", safeSleep: true)
            contact(&s, birth + 12, "health-visitor", "new-birth-visit", safeSleep: true)
            contact(&s, birth + 45, "health-visitor", "6-8-week-review", safeSleep: true)
        } else if let expected = s.cin.expectedBirth.flatMap({ Day(iso: $0) }) {
            contact(&s, expected - 150, "midwife", "antenatal", safeSleep: nil)
            contact(&s, expected - 90, "midwife", "antenatal", safeSleep: true)
        } else if let birth = s.birth {
            let day = max(window, birth) + random.int(0...max(0, end - max(window, birth) - 1))
            contact(&s, day, (s.age(on: day) ?? 0) >= 5 && random.chance(0.5) ? "school-nurse" : "gp", "attendance", safeSleep: nil)
        }
    }

    /// An infant on a plan: health visitor contacts with safe-sleep advice from the plan's
    /// start, some recording the risks that call for it.
    mutating func infantAdvice(_ s: inout Story, from start: Day, to stop: Day) {
        guard let birth = s.birth else { return }
        // The first on the day the plan starts (an infant may turn one days later).
        var day = start
        var k = 0
        while day <= stop, day == start || day < birth.adding(years: 1) {
            k += 1
            let risks = random.chance(0.3) ? [random.pick(["co-sleeping", "alcohol", "domestic-abuse", "mental-health"])] : []
            s.rows.append(Row("healthContact", ["recordID": "HV-\(s.index)-\(k)", "date": day.description, "practitionerRole": "health-visitor",
                                                "contactType": "targeted", "attended": "true", "withNHS": "true", "safeSleepAdvice": "true",
                                                "riskFactor": risks.joined(separator: ";"), "time": "11:00"]))
            day = day + 28
        }
    }

    // MARK: Police

    mutating func police(_ s: inout Story) {
        guard let r = s.cin.episodes.first?.referral.flatMap({ Day(iso: $0) }), s.birth != nil,
              s.cin.episodes.first?.source == "6" || random.chance(0.2) else { return }
        let count = random.chance(0.3) ? 2 : 1
        var day = r - random.int(1...5)
        for k in 1...count {
            guard day >= window, day <= end, s.death.map({ day < $0 }) ?? true else { break }
            let level = random.weighted([("standard", 4), ("medium", 4), ("high", 2)])
            let score = level == "high" ? random.int(14...20) : level == "medium" ? random.int(5...13) : random.int(0...4)
            var f: [String: String] = ["incidentID": "INC-\(s.index)-\(k)", "date": day.description, "domesticAbuse": "true",
                                       "childPresent": random.chance(0.7) ? "true" : "false", "dashRisk": level, "dashScore": "\(score)",
                                       "schoolNotifiedDate": day.description, "socialCareNotifiedDate": day.description]
            if level == "high" { f["maracReferralDate"] = calendar.adding(workingDays: 2, to: day).description }
            s.rows.append(Row("policeIncident", f))
            day = day + random.int(120...200)
        }
    }

    // MARK: Looked after

    mutating func lookedAfter(_ s: inout Story, _ knobs: Knobs) {
        let n = s.index
        let careStart = window + 30 + random.int(0...max(0, (end - 100) - (window + 30)))
        let leaves = random.chance(0.2) ? careStart + random.int(200...400) : nil
        let careEnd = leaves.flatMap { $0 <= end - 10 ? $0 : nil }
        let stop = careEnd ?? end
        // Episodes: an emergency protection order first (sometimes), a placement change later.
        var episodes: [(start: Day, reason: String, status: String, placement: String)] = []
        if let epo = knobs.epoDays ?? (random.chance(0.15) ? random.int(5...15) : nil) {
            episodes.append((careStart, "S", "L2", "U1"))
            episodes.append((careStart + epo, "L", "C2", "U1"))
        } else {
            episodes.append((careStart, "S", random.chance(0.7) ? "C2" : "V2", random.pick(["U1", "U3", "U4", "U5"])))
        }
        let move = episodes.last!.start + random.int(120...300)
        if move <= stop - 60, random.chance(0.5) {
            episodes.append((move, "P", episodes.last!.status, random.pick(["U1", "U3", "U4", "U5", "R1"])))
        }
        for (i, e) in episodes.enumerated() {
            var f: [String: String] = ["startDate": e.start.description, "reasonNewEpisode": e.reason, "legalStatus": e.status,
                                       "placement": e.placement, "placementProvider": "PR1", "needCode": "N1"]
            if i + 1 < episodes.count {
                f["endDate"] = episodes[i + 1].start.description
                f["reasonEpisodeCeased"] = "X1"
            } else if let careEnd {
                f["endDate"] = careEnd.description
                f["reasonEpisodeCeased"] = "E11"
            }
            s.rows.append(Row("careEpisode", f))
        }
        allocations(&s, from: careStart, to: careEnd, tag: 1)
        // Visits: within three days of each placement, then every four weeks (five after
        // the placement's first year).
        var placements = episodes.filter { $0.reason != "L" }.map(\.start)
        placements.append(stop + 1)
        var k = 0
        for (p, next) in zip(placements, placements.dropFirst()) {
            var visit = p + 3
            while visit < next, visit <= stop {
                k += 1
                addVisit(&s, "V-\(n)-1-\(k)", visit, bedroom: true)
                visit = visit + (visit < p.adding(years: 1) ? 28 : 35)
            }
        }
        // Reviews: within 15 working days, then after about ten weeks, then every five months.
        var review = calendar.adding(workingDays: knobs.lacFirstReview, to: careStart)
        var r = 0
        while review <= stop {
            r += 1
            s.rows.append(Row("lacReview", ["date": review.description, "reviewCode": "PN1"]))
            review = gen.working(onOrBefore: r == 1 ? review.adding(months: 2) + 14 : review.adding(months: 5))
        }
    }
}
