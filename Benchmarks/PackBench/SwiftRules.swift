import Check
import Model

/// Twenty rules of the built-in rule pack (Checks/MultiAgency/pack/*.yml) written again in
/// Swift, as a rule author would write them in Checks/MultiAgency: same id, same linked
/// scope, same findings (rule, place, child) and the same messages. They exist only to
/// time the pack against Swift; the pack's own versions are the ones caselint runs.
///
/// One or more of each pack kind: required (SUF001, SUF003, SUF004, SUF005, SUF007,
/// PRC013), deadline (HND001, HND002, HND007, PRC001), attendance (HND003), followed-by
/// (HND004, PRC006), interval (PRC007, PRC010), order (CON003), agreement (CON001), pattern
/// (CON006), code-list (CON008), threshold (CON009).
enum SwiftRules {
    static let ids = ["SUF001", "SUF003", "SUF004", "SUF005", "SUF007", "HND001", "HND002", "HND003", "HND004", "HND007",
                      "PRC001", "PRC006", "PRC007", "PRC010", "PRC013", "CON001", "CON003", "CON006", "CON008", "CON009"]

    static let all: [Rule] = [
        suf001, suf003, suf004, suf005, suf007, hnd001, hnd002, hnd003, hnd004, hnd007,
        prc001, prc006, prc007, prc010, prc013, con001, con003, con006, con008, con009,
    ]

    /// A linked rule; the documentation is the pack's, so it is not repeated here.
    static func rule(_ id: String, _ name: String, _ category: Category, parameters: [Parameter] = [],
                     check: @escaping @Sendable (Child, inout Findings) -> Void) -> Rule {
        Rule(id: id, name: name, category: category, severity: .warning, message: name, rationale: "", source: "",
             parameters: parameters, scope: .linked, check: .child(check))
    }

    static func interval(_ name: String, _ value: String) -> Parameter {
        Parameter(name: name, defaultValue: value, summary: name, source: "bench", kind: .interval)
    }

    // MARK: required

    static let suf001 = rule("SUF001", "visit-child-seen-not-recorded", .sufficiency) { child, out in
        for visit in child.records(.visit) {
            if visit.text(.childSeen) == nil {
                out.report("no recorded answer to whether the child was seen on this visit", at: visit, missing: "childSeen")
            }
        }
    }

    static let suf003 = rule("SUF003", "visit-present-not-recorded", .sufficiency) { child, out in
        for visit in child.records(.visit) {
            if visit.text(.present) == nil {
                out.report("no recorded list of who was present on this visit", at: visit, missing: "present")
            }
        }
    }

    static let suf004 = rule("SUF004", "not-seen-alone-without-reason", .sufficiency) { child, out in
        for visit in child.records(.visit) {
            if visit[.seenAlone]?.bool == false, visit.text(.notSeenAloneReason) == nil {
                out.report("no recorded reason the child was not seen alone on this visit", at: visit, missing: "notSeenAloneReason")
            }
        }
    }

    static let identityChoices = "memberID, memberNHSNumber, memberPolicePersonID, or givenName and birthDate"

    static let suf005 = rule("SUF005", "household-member-without-identity", .sufficiency) { child, out in
        for m in child.records(.householdMember) {
            if m.text(K.memberID) != nil || m.text(K.memberNHSNumber) != nil || m.text(K.memberPolicePersonID) != nil
                || (m.text(K.givenName) != nil && m.text(.birthDate) != nil) { continue }
            let relationship = m.text(.relationship) ?? "none"
            out.report("no recorded identity for this household member (relationship: \(relationship)): no \(identityChoices)",
                       at: m, missing: identityChoices)
        }
    }

    static let suf007 = rule("SUF007", "decision-without-manager-or-rationale", .sufficiency) { child, out in
        let records = child.records
        for i in records.indices {
            let kind = records[i].kind
            let dateKey: FieldKey
            if kind == .referral {
                dateKey = K.decisionDate
            } else if kind == .strategyDiscussion || kind == .conference {
                dateKey = .date
            } else {
                continue
            }
            let r = RecordRef(child: child, index: i)
            if kind == .referral {
                guard r.text(K.decisionDate) != nil || r.text(K.outcome) != nil else { continue }
            } else {
                guard r.text(K.outcome) != nil else { continue }
            }
            var missing: [String] = []
            if r.text(K.decisionBy) == nil { missing.append("decisionBy") }
            if r.text(dateKey) == nil { missing.append(dateKey.name) }
            if r.text(K.rationale) == nil { missing.append("rationale") }
            guard !missing.isEmpty else { continue }
            out.report("no recorded \(inWords(missing)) for the decision on this \(kind.name)", at: r,
                       missing: missing.joined(separator: ","))
        }
    }

    static let prc013 = rule("PRC013", "lac-not-seen-in-private", .procedure) { child, out in
        let records = child.records
        var care: [(start: Day, end: Day?)]?
        for visit in child.records(.visit) {
            guard visit[.seenAlone]?.bool == false, let day = visit.day(.date) else { continue }
            if care == nil {
                care = []
                for j in records.indices where records[j].kind == .careEpisode {
                    let e = RecordRef(child: child, index: j)
                    if let s = e.day(.startDate) { care!.append((s, e.day(.endDate))) }
                }
            }
            guard care!.contains(where: { $0.start <= day && ($0.end.map { day <= $0 } ?? true) }) else { continue }
            if visit.text(.notSeenAloneReason) == nil {
                out.report("no recorded reason this looked-after child was not seen alone on this visit", at: visit,
                           missing: "notSeenAloneReason")
            }
        }
    }

    // MARK: deadline (a date of the same record within a span of another)

    /// Reports when `key` of `r` is absent, or later than `within` after `from`.
    static func due(_ r: RecordRef, _ from: Field, _ day: Day, _ key: FieldKey, within: Interval, _ out: inout Findings,
                    _ message: (Day?) -> Message) {
        let deadline = within.end(from: day, calendar: out.context.calendar)
        if let b = r[key], let bDay = b.day {
            guard bDay > deadline else { return }
            out.report(message(bDay), at: b, of: r, notes: [out.note("\(from.source.name) is \(day) here", at: from, of: r)])
        } else {
            out.report(message(nil), at: r, missing: key.name)
        }
    }

    static let hnd001 = rule("HND001", "referral-not-acknowledged", .handover,
                             parameters: [interval("acknowledge-within", "1 working day")]) { child, out in
        var within: Interval?
        for r in child.records(.referral) {
            guard let from = r.text(.fromAgency), from != "other", let date = r[.date], let day = date.day else { continue }
            if within == nil { within = out.interval("acknowledge-within") }
            let w = within!
            due(r, date, day, .acknowledgedDate, within: w, &out) { to in
                "no recorded acknowledgement of this referral from \(from) within \(w) of its receipt on \(day) (acknowledged: \(to.map { "\($0)" } ?? "none"))"
            }
        }
    }

    static let hnd002 = rule("HND002", "referral-outcome-not-fed-back", .handover,
                             parameters: [interval("feedback-within", "1 working day")]) { child, out in
        var within: Interval?
        for r in child.records(.referral) {
            guard let from = r.text(.fromAgency), from != "other" else { continue }
            guard let date = r[K.decisionDate].flatMap({ $0.day == nil ? nil : $0 }) ?? r[.date], let day = date.day else { continue }
            if within == nil { within = out.interval("feedback-within") }
            let w = within!
            due(r, date, day, K.outcomeFedBackDate, within: w, &out) { to in
                "no recorded feedback of this referral's outcome to \(from) within \(w) of \(day) (fed back: \(to.map { "\($0)" } ?? "none"))"
            }
        }
    }

    static let hnd007 = rule("HND007", "domestic-abuse-not-notified-to-social-care", .handover,
                             parameters: [interval("notify-within", "1 working day")]) { child, out in
        var within: Interval?
        for r in child.records(.policeIncident) {
            guard r[.domesticAbuse]?.bool == true, r[.childPresent]?.bool == true, let date = r[.date], let day = date.day else { continue }
            if within == nil { within = out.interval("notify-within") }
            let w = within!
            due(r, date, day, K.socialCareNotifiedDate, within: w, &out) { to in
                "no recorded notification to children's social care within \(w) of this domestic abuse incident on \(day), where a child was present (notified: \(to.map { "\($0)" } ?? "none"))"
            }
        }
    }

    static let prc001 = rule("PRC001", "referral-decision-late", .procedure,
                             parameters: [interval("decide-within", "1 working day")]) { child, out in
        var within: Interval?
        for r in child.records(.referral) {
            guard r.text(.toAgency) == "social-care", let date = r[.date], let day = date.day else { continue }
            if within == nil { within = out.interval("decide-within") }
            let w = within!
            due(r, date, day, K.decisionDate, within: w, &out) { to in
                "no recorded decision on this referral within \(w) of its receipt on \(day) (decided: \(to.map { "\($0)" } ?? "none"))"
            }
        }
    }

    // MARK: attendance

    static let hnd003 = rule("HND003", "strategy-discussion-agencies-missing", .handover, parameters: [
        Parameter(name: "required-agencies", defaultValue: "social-care, police, health", summary: "agencies", source: "bench",
                  kind: .codes(Vocabulary.agencies)),
    ]) { child, out in
        let records = child.records
        var judged: [Day] = []
        var required: [String]?
        for i in records.indices where records[i].kind == .strategyDiscussion {
            let sd = RecordRef(child: child, index: i)
            let day = sd.day(.date)
            // One discussion recorded by several agencies (same day) is one meeting.
            var meeting = [i]
            if let day {
                if judged.contains(day) { continue }
                judged.append(day)
                for j in (i + 1)..<records.count where records[j].kind == .strategyDiscussion {
                    if RecordRef(child: child, index: j).day(.date) == day { meeting.append(j) }
                }
            }
            if required == nil { required = out.list("required-agencies") }
            let missing = required!.filter { agency in
                !meeting.contains { RecordRef(child: child, index: $0).holds(.attendingAgency, agency) }
            }
            guard !missing.isEmpty else { continue }
            let notes = meeting.dropFirst().map { j -> Note in
                let other = RecordRef(child: child, index: j)
                return out.note("the same \(other.kind.name) recorded\(by(other)) here", at: other)
            }
            let message: Message = "no recorded attendance by \(inWords(missing)) at this strategy discussion on \(day.map { "\($0)" } ?? "no date")"
            if let f = sd[.attendingAgency], !f.text.isEmpty {
                out.report(message, at: f, of: sd, notes: notes)
            } else {
                out.report(message, at: sd, missing: "attendingAgency", notes: notes)
            }
        }
    }

    // MARK: followed-by

    static let hnd004 = rule("HND004", "cp-plan-start-not-notified", .handover, parameters: [
        Parameter(name: "notify-agencies", defaultValue: "police, health, education, cp-is", summary: "agencies", source: "bench",
                  kind: .codes(Vocabulary.agencies)),
        interval("notify-within", "1 working day"),
    ]) { child, out in
        var seen: [Day] = []
        var notices: [Dated]?
        var agencies: [String] = []
        var within = Interval(0, .days)
        let calendar = out.context.calendar
        for plan in child.records(.cpPlan) {
            guard let start = plan[.startDate], let day = start.day, !seen.contains(day) else { continue }
            seen.append(day)
            if notices == nil {
                within = out.interval("notify-within")
                agencies = out.list("notify-agencies")
            }
            let deadline = within.end(from: day, calendar: calendar)
            // Judged once the deadline has passed by the end of the data.
            guard let end = endOfData(child, out), deadline <= end else { continue }
            if notices == nil { notices = child.dated(.notification, .sentDate) { $0.text(.subject) == "cp-plan-start" } }
            let list = notices!
            let first = list.firstIndex(onOrAfter: day)
            var missing: [String] = []
            for agency in agencies {
                var k = first, found = false
                while k < list.count, list[k].day <= deadline {
                    if list[k].record.text(.toAgency) == agency { found = true; break }
                    k += 1
                }
                if !found { missing.append(agency) }
            }
            guard !missing.isEmpty, child.judgesAbsence(of: .notification) else { continue }
            var notes: [Note] = []
            for agency in missing {
                guard let n = list.first(where: { $0.day > deadline && $0.record.text(.toAgency) == agency })
                        ?? list.last(where: { $0.day < day && $0.record.text(.toAgency) == agency }) else { continue }
                let span = n.day > day ? elapsed(within, from: day, to: n.day, calendar) + " after" : elapsed(within, from: n.day, to: day, calendar) + " before"
                notes.append(out.note("the nearest notification for \(agency) recorded\(by(n.record)) is on \(n.day), \(span)",
                                      at: n.field, of: n.record))
            }
            out.report("no recorded notification of this child protection plan's start on \(day) to \(inWords(missing)) within \(within)",
                       at: start, of: plan, notes: notes)
        }
    }

    static let prc006 = rule("PRC006", "first-core-group-late", .procedure,
                             parameters: [interval("first-within", "10 working days")]) { child, out in
        var seen: [Day] = []
        var meetings: [Dated]?
        var within: Interval?
        let calendar = out.context.calendar
        for plan in child.records(.cpPlan) {
            guard let start = plan[.startDate], let day = start.day, !seen.contains(day) else { continue }
            seen.append(day)
            if within == nil { within = out.interval("first-within") }
            let deadline = within!.end(from: day, calendar: calendar)
            // A plan that ended before the meeting was due is not judged.
            if let ended = plan.day(.endDate), ended < deadline { continue }
            guard let end = endOfData(child, out), deadline <= end else { continue }
            if meetings == nil { meetings = child.dated(.coreGroup, .date) }
            let list = meetings!
            guard !list.any(from: day, to: deadline), child.judgesAbsence(of: .coreGroup) else { continue }
            var notes: [Note] = []
            if let m = list.first(where: { $0.day > deadline }) ?? list.last(where: { $0.day < day }) {
                let span = m.day > day ? elapsed(within!, from: day, to: m.day, calendar) + " after" : elapsed(within!, from: m.day, to: day, calendar) + " before"
                notes.append(out.note("the nearest coreGroup recorded\(by(m.record)) is on \(m.day), \(span)", at: m.field, of: m.record))
            }
            out.report("no recorded core group meeting within \(within!) of the initial conference that started this child protection plan on \(day)",
                       at: start, of: plan, notes: notes)
        }
    }

    // MARK: interval

    static let prc007 = rule("PRC007", "core-group-interval", .procedure, parameters: [interval("interval", "6 weeks")]) { child, out in
        let periods = planPeriods(child)
        guard !periods.isEmpty, child.judgesAbsence(of: .coreGroup), let dataEnd = endOfData(child, out) else { return }
        let every = out.interval("interval")
        gaps(periods, events: child.dated(.coreGroup, .date), every: every, fromStart: false, dataEnd: dataEnd, &out) { gap, from, to in
            "no recorded core group meeting for \(gap), from \(from) to \(to), while a child protection plan is open (at most \(every))"
        }
    }

    static let prc010 = rule("PRC010", "cp-visits-too-far-apart", .procedure,
                             parameters: [interval("interval", "10 working days")]) { child, out in
        let periods = planPeriods(child)
        guard !periods.isEmpty, child.judgesAbsence(of: .visit), let dataEnd = endOfData(child, out) else { return }
        let every = out.interval("interval")
        let visits = child.dated(.visit, .date) { $0[.childSeen]?.bool == true }
        gaps(periods, events: visits, every: every, fromStart: true, dataEnd: dataEnd, &out) { gap, from, to in
            "no recorded visit with the child seen for \(gap), from \(from) to \(to), while a child protection plan is open (at most \(every))"
        }
    }

    /// A time on a plan: plans that overlap (one plan recorded by two agencies) are one.
    struct Period {
        let start: Dated
        var end: Dated?
    }

    /// The child's plans as periods, overlapping ones merged, in order of start.
    static func planPeriods(_ child: Child) -> [Period] {
        var spans: [Period] = []
        for plan in child.records(.cpPlan) {
            guard let s = plan[.startDate], let sd = s.day else { continue }
            let e = plan[.endDate].flatMap { f in f.day.map { Dated(day: $0, record: plan, field: f) } }
            if let e, e.day < sd { continue }
            spans.append(Period(start: Dated(day: sd, record: plan, field: s), end: e))
        }
        guard spans.count > 1 else { return spans }
        spans.sort { $0.start.day < $1.start.day }
        var merged = [spans[0]]
        for s in spans.dropFirst() {
            let last = merged[merged.count - 1]
            guard let lastEnd = last.end else { continue }  // open: it takes in every later plan
            if s.start.day <= lastEnd.day {
                if s.end == nil { merged[merged.count - 1].end = nil } else if s.end!.day > lastEnd.day { merged[merged.count - 1].end = s.end }
            } else {
                merged.append(s)
            }
        }
        return merged
    }

    /// Reports each stretch longer than `every`: from the period's start to the first event
    /// (when `fromStart`), between events, and from the last to the period's end or the
    /// end of the data.
    static func gaps(_ periods: [Period], events: [Dated], every: Interval, fromStart: Bool, dataEnd: Day, _ out: inout Findings,
                     _ message: (String, Day, Day) -> Message) {
        let calendar = out.context.calendar
        for period in periods where period.start.day <= dataEnd {
            let stop = period.end.map { min($0.day, dataEnd) } ?? dataEnd
            var previous: Dated? = fromStart ? period.start : nil
            var k = events.firstIndex(onOrAfter: period.start.day)
            while k < events.count, events[k].day <= stop {
                let e = events[k]
                k += 1
                if let p = previous, e.day > every.end(from: p.day, calendar: calendar) {
                    let starts = p.record.index == period.start.record.index && p.day == period.start.day
                    let what: Message = starts ? "the \(p.record.kind.name) starts here on \(p.day)"
                        : "the previous \(p.record.kind.name) recorded\(by(p.record)) is on \(p.day)"
                    out.report(message(elapsed(every, from: p.day, to: e.day, calendar), p.day, e.day), at: e.field, of: e.record,
                               notes: [out.note(what, at: p.field, of: p.record)])
                }
                previous = e
            }
            guard let p = previous, stop > every.end(from: p.day, calendar: calendar) else { continue }
            let target = period.end.flatMap { $0.day <= dataEnd ? $0 : nil } ?? period.start
            var notes: [Note] = []
            if p.record.index != target.record.index || p.day != target.day {
                let what: Message = p.record.index == period.start.record.index ? "the \(p.record.kind.name) starts here on \(p.day)"
                    : "the last \(p.record.kind.name) recorded\(by(p.record)) is on \(p.day)"
                notes.append(out.note(what, at: p.field, of: p.record))
            }
            out.report(message(elapsed(every, from: p.day, to: stop, calendar), p.day, stop), at: target.field, of: target.record, notes: notes)
        }
    }

    // MARK: order

    static let con003 = rule("CON003", "event-dates-out-of-order", .consistency) { child, out in
        let records = child.records
        for i in records.indices {
            let kind = records[i].kind
            if kind == .referral {
                let r = RecordRef(child: child, index: i)
                inOrder(r, .date, .acknowledgedDate, &out)
                inOrder(r, .date, K.decisionDate, &out)
            } else if kind == .notification {
                inOrder(RecordRef(child: child, index: i), .sentDate, .acknowledgedDate, &out)
            } else if spans.contains(kind) {
                // A CIN census return's own dates are the DfE rules'.
                let r = RecordRef(child: child, index: i)
                inOrder(r, .startDate, .endDate, &out) { $0.context.family(of: r.location.file) != .cinCensus }
            }
        }
    }

    static let spans: [RecordKind] = [.cpPlan, .cinPlan, .workerAllocation, .householdMember, .careEpisode, .missingEpisode]

    static func inOrder(_ r: RecordRef, _ first: FieldKey, _ then: FieldKey, _ out: inout Findings,
                        judged: (Findings) -> Bool = { _ in true }) {
        guard let a = r[first], let ad = a.day, let b = r[then], let bd = b.day, bd < ad, judged(out) else { return }
        out.report("this \(r.kind.name)'s \(b.source.name) (\(bd)) is before its \(a.source.name) (\(ad))", at: b, of: r,
                   notes: [out.note("\(a.source.name) is \(ad) here", at: a, of: r)])
    }

    // MARK: agreement

    static let con001 = rule("CON001", "birth-date-differs-across-agencies", .consistency) { child, out in
        let records = child.records
        var reference: (field: Field, record: RecordRef)?
        for person in child.records(.person) {
            guard let f = person[.birthDate], !f.text.isEmpty else { continue }
            guard let ref = reference else { reference = (f, person); continue }
            // Dates compare as dates; a date that does not parse, as written.
            let same = f.day != nil && ref.field.day != nil ? f.day == ref.field.day : (f.day == nil && ref.field.day == nil && f.text == ref.field.text)
            guard !same else { continue }
            let a = person.record.agency, b = ref.record.record.agency
            if a == b && (a != .unknown || f.location.file == ref.field.location.file) { continue }
            out.report("this record's birth date (\(personal: f.text), by \(a.name)) differs from the one \(b.name) records (\(personal: ref.field.text))",
                       at: f, of: person,
                       notes: [out.note("\(ref.field.source.name) recorded\(by(ref.record)) is \(personal: ref.field.text) here", at: ref.field, of: ref.record)])
        }
    }

    // MARK: pattern

    static let con006 = rule("CON006", "nhs-number-check-digit", .consistency) { child, out in
        let records = child.records
        for i in records.indices {
            let key: FieldKey
            switch records[i].kind {
            case .person: key = .nhsNumber
            case .householdMember: key = K.memberNHSNumber
            default: continue
            }
            var j = Int(records[i].fieldStart)
            while j < Int(records[i].fieldEnd) {
                let f = child.fields[j]
                j += 1
                guard f.key == key, !f.text.isEmpty, !CheckCharacters.isValidNHSNumber(f.text) else { continue }
                out.report("this \(f.source.name) (\(personal: f.text)) fails its modulus 11 check digit", at: f,
                           of: RecordRef(child: child, index: i))
            }
        }
    }

    // MARK: code-list

    /// A coded field's standard list, as a set and in words.
    struct Codes: Sendable {
        let key: FieldKey
        let allowed: Set<String>
        let words: String
        init(_ key: FieldKey) {
            self.key = key
            let list = Schema.field(named: key.name)!.codes!
            allowed = Set(list)
            words = inWords(list)
        }
    }

    static let relationship = [Codes(.relationship)]
    static let present = [Codes(.present)]
    static let attending = [Codes(.attendingAgency)]
    static let risk = [Codes(.riskFactor)]
    static let dash = [Codes(.dashRisk)]
    static let agencies = [Codes(.toAgency), Codes(.fromAgency)]

    static let con008 = rule("CON008", "code-not-in-list", .consistency) { child, out in
        let records = child.records
        for i in records.indices {
            let lists: [Codes]
            switch records[i].kind {
            case .householdMember: lists = relationship
            case .visit: lists = present
            case .strategyDiscussion, .conference, .coreGroup: lists = attending
            case .healthContact: lists = risk
            case .policeIncident: lists = dash
            case .referral, .notification: lists = agencies
            default: continue
            }
            for codes in lists {
                var j = Int(records[i].fieldStart)
                while j < Int(records[i].fieldEnd) {
                    let f = child.fields[j]
                    j += 1
                    guard f.key == codes.key, !f.text.isEmpty, !codes.allowed.contains(f.text) else { continue }
                    out.report("'\(f.text)' is not a standard \(f.source.name) code (\(codes.words))", at: f,
                               of: RecordRef(child: child, index: i))
                }
            }
        }
    }

    // MARK: threshold

    static let con009 = Rule(
        id: "CON009", name: "sex-not-recorded-share", category: .consistency, severity: .warning, message: "sex-not-recorded-share",
        rationale: "", source: "",
        parameters: [Parameter(name: "max-share", defaultValue: "2%", summary: "share", source: "bench", kind: .share)],
        scope: .linked, check: .whole { SexNotRecorded() })

    /// Counts the children (unborn excluded) with no sex or gender on any agency's person
    /// record, and reports once the whole drop has been seen.
    final class SexNotRecorded: ReturnCheck {
        var total = 0
        var counted = 0
        var marks: [Mark] = []
        var maxShare: Double?

        func observe(_ child: Child, _ out: inout Findings) {
            let records = child.records
            var person = -1, firstRoot = -1
            var sex = false, expected = false, born = false
            for i in records.indices where records[i].parent < 0 {
                if firstRoot < 0 { firstRoot = i }
                if person < 0 && records[i].kind == .person { person = i }
                let r = RecordRef(child: child, index: i)
                if !sex, r.text(.sex) != nil || r.text(.genderCurrent) != nil { sex = true }
                if !expected, r.text(.expectedBirthDate) != nil { expected = true }
                if !born, r.text(.birthDate) != nil { born = true }
            }
            if person < 0 { person = firstRoot }
            guard person >= 0, !(expected && !born) else { return }
            total += 1
            guard !sex else { return }
            counted += 1
            if marks.count < 2 { marks.append(out.mark(RecordRef(child: child, index: person))) }
            if maxShare == nil { maxShare = out.share("max-share") }
        }

        func finish(_ out: inout Findings) {
            guard total > 0, let first = marks.first, let max = maxShare else { return }
            let share = 100 * Double(counted) / Double(total)
            guard share > max else { return }
            let notes = marks.dropFirst().map { out.note("the next child counted is here", at: $0) }
            out.reportReturn("\(counted) of \(total) children (\(ParameterValue.percent((share * 10).rounded() / 10))) have no recorded sex in any agency's records, more than \(ParameterValue.percent(max)); the first is here",
                             at: first, notes: notes)
        }
    }
}

// MARK: helpers

/// Fields the model does not name as constants.
enum K {
    static let memberID = FieldKey("memberID")
    static let memberNHSNumber = FieldKey("memberNHSNumber")
    static let memberPolicePersonID = FieldKey("memberPolicePersonID")
    static let givenName = FieldKey("givenName")
    static let decisionDate = FieldKey("decisionDate")
    static let decisionBy = FieldKey("decisionBy")
    static let outcome = FieldKey("outcome")
    static let rationale = FieldKey("rationale")
    static let outcomeFedBackDate = FieldKey("outcomeFedBackDate")
    static let socialCareNotifiedDate = FieldKey("socialCareNotifiedDate")
}

extension RecordRef {
    /// True when one of the values of a repeating field is `value`.
    func holds(_ key: FieldKey, _ value: String) -> Bool {
        let r = record
        var j = Int(r.fieldStart)
        while j < Int(r.fieldEnd) {
            if child.fields[j].key == key, child.fields[j].text == value { return true }
            j += 1
        }
        return false
    }
}

/// The last day the data say anything about the child: its last recorded date, or the
/// census reference date of the run's return if later.
func endOfData(_ child: Child, _ out: Findings) -> Day? {
    let last = child.lastRecordedDay
    guard let ref = out.context.census?.referenceDate else { return last }
    return last.map { max($0, ref) } ?? ref
}

/// How long from `a` to `b`, in the interval's unit where it reads naturally.
func elapsed(_ unit: Interval, from a: Day, to b: Day, _ calendar: WorkingDayCalendar) -> String {
    if unit.unit == .workingDays { return workingDays(calendar.workingDays(from: a, to: b)) }
    let n = b - a
    if unit.unit == .weeks, n >= 7 {
        let w = n / 7, d = n % 7
        return "\(n) days (\(w) week\(w == 1 ? "" : "s")\(d == 0 ? "" : " and \(d) day\(d == 1 ? "" : "s")"))"
    }
    return days(n)
}
