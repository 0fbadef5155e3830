import Model

/// What each kind of record means on a timeline: which of its dates are events, and how to
/// say what happened in a line, from the fields that are not personal. Personal values
/// (birth and death dates, names, free text) appear only through `Message`'s personal
/// interpolation, so they are withheld unless the user asks for them.
enum EventCatalogue {
    /// One dated moment of a record.
    struct Moment {
        let key: FieldKey
        /// True when the date itself is personal (a birth or death date): such a moment is
        /// on the timeline only when values are shown.
        let personal: Bool
        let describe: @Sendable (RecordRef) -> Message
        /// Something the record lacks that a reader of the timeline should see at this
        /// moment ("no recorded acknowledgement").
        let missing: (@Sendable (RecordRef) -> String?)?

        init(_ key: FieldKey, personal: Bool = false, missing: (@Sendable (RecordRef) -> String?)? = nil,
             _ describe: @escaping @Sendable (RecordRef) -> Message) {
            self.key = key
            self.personal = personal
            self.describe = describe
            self.missing = missing
        }
    }

    static func moments(of kind: RecordKind) -> [Moment] { byKind[kind] ?? [] }

    private static let byKind: [RecordKind: [Moment]] = {
        var m: [RecordKind: [Moment]] = [:]
        m[.person] = [
            Moment(.birthDate, personal: true) { _ in "born" },
            Moment(.deathDate, personal: true) { _ in "died" },
            Moment(.expectedBirthDate, personal: true) { _ in "expected date of birth" },
        ]
        m[.cinEpisode] = [
            Moment(.referralDate) { r in "CIN episode: referral received\(codes(r, [(.referralSource, "source"), (.primaryNeed, "need")]))" },
            Moment(.initialCPCDate) { _ in "initial child protection conference (the CIN episode's date)" },
            Moment(.closureDate) { r in "CIN episode closed\(codes(r, [(.closureReason, "reason")]))" },
        ]
        m[.assessment] = [
            Moment(.startDate) { _ in "assessment starts" },
            Moment(.authorisationDate) { r in
                let factors = r.all(.factor).map(\.text)
                return "assessment completed\(factors.isEmpty ? "" : " (factors \(factors.joined(separator: ", ")))")"
            },
        ]
        m[.cinPlan] = [Moment(.startDate) { _ in "child in need plan starts" }, Moment(.endDate) { _ in "child in need plan ends" }]
        m[.section47] = [
            Moment(.startDate) { _ in "section 47 enquiry starts" },
            Moment(.initialCPCDate) { _ in "initial child protection conference (the section 47 enquiry's date)" },
        ]
        m[.cpPlan] = [
            Moment(.startDate) { r in "child protection plan starts\(codes(r, [(.initialCategory, "category")]))" },
            Moment(.endDate) { _ in "child protection plan ends" },
        ]
        m[.cpReview] = [Moment(.date) { _ in "child protection review conference" }]
        m[.preProceedings] = [Moment(.startDate) { _ in "pre-proceedings start" }]
        m[.householdMember] = [
            Moment(.startDate) { r in "household member joins\(codes(r, [(.relationship, "")]))" },
            Moment(.endDate) { r in "household member leaves\(codes(r, [(.relationship, "")]))" },
        ]
        m[.referral] = [
            Moment(.date, missing: { r in r.has(.acknowledgedDate) || r.text(.fromAgency) == nil ? nil : "no recorded acknowledgement" }) { r in
                "referral\(id(r)) from \(r.text(.fromAgency) ?? "?") to \(r.text(.toAgency) ?? "?")\(r.text(FieldKey("referrerRole")).map { " (\($0))" } ?? "")"
            },
            Moment(.acknowledgedDate) { r in "referral\(id(r)) acknowledged" },
            Moment(FieldKey("decisionDate")) { r in "decision on referral\(id(r))\(codes(r, [(FieldKey("outcome"), "")]))" },
            Moment(FieldKey("outcomeFedBackDate")) { r in "outcome of referral\(id(r)) fed back to \(r.text(.fromAgency) ?? "the referrer")" },
        ]
        m[.visit] = [Moment(.date) { r in visit(r) }]
        m[.strategyDiscussion] = [Moment(.date) { r in "strategy discussion\(id(r))\(meeting(r))" }]
        m[.conference] = [Moment(.date) { r in
            let type = r.text(FieldKey("conferenceType")).map { "\($0) " } ?? ""
            return "\(type)child protection conference\(id(r))\(meeting(r))"
        }]
        m[.coreGroup] = [Moment(.date) { r in "core group\(id(r))\(meeting(r))" }]
        m[.notification] = [
            Moment(.sentDate, missing: { r in r.has(.acknowledgedDate) ? nil : "no recorded acknowledgement" }) { r in
                "notification\(id(r))\(codes(r, [(.subject, "")])) from \(r.text(.fromAgency) ?? "?") to \(r.text(.toAgency) ?? "?")"
            },
            Moment(.acknowledgedDate) { r in "notification\(id(r)) acknowledged by \(r.text(.toAgency) ?? "the receiver")" },
        ]
        m[.policeIncident] = [
            Moment(.date) { r in incident(r) },
            Moment(FieldKey("socialCareNotifiedDate")) { r in "police tell social care of incident\(id(r))" },
            Moment(FieldKey("schoolNotifiedDate")) { r in "police tell the school of incident\(id(r)) (Operation Encompass)" },
            Moment(FieldKey("maracReferralDate")) { r in "MARAC referral after incident\(id(r))" },
        ]
        m[.healthContact] = [Moment(.date) { r in health(r) }]
        m[.caseNote] = [Moment(.date) { r in note(r) }]
        m[.workerAllocation] = [
            Moment(.startDate) { r in "\(r.text(FieldKey("workerRole")) ?? "worker") \(r.text(.workerID) ?? "") allocated\(r.text(FieldKey("team")).map { " (\($0))" } ?? "")" },
            Moment(.endDate) { r in "allocation of \(r.text(FieldKey("workerRole")) ?? "worker") \(r.text(.workerID) ?? "") ends" },
        ]
        m[.transfer] = [
            Moment(FieldKey("noticeDate")) { r in "notice of a move from area \(r.text(FieldKey("fromArea")) ?? "?") to \(r.text(FieldKey("toArea")) ?? "?")" },
            Moment(.date) { r in "family moves from area \(r.text(FieldKey("fromArea")) ?? "?") to \(r.text(FieldKey("toArea")) ?? "?")" },
        ]
        m[.careEpisode] = [
            Moment(.startDate) { r in "care episode starts\(codes(r, [(FieldKey("reasonNewEpisode"), "reason"), (FieldKey("legalStatus"), "legal status"), (FieldKey("placement"), "placement")]))" },
            Moment(.endDate) { r in "care episode ends\(codes(r, [(FieldKey("reasonEpisodeCeased"), "reason")]))" },
        ]
        m[.lacReview] = [Moment(.date) { r in "looked-after review\(codes(r, [(FieldKey("reviewCode"), "participation")]))" }]
        m[.missingEpisode] = [
            Moment(.startDate) { r in "\(r.text(FieldKey("missingType")) == "A" ? "away from placement without authorisation" : "missing") from" },
            Moment(.endDate) { _ in "returned" },
        ]
        m[RecordKind("placedForAdoption")] = [Moment(.startDate) { _ in "placed for adoption" }, Moment(.endDate) { _ in "placement for adoption ends" }]
        m[RecordKind("adoption")] = [
            Moment(FieldKey("interestDate")) { _ in "decision that the child should be placed for adoption" },
            Moment(FieldKey("matchDate")) { _ in "matched with adopters" },
        ]
        m[RecordKind("libertyDeprivation")] = [
            Moment(.startDate) { _ in "deprivation of liberty order starts" },
            Moment(.endDate) { _ in "deprivation of liberty order ends" },
        ]
        return m
    }()

    /// A line for a record with no date of its own (a household member), or nil.
    static func undated(_ r: RecordRef) -> Message? {
        switch r.kind {
        case .householdMember:
            let lives = r[FieldKey("livesWithChild")]?.bool
            let where_ = lives == false ? ", not living with the child" : lives == true ? ", living with the child" : ""
            let ids = [FieldKey("memberID"), FieldKey("memberNHSNumber"), FieldKey("memberPolicePersonID")].filter { r.has($0) }.count
            return "household member\(codes(r, [(.relationship, "")]))\(where_); \(ids == 0 ? "no identifier recorded" : "identified")"
        case RecordKind("careOutcomes"), RecordKind("careLeaver"), RecordKind("previousPermanence"):
            return "\(r.kind.name) record"
        default:
            return nil
        }
    }

    // MARK: Pieces of lines

    private static func id(_ r: RecordRef) -> String {
        (r.text(.recordID) ?? r.text(.incidentID)).map { " \($0)" } ?? ""
    }

    /// ` (label A, label B)` for the coded fields present.
    private static func codes(_ r: RecordRef, _ fields: [(FieldKey, String)]) -> String {
        let parts = fields.compactMap { key, label in r.text(key).map { label.isEmpty ? $0 : "\(label) \($0)" } }
        return parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))"
    }

    private static func yesNo(_ r: RecordRef, _ key: FieldKey) -> String {
        switch r[key]?.bool {
        case true?: "yes"
        case false?: "no"
        case nil: "not recorded"
        }
    }

    private static func meeting(_ r: RecordRef) -> String {
        var parts: [String] = []
        let attending = r.all(.attendingAgency).map(\.text)
        parts.append(attending.isEmpty ? "attendance not recorded" : "attended by \(attending.joined(separator: ", "))")
        if let outcome = r.text(FieldKey("outcome")) { parts.append("outcome \(outcome)") }
        return ": " + parts.joined(separator: "; ")
    }

    private static func visit(_ r: RecordRef) -> Message {
        var parts = ["child seen: \(yesNo(r, .childSeen))"]
        if r[.childSeen]?.bool != false {
            var alone = "seen alone: \(yesNo(r, .seenAlone))"
            if r[.seenAlone]?.bool == false { alone += r.has(.notSeenAloneReason) ? " (reason recorded)" : " (no reason recorded)" }
            parts.append(alone)
        }
        parts.append("bedroom seen: \(yesNo(r, .bedroomSeen))")
        let present = r.all(.present).map(\.text)
        parts.append(present.isEmpty ? "who was present: not recorded" : "present: \(present.joined(separator: ", "))")
        let type = r.text(FieldKey("visitType")).map { " (\($0))" } ?? ""
        return "visit\(id(r))\(type): \(parts.joined(separator: "; "))"
    }

    private static func incident(_ r: RecordRef) -> Message {
        var parts: [String] = []
        if r[.domesticAbuse]?.bool == true { parts.append("domestic abuse") }
        if let present = r[.childPresent]?.bool { parts.append(present ? "child present" : "child not present") }
        let dash = [r.text(.dashRisk), r.text(FieldKey("dashScore")).map { "score \($0)" }].compactMap { $0 }
        if !dash.isEmpty { parts.append("DASH \(dash.joined(separator: ", "))") }
        return "police incident\(id(r))\(parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))"
    }

    private static func health(_ r: RecordRef) -> Message {
        var parts: [String] = []
        if let role = r.text(.practitionerRole) { parts.append(role) }
        if let type = r.text(FieldKey("contactType")) { parts.append(type) }
        if let attended = r[FieldKey("attended")]?.bool { parts.append(attended ? "attended" : "not brought") }
        parts.append("safe-sleep advice: \(yesNo(r, .safeSleepAdvice))")
        let risks = r.all(.riskFactor).map(\.text)
        if !risks.isEmpty { parts.append("risks: \(risks.joined(separator: ", "))") }
        return "health contact\(id(r)): \(parts.joined(separator: "; "))"
    }

    private static func note(_ r: RecordRef) -> Message {
        let type = r.text(FieldKey("noteType")).map { " (\($0))" } ?? ""
        let role = r.text(FieldKey("authorRole")).map { ", \($0)" } ?? ""
        guard let text = r[.text], !text.text.isEmpty else { return "case note\(id(r))\(type)\(role): no text" }
        let words = text.text.split(whereSeparator: { $0.isWhitespace }).count
        return "case note\(id(r))\(type)\(role): \(words) \(words == 1 ? "word" : "words"): \(personal: quoted(text.text))"
    }

    private static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\n": out += " / "
            case "\r": continue
            case "\"": out += "\\\""
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}
