import Check
import Model

extension MultiAgency {
    /// Were the steps of the child protection process recorded as the procedures set them:
    /// the plan from its conference, the bedroom seen between conferences, the strategy
    /// discussion's record shared.
    static let procedure: [Rule] = [planStartNotConferenceDate, bedroomNotSeenBetweenConferences, strategyRecordNotShared]

    static let planStartNotConferenceDate = Rule.multiAgency(
        "PRC005", "cp-plan-start-not-icpc-date", .procedure,
        fields: ["cpPlan.startDate", "conference.date", "section47.initialCPCDate", "cinEpisode.initialCPCDate"],
        message: "No recorded initial child protection conference on the day a child protection plan starts",
        rationale: """
            A child protection plan starts on the day of the initial conference that decides it (or of the \
            transfer-in conference that takes it over). The rule compares each plan's start with every \
            agency's record of an initial or transfer-in conference — conference records, and the conference \
            dates of section 47 enquiries and CIN episodes — and points at the nearest when none falls on the \
            day. Within one CIN census episode the DfE rule CIN2885 makes this comparison; this rule makes it \
            across agencies' records and for interchange data.
            """,
        source: "Working Together to Safeguard Children 2023; DfE CIN census rule 2885 (for interchange and multi-agency data)",
        examples: [
            .bad(.records, "the plan starts two days after the conference", """
                - { record: conference, laChildID: A1, recordID: CP-1, date: 2024-02-20, conferenceType: initial, outcome: cp-plan }
                - { record: cpPlan, laChildID: A1, startDate: 2024-02-22, initialCategory: NEG }
                """),
            .bad(.records, "the police record the conference on another day than the census plan", """
                - { record: cpPlan, laChildID: A1, startDate: 2024-02-20, initialCategory: NEG }
                ---
                - { record: conference, laChildID: A1, agency: police, date: 2024-02-27, conferenceType: initial }
                """),
            .good(.records, "the plan starts on the conference day", """
                - { record: conference, laChildID: A1, recordID: CP-1, date: 2024-02-20, conferenceType: initial, outcome: cp-plan }
                - { record: cpPlan, laChildID: A1, startDate: 2024-02-20, initialCategory: NEG }
                """),
            .good(.records, "the plan starts at a transfer-in conference", """
                - { record: conference, laChildID: A1, date: 2024-03-05, conferenceType: transfer-in }
                - { record: cpPlan, laChildID: A1, startDate: 2024-03-05, initialCategory: PHY }
                """),
        ],
        triggers: [.cpPlan]
    ) { child, out in
        let plans = child.plans
        guard !plans.isEmpty else { return }
        // Conference dates from every agency; those of a CIN census episode are marked.
        var conferences: [(dated: Dated, episode: Int?)] = []
        for i in child.records.indices {
            let r = RecordRef(child: child, index: i)
            switch r.kind {
            case .conference:
                let type = r.text(Keys.conferenceType)
                guard type == "initial" || type == "transfer-in", let f = r[.date], let d = f.day else { continue }
                conferences.append((Dated(day: d, record: r, field: f), nil))
            case .section47, .cinEpisode:
                guard let f = r[.initialCPCDate], let d = f.day else { continue }
                let inEpisode = r.kind == .cinEpisode || r.parent?.kind == .cinEpisode
                conferences.append((Dated(day: d, record: r, field: f), inEpisode ? i : nil))
            default:
                continue
            }
        }
        guard !conferences.isEmpty else { return }
        conferences.sort { $0.dated.day < $1.dated.day }
        for plan in plans {
            if conferences.contains(where: { $0.dated.day == plan.start }) { continue }
            // CIN2885 compares a census plan with its episode's conference dates (in every
            // census return that holds the episode): this rule adds the other agencies' records.
            let inCensus = plan.record.parent?.kind == .cinEpisode
            let others = inCensus ? conferences.filter { $0.episode == nil } : conferences
            guard let nearest = others.last(where: { $0.dated.day < plan.start }) ?? others.first else { continue }
            let gap = plan.start - nearest.dated.day
            let when = gap > 0 ? "\(days(gap)) before the plan starts" : "\(days(-gap)) after the plan starts"
            let name = nearest.dated.record.kind == .conference ? "conference" : "initial conference date"
            out.report("no recorded initial conference on the day this child protection plan starts (\(plan.start)); the nearest recorded is on \(nearest.dated.day)",
                       at: plan.record[.startDate]!, of: plan.record,
                       notes: [out.note("the \(name) recorded here\(by(nearest.dated.record)) is on \(nearest.dated.day), \(when)",
                                        at: nearest.dated.field, of: nearest.dated.record)])
        }
    }

    static let bedroomNotSeenBetweenConferences = Rule.multiAgency(
        "PRC011", "bedroom-not-seen-between-conferences", .procedure,
        fields: ["visit.bedroomSeen", "cpPlan.startDate", "cpReview.date", "conference.date"],
        message: "No recorded visit with the child's bedroom seen between two conferences of a child protection plan",
        rationale: """
            Local child protection procedures ask that the child's bedroom is seen at least once between \
            conferences: where and how a child sleeps is evidence a plan's review needs. The rule takes each \
            plan's conferences — the initial one (the plan's start) and each review conference held while the \
            plan is open (CIN census review dates and review conference records) — and looks between each \
            consecutive pair for a visit recording the bedroom as seen. It points at the later conference.
            """,
        source: "Local child protection procedures (e.g. London Child Protection Procedures: the child's bedroom seen between conferences)",
        examples: [
            .bad(.records, "two visits between the conference and the review; neither saw the bedroom", """
                - { record: cpPlan, laChildID: A1, startDate: 2024-02-20, initialCategory: NEG }
                - { record: visit, laChildID: A1, recordID: V-1, date: 2024-03-01, childSeen: true, seenAlone: true, bedroomSeen: false, present: [mother] }
                - { record: visit, laChildID: A1, recordID: V-2, date: 2024-04-10, childSeen: true, seenAlone: true, present: [mother] }
                - { record: conference, laChildID: A1, recordID: CP-2, date: 2024-05-14, conferenceType: review }
                """),
            .good(.records, "the bedroom seen on one visit", """
                - { record: cpPlan, laChildID: A1, startDate: 2024-02-20, initialCategory: NEG }
                - { record: visit, laChildID: A1, recordID: V-1, date: 2024-03-01, childSeen: true, seenAlone: true, bedroomSeen: true, present: [mother] }
                - { record: visit, laChildID: A1, recordID: V-2, date: 2024-04-10, childSeen: true, seenAlone: true, present: [mother] }
                - { record: cpReview, laChildID: A1, date: 2024-05-14 }
                """),
            .good(.records, "no review conference yet", """
                - { record: cpPlan, laChildID: A1, startDate: 2024-02-20, initialCategory: NEG }
                - { record: visit, laChildID: A1, recordID: V-1, date: 2024-03-01, childSeen: true, seenAlone: true, present: [mother] }
                """),
        ],
        triggers: [.cpPlan]
    ) { child, out in
        let plans = child.plans
        guard !plans.isEmpty, child.judgesAbsence(of: .visit) else { return }
        let bedroom = child.dated(.visit, .date) { $0[.bedroomSeen]?.bool == true }
        let visits = child.dated(.visit, .date)
        var reviews = child.dated(.cpReview, .date)
        reviews += child.dated(.conference, .date) { $0.text(Keys.conferenceType) == "review" }
        reviews.sort { $0.day < $1.day }
        for plan in plans {
            var previous = Dated(day: plan.start, record: plan.record, field: plan.record[.startDate]!)
            for review in reviews where review.day > previous.day && (plan.end.map { review.day <= $0 } ?? true) {
                defer { previous = review }
                if bedroom.any(from: previous.day, to: review.day) { continue }
                let what = previous.record.kind == .cpPlan ? "the plan's initial conference (its start)" : "the previous conference"
                var notes = [out.note("\(what), on \(previous.day), is recorded here", at: previous.field, of: previous.record)]
                let i = visits.firstIndex(onOrAfter: previous.day)
                let between = visits[i...].prefix { $0.day <= review.day }
                if let first = between.first {
                    notes.append(out.note("\(between.count) \(between.count == 1 ? "visit is" : "visits are") recorded between them, the first here; none records the bedroom as seen",
                                          at: first.field, of: first.record))
                }
                out.report("no recorded visit with the child's bedroom seen between the conference on \(previous.day) and this review conference on \(review.day)",
                           at: review.field, of: review.record, notes: notes)
            }
        }
    }

    static let strategyRecordNotShared = Rule.multiAgency(
        "PRC016", "strategy-discussion-record-not-shared", .procedure,
        fields: ["strategyDiscussion.date", "strategyDiscussion.attendingAgency", "notification.subject", "notification.sentDate"],
        message: "No recorded sharing of a strategy discussion's record with each agency that took part, within the local time",
        rationale: """
            Local procedures ask that the record of a strategy discussion — its decisions and the actions each \
            agency took on — reaches every agency that took part within a working day, so the section 47 \
            enquiry starts from one shared account. The rule looks, for each agency that attended (other than \
            the one that recorded the discussion), for a notification with subject strategy-outcome to that \
            agency, sent within the interval. Social care, which convenes the discussion and shares its record, \
            is not looked for.
            """,
        source: "Working Together to Safeguard Children 2023 (strategy discussions); local procedures: the record shared within 1 working day",
        parameters: [
            Parameter(name: "share-within", defaultValue: "1 working day", summary: "time from the discussion to sharing its record",
                      source: "local child protection procedures", kind: .interval),
        ],
        examples: [
            .bad(.records, "the record went to the police but not to health", """
                - { record: strategyDiscussion, laChildID: A1, recordID: SD-1, date: 2024-02-06, attendingAgency: [social-care, police, health], outcome: section-47 }
                - { record: notification, laChildID: A1, subject: strategy-outcome, fromAgency: social-care, toAgency: police, sentDate: 2024-02-06 }
                """),
            .good(.records, "shared with both the next working day", """
                - { record: strategyDiscussion, laChildID: A1, recordID: SD-1, date: 2024-02-09, attendingAgency: [social-care, police, health], outcome: section-47 }
                - { record: notification, laChildID: A1, subject: strategy-outcome, fromAgency: social-care, toAgency: police, sentDate: 2024-02-12 }
                - { record: notification, laChildID: A1, subject: strategy-outcome, fromAgency: social-care, toAgency: health, sentDate: 2024-02-12 }
                """),
        ],
        triggers: [.strategyDiscussion]
    ) { child, out in
        let discussions = child.dated(.strategyDiscussion, .date)
        guard !discussions.isEmpty else { return }
        var shared: [String: [Dated]] = [:]
        for n in child.dated(.notification, .sentDate) where n.record.text(.subject) == "strategy-outcome" {
            if let to = n.record.text(.toAgency) { shared[to, default: []].append(n) }
        }
        let within = out.interval("share-within"), calendar = out.context.calendar
        // Social care convenes strategy discussions and shares their record; CP-IS is not a party.
        let convenors: Set<String> = ["social-care", "cp-is"]
        for discussion in discussions {
            let own = discussion.record.record.agency.name
            let last = within.end(from: discussion.day, calendar: calendar)
            var missing: [String] = []
            var notes: [Note] = []
            for field in discussion.record.all(.attendingAgency) where !convenors.contains(field.text) && field.text != own && !missing.contains(field.text) {
                let sent = shared[field.text] ?? []
                if sent.any(from: discussion.day, to: last) { continue }
                missing.append(field.text)
                if let late = sent[sent.firstIndex(onOrAfter: discussion.day)...].first {
                    notes.append(out.note("the record was sent to \(field.text) on \(late.day), \(workingDays(calendar.workingDays(from: discussion.day, to: late.day))) after the discussion",
                                          at: late.field, of: late.record))
                }
            }
            guard !missing.isEmpty else { continue }
            out.report("no recorded sharing of this strategy discussion's record (\(discussion.day)) with \(inWords(missing)) within \(within)",
                       at: discussion.field, of: discussion.record, notes: notes)
        }
    }
}
