import Checks
import Model

/// Makes clean children: every DfE rule holds for them, in the return's collection year.
///
/// Episodes follow one another (each referral after the previous closure); only the last
/// may be open at the reference date, and then whatever is open in it is recent enough for
/// the timescale queries. Events that would fall after the reference date are cut there:
/// plans stay open, an assessment started in the last 45 working days stays open, an
/// enquiry started in the last 15 waits for its conference.
struct Generator {
    let options: CINSynthOptions
    let returnDefects: Set<String>
    var random: SeededRandom
    let calendar = WorkingDayCalendar.englandAndWales
    /// The reference date and the first day of the census year.
    let reference: Day
    let start: Day
    /// An assessment still open must start on or after this (rule 8670Q); an enquiry still
    /// waiting for its conference on or after `limit15` (8675Q).
    let limit45: Day
    let limit15: Day
    private let salt: Int

    /// The last child given a UPN (for a duplicate-UPN defect).
    var lastUPN: (child: Int, id: String?, upn: String)?
    var missingIDUsed = false

    init(options: CINSynthOptions, returnDefects: Set<String>) {
        self.options = options
        self.returnDefects = returnDefects
        random = SeededRandom(seed: options.seed)
        let due = Day(year: options.year, month: 3, day: 31)!
        // Defect 100: a reference date that is not 31 March; the data follow it.
        reference = returnDefects.contains("100") ? due - 3 : due
        start = reference.adding(years: -1) + 1
        limit45 = calendar.adding(workingDays: -44, to: reference)
        limit15 = calendar.adding(workingDays: -14, to: reference)
        salt = Int(options.seed % 1_000_003)
    }

    var modern: Bool { options.year >= 2025 }

    // MARK: People

    static let ethnicities: [(String, Int)] = [
        ("WBRI", 55), ("WOTH", 5), ("WIRI", 1), ("WIRT", 1), ("WROM", 1), ("MWBC", 3), ("MWBA", 2), ("MWAS", 2),
        ("MOTH", 3), ("AIND", 2), ("APKN", 3), ("ABAN", 1), ("AOTH", 2), ("BCRB", 2), ("BAFR", 4), ("BOTH", 1),
        ("CHNE", 1), ("OOTH", 3), ("REFU", 1), ("NOBT", 2),
    ]
    static let disabilities = ["MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA"]
    static let laCodes = ["201", "202", "203", "204", "205", "206", "207", "208", "209", "210", "211", "212", "213",
                          "301", "302", "303", "304", "305", "306", "800", "801", "802", "803", "805", "806", "807"]

    func id(_ index: Int) -> String {
        let digits = String(index)
        return options.idPrefix + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }

    /// A UPN with a valid check letter, unique for `index`: an LA code and nine digits that
    /// are a bijection of the index.
    mutating func upn(_ index: Int, multiplier: Int = 7919) -> String {
        let la = random.chance(0.8) ? options.lea : random.pick(Generator.laCodes)
        let nine = (index * multiplier + salt) % 1_000_000_000
        let s = String(nine)
        let digits = la + String(repeating: "0", count: 9 - s.count) + s
        return String(UPN.checkLetter("A" + digits)!) + digits
    }

    /// A born child of `age` whole years at the reference date (nil: any age 0–17), with
    /// identifiers and characteristics but no episodes.
    mutating func born(index: Int, age: Int? = nil) -> (SynthChild, birth: Day) {
        let years = age ?? random.weighted([(0, 10), (1, 6), (2, 6), (3, 6), (4, 6), (5, 6), (6, 6), (7, 6), (8, 6),
                                            (9, 6), (10, 6), (11, 6), (12, 7), (13, 7), (14, 7), (15, 7), (16, 6), (17, 4)])
        var birth = reference.adding(years: -years) - random.int(0...364)
        if birth > reference - 90 { birth = reference - 90 - random.int(0...200) }
        var c = SynthChild()
        c.id = id(index)
        c.birth = birth.description
        if modern {
            c.sex = returnDefects.contains("2886Q") && index % 20 == 0 ? "U" : random.chance(0.5) ? "M" : "F"
        } else {
            c.sex = returnDefects.contains("2886Q") && index % 20 == 0 ? "0" : random.chance(0.5) ? "1" : "2"
        }
        if years >= 4 {
            if random.chance(0.92) {
                c.upn = upn(index)
                if random.chance(0.04) { c.formerUPN = upn(index, multiplier: 104_729) }
            } else {
                c.upnUnknown = random.pick(["UN2", "UN3", "UN4", "UN5", "UN6"])
            }
        } else if random.chance(0.9) {
            c.upnUnknown = "UN1"
        }
        characteristics(&c)
        return (c, birth)
    }

    mutating func characteristics(_ c: inout SynthChild) {
        c.ethnicity = random.weighted(Generator.ethnicities)
        if returnDefects.contains("2887Q") {
            // Few codes and no NONE: fewer than 8 codes used in the return.
            let pool = ["HAND", "HEAR", "VIS"]
            c.disabilities = returnDefects.contains("2888Q") || random.chance(0.7) ? [random.pick(pool)] : random.distinct(2, of: pool)
        } else {
            let n = random.weighted([(0, 75), (1, 20), (2, returnDefects.contains("2888Q") ? 0 : 5)])
            c.disabilities = n == 0 ? ["NONE"] : random.distinct(n, of: Generator.disabilities)
        }
    }

    /// An unborn child, expected after the reference date.
    mutating func unborn(index: Int) -> (SynthChild, expected: Day) {
        var c = SynthChild()
        c.id = id(index)
        let expected = reference + random.int(5...250)
        c.expectedBirth = expected.description
        c.sex = modern ? "U" : "0"
        characteristics(&c)
        return (c, expected)
    }

    // MARK: Children

    /// A clean child.
    mutating func clean(index: Int) -> SynthChild {
        let kind = random.weighted([("born", 960), ("unborn", 30), ("died", 10)])
        switch kind {
        case "unborn":
            var (c, expected) = unborn(index: index)
            let earliest = max(start + 5, expected - 270)
            let r = earliest + random.int(0...max(0, (reference - 10) - earliest))
            let pattern = random.weighted([(Pattern.nfa, 2), (.assessment, 3), (.cinPlan, 3)])
            c.episodes = [episode(pattern, referral: r).episode]
            return c
        case "died":
            return died(index: index)
        default:
            var (c, birth) = born(index: index)
            c.episodes = history(from: birth)
            if c.upn == nil, c.episodes.allSatisfy({ $0.nfa == "true" || $0.nfa == "1" }), random.chance(0.5) {
                c.upnUnknown = "UN7"
            }
            return c
        }
    }

    /// One to three episodes, one after another, the first possibly carried over from the
    /// year before.
    mutating func history(from birth: Day) -> [SynthEpisode] {
        var episodes: [SynthEpisode] = []
        let count = random.weighted([(1, 70), (2, 24), (3, 6)])
        var next: Day
        if birth < start - 200, random.chance(0.25) {
            let built = carriedOver()
            episodes.append(built.episode)
            guard let closed = built.closure else { return episodes }
            next = closed + 1 + random.int(0...60)
        } else {
            next = max(start + 5, birth + 1) + random.int(0...200)
        }
        while episodes.count < count, next <= reference - 10 {
            let pattern = random.weighted([(Pattern.nfa, 20), (.assessment, 30), (.cinPlan, 22), (.protection, 15),
                                           (.enquiryOnly, 8), (.transferIn, 5)])
            let built = episode(pattern, referral: next)
            episodes.append(built.episode)
            guard let closed = built.closure else { break }
            next = closed + 1 + random.int(0...60)
        }
        if episodes.isEmpty { episodes.append(episode(.nfa, referral: min(next, reference - 10)).episode) }
        return episodes
    }

    /// A child who died during the year: one episode closed on the day of death (RC2).
    mutating func died(index: Int) -> SynthChild {
        var (c, _) = born(index: index, age: random.int(1...17))
        let death = start + random.int(60...(reference - start - 10))
        c.death = death.description
        let r = start + random.int(5...(death - start - 40))
        var e = opening(referral: r)
        let a = r + random.int(0...3)
        let authorised = min(a + random.int(5...30), death - 5)
        e.assessments = [completed(a, authorised)]
        if random.chance(0.5) {
            e.cinPlans = [SynthCINPlan(start: (authorised + 1).description, end: death.description)]
        }
        e.closure = death.description
        e.reason = "RC2"
        c.episodes = [e]
        return c
    }

    // MARK: Episodes

    enum Pattern: Hashable {
        case nfa, assessment, cinPlan, protection, enquiryOnly, transferIn
    }

    struct Built {
        var episode: SynthEpisode
        /// nil when the episode is still open.
        var closure: Day?
    }

    static let sources = ["1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4",
                          "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10"]
    static let factors = ["1A", "1B", "2A", "2B", "3A", "3B", "3C", "4A", "4B", "5A", "5B", "6A", "6B", "7A",
                          "8B", "9A", "10A", "11A", "12A", "13A", "14A", "15A", "16A", "17A", "18B", "18C",
                          "19B", "19C", "20", "22A", "23A", "24A"]
    static let categories = ["NEG", "PHY", "SAB", "EMO", "MUL"]

    mutating func opening(referral r: Day, nfa: Bool = false) -> SynthEpisode {
        var e = SynthEpisode()
        e.referral = r.description
        e.source = random.pick(Generator.sources)
        if nfa {
            e.nfa = random.chance(0.8) ? "true" : "1"
            if random.chance(0.5) { e.need = "N9" }
        } else {
            e.nfa = random.chance(0.8) ? "false" : "0"
            e.need = random.weighted([("N1", 50), ("N2", 8), ("N3", 10), ("N4", 8), ("N5", 4), ("N6", 3), ("N7", 2),
                                      ("N8", 10), ("N9", 3), ("N0", 2)])
        }
        return e
    }

    func working(onOrAfter d: Day) -> Day {
        var d = d
        while !calendar.isWorkingDay(d) { d = d + 1 }
        return d
    }

    func working(onOrBefore d: Day) -> Day {
        var d = d
        while !calendar.isWorkingDay(d) { d = d - 1 }
        return d
    }

    mutating func completed(_ a: Day, _ authorised: Day) -> SynthAssessment {
        SynthAssessment(start: a.description, authorised: authorised.description,
                        factors: random.distinct(random.weighted([(1, 50), (2, 35), (3, 15)]), of: Generator.factors))
    }

    /// An assessment starting on `a`: completed some weeks later, or still open when that
    /// would be after the reference date (and it is recent), else completed by then.
    mutating func assessment(from a: Day) -> (SynthAssessment, completed: Day?) {
        let planned = calendar.adding(workingDays: random.int(8...42), to: a)
        if planned <= reference { return (completed(a, planned), planned) }
        if a >= limit45 { return (SynthAssessment(start: a.description), nil) }
        let authorised = a + random.int(0...(reference - a))
        return (completed(a, authorised), authorised)
    }

    mutating func closingReason() -> String {
        random.weighted([("RC7", 40), ("RC1", 3), ("RC3", 8), ("RC4", 6), ("RC5", 10), ("RC6", 5)])
    }

    /// Closes an episode some days after its last event, or leaves it open past the
    /// reference date.
    mutating func close(_ e: inout SynthEpisode, after last: Day, reason: String? = nil) -> Day? {
        let closure = last + random.int(0...20)
        guard closure <= reference else { return nil }
        e.closure = closure.description
        e.reason = reason ?? closingReason()
        return closure
    }

    /// An episode of `pattern` referred on `r` (in the census year, at least 10 days before
    /// its end).
    mutating func episode(_ pattern: Pattern, referral r: Day) -> Built {
        if pattern == .nfa {
            var e = opening(referral: max(r, start + 5), nfa: true)
            let day = max(r, start + 5)
            e.closure = day.description
            e.reason = "RC7"
            return Built(episode: e, closure: day)
        }
        var e = opening(referral: r)
        let (a, done) = assessment(from: r + random.int(0...3))
        e.assessments = [a]
        switch pattern {
        case .assessment:
            guard let done else { return Built(episode: e, closure: nil) }
            let closed = close(&e, after: done, reason: random.chance(0.6) ? "RC8" : "RC9")
            return Built(episode: e, closure: closed)
        case .cinPlan:
            guard let done else { return Built(episode: e, closure: nil) }
            return cinPlan(&e, from: done + random.int(0...10), lastSoFar: done)
        case .enquiryOnly:
            let s = working(onOrAfter: r + random.int(0...3))
            e.enquiries = [SynthS47(start: s.description, target: calendar.adding(workingDays: 15, to: s).description,
                                    notRequired: random.chance(0.8) ? "true" : "1")]
            guard let done else { return Built(episode: e, closure: nil) }
            if random.chance(0.5) { return cinPlan(&e, from: done + random.int(0...10), lastSoFar: max(done, s)) }
            let closed = close(&e, after: max(done, s))
            return Built(episode: e, closure: closed)
        case .protection, .transferIn:
            let conference: Day
            if pattern == .transferIn {
                let icpc = working(onOrAfter: r + random.int(5...20))
                guard icpc <= reference else {
                    guard let done else { return Built(episode: e, closure: nil) }
                    let closed = close(&e, after: done)
                    return Built(episode: e, closure: closed)
                }
                e.icpc = icpc.description
                conference = icpc
            } else {
                let s = working(onOrAfter: r + random.int(0...3))
                let target = calendar.adding(workingDays: 15, to: s)
                var icpc = calendar.adding(workingDays: random.int(5...15), to: s)
                let notRequired = random.chance(0.8) ? "false" : "0"
                if icpc > reference {
                    if s >= limit15 || s > reference {
                        e.enquiries = [SynthS47(start: s.description, target: target.description, notRequired: notRequired)]
                        return Built(episode: e, closure: nil)
                    }
                    icpc = working(onOrBefore: reference)
                }
                e.enquiries = [SynthS47(start: s.description, target: target.description, icpc: icpc.description,
                                        notRequired: notRequired)]
                conference = icpc
            }
            return protectionPlan(&e, from: conference, lastSoFar: done)
        case .nfa:
            fatalError("handled above")
        }
    }

    /// A child protection plan from `start`, its reviews, and possibly a CIN plan after it
    /// ends. `lastSoFar` is the last event before (nil: an assessment is still open).
    mutating func protectionPlan(_ e: inout SynthEpisode, from s: Day, lastSoFar: Day?, endingFrom: Day? = nil) -> Built {
        let initial = random.pick(Generator.categories)
        var plan = SynthCPPlan(start: s.description, initial: initial,
                               latest: random.chance(0.8) ? initial : random.pick(Generator.categories),
                               previous: random.weighted([("0", 70), ("1", 20), ("2", 10)]))
        let plannedEnd = max(s + random.int(90...420), endingFrom ?? s)
        let end: Day? = plannedEnd <= reference ? plannedEnd : nil
        var reviews: [String] = []
        var review = working(onOrBefore: s.adding(months: 3))
        while review <= reference, end.map({ review < $0 }) ?? true {
            reviews.append(review.description)
            review = working(onOrBefore: review.adding(months: 6))
        }
        if !reviews.isEmpty { plan.reviews = [reviews] }
        plan.end = end?.description
        e.cpPlans = [plan]
        guard let end, let lastSoFar else { return Built(episode: e, closure: nil) }
        let last = max(end, lastSoFar)
        if random.chance(0.6) { return cinPlan(&e, from: end, lastSoFar: last) }
        let closed = close(&e, after: last)
        return Built(episode: e, closure: closed)
    }

    /// A CIN plan from `start` (cut at the reference date), then the episode's closure.
    mutating func cinPlan(_ e: inout SynthEpisode, from s: Day, lastSoFar: Day) -> Built {
        guard s <= reference else { return Built(episode: e, closure: nil) }
        let plannedEnd = s + random.int(60...300)
        guard plannedEnd <= reference else {
            e.cinPlans = [SynthCINPlan(start: s.description)]
            return Built(episode: e, closure: nil)
        }
        e.cinPlans = [SynthCINPlan(start: s.description, end: plannedEnd.description)]
        let closed = close(&e, after: max(plannedEnd, lastSoFar))
        return Built(episode: e, closure: closed)
    }

    /// A first episode referred before the census year: what is returned of it is what
    /// was still going on in the year.
    mutating func carriedOver() -> Built {
        switch random.weighted([(0, 4), (1, 4), (2, 3)]) {
        case 0:
            // A child protection plan from the previous year (its enquiry and assessment ended then).
            let r = start - random.int(60...200)
            var e = opening(referral: r)
            let s = working(onOrBefore: min(r + random.int(10...30), start - 5))
            return protectionPlan(&e, from: max(s, r), lastSoFar: start, endingFrom: start + random.int(10...200))
        case 1:
            // An assessment started just before the year and completed in it.
            let r = start - random.int(10...40)
            var e = opening(referral: r)
            let a = r + random.int(1...3)
            // Completed within 45 working days of the referral (Working Together).
            let latest = calendar.adding(workingDays: 44, to: r)
            let day = min(start + random.int(1...40), latest)
            let authorised = min(working(onOrAfter: day) <= latest ? working(onOrAfter: day) : working(onOrBefore: day), reference)
            e.assessments = [completed(a, authorised)]
            if random.chance(0.5) { return cinPlan(&e, from: authorised + random.int(0...10), lastSoFar: authorised) }
            let closed = close(&e, after: authorised, reason: random.chance(0.6) ? "RC8" : "RC9")
            return Built(episode: e, closure: closed)
        default:
            // A CIN plan from the previous year.
            let r = start - random.int(60...200)
            var e = opening(referral: r)
            let s = r + random.int(20...(start - 5 - r))
            let plannedEnd = start + random.int(10...300)
            guard plannedEnd <= reference else {
                e.cinPlans = [SynthCINPlan(start: s.description)]
                return Built(episode: e, closure: nil)
            }
            e.cinPlans = [SynthCINPlan(start: s.description, end: plannedEnd.description)]
            let closed = close(&e, after: plannedEnd)
            return Built(episode: e, closure: closed)
        }
    }
}
