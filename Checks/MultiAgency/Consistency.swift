import Check
import Model

extension MultiAgency {
    /// Do the agencies' records of one child tell one consistent story.
    static let consistency: [Rule] = [activityAfterDeath, activityAfterClosure, duplicateRecordID]

    /// Events that need the child alive, and the date that places each. Case notes,
    /// notifications, referrals and strategy discussions are left out: agencies record
    /// and share a child's death, and hold strategy discussions after it.
    static let livingEvents: [(kind: RecordKind, date: FieldKey, name: String)] = [
        (.visit, .date, "visit"), (.healthContact, .date, "health contact"), (.cpPlan, .startDate, "child protection plan start"),
        (.cinPlan, .startDate, "child in need plan start"), (.careEpisode, .startDate, "care episode start"),
        (.assessment, .startDate, "assessment start"), (.section47, .startDate, "section 47 enquiry start"),
        (.conference, .date, "child protection conference"), (.coreGroup, .date, "core group meeting"),
        (.cpReview, .date, "child protection review"), (.lacReview, .date, "looked-after review"),
        (.missingEpisode, .startDate, "missing episode start"), (.policeIncident, .date, "police incident with the child present"),
        (.cinEpisode, .referralDate, "CIN referral"),
    ]

    /// Kinds whose dates a CIN census return's own rules compare with its date of death.
    static let returnChecked: Set<RecordKind> = [.cinEpisode, .cinPlan, .cpPlan]

    static let activityAfterDeath = Rule.multiAgency(
        "CON004", "activity-after-death", .consistency, .error,
        fields: ["person.deathDate", "visit.date", "healthContact.date", "cpPlan.startDate", "conference.date"],
        message: "An event that needs the child alive is dated after the child's recorded date of death",
        rationale: """
            A visit, health contact, plan, conference or review dated after the date of death that any agency \
            records means a date is wrong — the death's or the event's — or records of two children are mixed. \
            Events that follow a death by their nature (case notes, notifications, referrals, strategy \
            discussions, closures) are not checked; a health contact the child did not attend and a police \
            incident without the child present are not either. A CIN census return's own referral, plan and \
            plan-start dates against its own date of death are left to the DfE rules (CIN4008, 8555Q, 8915). \
            The finding is at the event, with a note at the death record; the date of death is not printed.
            """,
        source: "Data consistency across agencies; DfE CIN census rules on PersonDeathDate (for interchange and multi-agency data)",
        examples: [
            .bad(.records, "a health visit a fortnight after the recorded death", """
                - { record: person, laChildID: A1, birthDate: 2024-01-05, deathDate: 2024-04-02 }
                ---
                - { record: healthContact, laChildID: A1, date: 2024-04-16, practitionerRole: health-visitor, attended: true }
                """),
            .good(.records, "case notes and notifications after the death", """
                - { record: person, laChildID: A1, birthDate: 2024-01-05, deathDate: 2024-04-02 }
                - { record: visit, laChildID: A1, date: 2024-03-28, childSeen: true, seenAlone: false, notSeenAloneReason: infant }
                - { record: caseNote, laChildID: A1, date: 2024-04-03, author: W. Worker, authorRole: team-manager, text: "Recording the child's death and the joint agency response." }
                - { record: notification, laChildID: A1, subject: other, fromAgency: social-care, toAgency: police, sentDate: 2024-04-03 }
                """),
        ]
    ) { child, out in
        guard let death = child.personDay(.deathDate) else { return }
        for i in child.records.indices where child.records[i].parent >= 0 {
            let kind = child.records[i].kind
            guard let event = livingEvents.first(where: { $0.kind == kind }) else { continue }
            let r = RecordRef(child: child, index: i)
            guard let f = r[event.date], let d = f.day, d > death.day else { continue }
            // A return's own episode, plan and referral dates against its own date of death
            // are the return's rules' (CIN census 4008, 8555Q, 8915).
            if r.isFromReturnLayout && returnChecked.contains(kind) && r.rootIndex == death.record.index { continue }
            if kind == .healthContact && r[Keys.attended]?.bool == false { continue }
            if kind == .policeIncident && r[.childPresent]?.bool != true { continue }
            out.report("\(event.name) on \(d) is dated after the child's recorded date of death (\(personal: death.day))",
                       at: f, of: r,
                       notes: [out.note("the date of death is recorded here\(by(death.record))", at: death.field, of: death.record)])
        }
    }

    /// Social care's own activity: what should not happen while the child's case is closed.
    static let socialCareActivity: [(kind: RecordKind, date: FieldKey, name: String)] = [
        (.visit, .date, "visit"), (.conference, .date, "child protection conference"), (.coreGroup, .date, "core group meeting"),
        (.cpPlan, .startDate, "child protection plan start"),
    ]

    static let activityKinds = KindSet(socialCareActivity.map(\.kind))

    static let activityAfterClosure = Rule.multiAgency(
        "CON005", "activity-after-closure", .consistency,
        fields: ["cinEpisode.closureDate", "cinEpisode.referralDate", "referral.date", "visit.date", "conference.date", "coreGroup.date", "cpPlan.startDate"],
        message: "A social care visit, conference, core group or plan start is dated after the child's case was closed and before any later referral",
        rationale: """
            Once a CIN episode is closed, social care's visits, conferences, core groups and plans belong to a \
            new episode that starts with a new referral. Activity dated between a closure and the next \
            referral (a later CIN episode or a referral to social care) means the closure date is wrong, the \
            new referral is not recorded, or the event belongs to another child. Events inside any open \
            episode or any period of care are not reported.
            """,
        source: "DfE Children in Need census guidance (episodes run from referral to closure); data consistency across agencies",
        examples: [
            .bad(.records, "a visit three weeks after the case closed", """
                - { record: cinEpisode, laChildID: A1, referralDate: 2023-11-14, closureDate: 2024-02-28, closureReason: RC4 }
                - { record: visit, laChildID: A1, recordID: V-9, date: 2024-03-20, childSeen: true, seenAlone: true, present: [mother] }
                """),
            .good(.records, "a new referral before the visit", """
                - { record: cinEpisode, laChildID: A1, referralDate: 2023-11-14, closureDate: 2024-02-28, closureReason: RC4 }
                - { record: referral, laChildID: A1, date: 2024-03-15, fromAgency: education, toAgency: social-care }
                - { record: visit, laChildID: A1, recordID: V-9, date: 2024-03-20, childSeen: true, seenAlone: true, present: [mother] }
                """),
            .good(.records, "a visit on the day of closure", """
                - { record: cinEpisode, laChildID: A1, referralDate: 2023-11-14, closureDate: 2024-02-28, closureReason: RC4 }
                - { record: visit, laChildID: A1, recordID: V-9, date: 2024-02-28, childSeen: true, seenAlone: true, present: [mother] }
                """),
        ],
        triggers: [.cinEpisode]
    ) { child, out in
        // Most children have no activity after a closure: look for it before making any
        // list or working out the spans.
        guard child.kinds.overlaps(activityKinds) else { return }
        var firstClosure: Day?
        for episode in child.records(.cinEpisode) {
            if let d = episode.day(.closureDate), firstClosure.map({ d < $0 }) ?? true { firstClosure = d }
        }
        guard let firstClosure else { return }
        let activity = socialCareActivity
        var after: [(event: Int, record: Int, day: Day)] = []
        for i in child.records.indices where child.records[i].parent >= 0 {
            let kind = child.records[i].kind
            guard let e = activity.firstIndex(where: { $0.kind == kind }),
                  let d = RecordRef(child: child, index: i).day(activity[e].date), d > firstClosure else { continue }
            after.append((e, i, d))
        }
        guard !after.isEmpty else { return }
        let closures = child.dated(.cinEpisode, .closureDate)
        // Spans when the child is open to social care, and the days new work came in.
        var open: [(Day, Day?)] = []
        var starts: [Day] = []
        for e in child.dated(.cinEpisode, .referralDate) {
            open.append((e.day, e.record.day(.closureDate)))
            starts.append(e.day)
        }
        for c in child.careSpans(byPlacement: false) { open.append((c.first.day, c.end)) }
        for r in child.dated(.referral, .date) where (r.record.text(.toAgency) ?? "social-care") == "social-care" { starts.append(r.day) }
        starts.sort()
        for (e, i, d) in after {
            let event = socialCareActivity[e]
            let r = RecordRef(child: child, index: i)
            guard let f = r[event.date] else { continue }
            // The latest closure before the event.
            let c = closures.firstIndex(onOrAfter: d)
            guard c > 0 else { continue }
            let closure = closures[c - 1]
            if open.contains(where: { $0.0 <= d && ($0.1.map { d <= $0 } ?? true) }) { continue }
            if starts.contains(where: { $0 > closure.day && $0 <= d }) { continue }
            // Activity inside the closed census episode itself is the return's rule's (CIN8565).
            if r.isFromReturnLayout && r.parent?.index == closure.record.index { continue }
            out.report("\(event.name) on \(d) is dated after the child's case was closed on \(closure.day), with no later referral recorded before it",
                       at: f, of: r,
                       notes: [out.note("the CIN episode is closed on \(closure.day) here", at: closure.field, of: closure.record)])
        }
    }

    /// The kinds of record that can hold a record id or an incident number: a row's record
    /// holds only its kind's fields.
    static let withRecordIDs = Schema.kinds.filter { $0.fields.contains(.recordID) || $0.fields.contains(.incidentID) }.map(\.kind)

    static let duplicateRecordID = Rule.multiAgency(
        "CON010", "duplicate-record-id", .consistency,
        fields: ["recordID", "incidentID"],
        message: "One record id is used by two records of the same kind from one agency for the same child",
        rationale: """
            An agency's own record ids (visit, case note, notification and incident numbers) identify one \
            record each. The same id on two records of one kind for one child is a record exported twice — \
            counted twice by every timescale — or two records that disagree about one event. Findings and \
            baselines also identify such records by their id. The finding is at the second record, with a note \
            at the first.
            """,
        source: "Data consistency (duplicate identifiers); caselint baselines identify rows by their record id",
        examples: [
            .bad(.records, "one visit exported twice, in two files", """
                - { record: visit, laChildID: A1, recordID: V-1, date: 2024-03-01, childSeen: true, seenAlone: true, present: [mother] }
                ---
                - { record: visit, laChildID: A1, recordID: V-1, date: 2024-03-01, childSeen: true, seenAlone: true, present: [mother] }
                """),
            .good(.records, "one incident recorded for two children", """
                - { record: policeIncident, laChildID: A1, incidentID: I-7, date: 2024-03-01, domesticAbuse: true }
                - { record: policeIncident, laChildID: A2, incidentID: I-7, date: 2024-03-01, domesticAbuse: true }
                """),
            .good(.records, "a visit and a case note with the same number", """
                - { record: visit, laChildID: A1, recordID: "101", date: 2024-03-01, childSeen: true, seenAlone: true, present: [mother] }
                - { record: caseNote, laChildID: A1, recordID: "101", date: 2024-03-01, author: W. Worker, authorRole: social-worker, text: "Home visit; see the visit record for who was present and what was discussed about sleeping arrangements." }
                """),
        ],
        triggers: withRecordIDs
    ) { child, out in
        // Each record with an id, as (record, field) indices, in order.
        // (The list is made only at the second id: most children have one record or none.)
        var firstID: (record: Int, field: Int)?
        var ids: [(record: Int, field: Int)] = []
        for i in child.records.indices where child.records[i].parent >= 0 {
            let r = RecordRef(child: child, index: i)
            guard let f = r.fieldIndex(.recordID) ?? r.fieldIndex(.incidentID), !child.fields[f].text.isEmpty else { continue }
            if let first = firstID {
                if ids.isEmpty { ids.append(first) }
                ids.append((i, f))
            } else {
                firstID = (i, f)
            }
        }
        if ids.count < 2 { return }
        func same(_ a: (record: Int, field: Int), _ b: (record: Int, field: Int)) -> Bool {
            child.records[a.record].kind == child.records[b.record].kind && child.records[a.record].agency == child.records[b.record].agency
                && child.fields[a.field].text == child.fields[b.field].text
        }
        func report(_ later: (record: Int, field: Int), first: (record: Int, field: Int)) {
            let r = RecordRef(child: child, index: later.record), f = child.fields[later.field]
            out.report("\(r.kind.name) \(f.text) is recorded more than once for this child\(by(r))", at: f, of: r,
                       notes: [out.note("the first record with this id is here", at: child.fields[first.field],
                                        of: RecordRef(child: child, index: first.record))])
        }
        // Most children have a few records: comparing each with those before costs less
        // than hashing. Many records: the first of each id by hash.
        if ids.count <= 32 {
            for j in 1..<ids.count {
                if let k = (0..<j).first(where: { same(ids[$0], ids[j]) }) { report(ids[j], first: ids[k]) }
            }
            return
        }
        struct Key: Hashable {
            let kind: RecordKind
            let agency: Agency
            let id: String
        }
        var first: [Key: Int] = [:]
        for j in ids.indices {
            let key = Key(kind: child.records[ids[j].record].kind, agency: child.records[ids[j].record].agency, id: child.fields[ids[j].field].text)
            if let k = first[key] { report(ids[j], first: ids[k]) } else { first[key] = j }
        }
    }
}
