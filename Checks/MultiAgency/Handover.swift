import Check
import Model

extension MultiAgency {
    /// Did what one agency knew reach the next: high-risk domestic abuse to MARAC, a child
    /// from one allocated worker to the next.
    static let handover: [Rule] = [highRiskWithoutMARAC, workerAllocationGap]

    static let highRiskWithoutMARAC = Rule.multiAgency(
        "HND009", "high-risk-domestic-abuse-without-marac", .handover,
        fields: ["policeIncident.dashRisk", "policeIncident.dashScore", "policeIncident.maracReferralDate"],
        message: "No recorded MARAC referral after a high-risk domestic abuse incident (DASH high, DASH score at the threshold, or repeated incidents)",
        rationale: """
            A multi-agency risk assessment conference (MARAC) shares what police, health, children's services \
            and others know about a high-risk victim of domestic abuse, and the children in the household. The \
            SafeLives criteria: a DASH risk of high (14 or more "yes" answers, or professional judgement), or \
            escalation — the third incident within twelve months. The rule looks, for each such police \
            incident of the child's household, for a MARAC referral date on it or on a later incident within \
            the referral interval. Notes point at the earlier incidents that make an escalation.
            """,
        source: "SafeLives MARAC practice standards (DASH risk identification checklist; escalation criteria)",
        parameters: [
            Parameter(name: "dash-threshold", defaultValue: "14", summary: "DASH score from which a case is high risk",
                      source: "SafeLives DASH checklist", kind: .integer(1...27)),
            Parameter(name: "escalation-count", defaultValue: "3", summary: "domestic abuse incidents within the escalation period that call for MARAC",
                      source: "SafeLives escalation criterion", kind: .integer(2...50)),
            Parameter(name: "escalation-period", defaultValue: "12 months", summary: "period the escalation count is counted over",
                      source: "SafeLives escalation criterion", kind: .interval),
            Parameter(name: "refer-within", defaultValue: "5 working days", summary: "time from the incident to the MARAC referral",
                      source: "local MARAC operating protocol", kind: .interval),
        ],
        examples: [
            .bad(.records, "DASH high, no MARAC referral", """
                - { record: policeIncident, laChildID: A1, incidentID: I1, date: 2024-05-01, domesticAbuse: true, childPresent: true, dashRisk: high, dashScore: "16" }
                """),
            .bad(.records, "the third incident in twelve months, none referred", """
                - { record: policeIncident, laChildID: A1, incidentID: I1, date: 2023-09-01, domesticAbuse: true, dashRisk: standard, dashScore: "4" }
                - { record: policeIncident, laChildID: A1, incidentID: I2, date: 2024-01-15, domesticAbuse: true, dashRisk: medium, dashScore: "9" }
                - { record: policeIncident, laChildID: A1, incidentID: I3, date: 2024-05-01, domesticAbuse: true, dashRisk: medium, dashScore: "10" }
                """),
            .bad(.records, "referred to MARAC three weeks later", """
                - { record: policeIncident, laChildID: A1, incidentID: I1, date: 2024-05-01, domesticAbuse: true, dashScore: "15", maracReferralDate: 2024-05-22 }
                """),
            .good(.records, "DASH high, referred to MARAC two working days later", """
                - { record: policeIncident, laChildID: A1, incidentID: I1, date: 2024-05-01, domesticAbuse: true, dashRisk: high, dashScore: "16", maracReferralDate: 2024-05-03 }
                """),
            .good(.records, "DASH high, referred to MARAC on the next incident's record two working days later", """
                - { record: policeIncident, laChildID: A1, incidentID: I1, date: 2024-05-01, domesticAbuse: true, dashRisk: high }
                - { record: policeIncident, laChildID: A1, incidentID: I2, date: 2024-05-02, domesticAbuse: true, dashRisk: medium, maracReferralDate: 2024-05-03 }
                """),
            .bad(.records, "DASH high, the only MARAC referral dated before the incident", """
                - { record: policeIncident, laChildID: A1, incidentID: I1, date: 2024-05-01, domesticAbuse: true, dashRisk: high, maracReferralDate: 2024-04-20 }
                """),
            .good(.records, "three incidents, but over more than twelve months", """
                - { record: policeIncident, laChildID: A1, incidentID: I1, date: 2023-01-10, domesticAbuse: true, dashRisk: standard }
                - { record: policeIncident, laChildID: A1, incidentID: I2, date: 2023-09-15, domesticAbuse: true, dashRisk: standard }
                - { record: policeIncident, laChildID: A1, incidentID: I3, date: 2024-05-01, domesticAbuse: true, dashRisk: medium }
                """),
        ],
        triggers: [.policeIncident]
    ) { child, out in
        let threshold = out.integer("dash-threshold"), count = out.integer("escalation-count")
        // Most children have too few incidents to escalate, and no high-risk incident that
        // its own MARAC referral date does not cover: find that out before making any list,
        // reading each field in place. (Another incident's referral may cover one too: the
        // full pass below decides those.)
        var abuseCount = 0, unreferred = false
        var knownWithin: Interval?, knownCalendar: WorkingDayCalendar?
        for r in child.records(.policeIncident) {
            if r.flag(.domesticAbuse) == true { abuseCount += 1 }
            guard r.text(.dashRisk) == "high" || r.integer(Keys.dashScore).map({ $0 >= threshold }) == true,
                  let day = r.day(.date) else { continue }
            let w = knownWithin ?? out.interval("refer-within"), c = knownCalendar ?? out.context.calendar
            knownWithin = w
            knownCalendar = c
            guard let referral = r.day(Keys.maracReferralDate), referral >= day, referral <= w.end(from: day, calendar: c) else {
                unreferred = true
                break
            }
        }
        guard unreferred || abuseCount >= count else { return }
        let incidents = child.dated(.policeIncident, .date)
        guard !incidents.isEmpty else { return }
        let period = out.interval("escalation-period"), within = knownWithin ?? out.interval("refer-within")
        let calendar = knownCalendar ?? out.context.calendar
        var referrals = incidents.compactMap { $0.record.day(Keys.maracReferralDate) }
        referrals.sort()
        func referred(from day: Day) -> Bool {
            let last = within.end(from: day, calendar: calendar)
            var lo = 0, hi = referrals.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if referrals[mid] < day { lo = mid + 1 } else { hi = mid }
            }
            return lo < referrals.count && referrals[lo] <= last
        }
        // Domestic abuse incidents, for the escalation window (a sliding window in date order).
        var windowStart = 0
        var abuse: [Dated] = []
        for incident in incidents {
            let r = incident.record
            let isAbuse = r[.domesticAbuse]?.bool == true
            if isAbuse {
                abuse.append(incident)
                while period.end(from: abuse[windowStart].day, calendar: calendar) < incident.day { windowStart += 1 }
            }
            let risk = r[.dashRisk]
            let score = r[Keys.dashScore]
            let why: Message
            var at: Field?
            var notes: [Note] = []
            if let risk, risk.text == "high" {
                why = "DASH risk high"
                at = risk
            } else if let score, let n = score.integer, n >= threshold {
                why = "DASH score \(n), at or above \(threshold)"
                at = score
            } else if isAbuse, abuse.count - windowStart >= count {
                let n = abuse.count - windowStart
                why = "the \(ordinal(n)) domestic abuse incident within \(period)"
                for earlier in abuse[windowStart..<(abuse.count - 1)].prefix(5) {
                    notes.append(out.note("an earlier domestic abuse incident, on \(earlier.day), is recorded here", at: earlier.field, of: earlier.record))
                }
            } else {
                continue
            }
            if referred(from: incident.day) { continue }
            if let ref = r[Keys.maracReferralDate], let d = ref.day {
                notes.insert(out.note("the MARAC referral is recorded on \(d), \(workingDays(calendar.workingDays(from: incident.day, to: d))) after the incident", at: ref, of: r), at: 0)
            }
            let id = r.text(.incidentID).map { " \($0)" } ?? ""
            out.report("no recorded MARAC referral within \(within) of police incident\(id) on \(incident.day) (\(why))",
                       at: at, or: r, missing: "maracReferralDate", notes: notes)
        }
    }

    static let workerAllocationGap = Rule.multiAgency(
        "HND011", "worker-allocation-gap-or-overlap", .handover,
        fields: ["workerAllocation.startDate", "workerAllocation.endDate", "workerAllocation.workerRole"],
        message: "No recorded allocated worker between two allocations (a gap longer than allowed), or two allocations of one role open at once",
        rationale: """
            A child open to children's social care has an allocated social worker; when one leaves, the case is \
            handed to the next. A gap between one allocation's end and the next one's start is time when no \
            one is recorded as holding the case; two open allocations of one role leave unclear who does. \
            Allocations are taken in order of start, per role (an allocation with no role — an SSDA903 social \
            worker episode — counts as a social worker's). A gap in which the child's CIN episode was closed is \
            not reported.
            """,
        source: "Working Together to Safeguard Children 2023 (a named social worker); local recording standards",
        parameters: [
            Parameter(name: "max-gap", defaultValue: "1 working day", summary: "longest time between one allocation's end and the next one's start",
                      source: "local recording standard", kind: .interval),
            Parameter(name: "roles", defaultValue: "social-worker", summary: "worker roles whose allocations should follow one another",
                      source: "local recording standard", kind: .list),
        ],
        examples: [
            .bad(.records, "eleven days without an allocated social worker", """
                - { record: workerAllocation, laChildID: A1, workerID: W2, workerRole: social-worker, startDate: 2023-11-14, endDate: 2024-01-31 }
                - { record: workerAllocation, laChildID: A1, workerID: W5, workerRole: social-worker, startDate: 2024-02-12 }
                """),
            .bad(.records, "the first allocation is never ended", """
                - { record: workerAllocation, laChildID: A1, workerID: W2, workerRole: social-worker, startDate: 2023-11-14 }
                - { record: workerAllocation, laChildID: A1, workerID: W5, workerRole: social-worker, startDate: 2024-02-12 }
                """),
            .good(.records, "handed over from a Friday to the Monday", """
                - { record: workerAllocation, laChildID: A1, workerID: W2, workerRole: Social worker, startDate: 2023-11-14, endDate: 2024-02-09 }
                - { record: workerAllocation, laChildID: A1, workerID: W5, workerRole: Social worker, startDate: 2024-02-12 }
                """),
            .good(.records, "a family support worker alongside the social worker", """
                - { record: workerAllocation, laChildID: A1, workerID: W2, workerRole: social-worker, startDate: 2023-11-14 }
                - { record: workerAllocation, laChildID: A1, workerID: F1, workerRole: family-support-worker, startDate: 2024-01-08 }
                """),
            .good(.records, "the case closed between the allocations", """
                - { record: cinEpisode, laChildID: A1, referralDate: 2023-11-14, closureDate: 2024-01-31 }
                - { record: workerAllocation, laChildID: A1, workerID: W2, workerRole: social-worker, startDate: 2023-11-14, endDate: 2024-01-31 }
                - { record: cinEpisode, laChildID: A1, referralDate: 2024-06-03 }
                - { record: workerAllocation, laChildID: A1, workerID: W5, workerRole: social-worker, startDate: 2024-06-04 }
                """),
        ],
        triggers: [.workerAllocation]
    ) { child, out in
        // Most children have no allocation records: look before reading the parameters.
        let dated = child.dated(.workerAllocation, .startDate)
        guard !dated.isEmpty else { return }
        let roles = Set(out.list("roles").map(normalisedCode))
        let defaultRole = "social-worker"
        var byRole: [String: [Dated]] = [:]
        for a in dated {
            let role = a.record.text(Keys.workerRole).map(normalisedCode) ?? defaultRole
            if roles.contains(role) { byRole[role, default: []].append(a) }
        }
        guard !byRole.isEmpty else { return }
        let closures = child.dated(.cinEpisode, .closureDate)
        let maxGap = out.interval("max-gap"), calendar = out.context.calendar
        for role in byRole.keys.sorted() {
            let allocations = byRole[role]!
            for (prev, next) in zip(allocations, allocations.dropFirst()) {
                let who = role.split(separator: "-").joined(separator: " ")
                guard let endField = prev.record[.endDate], let end = endField.day else {
                    out.report("no recorded end of the previous \(who)'s allocation (from \(prev.day)) before this one starts on \(next.day)",
                               at: next.field, of: next.record,
                               notes: [out.note("the previous allocation, with no end date, is here", at: prev.field, of: prev.record)])
                    continue
                }
                if next.day < end {
                    out.report("no recorded end of the previous \(who)'s allocation before this one starts on \(next.day) (it ends on \(end))",
                               at: next.field, of: next.record,
                               notes: [out.note("the previous allocation ends on \(end) here", at: endField, of: prev.record)])
                } else if next.day > maxGap.end(from: end, calendar: calendar), !closures.any(from: end, to: next.day) {
                    let uncovered = calendar.workingDays(from: end + 1, to: next.day)
                    out.report("no recorded allocated \(who) for \(workingDays(uncovered)) between allocations (from \(end) to \(next.day)); the local maximum is \(maxGap)",
                               at: next.field, of: next.record,
                               notes: [out.note("the previous allocation ends on \(end) here", at: endField, of: prev.record)])
                }
            }
        }
    }
}

/// `1st`, `2nd`, `3rd`, `4th` … `11th`, `21st`.
func ordinal(_ n: Int) -> String {
    let tens = n % 100
    if (11...13).contains(tens) { return "\(n)th" }
    switch n % 10 {
    case 1: return "\(n)st"
    case 2: return "\(n)nd"
    case 3: return "\(n)rd"
    default: return "\(n)th"
    }
}
