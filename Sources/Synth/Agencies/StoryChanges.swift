import Model

/// The changes defects make to a story's records.
extension Story {
    var firstReferral: Day? { cin.episodes.first?.referral.flatMap { Day(iso: $0) } }

    /// Adds a copy of the child's first visit, with a new id, changed by `change`.
    mutating func copyVisit(_ change: (inout Row) -> Void) -> Bool {
        guard let i = indices("visit").first else { return false }
        var v = rows[i]
        v["recordID"] = (v["recordID"] ?? "V") + "-B"
        change(&v)
        rows.append(v)
        return true
    }

    mutating func removeFirst(_ kind: String, where match: (Row) -> Bool) -> Bool {
        guard let i = indices(kind, where: match).first else { return false }
        rows.remove(at: i)
        return true
    }

    /// The first referral from a professional agency (made one if it came from the public).
    mutating func professionalReferral() -> Int? {
        guard let i = indices("referral").first else { return nil }
        if rows[i]["fromAgency"] == "other" {
            rows[i]["fromAgency"] = "health"
            rows[i]["referrerRole"] = "health visitor"
        }
        return i
    }

    /// Replaces the child's police incidents with one domestic abuse incident shortly
    /// before the referral, notified on the day, then changed by `change`.
    mutating func replaceIncidents(_ maker: StoryMaker, _ change: (inout Row) -> Void) -> Bool {
        guard let r = firstReferral, r - 3 >= maker.window, birth.map({ $0 < r - 3 }) == true else { return false }
        rows.removeAll { $0.kind == "policeIncident" }
        let day = (r - 3).description
        var incident = Row("policeIncident", ["incidentID": "INC-\(index)-D", "date": day, "domesticAbuse": "true", "childPresent": "true",
                                              "dashRisk": "standard", "dashScore": "3", "schoolNotifiedDate": day,
                                              "socialCareNotifiedDate": day])
        change(&incident)
        rows.append(incident)
        return true
    }

    /// A gap between two social worker allocations.
    mutating func allocationGap(_ maker: StoryMaker) -> Bool {
        let allocations = indices("workerAllocation")
        guard let first = allocations.first, let start = rows[first].day("startDate") else { return false }
        if allocations.count >= 2, let end = rows[first].day("endDate") {
            let later = end + 10
            if let secondEnd = rows[allocations[1]].day("endDate"), later >= secondEnd { return false }
            guard later <= maker.end else { return false }
            rows[allocations[1]]["startDate"] = later.description
            return true
        }
        let stop = rows[first].day("endDate") ?? maker.end
        guard stop - start >= 40 else { return false }
        let handover = start + (stop - start) / 2
        var second = rows[first]
        rows[first]["endDate"] = handover.description
        second["startDate"] = (handover + 10).description
        second["workerID"] = "W\(index % 89 + 100)"
        rows.insert(second, at: first + 1)
        return true
    }

    /// Removes three visits in a row while on a plan (a spell of about six weeks), keeping
    /// a visit with the bedroom seen between every two conferences.
    mutating func visitGap() -> Bool {
        guard let plan = plans.first else { return false }
        let reviews = (cin.episodes[plan.episode].cpPlans[plan.plan].reviews?.first ?? []).compactMap { Day(iso: $0) }
        let visits = indices("visit").filter { i in rows[i].day("date").map { $0 >= plan.start && $0 <= (plan.end ?? $0) } == true }
        guard visits.count >= 8 else { return false }
        for k in stride(from: 2, to: visits.count - 4, by: 1) {
            let removed = Set(visits[k..<(k + 3)])
            let kept = visits.filter { !removed.contains($0) }
            let bedroomDays = kept.filter { rows[$0]["bedroomSeen"] == "true" }.compactMap { rows[$0].day("date") }
            let conferences = [plan.start] + reviews
            let ok = zip(conferences, conferences.dropFirst()).allSatisfy { a, b in bedroomDays.contains { $0 >= a && $0 <= b } }
            guard ok else { continue }
            let ids = Set(removed.compactMap { rows[$0]["recordID"] })
            rows.removeAll { $0.kind == "visit" && ids.contains($0["recordID"] ?? "") }
            rows.removeAll { $0.kind == "caseNote" && ids.contains("V" + ($0["recordID"] ?? "").dropFirst(2)) }
            return true
        }
        return false
    }

    /// Removes two visits in a row in the first year of the first placement (twelve weeks
    /// without a visit).
    mutating func lookedAfterVisitGap() -> Bool {
        guard let placement = indices("careEpisode").first.flatMap({ rows[$0].day("startDate") }) else { return false }
        let visits = indices("visit").filter { i in rows[i].day("date").map { $0 < placement.adding(years: 1) } == true }
        guard visits.count >= 5 else { return false }
        let ids = Set(visits[2..<4].compactMap { rows[$0]["recordID"] })
        rows.removeAll { $0.kind == "visit" && ids.contains($0["recordID"] ?? "") }
        rows.removeAll { $0.kind == "caseNote" && ids.contains("V" + ($0["recordID"] ?? "").dropFirst(2)) }
        return true
    }
}
