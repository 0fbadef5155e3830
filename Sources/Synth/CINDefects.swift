import Checks
import Model

/// A defect that can be injected: the DfE code it breaks and the collection years the rule
/// has.
struct Defect {
    let code: String
    let years: ClosedRange<Int>?
}

/// The defects `caselint synth cin --defects` can inject. Each makes one child that breaks
/// one rule and nothing else, except where the rules themselves overlap: then the child's
/// truth names every rule it breaks (two open enquiries also overlap, say).
enum Defects {
    /// Defects of the return as a whole: they shape every child (or the header) instead.
    static let returnOnly: [String: Bool] = ["100": true, "2886Q": true, "2887Q": true, "2888Q": true]

    static let table: [Defect] = {
        let from2025 = 2025...2027
        var codes = ["100", "1103", "1104", "1105", "1510", "1520", "1530", "1540", "1550", "1560Q", "2883", "2884",
                     "2885", "2886Q", "2887Q", "2888Q", "2889", "2990", "2991Q", "4000", "4001", "4003", "4004",
                     "4008", "4009Q", "4010", "4011", "4012Q", "4013", "4014", "4015", "4016", "4017", "4180", "4220",
                     "8500", "8510", "8520", "8525Q", "8530Q", "8535Q", "8540", "8545Q", "8555Q", "8565", "8568",
                     "8569Q", "8585Q", "8590", "8600", "8606", "8608", "8610", "8614", "8615", "8620", "8630", "8640",
                     "8650", "8670Q", "8675Q", "8696", "8715", "8720", "8730", "8736", "8740", "8750", "8770Q",
                     "8772", "8775Q", "8790", "8794", "8805", "8810", "8815", "8816", "8820", "8825Q", "8831", "8832",
                     "8839", "8840", "8841", "8842Q", "8863Q", "8866", "8867", "8868", "8869", "8870Q", "8873Q",
                     "8875", "8890", "8896", "8897Q", "8898", "8905", "8910", "8915", "8920", "8925", "8930", "8935",
                     "8940"].map { Defect(code: $0, years: nil) }
        codes += ["1570", "1580", "8945Q", "8950Q"].map { Defect(code: $0, years: from2025) }
        return codes
    }()

    /// Makes child `index` with the defect `code`; returns it and the codes it breaks.
    static func apply(_ code: String, _ g: inout Generator, index: Int) -> (child: SynthChild, rules: [String]) {
        var (c, f) = g.fullChild(index: index)
        var e: SynthEpisode { get { c.episodes[0] } set { c.episodes[0] = newValue } }
        switch code {
        // Identifiers
        case "1510":
            let letters = Array("ABCDEFGHJKLMNPQRTUVWXYZ")
            let upn = c.upn!
            let wrong = letters.first { $0 != upn.first! }!
            c.upn = String(wrong) + upn.dropFirst()
        case "1530": c.upn = g.upn(withLA: "999", index: index)
        case "1540": c.upn = String(c.upn!.prefix(6)) + "X" + c.upn!.dropFirst(7)
        case "1550": c.upn = String(c.upn!.dropLast()) + "I"
        case "1560Q": c.formerUPN = String(g.upn(index, multiplier: 104_729).dropLast())
        case "1570": c.id = c.id! + "ABCDEFGHIJKLMN"
        case "1580": c.id = c.id! + "-X"
        // The child
        case "4180": c.sex = g.modern ? "X" : "3"
        case "4220": c.ethnicity = "WBR"
        case "8520":
            c = g.person(index: index, birth: g.reference + g.random.int(3...20))
            c.upn = nil
            c.upnUnknown = "UN1"
            c.episodes = [g.nfaEpisode(referral: g.reference - g.random.int(20...60))]
        case "8525Q": c.birth = nil
        case "8530Q":
            var (u, _) = g.unborn(index: index)
            let early = g.reference - 40
            u.expectedBirth = early.description
            u.episodes = [g.episode(.assessment, referral: max(g.start + 5, early - 270) + g.random.int(0...30)).episode]
            c = u
        case "8535Q":
            let death = g.start + g.random.int(100...(g.reference - g.start - 10))
            c = g.diedChild(index: index, death: death)
            c.birth = (death + 1).description
            c.upn = nil
            c.upnUnknown = "UN1"
        case "8545Q":
            c.death = (g.reference + g.random.int(1...20)).description
        case "8750":
            var (u, expected) = g.unborn(index: index)
            u.sex = g.modern ? "F" : "2"
            u.episodes = [g.episode(.assessment, referral: max(g.start + 5, expected - 270)).episode]
            c = u
        case "8770Q":
            c = g.person(index: index, birth: g.reference.adding(years: -10) - g.random.int(0...300))
            c.upn = nil
            c.formerUPN = nil
            c.upnUnknown = "UN1"
            c.episodes = [f.episode]
        case "8772":
            c.upn = nil
            c.formerUPN = nil
            c.upnUnknown = "UN7"
        case "8775Q":
            c = g.person(index: index, birth: g.reference.adding(years: -26) - g.random.int(0...300))
            c.episodes = [f.episode]
        case "8590": c.episodes = []
        case "8540": c.disabilities = nil
        case "8790": c.disabilities = ["NONE", "HAND"]
        case "8794": c.disabilities = ["HAND", "HAND"]
        // Codes and required values
        case "8866": e.source = "11"
        case "8640": e.reason = "RC10"
        case "8650": e.need = "N10"
        case "8568": e.nfa = "yes"
        case "8905": e.cpPlans[0].initial = "XXX"
        case "8910": e.cpPlans[0].latest = nil
        case "8730": e.cpPlans[0].previous = nil
        case "8610": e.need = nil
        case "8805": e.reason = nil
        case "8810": e.closure = nil
        // Episodes
        case "8600": e.referral = nil
        case "8606":
            c.birth = (f.r + 300).description
            c.upn = nil
            c.formerUPN = nil
            c.upnUnknown = "UN1"
        case "8620": e.closure = (g.reference + 5).description
        case "8630":
            let r = g.start + g.random.int(20...200)
            c.episodes = [g.nfaEpisode(referral: r)]
            e.closure = (r - 3).description
        case "8555Q":
            let death = g.start + g.random.int(30...200)
            c.death = death.description
            c.episodes = [g.nfaEpisode(referral: death + 10)]
        case "8585Q": e.reason = "RC2"
        case "8569Q":
            var old = g.nfaEpisode(referral: g.start - g.random.int(20...100))
            old.closure = nil
            old.reason = nil
            c.episodes = [old]
        case "8815":
            c.episodes = [g.openEpisode(referral: g.start + 20), g.openEpisode(referral: g.start + 80)]
            return (c, ["8815", "8816", "8820"])
        case "8816":
            c.episodes = [g.openEpisode(referral: g.start + 20), g.nfaEpisode(referral: g.reference)]
        case "8820":
            c.episodes.append(g.nfaEpisode(referral: f.r + 30))
        // What an episode may hold
        case "8565":
            let (a, done) = g.assessOnly(index: index)
            c = a
            e.closure = (done - 2).description
        case "2990":
            let (a, done) = g.assessOnly(index: index)
            c = a
            e.cinPlans = [SynthCINPlan(start: (done + 1).description, end: (done + 20).description)]
            e.closure = (done + 25).description
        case "2991Q": e.assessments = []
        case "4000":
            let r = g.start + g.random.int(20...200)
            c.episodes = [g.nfaEpisode(referral: r)]
            e.cinPlans = [SynthCINPlan(start: (r + 1).description, end: (r + 30).description)]
            e.closure = (r + 30).description
        case "8825Q":
            let r = g.start + g.random.int(20...200)
            c.episodes = [g.opening(referral: r)]
            e.closure = (r + 5).description
            e.reason = "RC8"
        case "8831":
            let r = g.start + g.random.int(20...200)
            c.episodes = [g.nfaEpisode(referral: r)]
            e.assessments = [g.completed(r, r + 10)]
            e.closure = (r + 10).description
        case "8832":
            let r = g.start + g.random.int(20...150)
            c.episodes = [g.nfaEpisode(referral: r)]
            let icpc = g.working(onOrAfter: r + 5)
            e.icpc = icpc.description
            e.cpPlans = [SynthCPPlan(start: icpc.description, end: (icpc + 100).description,
                                     reviews: [[g.working(onOrAfter: icpc.adding(months: 3)).description]])]
            e.closure = (icpc + 101).description
            return (c, ["8832", "8831"])
        case "8867":
            let r = g.limit45 + g.random.int(1...(g.reference - g.limit45 - 20))
            c.episodes = [g.opening(referral: r)]
            e.assessments = [SynthAssessment(start: r.description)]
            e.closure = (r + 10).description
            e.reason = "RC7"
        case "8868":
            let r = g.working(onOrAfter: g.limit15 + 1)
            c.episodes = [g.opening(referral: r)]
            e.assessments = [g.completed(r, r + 2)]
            e.enquiries = [SynthS47(start: r.description, target: g.calendar.adding(workingDays: 15, to: r).description,
                                    notRequired: "false")]
            e.closure = (r + 5).description
            e.reason = "RC7"
        // Assessments and factors
        case "8608": e.assessments[0].start = (f.authorised + 3).description
        case "8614":
            c.episodes = [g.openEpisode(referral: g.limit45 + g.random.int(1...(g.reference - g.limit45 - 20)), assessmentOpen: true)]
            e.assessments[0].factors = ["3B"]
        case "8696":
            let r = g.start - 60
            var old = g.opening(referral: r)
            old.assessments = [g.completed(r + 1, g.start - 10)]
            old.cinPlans = [SynthCINPlan(start: (g.start - 5).description)]
            c.episodes = [old]
        case "8736":
            c.episodes = [g.openEpisode(referral: g.start + g.random.int(20...200), assessmentOpen: true)]
            e.assessments[0].review = e.assessments[0].start
            e.assessments[0].start = nil
        case "8863Q":
            let r = g.start + g.random.int(20...150)
            c.episodes = [g.opening(referral: r)]
            e.assessments = [g.completed(r + 1, r + 30), g.completed(r + 10, r + 40)]
            e.closure = (r + 45).description
            e.reason = "RC8"
        case "8896":
            c.episodes = [g.openEpisode(referral: g.limit45 + g.random.int(1...(g.reference - g.limit45 - 20)), assessmentOpen: true)]
            e.assessments.append(SynthAssessment(start: (g.day(e.assessments[0].start) + 5).description))
            return (c, ["8896", "8863Q"])
        case "8869", "8873Q", "8897Q", "8898", "8945Q", "8950Q":
            let (a, _) = g.assessOnly(index: index)
            c = a
            switch code {
            case "8869": e.assessments[0].factors = ["21", "3B"]
            case "8873Q":
                e.assessments[0].factors = ["21"]
                e.reason = "RC7"
            case "8897Q": e.assessments[0].factors = nil
            case "8898": e.assessments[0].factors = ["3B", "3B"]
            case "8945Q": e.assessments[0].factors = ["18A"]
            default: e.assessments[0].factors = ["19A"]
            }
        // Section 47 enquiries
        case "2884": e.icpc = f.icpc.description
        case "8615": e.enquiries[0].start = (f.icpc + 2).description
        case "8715":
            let r = g.start - 40
            var old = g.opening(referral: r)
            old.assessments = [g.completed(r + 1, g.start + 5)]
            let s = g.working(onOrAfter: r + 2)
            let icpc = g.calendar.adding(workingDays: 10, to: s)
            old.enquiries = [SynthS47(start: s.description, target: g.calendar.adding(workingDays: 15, to: s).description,
                                      icpc: icpc.description, notRequired: "false")]
            old.cpPlans = [SynthCPPlan(start: icpc.description, end: (g.start + 90).description,
                                       reviews: [[g.working(onOrAfter: icpc.adding(months: 3)).description]])]
            old.closure = (g.start + 100).description
            old.reason = "RC7"
            c.episodes = [old]
        case "8740":
            let r = g.start - 30
            var old = g.opening(referral: r)
            old.assessments = [g.completed(r + 1, g.start + 5)]
            let s = g.working(onOrAfter: r + 2)
            old.enquiries = [SynthS47(start: s.description, target: g.calendar.adding(workingDays: 15, to: s).description,
                                      notRequired: "0")]
            c.episodes = [old]
            return (c, ["8740", "8675Q"])
        case "8839":
            let r = g.working(onOrAfter: g.limit15 + 1)
            c.episodes = [g.opening(referral: r)]
            e.assessments = [g.completed(r, r + 1)]
            let s2 = g.working(onOrAfter: r + 1)
            e.enquiries = [SynthS47(start: r.description, notRequired: "false"), SynthS47(start: s2.description, notRequired: "false")]
            return (c, ["8839", "8890"])
        case "8870Q":
            var t = f.target
            while t.weekday != 6 { t = t + 1 }
            e.enquiries[0].target = t.description
        case "8875":
            var d = f.icpc
            while d.weekday != 6 { d = d + 1 }
            e.enquiries[0].icpc = d.description
            e.cpPlans[0].start = d.description
        case "8890":
            let s2 = g.working(onOrAfter: f.s + 3)
            e.enquiries.append(SynthS47(start: s2.description, target: g.calendar.adding(workingDays: 15, to: s2).description,
                                        notRequired: "1"))
        // Dates in order
        case "1103": e.assessments[0].start = (f.r - 2).description
        case "1104":
            let s = f.r - 12
            let icpc = g.working(onOrBefore: f.r - 2)
            e.enquiries[0].start = s.description
            e.enquiries[0].icpc = icpc.description
            e.cpPlans[0].start = icpc.description
            return (c, ["1104", "1105", "2889"])
        case "1105":
            let r = g.start - 30
            var old = g.opening(referral: r)
            let s = g.working(onOrBefore: r - 20)
            old.cpPlans = [SynthCPPlan(start: s.description, end: (g.start + 50).description,
                                       reviews: [[g.working(onOrAfter: s.adding(months: 3)).description]])]
            old.closure = (g.start + 60).description
            old.reason = "RC7"
            c.episodes = [old]
        case "2889": e.enquiries[0].start = (f.r - 2).description
        case "8925": e.cpPlans[0].end = (f.icpc - 5).description
        case "8841": e.cpPlans[0].reviews = [[(f.icpc - 1).description]]
        case "8670Q":
            c.episodes = [g.openEpisode(referral: g.start + g.random.int(20...(g.limit45 - g.start - 40)), assessmentOpen: true)]
        case "8675Q":
            let r = g.start + g.random.int(20...(g.limit15 - g.start - 40))
            c.episodes = [g.opening(referral: r)]
            e.assessments = [g.completed(r + 1, r + 10)]
            let s = g.working(onOrAfter: r + 2)
            e.enquiries = [SynthS47(start: s.description, target: g.calendar.adding(workingDays: 15, to: s).description,
                                    notRequired: "false")]
        // Child protection plans
        case "2885": e.cpPlans[0].start = (f.icpc + 1).description
        case "2883":
            let r = g.start + g.random.int(20...150)
            c.episodes = [g.opening(referral: r)]
            e.assessments = [g.completed(r + 1, r + 20)]
            let s = g.working(onOrAfter: r + 22)
            e.cpPlans = [SynthCPPlan(start: s.description, end: (s + 100).description,
                                     reviews: [[g.working(onOrAfter: s.adding(months: 3)).description]])]
            e.closure = (s + 101).description
            e.reason = "RC7"
            return (c, ["2885"])
        case "8940":
            let s2 = g.working(onOrAfter: f.icpc + 1)
            let icpc2 = g.calendar.adding(workingDays: 5, to: s2)
            e.enquiries.append(SynthS47(start: s2.description, target: g.calendar.adding(workingDays: 15, to: s2).description,
                                        icpc: icpc2.description, notRequired: "false"))
            e.cpPlans.append(SynthCPPlan(start: icpc2.description, end: (f.cppEnd - 10).description))
        case "8935":
            let r = g.start + g.random.int(20...100)
            c.episodes = [g.opening(referral: r)]
            e.assessments = [g.completed(r + 1, r + 20)]
            let s1 = g.working(onOrAfter: r + 2)
            let icpc1 = g.calendar.adding(workingDays: 10, to: s1)
            let s2 = g.working(onOrAfter: icpc1 + 1)
            let icpc2 = g.calendar.adding(workingDays: 5, to: s2)
            e.enquiries = [SynthS47(start: s1.description, icpc: icpc1.description, notRequired: "false"),
                           SynthS47(start: s2.description, icpc: icpc2.description, notRequired: "false")]
            e.cpPlans = [SynthCPPlan(start: icpc1.description), SynthCPPlan(start: icpc2.description)]
            return (c, ["8935", "8940"])
        case "8720": e.cpPlans[0].start = nil
        case "8840": e.cpPlans[0].end = f.icpc.description
        case "8842Q": e.cpPlans[0].reviews = [[""]]
        case "8915", "8920":
            let r = g.start + g.random.int(20...150)
            c.episodes = [g.opening(referral: r)]
            e.assessments = [g.completed(r + 1, r + 10)]
            let s = g.working(onOrAfter: r + 2)
            let icpc = g.calendar.adding(workingDays: 10, to: s)
            e.enquiries = [SynthS47(start: s.description, icpc: icpc.description, notRequired: "false")]
            if code == "8915" {
                e.cpPlans = [SynthCPPlan(start: icpc.description)]
                c.death = (icpc - 1).description
            } else {
                e.cpPlans = [SynthCPPlan(start: icpc.description, end: (icpc + 100).description)]
                c.death = (icpc + 95).description
            }
        case "8930":
            e.cpPlans[0].end = (g.reference + 10).description
            e.cinPlans = []
            e.closure = nil
            e.reason = nil
        // CIN plans
        case "4004", "4008", "4009Q", "4014", "4015", "4001":
            let r = g.start + g.random.int(20...120)
            c.episodes = [g.opening(referral: r)]
            e.assessments = [g.completed(r + 1, r + 20)]
            let p = r + 25
            switch code {
            case "4004":
                e.cinPlans = [SynthCINPlan(start: p.description), SynthCINPlan(start: (p + 30).description)]
                return (c, ["4004", "4014"])
            case "4008":
                e.cinPlans = [SynthCINPlan(start: p.description)]
                c.death = (p - 1).description
            case "4009Q":
                e.cinPlans = [SynthCINPlan(start: p.description, end: (p + 60).description)]
                c.death = (p + 55).description
            case "4014":
                e.cinPlans = [SynthCINPlan(start: p.description, end: (p + 60).description),
                              SynthCINPlan(start: (p + 10).description, end: (p + 40).description)]
                e.closure = (p + 65).description
                e.reason = "RC7"
            case "4015":
                e.cinPlans = [SynthCINPlan(start: (r - 5).description, end: (r + 60).description)]
                e.closure = (r + 65).description
                e.reason = "RC7"
            default:
                e.cinPlans = [SynthCINPlan(start: p.description)]
                let s = g.working(onOrAfter: p + 5)
                let icpc = g.calendar.adding(workingDays: 10, to: s)
                e.enquiries = [SynthS47(start: s.description, icpc: icpc.description, notRequired: "false")]
                e.cpPlans = [SynthCPPlan(start: icpc.description)]
                return (c, ["4001", "4017"])
            }
        case "4010": e.cinPlans[0].start = nil
        case "4011": e.cinPlans[0].end = (f.cppEnd - 3).description
        case "4012Q": e.cinPlans[0].end = f.cppEnd.description
        case "4013":
            e.cinPlans[0].end = (g.reference + 10).description
            e.closure = nil
            e.reason = nil
        case "4003":
            e.cinPlans[0].start = (f.icpc + 10).description
            return (c, ["4003", "4016"])
        case "4016":
            e.cinPlans.insert(SynthCINPlan(start: (f.icpc + 10).description, end: (f.icpc + 40).description), at: 0)
        case "4017":
            e.cinPlans.insert(SynthCINPlan(start: (f.icpc - 10).description, end: (f.icpc + 5).description), at: 0)
        default:
            fatalError("no defect for \(code)")
        }
        return (c, [code])
    }
}

/// The dates of a full episode (`Generator.fullChild`), for defects to move.
struct FullEpisode {
    var episode: SynthEpisode
    let r, authorised, s, target, icpc, cppEnd: Day
}

extension Generator {
    func day(_ text: String?) -> Day { Day(iso: text ?? "")! }

    /// A UPN with a valid check letter and the given LA code.
    func upn(withLA la: String, index: Int) -> String {
        let nine = String((index * 7919 + 17) % 1_000_000_000)
        let digits = la + String(repeating: "0", count: 9 - nine.count) + nine
        return String(UPN.checkLetter("A" + digits)!) + digits
    }

    /// A child born on `birth`, with identifiers and characteristics but no episodes.
    mutating func person(index: Int, birth: Day) -> SynthChild {
        var (c, _) = born(index: index, age: max(0, reference.year - birth.year))
        c.birth = birth.description
        if reference.adding(years: -4) < birth {
            c.upn = nil
            c.formerUPN = nil
            c.upnUnknown = "UN1"
        } else if c.upn == nil {
            c.upn = upn(index)
            c.upnUnknown = nil
        }
        return c
    }

    /// A school-age child with a UPN and one episode holding every module, all in the
    /// census year and closed: an assessment, an enquiry and its conference, a child
    /// protection plan with a review, a CIN plan after it.
    mutating func fullChild(index: Int) -> (SynthChild, FullEpisode) {
        var c = person(index: index, birth: reference.adding(years: -random.int(6...15)) - random.int(0...300))
        c.disabilities = c.disabilities ?? ["NONE"]
        let r = start + random.int(10...60)
        var e = opening(referral: r)
        let authorised = r + 29
        e.assessments = [completed(r + 1, authorised)]
        let s = working(onOrAfter: r + 2)
        let target = calendar.adding(workingDays: 15, to: s)
        let icpc = calendar.adding(workingDays: 10, to: s)
        e.enquiries = [SynthS47(start: s.description, target: target.description, icpc: icpc.description, notRequired: "false")]
        let cppEnd = icpc + 150
        e.cpPlans = [SynthCPPlan(start: icpc.description, end: cppEnd.description, initial: "EMO", latest: "EMO", previous: "0",
                                 reviews: [[working(onOrAfter: icpc.adding(months: 3)).description]])]
        e.cinPlans = [SynthCINPlan(start: cppEnd.description, end: (cppEnd + 60).description)]
        e.closure = (cppEnd + 65).description
        e.reason = "RC7"
        c.episodes = [e]
        return (c, FullEpisode(episode: e, r: r, authorised: authorised, s: s, target: target, icpc: icpc, cppEnd: cppEnd))
    }

    /// A child whose one episode is an assessment, closed as RC8 after it. Returns the
    /// child and the day the assessment was completed.
    mutating func assessOnly(index: Int) -> (SynthChild, Day) {
        var c = person(index: index, birth: reference.adding(years: -random.int(6...15)) - random.int(0...300))
        let r = start + random.int(20...200)
        var e = opening(referral: r)
        e.assessments = [completed(r + 1, r + 21)]
        e.closure = (r + 24).description
        e.reason = "RC8"
        c.episodes = [e]
        return (c, r + 21)
    }

    /// An episode referred with no further action, closed the same day.
    mutating func nfaEpisode(referral r: Day) -> SynthEpisode {
        var e = opening(referral: r, nfa: true)
        e.need = nil
        e.closure = r.description
        e.reason = "RC7"
        return e
    }

    /// An open episode with further action and one assessment (completed unless
    /// `assessmentOpen`).
    mutating func openEpisode(referral r: Day, assessmentOpen: Bool = false) -> SynthEpisode {
        var e = opening(referral: r)
        e.assessments = [assessmentOpen ? SynthAssessment(start: r.description) : completed(r + 1, r + 20)]
        return e
    }

    /// A child who died on `death`, its one episode closed that day (RC2).
    mutating func diedChild(index: Int, death: Day) -> SynthChild {
        var c = person(index: index, birth: reference.adding(years: -random.int(6...15)))
        c.death = death.description
        let r = death - random.int(40...60)
        var e = opening(referral: r)
        e.assessments = [completed(r + 1, r + 20)]
        e.closure = death.description
        e.reason = "RC2"
        c.episodes = [e]
        return c
    }

    /// Two children with one LA child id, each with one referral that led to no further
    /// action, months apart, one disability between them: nothing but the id ties them, so
    /// a validator that joins records on the id finds no other fault in the pair.
    mutating func duplicateIDPair(index: Int) -> (SynthChild, SynthChild) {
        var first = person(index: index, birth: reference.adding(years: -random.int(6...15)))
        first.episodes = [nfaEpisode(referral: start + random.int(10...60))]
        first.disabilities = ["HAND"]
        var twin = person(index: index + 1, birth: reference.adding(years: -random.int(6...15)))
        twin.id = first.id
        twin.episodes = [nfaEpisode(referral: start + random.int(200...(reference - start - 20)))]
        twin.disabilities = nil
        return (first, twin)
    }
}
