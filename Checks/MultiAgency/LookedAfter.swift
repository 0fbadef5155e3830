import Check
import Model

/// A run of SSDA903 episodes with one placement (a change of legal status only, `L`, or of
/// placement with the same carers, `B`, keeps it), or one period of care (episodes that
/// follow one another without a gap, from a start of care `S`).
struct CareSpan {
    let first: Dated
    var end: Day?
}

extension Child {
    /// The child's care episodes grouped into spans: placements (`byPlacement`) or
    /// periods of being looked after.
    func careSpans(byPlacement: Bool) -> [CareSpan] {
        var spans: [CareSpan] = []
        for e in dated(.careEpisode, .startDate) {
            let reason = e.record.text(Keys.reasonNewEpisode)
            if var current = spans.last, reason != "S" {
                // Continuous when it starts no later than the day after the span ends (an
                // open span is continuous with anything after it).
                let continuous = current.end.map { e.day <= $0 + 1 } ?? true
                let samePlacement = reason == "L" || reason == "B"
                if continuous && (!byPlacement || samePlacement) {
                    current.end = e.record.day(.endDate)
                    spans[spans.count - 1] = current
                    continue
                }
            }
            spans.append(CareSpan(first: e, end: e.record.day(.endDate)))
        }
        return spans
    }
}

extension MultiAgency {
    /// The Care Planning Regulations' timescales for looked-after children.
    static let lookedAfter: [Rule] = [lookedAfterVisitIntervals, lookedAfterReviewsLate]

    static let lookedAfterVisitIntervals = Rule.multiAgency(
        "PRC012", "lac-visit-intervals", .procedure,
        fields: ["careEpisode.startDate", "careEpisode.reasonNewEpisode", "visit.date"],
        message: "No recorded visit to a looked-after child within the regulations' intervals: a week from a placement's start, then every six weeks in its first year",
        rationale: """
            Regulation 28 of the Care Planning, Placement and Case Review (England) Regulations 2010: a child \
            in care is visited within a week of the start of any placement, then at intervals of no more than \
            six weeks in the placement's first year, and after that no more than three months apart where the \
            placement is approved as until the child is 18, else six weeks. A placement runs across episodes \
            that change only the legal status (RNE L) or keep the carers (B). Visits with the child not seen \
            do not count. The interval after the last visit runs to the placement's end or to the last date \
            recorded for the child. The data do not say whether a placement is until 18: set \
            later-interval to 3 months where a partnership's placements are.
            """,
        source: "Care Planning, Placement and Case Review (England) Regulations 2010, regulation 28",
        parameters: [
            Parameter(name: "first-visit", defaultValue: "1 week", summary: "time from a placement's start to the first visit",
                      source: "reg 28(2)(a)", kind: .interval),
            Parameter(name: "first-year-interval", defaultValue: "6 weeks", summary: "longest time between visits in a placement's first year",
                      source: "reg 28(2)(b)", kind: .interval),
            Parameter(name: "later-interval", defaultValue: "6 weeks",
                      summary: "longest time between visits after a placement's first year (3 months where placements are approved as until 18)",
                      source: "reg 28(2)(c)", kind: .interval),
        ],
        examples: [
            .bad(.records, "the first visit nine days after the placement starts", """
                - { record: careEpisode, laChildID: A1, startDate: 2024-03-01, reasonNewEpisode: S, legalStatus: C2, placement: U1 }
                - { record: visit, laChildID: A1, date: 2024-03-10, childSeen: true, seenAlone: true }
                - { record: visit, laChildID: A1, date: 2024-04-10, childSeen: true, seenAlone: true }
                """),
            .bad(.records, "eight weeks between visits in the first year", """
                - { record: careEpisode, laChildID: A1, startDate: 2024-03-01, reasonNewEpisode: S, legalStatus: C2, placement: U1 }
                - { record: visit, laChildID: A1, date: 2024-03-04, childSeen: true, seenAlone: true }
                - { record: visit, laChildID: A1, date: 2024-04-29, childSeen: true, seenAlone: true }
                """),
            .good(.records, "visits within a week, then every five weeks; a legal status change keeps the placement", """
                - { record: careEpisode, laChildID: A1, startDate: 2024-03-01, reasonNewEpisode: S, legalStatus: L2, placement: U1, endDate: 2024-03-08 }
                - { record: careEpisode, laChildID: A1, startDate: 2024-03-08, reasonNewEpisode: L, legalStatus: C2, placement: U1 }
                - { record: visit, laChildID: A1, date: 2024-03-04, childSeen: true, seenAlone: true }
                - { record: visit, laChildID: A1, date: 2024-04-08, childSeen: true, seenAlone: true }
                - { record: visit, laChildID: A1, date: 2024-05-13, childSeen: true, seenAlone: true }
                """),
        ],
        triggers: [.careEpisode]
    ) { child, out in
        let placements = child.careSpans(byPlacement: true)
        guard !placements.isEmpty, child.judgesAbsence(of: .visit), let dataEnd = child.lastRecordedDay else { return }
        let visits = child.dated(.visit, .date) { $0[.childSeen]?.bool != false }
        let first = out.interval("first-visit"), inFirstYear = out.interval("first-year-interval")
        let later = out.interval("later-interval"), calendar = out.context.calendar
        for p in placements {
            let start = p.first.day
            let stop = p.end ?? dataEnd
            let i = visits.firstIndex(onOrAfter: start)
            let seen = visits[i...].prefix { $0.day <= stop }
            let firstDue = first.end(from: start, calendar: calendar)
            if seen.first.map({ $0.day > firstDue }) ?? (stop > firstDue) {
                let notes = seen.first.map { [out.note("the first visit recorded in the placement is on \($0.day)", at: $0.field, of: $0.record)] } ?? []
                out.report("no recorded visit within \(first) of the placement starting on \(start)",
                           at: p.first.field, of: p.first.record, notes: notes)
            }
            let yearEnd = start.adding(years: 1)
            func interval(after day: Day) -> Interval { day < yearEnd ? inFirstYear : later }
            for (a, b) in zip(seen, seen.dropFirst()) {
                let allowed = interval(after: a.day)
                guard b.day > allowed.end(from: a.day, calendar: calendar) else { continue }
                out.report("no recorded visit for \(days(b.day - a.day)) between \(a.day) and \(b.day) while looked after; the interval is \(allowed)\(a.day < yearEnd ? " in a placement's first year" : "")",
                           at: b.field, of: b.record,
                           notes: [out.note("the previous visit, on \(a.day), is recorded here", at: a.field, of: a.record)])
            }
            if let last = seen.last {
                let allowed = interval(after: last.day)
                if stop > allowed.end(from: last.day, calendar: calendar) {
                    let to = p.end != nil ? "the placement's end on \(stop)" : "the last date recorded for the child, \(stop)"
                    out.report("no recorded visit after this one for \(days(stop - last.day)), to \(to); the interval is \(allowed)",
                               at: last.field, of: last.record,
                               notes: [out.note("the placement starts on \(start) here", at: p.first.field, of: p.first.record)])
                }
            }
        }
    }

    static let lookedAfterReviewsLate = Rule.multiAgency(
        "PRC014", "lac-review-late", .procedure,
        fields: ["careEpisode.startDate", "lacReview.date"],
        message: "No recorded looked-after review within the regulations' intervals: 20 working days from becoming looked after, then 3 months, then every 6 months",
        rationale: """
            Regulation 33 of the Care Planning, Placement and Case Review (England) Regulations 2010: a looked-\
            after child's case is first reviewed within 20 working days of the child becoming looked after, \
            the second review within three months of the first, and later ones no more than six months apart. \
            A period of care runs across episodes that follow one another without a gap. The interval after \
            the last review runs to the period's end or to the last date recorded for the child.
            """,
        source: "Care Planning, Placement and Case Review (England) Regulations 2010, regulation 33",
        parameters: [
            Parameter(name: "first-within", defaultValue: "20 working days", summary: "time from becoming looked after to the first review",
                      source: "reg 33(2)", kind: .interval),
            Parameter(name: "second-within", defaultValue: "3 months", summary: "time from the first review to the second",
                      source: "reg 33(3)(a)", kind: .interval),
            Parameter(name: "then-within", defaultValue: "6 months", summary: "longest time between later reviews",
                      source: "reg 33(3)(b)", kind: .interval),
        ],
        examples: [
            .bad(.records, "the first review six weeks after the child became looked after", """
                - { record: careEpisode, laChildID: A1, startDate: 2024-03-01, reasonNewEpisode: S, legalStatus: C2 }
                - { record: lacReview, laChildID: A1, date: 2024-04-15, reviewCode: PN1 }
                """),
            .bad(.records, "no second review by the last recorded date, five months after the first", """
                - { record: careEpisode, laChildID: A1, startDate: 2024-03-01, reasonNewEpisode: S, legalStatus: C2 }
                - { record: lacReview, laChildID: A1, date: 2024-03-20, reviewCode: PN1 }
                - { record: visit, laChildID: A1, date: 2024-08-20, childSeen: true, seenAlone: true }
                """),
            .good(.records, "reviews on time", """
                - { record: careEpisode, laChildID: A1, startDate: 2024-03-01, reasonNewEpisode: S, legalStatus: C2 }
                - { record: lacReview, laChildID: A1, date: 2024-03-20, reviewCode: PN1 }
                - { record: lacReview, laChildID: A1, date: 2024-06-14, reviewCode: PN1 }
                - { record: lacReview, laChildID: A1, date: 2024-12-02, reviewCode: PN1 }
                """),
            .good(.records, "the child left care before the first review was due", """
                - { record: careEpisode, laChildID: A1, startDate: 2024-03-01, reasonNewEpisode: S, legalStatus: V2, endDate: 2024-03-15 }
                - { record: visit, laChildID: A1, date: 2024-05-20, childSeen: true, seenAlone: true }
                """),
        ],
        triggers: [.careEpisode]
    ) { child, out in
        let periods = child.careSpans(byPlacement: false)
        guard !periods.isEmpty, let dataEnd = child.lastRecordedDay else { return }
        var reviews = child.dated(.lacReview, .date)
        // One review per day.
        reviews = reviews.enumerated().filter { $0.offset == 0 || reviews[$0.offset - 1].day != $0.element.day }.map(\.element)
        let calendar = out.context.calendar
        let intervals = [out.interval("first-within"), out.interval("second-within"), out.interval("then-within")]
        for p in periods {
            let start = p.first.day
            let stop = p.end ?? dataEnd
            let i = reviews.firstIndex(onOrAfter: start)
            var previous = p.first
            var n = 0
            for review in reviews[i...] where review.day <= stop {
                let allowed = intervals[min(n, 2)]
                if review.day > allowed.end(from: previous.day, calendar: calendar) {
                    let since = n == 0 ? "the child became looked after on \(previous.day)" : "the previous review on \(previous.day)"
                    out.report("no recorded looked-after review within \(allowed) of \(since); this one is on \(review.day)",
                               at: review.field, of: review.record,
                               notes: [out.note(n == 0 ? "the period of care starts here" : "the previous review is recorded here",
                                                at: previous.field, of: previous.record)])
                }
                previous = review
                n += 1
            }
            let allowed = intervals[min(n, 2)]
            let due = allowed.end(from: previous.day, calendar: calendar)
            if stop > due {
                let since = n == 0 ? "the child became looked after on \(previous.day)" : "the review on \(previous.day)"
                let to = p.end != nil ? "before the period of care ended on \(stop)" : "by the last date recorded for the child, \(stop)"
                out.report("no recorded looked-after review within \(allowed) of \(since), \(to)",
                           at: previous.field, of: previous.record)
            }
        }
    }
}
