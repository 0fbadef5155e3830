import Model

/// Settings a defect changes before a story's records are made, so that everything that
/// follows from them stays consistent (a later conference moves the plan, its visits and
/// its notifications with it).
struct Knobs {
    /// Write the CIN part as interchange records, not to the census return.
    var interchange = false
    /// No sex recorded anywhere (return-level share defect).
    var sexless = false
    /// No NHS number in any agency's records.
    var noNHS = false
    /// The initial conference this many working days after the section 47 start.
    var icpcAfterEnquiry: Int?
    /// The plan starting this many days after its initial conference.
    var planAfterConference = 0
    /// First review conference after the plan's start, and the interval after it.
    var firstReview = 2
    var reviewInterval = 5
    /// Looked after: the first review this many working days after care starts; an
    /// emergency protection order lasting this many days at the start of care.
    var lacFirstReview = 15
    var epoDays: Int?
}

/// Makes clean multi-agency stories: every multi-agency rule holds for them (with room to
/// spare on every timescale, so that small differences in how a rule counts do not
/// matter), and their CIN part, made by the CIN generator, holds every DfE rule.
///
/// Stories run up to the end of the data — the census reference date — with visits, core
/// groups and reviews continuing while a plan or placement is open.
struct StoryMaker {
    var gen: Generator
    let calendar = WorkingDayCalendar.englandAndWales
    /// The end of the data (the census reference date) and the census year's first day.
    let end: Day
    let yearStart: Day
    /// The first day any record may carry.
    let window: Day
    let lea: String

    init(options: CINSynthOptions) {
        gen = Generator(options: options, returnDefects: [])
        end = gen.reference
        yearStart = gen.start
        window = gen.start.adding(years: -1)
        lea = options.lea
    }

    var random: SeededRandom {
        get { gen.random }
        set { gen.random = newValue }
    }

    // MARK: The CIN part

    /// A story of `archetype` for child `index` with `knobs`, or nil when the draw cannot
    /// give the shape asked for (the caller draws again).
    mutating func story(index: Int, _ archetype: Archetype, _ knobs: Knobs) -> Story? {
        var c: SynthChild
        switch archetype {
        case .protection, .transferIn:
            c = gen.born(index: index, age: random.int(1...15)).0
            let r = yearStart + 5 + random.int(0...max(0, (end - 70) - (yearStart + 5)))
            let built = gen.episode(archetype == .protection ? .protection : .transferIn, referral: r)
            guard !built.episode.cpPlans.isEmpty else { return nil }
            c.episodes = [built.episode]
        case .infantProtection:
            let (child, birth) = gen.born(index: index, age: 0)
            c = child
            let r = max(yearStart + 5, birth + random.int(10...40))
            guard r <= end - 60 else { return nil }
            let built = gen.episode(.protection, referral: r)
            guard !built.episode.cpPlans.isEmpty else { return nil }
            c.episodes = [built.episode]
        case .infant:
            let (child, birth) = gen.born(index: index, age: 0)
            c = child
            let r = max(yearStart + 5, birth + random.int(15...60))
            guard r <= end - 20 else { return nil }
            c.episodes = [gen.episode(random.chance(0.5) ? .assessment : .cinPlan, referral: r).episode]
        case .inNeed:
            c = gen.born(index: index, age: random.int(1...17)).0
            let r = yearStart + 5 + random.int(0...max(0, (end - 30) - (yearStart + 5)))
            let pattern = random.weighted([(Generator.Pattern.assessment, 3), (.cinPlan, 4), (.enquiryOnly, 2), (.nfa, 2)])
            c.episodes = [gen.episode(pattern, referral: r).episode]
        case .died:
            c = gen.died(index: index)
        case .unborn:
            let (child, expected) = gen.unborn(index: index)
            c = child
            let earliest = max(yearStart + 5, expected - 270)
            guard earliest <= end - 10 else { return nil }
            let r = earliest + random.int(0...max(0, (end - 10) - earliest))
            c.episodes = [gen.episode(random.chance(0.5) ? .nfa : .assessment, referral: r).episode]
        case .lookedAfter:
            c = gen.born(index: index, age: random.int(2...16)).0
        }
        if knobs.sexless { c.sex = nil }
        normalise(&c, knobs)
        guard let shaped = reshape(&c, knobs) , shaped else { return nil }
        let census = archetype != .lookedAfter && !knobs.interchange && !knobs.sexless
        var s = Story(index: index, archetype: archetype, census: census, cin: c,
                      nhs: knobs.noNHS ? nil : Self.nhsNumber(index), policeID: "P-\(700000 + index)",
                      healthID: "H-\(500000 + index)")
        derive(&s, knobs)
        return s
    }

    /// Timescales the multi-agency rules ask more of than the DfE rules: an assessment
    /// completed within 45 working days of its referral (PRC002), reviews within three
    /// months of the plan's start and then every five months (PRC008, PRC009).
    mutating func normalise(_ c: inout SynthChild, _ knobs: Knobs) {
        for e in c.episodes.indices {
            guard let r = c.episodes[e].referral.flatMap({ Day(iso: $0) }) else { continue }
            let latest = calendar.adding(workingDays: 40, to: r)
            for a in c.episodes[e].assessments.indices {
                let assessment = c.episodes[e].assessments[a]
                guard let start = assessment.start.flatMap({ Day(iso: $0) }) else { continue }
                if let done = assessment.authorised.flatMap({ Day(iso: $0) }) {
                    if done > latest { c.episodes[e].assessments[a].authorised = max(start, latest).description }
                } else if calendar.adding(workingDays: 45, to: r) <= end {
                    // An assessment still open when its 45 working days have passed.
                    c.episodes[e].assessments[a].authorised = max(start, latest).description
                    c.episodes[e].assessments[a].factors = [random.pick(Generator.factors)]
                }
            }
        }
    }

    /// Moves the conference and plan as the knobs say (interchange stories only), and sets
    /// every plan's reviews. False when the episode cannot take the change.
    mutating func reshape(_ c: inout SynthChild, _ knobs: Knobs) -> Bool? {
        for e in c.episodes.indices {
            for p in c.episodes[e].cpPlans.indices {
                var plan = c.episodes[e].cpPlans[p]
                guard var start = plan.start.flatMap({ Day(iso: $0) }) else { continue }
                let planEnd = plan.end.flatMap { Day(iso: $0) }
                if let delay = knobs.icpcAfterEnquiry {
                    guard let s = c.episodes[e].enquiries.first?.start.flatMap({ Day(iso: $0) }) else { return false }
                    let icpc = calendar.adding(workingDays: delay, to: s)
                    guard icpc <= end - 30, planEnd.map({ icpc < $0 - 30 }) ?? true else { return false }
                    c.episodes[e].enquiries[0].icpc = icpc.description
                    start = icpc
                }
                if knobs.planAfterConference != 0 {
                    start = start + knobs.planAfterConference
                    guard start <= end - 30, planEnd.map({ start < $0 - 30 }) ?? true else { return false }
                }
                plan.start = start.description
                let stop = min(planEnd ?? end, end)
                var reviews: [String] = []
                var review = gen.working(onOrAfter: start.adding(months: knobs.firstReview) - 3)
                while review < stop {
                    reviews.append(review.description)
                    review = gen.working(onOrBefore: review.adding(months: knobs.reviewInterval))
                }
                plan.reviews = reviews.isEmpty ? nil : [reviews]
                c.episodes[e].cpPlans[p] = plan
            }
        }
        return true
    }

    /// A valid NHS number for child `index` (modulus-11 check digit).
    static func nhsNumber(_ index: Int) -> String {
        var base = 600_000_000 + (index * 7_919) % 300_000_000
        while true {
            let digits = String(base).map { Int(String($0))! }
            var sum = 0
            for i in 0..<9 { sum += digits[i] * (10 - i) }
            var check = 11 - sum % 11
            if check == 11 { check = 0 }
            if check != 10 { return String(base) + String(check) }
            base += 1
        }
    }

    // MARK: The agencies' records

    /// Every agency's records of the story, from its CIN part and archetype.
    mutating func derive(_ s: inout Story, _ knobs: Knobs) {
        let id = s.id
        var identity: [String: String] = ["agency": "social-care", "laChildID": id, "policePersonID": s.policeID, "healthID": s.healthID]
        identity["nhsNumber"] = s.nhs
        s.rows.append(Row("identity", identity))
        if !s.census {
            var person: [String: String] = ["agency": "social-care", "laChildID": id]
            person["nhsNumber"] = s.nhs
            person["birthDate"] = s.cin.birth
            person["expectedBirthDate"] = s.cin.expectedBirth
            person["sex"] = s.cin.sex
            person["deathDate"] = s.cin.death
            s.rows.append(Row("person", person))
            cinRows(&s)
        }
        if let upn = s.cin.upn, !knobs.sexless {
            var pupil: [String: String] = ["agency": "education", "laChildID": id, "upn": upn]
            pupil["birthDate"] = s.cin.birth
            pupil["sex"] = s.cin.sex
            s.rows.append(Row("pupil", pupil))
        }
        household(&s)
        health(&s)
        if s.archetype == .lookedAfter {
            lookedAfter(&s, knobs)
        } else {
            for e in s.cin.episodes.indices { episode(&s, e) }
            police(&s)
        }
    }

    /// The CIN part as interchange records.
    func cinRows(_ s: inout Story) {
        let id = s.id
        func row(_ kind: String, _ fields: [String: String?]) -> Row {
            var f: [String: String] = ["agency": "social-care", "laChildID": id]
            for (k, v) in fields { if let v { f[k] = v } }
            return Row(kind, f)
        }
        for e in s.cin.episodes {
            s.rows.append(row("cinEpisode", ["referralDate": e.referral, "referralSource": e.source, "primaryNeed": e.need,
                                             "closureDate": e.closure, "closureReason": e.reason, "initialCPCDate": e.icpc,
                                             "referralNFA": e.nfa]))
            for a in e.assessments {
                s.rows.append(row("assessment", ["startDate": a.start, "authorisationDate": a.authorised,
                                                 "factor": a.factors?.joined(separator: ";")]))
            }
            for p in e.cinPlans { s.rows.append(row("cinPlan", ["startDate": p.start, "endDate": p.end])) }
            for q in e.enquiries {
                s.rows.append(row("section47", ["startDate": q.start, "icpcTargetDate": q.target, "initialCPCDate": q.icpc,
                                                "icpcNotRequired": q.notRequired.map { $0 == "1" ? "true" : $0 == "0" ? "false" : $0 }]))
            }
            for p in e.cpPlans {
                s.rows.append(row("cpPlan", ["startDate": p.start, "endDate": p.end, "initialCategory": p.initial,
                                             "latestCategory": p.latest, "previousPlans": p.previous]))
                for r in p.reviews?.flatMap({ $0 }) ?? [] { s.rows.append(row("cpReview", ["date": r])) }
            }
        }
    }
}
