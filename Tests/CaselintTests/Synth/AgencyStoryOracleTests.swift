import Model
@testable import Synth
import Testing

/// The rules of the built-in pack (docs/multi-agency-rules.md, rules marked pack) read
/// literally, as an oracle over the synthetic stories: clean children break none of them
/// and each defect breaks its own rule. A reading of the table independent of the pack
/// engine: the generator is checked against the rules' definitions, and the engine against
/// the generator's truth (`scripts/synth-recall`), so neither vouches for itself.
@Suite struct AgencyStoryOracleTests {
    static let calendar = WorkingDayCalendar.englandAndWales
    static let end = Day(year: 2025, month: 3, day: 31)!

    static func wd(_ n: Int, _ d: Day) -> Day { calendar.adding(workingDays: n, to: d) }

    /// The pack rules a story breaks.
    static func broken(_ s: Story) -> Set<String> {
        var out = Set<String>()
        let rows = s.rows
        func all(_ kind: String) -> [Row] { rows.filter { $0.kind == kind } }
        func list(_ r: Row, _ key: String) -> [String] { (r[key] ?? "").split(separator: ";").map(String.init) }
        let plans = s.plans
        // Sufficiency
        for v in all("visit") {
            if v["childSeen"] == nil { out.insert("SUF001") }
            if v["childSeen"] == "true" && v["seenAlone"] == nil { out.insert("SUF002") }
            if v["present"] == nil { out.insert("SUF003") }
            if v["seenAlone"] == "false" && v["notSeenAloneReason"] == nil {
                out.insert("SUF004")
                let looked = all("careEpisode").contains { e in
                    guard let d = v.day("date"), let st = e.day("startDate") else { return false }
                    return st <= d && (e.day("endDate").map { d <= $0 } ?? true)
                }
                if looked { out.insert("PRC013") }
            }
        }
        for m in all("householdMember") where m["memberID"] == nil && m["memberNHSNumber"] == nil && m["memberPolicePersonID"] == nil
            && !(m["givenName"] != nil && m["birthDate"] != nil) { out.insert("SUF005") }
        for r in all("referral") where (r["decisionDate"] != nil || r["outcome"] != nil)
            && (r["decisionBy"] == nil || r["decisionDate"] == nil || r["rationale"] == nil) { out.insert("SUF007") }
        for r in all("strategyDiscussion") + all("conference") where r["outcome"] != nil && (r["decisionBy"] == nil || r["rationale"] == nil) {
            out.insert("SUF007")
        }
        for n in all("caseNote") where n["author"] == nil || n["authorRole"] == nil || n["date"] == nil { out.insert("SUF009") }
        // Handover
        for r in all("referral") {
            guard let d = r.day("date") else { continue }
            let professional = r["fromAgency"] != nil && r["fromAgency"] != "other"
            if professional, r.day("acknowledgedDate").map({ $0 > wd(1, d) }) ?? true { out.insert("HND001") }
            if professional, r.day("outcomeFedBackDate").map({ $0 > wd(1, r.day("decisionDate") ?? d) }) ?? true { out.insert("HND002") }
            if r["toAgency"] == "social-care", r.day("decisionDate").map({ $0 > wd(1, d) }) ?? true { out.insert("PRC001") }
        }
        let strategies = all("strategyDiscussion")
        for sd in strategies where !Set(["social-care", "police", "health"]).isSubset(of: Set(list(sd, "attendingAgency"))) {
            out.insert("HND003")
        }
        func notified(_ subject: String, _ day: Day) -> Bool {
            ["police", "health", "education", "cp-is"].allSatisfy { to in
                all("notification").contains { n in
                    n["subject"] == subject && n["toAgency"] == to && n.day("sentDate").map { $0 >= day && $0 <= wd(1, day) } == true
                }
            }
        }
        for p in plans {
            if !notified("cp-plan-start", p.start) { out.insert("HND004") }
            if let e = p.end, !notified("cp-plan-end", e) { out.insert("HND005") }
        }
        for t in all("transfer") {
            guard let d = t.day("date"), plans.contains(where: { $0.start <= d && ($0.end.map { d <= $0 } ?? true) }) else { continue }
            let notice = t.day("noticeDate") ?? d
            let held = all("conference").contains { c in
                c["conferenceType"] == "transfer-in" && c.day("date").map { $0 >= notice && $0 <= wd(15, notice) } == true
            }
            if !held { out.insert("HND006") }
        }
        for i in all("policeIncident") where i["domesticAbuse"] == "true" {
            guard let d = i.day("date") else { continue }
            if i["childPresent"] == "true", i.day("socialCareNotifiedDate").map({ $0 > wd(1, d) }) ?? true { out.insert("HND007") }
            if (s.age(on: d) ?? 0) >= 4, i.day("schoolNotifiedDate").map({ $0 > wd(1, d) }) ?? true { out.insert("HND008") }
        }
        if let birth = s.birth, birth >= Day(year: 2023, month: 4, day: 1)!,
           all("healthContact").contains(where: { $0["practitionerRole"] == "midwife" }) {
            let visited = all("healthContact").contains { h in
                h["practitionerRole"] == "health-visitor" && h.day("date").map { $0 >= birth && $0 <= birth + 28 } == true
            }
            if !visited { out.insert("HND010") }
        }
        // Procedure
        for (e, episode) in s.cin.episodes.enumerated() {
            let r = episode.referral.flatMap { Day(iso: $0) }
            for a in episode.assessments {
                guard let done = a.authorised.flatMap({ Day(iso: $0) }), let from = r ?? a.start.flatMap({ Day(iso: $0) }) else { continue }
                if done > wd(45, from) { out.insert("PRC002") }
            }
            for q in episode.enquiries {
                guard let start = q.start.flatMap({ Day(iso: $0) }) else { continue }
                let strategy = strategies.compactMap { $0.day("date") }.filter { $0 <= start && $0 >= wd(-1, start) }.first
                if strategy == nil { out.insert("PRC003") }
                let sd = strategies.compactMap { $0.day("date") }.filter { $0 <= start }.max() ?? start
                if let icpc = q.icpc.flatMap({ Day(iso: $0) }), icpc > wd(15, sd) { out.insert("PRC004") }
            }
            _ = e
        }
        for a in all("assessment") {
            guard let st = a.day("startDate"), let done = a.day("authorisationDate") else { continue }
            if done > wd(45, st) { out.insert("PRC002") }
        }
        for p in plans {
            let stop = min(p.end ?? end, end)
            let groups = all("coreGroup").compactMap { $0.day("date") }.filter { $0 >= p.start && $0 <= stop }.sorted()
            if wd(10, p.start) <= stop, !(groups.first.map { $0 <= wd(10, p.start) } ?? false) { out.insert("PRC006") }
            for (a, b) in zip(groups, groups.dropFirst()) where b > a + 42 { out.insert("PRC007") }
            if let last = groups.last, stop > last + 42 { out.insert("PRC007") }
            let reviews = (s.cin.episodes[p.episode].cpPlans[p.plan].reviews?.flatMap { $0 } ?? []).compactMap { Day(iso: $0) }.sorted()
            if stop > p.start.adding(months: 3), !(reviews.first.map { $0 <= p.start.adding(months: 3) } ?? false) { out.insert("PRC008") }
            for (a, b) in zip(reviews, reviews.dropFirst()) where b > a.adding(months: 6) { out.insert("PRC009") }
            let seen = all("visit").filter { $0["childSeen"] == "true" }.compactMap { $0.day("date") }.filter { $0 >= p.start && $0 <= stop }.sorted()
            let marks = [p.start] + seen + [stop]
            for (a, b) in zip(marks, marks.dropFirst()) where b > wd(10, a) { out.insert("PRC010") }
        }
        for e in all("careEpisode") where e["legalStatus"] == "L2" {
            if let a = e.day("startDate"), let b = e.day("endDate"), b - a > 21 { out.insert("PRC015") }
        }
        // Consistency
        for p in all("pupil") {
            if p["birthDate"] != s.cin.birth { out.insert("CON001") }
            if p["sex"] != s.cin.sex { out.insert("CON002") }
            if let upn = p["upn"], !CheckCharacters.isValidUPN(upn) { out.insert("CON007") }
        }
        for r in rows {
            if let a = r.day("startDate"), let b = r.day("endDate"), b < a { out.insert("CON003") }
            if let a = r.day("sentDate") ?? r.day("date"), let b = r.day("acknowledgedDate"), b < a { out.insert("CON003") }
            if let a = r.day("date"), let b = r.day("decisionDate"), b < a { out.insert("CON003") }
            if let n = r["memberNHSNumber"], !CheckCharacters.isValidNHSNumber(n) { out.insert("CON006") }
            if let rel = r["relationship"], !Vocabulary.relationships.contains(rel) { out.insert("CON008") }
        }
        if s.cin.sex == nil && s.cin.expectedBirth == nil { out.insert("CON009") }
        return out
    }

    static let swiftRules: Set<String> = ["SUF006", "SUF008", "SUF010", "HND009", "HND011", "PRC005", "PRC011", "PRC012",
                                          "PRC014", "PRC016", "CON004", "CON005", "CON010"]

    @Test(arguments: [1, 2])
    func cleanStoriesBreakNoPackRuleAndDefectsBreakTheirOwn(seed: Int) {
        var options = AgencySynthOptions()
        options.children = 1500
        options.seed = UInt64(seed)
        options.defectRate = 0.5
        options.interchangeShare = 0.2
        var problems: [String] = []
        var injected = Set<String>()
        _ = AgencySynth.stories(options, rules: AgencySynth.defectRules) { story in
            let broken = Self.broken(story)
            let expected = story.expected.subtracting(Self.swiftRules)
            injected.formUnion(expected)
            if broken != expected { problems.append("\(story.id) (\(story.archetype)): breaks \(broken.sorted()), expected \(expected.sorted())") }
        }
        #expect(problems.isEmpty, "\(problems.count) stories: \(problems.prefix(8))")
        #expect(injected == Set(AgencySynth.defectRules).subtracting(Self.swiftRules))
    }
}
