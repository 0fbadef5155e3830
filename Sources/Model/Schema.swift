/// The common model's vocabulary: kinds of record and the fields they hold.
///
/// Every source (CIN census XML, SSDA903, interchange files, mapped agency exports) lands
/// in these kinds and fields, so a rule written once reads every agency's data. Names are
/// the ones the interchange format (docs/interchange.md) and rule packs use.

/// A kind of record: a person, an episode, an event.
public struct RecordKind: Hashable, Sendable, CustomStringConvertible {
    public let symbol: Symbol
    public init(_ name: String) { symbol = Symbol(name) }
    @inlinable public init(_ name: ModelName) { symbol = Symbol(name) }
    public var name: String { symbol.name }
    public var description: String { name }
}

/// A field of a record, by its model name.
public struct FieldKey: Hashable, Sendable, CustomStringConvertible {
    public let symbol: Symbol
    public init(_ name: String) { symbol = Symbol(name) }
    @inlinable public init(_ name: ModelName) { symbol = Symbol(name) }
    public var name: String { symbol.name }
    public var description: String { name }
}

/// How a field's text is interpreted.
public enum ValueType: String, Sendable {
    case date, dateTime, code, text, bool, integer, identifier
}

public struct FieldSpec: Sendable {
    public let key: FieldKey
    public let type: ValueType
    /// Personal values (names, birth dates, identifiers that single out a person, free
    /// text) are never printed unless the user asks with `--show-values`.
    public let personal: Bool
    public let summary: String
    /// The standard values of a coded field, when the model fixes them (agencies,
    /// relationships, DASH risk levels). Nil: any code (DfE lists are checked by rules).
    public let codes: [String]?
    /// A field that may occur more than once in a record (agencies present, risk factors).
    public let repeats: Bool
}

public struct KindSpec: Sendable {
    public let kind: RecordKind
    public let summary: String
    public let fields: [FieldKey]
}

public enum Schema {
    /// Looks up a field's spec; nil for a name the model does not know.
    public static func spec(_ key: FieldKey) -> FieldSpec? { fieldsByKey[key] }
    public static func spec(_ kind: RecordKind) -> KindSpec? { kindsByKey[kind] }

    public static func isPersonal(_ key: FieldKey) -> Bool { fieldsByKey[key]?.personal ?? true }

    private static let fieldsByKey: [FieldKey: FieldSpec] = Dictionary(
        uniqueKeysWithValues: fields.map { ($0.key, $0) })
    private static let kindsByKey: [RecordKind: KindSpec] = Dictionary(
        uniqueKeysWithValues: kinds.map { ($0.kind, $0) })

    private static func f(_ name: String, _ type: ValueType, personal: Bool = false, repeats: Bool = false,
                          codes: [String]? = nil, _ summary: String) -> FieldSpec {
        FieldSpec(key: FieldKey(name), type: type, personal: personal, summary: summary, codes: codes, repeats: repeats)
    }
    private static func k(_ name: String, _ summary: String, _ fields: [String]) -> KindSpec {
        KindSpec(kind: RecordKind(name), summary: summary, fields: fields.map(FieldKey.init))
    }

    /// Every field of the model.
    public static let fields: [FieldSpec] = [
        // People
        f("laChildID", .identifier, "local authority's child id"),
        f("upn", .identifier, personal: true, "unique pupil number"),
        f("formerUPN", .identifier, personal: true, "earlier unique pupil number"),
        f("upnUnknown", .code, "reason the UPN is unknown (UN1–UN7)"),
        f("birthDate", .date, personal: true, "date of birth"),
        f("expectedBirthDate", .date, personal: true, "expected date of birth of an unborn child"),
        f("sex", .code, "sex: M, F or U"),
        f("genderCurrent", .code, "gender coded 1, 2, 0 or 9 (CIN returns before 2024-25; SSDA903 SEX 1/2)"),
        f("deathDate", .date, personal: true, "date of death"),
        f("ethnicity", .code, "ethnicity code"),
        f("disability", .code, repeats: true, "disability code (repeats)"),
        // Return header
        f("collection", .code, "collection name (CIN)"),
        f("year", .integer, "collection year"),
        f("referenceDate", .date, "census reference date: the last day of the collection"),
        f("sourceLevel", .code, "source level"),
        f("lea", .code, "local authority code (3 digits)"),
        f("softwareCode", .text, "software that wrote the file"),
        f("release", .text, "software release"),
        f("serialNo", .text, "serial number"),
        f("dateTime", .dateTime, "when the file was written"),
        // CIN episodes and events
        f("referralDate", .date, "date the referral was received"),
        f("referralSource", .code, "who referred (DfE referral source code)"),
        f("primaryNeed", .code, "primary need code N0–N9"),
        f("closureDate", .date, "date the episode closed"),
        f("closureReason", .code, "reason for closure RC1–RC9"),
        f("initialCPCDate", .date, "date of the initial child protection conference"),
        f("referralNFA", .bool, "referral with no further action"),
        f("startDate", .date, "start date"),
        f("endDate", .date, "end date"),
        f("internalReviewDate", .date, "assessment internal review date"),
        f("authorisationDate", .date, "date the assessment was completed (authorised)"),
        f("factor", .code, repeats: true, "factor identified at assessment (repeats)"),
        f("icpcTargetDate", .date, "target date for the initial child protection conference"),
        f("icpcNotRequired", .bool, "initial child protection conference not required"),
        f("initialCategory", .code, "initial category of abuse"),
        f("latestCategory", .code, "latest category of abuse"),
        f("previousPlans", .integer, "number of previous child protection plans"),
        f("date", .date, "date of the event"),
        f("lbpSentDate", .date, "letter before proceedings sent"),
        f("fgdmMeetingOffer", .bool, "family group decision meeting offered"),
        f("fgdmMeetingFac", .bool, "family group decision meeting facilitated"),
        f("initialPPMeetingDate", .date, "initial pre-proceedings meeting"),
        f("reviewMeetingsCount", .integer, "number of pre-proceedings review meetings"),
        f("stepDecisionDate", .date, "decision to step up or down"),
        f("ppOutcome", .code, "pre-proceedings outcome"),
        f("courtAppDate", .date, "court application date"),
        f("letterInitCPDate", .date, "letter initiating care proceedings"),

        // People: identifiers every agency can carry, so records link to one child
        f("nhsNumber", .identifier, personal: true, "NHS number (10 digits, modulus-11 check digit)"),
        f("policePersonID", .identifier, personal: true, "the police force's person id"),
        f("healthID", .identifier, personal: true, "a health provider's local patient id"),
        f("la", .code, "local authority code the LA child id belongs to"),
        f("givenName", .text, personal: true, "given name"),
        f("familyName", .text, personal: true, "family name"),
        f("recordID", .identifier, "the source's own id for the record (incident number, note id)"),
        // Household members and regular visitors
        f("relationship", .code, codes: Vocabulary.relationships, "relationship to the child"),
        f("memberID", .identifier, personal: true, "the agency's id for the household member"),
        f("memberNHSNumber", .identifier, personal: true, "the household member's NHS number"),
        f("memberPolicePersonID", .identifier, personal: true, "the household member's police person id"),
        f("livesWithChild", .bool, "lives in the child's household (false: a regular visitor)"),
        f("parentalResponsibility", .bool, "holds parental responsibility"),
        // Who, to whom, when
        f("agency", .code, codes: Vocabulary.agencies, "the agency that recorded the record"),
        f("fromAgency", .code, codes: Vocabulary.agencies, "the agency that sent or referred"),
        f("toAgency", .code, codes: Vocabulary.agencies, "the agency that received"),
        f("attendingAgency", .code, repeats: true, codes: Vocabulary.agencies, "an agency that took part (repeats)"),
        f("invitedAgency", .code, repeats: true, codes: Vocabulary.agencies, "an agency that was invited (repeats)"),
        f("referrerRole", .text, "the referrer's role (teacher, health visitor)"),
        f("acknowledgedDate", .date, "date the receiving agency acknowledged"),
        f("decisionDate", .date, "date of the decision"),
        f("decisionBy", .text, personal: true, "who made the decision (a manager)"),
        f("rationale", .text, personal: true, "why the decision was made (free text)"),
        f("outcome", .code, "the outcome or decision (local or standard code)"),
        f("outcomeFedBackDate", .date, "date the referrer was told the outcome"),
        // Visits and contacts
        f("visitType", .code, codes: ["home", "school", "office", "virtual", "other"], "where or how the child was visited"),
        f("workerID", .identifier, "the worker's id"),
        f("workerRole", .code, "the worker's role (social worker, family support worker)"),
        f("team", .text, "the team"),
        f("childSeen", .bool, "the child was seen"),
        f("seenAlone", .bool, "the child was seen alone"),
        f("notSeenAloneReason", .text, personal: true, "why the child was not seen alone (free text)"),
        f("bedroomSeen", .bool, "the child's bedroom was seen"),
        f("present", .code, repeats: true, codes: Vocabulary.relationships + ["child", "worker", "interpreter"],
          "who was present (repeats)"),
        // Meetings
        f("conferenceType", .code, codes: ["initial", "review", "transfer-in"], "kind of child protection conference"),
        f("quorate", .bool, "the meeting was quorate (social care, police and health present)"),
        // Notifications and information sharing
        f("subject", .code, codes: Vocabulary.notificationSubjects, "what the notification was about"),
        f("sentDate", .date, "date it was sent"),
        f("method", .code, "how it was sent (email, phone, CP-IS, letter)"),
        // Police incidents
        f("incidentID", .identifier, "the police incident number"),
        f("domesticAbuse", .bool, "the incident was domestic abuse"),
        f("childPresent", .bool, "a child was present at the incident"),
        f("dashRisk", .code, codes: ["standard", "medium", "high"], "DASH risk level"),
        f("dashScore", .integer, "DASH checklist score (number of yes answers, 0–27)"),
        f("maracReferralDate", .date, "date of the referral to MARAC"),
        f("schoolNotifiedDate", .date, "date the school was told (Operation Encompass)"),
        f("socialCareNotifiedDate", .date, "date children's social care was told"),
        // Health contacts
        f("practitionerRole", .code, codes: Vocabulary.practitionerRoles, "the health practitioner's role"),
        f("contactType", .code, "kind of contact (antenatal, new birth visit, attendance)"),
        f("safeSleepAdvice", .bool, "safe-sleep advice was given"),
        f("riskFactor", .code, repeats: true, codes: Vocabulary.riskFactors, "a risk factor noted (repeats)"),
        f("attended", .bool, "the child was brought to the appointment"),
        // Case notes
        f("author", .text, personal: true, "who wrote the note"),
        f("authorRole", .code, "the author's role"),
        f("noteType", .code, "kind of note (visit, phone call, management oversight)"),
        f("text", .text, personal: true, "the note's text"),
        // Transfers between areas
        f("fromArea", .code, "local authority the family moved from"),
        f("toArea", .code, "local authority the family moved to"),
        f("noticeDate", .date, "date the receiving area was told of the move"),
        // SSDA903: looked-after children
        f("reasonNewEpisode", .code, "reason for new episode (RNE)"),
        f("legalStatus", .code, "legal status (LS)"),
        f("needCode", .code, "category of need (CIN) N1–N8"),
        f("placement", .code, "placement type (PLACE)"),
        f("placementProvider", .code, "placement provider (PLACE_PROVIDER)"),
        f("reasonEpisodeCeased", .code, "reason episode ceased (REC)"),
        f("reasonPlaceChange", .code, "reason for placement change"),
        f("homePostcode", .text, personal: true, "postcode of the child's home"),
        f("placementPostcode", .text, personal: true, "postcode of the placement"),
        f("urn", .identifier, "Ofsted unique reference number of the placement"),
        f("placementLA", .code, "local authority of the placement"),
        f("placementDistance", .text, "distance of the placement from home"),
        f("reviewCode", .code, "participation code of a looked-after review (PN0–PN7)"),
        f("missingType", .code, "missing (M) or away from placement without authorisation (A)"),
        f("endReason", .code, "reason it ended (SW_REASON)"),
        f("motherFlag", .bool, "the child is a mother (SSDA903 MOTHER)"),
        f("childBirthDate", .date, personal: true, "birth date of the child's own child (MC_DOB)"),
        f("uasc", .bool, "unaccompanied asylum-seeking child"),
        f("uascEndDate", .date, personal: true, "date the child turns 18 as recorded for UASC (DUC)"),
        f("sdqScore", .integer, "strengths and difficulties questionnaire score"),
        f("sdqReason", .code, "reason the SDQ was not done"),
        f("convicted", .bool, "convicted during the year"),
        f("healthCheck", .bool, "health check up to date"),
        f("immunisations", .bool, "immunisations up to date"),
        f("teethCheck", .bool, "teeth check up to date"),
        f("healthAssessment", .bool, "health assessment up to date"),
        f("substanceMisuse", .bool, "identified substance misuse"),
        f("interventionReceived", .bool, "received an intervention for substance misuse"),
        f("interventionOffered", .bool, "offered an intervention for substance misuse"),
        f("inTouch", .code, "care leaver in touch (IN_TOUCH)"),
        f("activity", .code, "care leaver's main activity (ACTIV)"),
        f("accommodation", .code, "care leaver's accommodation (ACCOM)"),
        f("interestDate", .date, "date the decision was made that the child should be placed for adoption (DATE_INT)"),
        f("matchDate", .date, "date the child was matched with adopters (DATE_MATCH)"),
        f("fosterCare", .bool, "adopted by foster carers"),
        f("adopterCount", .integer, "number of adopters"),
        f("adopterSex", .code, "sex of the adopters (MM, FF, MF, M1, F1)"),
        f("adopterLegalStatus", .code, "legal status of the adopters (L0, L11, L12, L2, L3, L4)"),
        f("reasonCeased", .code, "reason placed for adoption ceased"),
        f("previousPermanence", .code, "previous permanence option (PREV_PERM)"),
        f("permanenceLA", .code, "local authority that made the previous permanence order"),
        f("permanenceDate", .text, "date of the previous permanence order (may be partial)"),
    ]

    /// Every kind of record and the fields it may hold.
    public static let kinds: [KindSpec] = [
        k("header", "the header of a statutory return",
          ["collection", "year", "referenceDate", "sourceLevel", "lea", "softwareCode", "release", "serialNo", "dateTime"]),
        k("person", "a child: identifiers and characteristics",
          ["laChildID", "upn", "formerUPN", "upnUnknown", "nhsNumber", "policePersonID", "healthID", "la",
           "givenName", "familyName", "birthDate", "expectedBirthDate", "sex", "genderCurrent",
           "deathDate", "ethnicity", "disability", "uasc", "uascEndDate", "motherFlag", "childBirthDate"]),
        k("cinEpisode", "a children-in-need episode: referral to closure",
          ["referralDate", "referralSource", "primaryNeed", "closureDate", "closureReason", "initialCPCDate", "referralNFA"]),
        k("assessment", "a social care assessment",
          ["startDate", "internalReviewDate", "authorisationDate", "factor"]),
        k("cinPlan", "a child in need plan", ["startDate", "endDate"]),
        k("section47", "a section 47 enquiry and its initial conference",
          ["startDate", "icpcTargetDate", "initialCPCDate", "icpcNotRequired"]),
        k("cpPlan", "a child protection plan",
          ["startDate", "endDate", "initialCategory", "latestCategory", "previousPlans"]),
        k("cpReview", "a child protection review conference", ["date"]),
        k("preProceedings", "pre-proceedings and family group decision making",
          ["startDate", "lbpSentDate", "fgdmMeetingOffer", "fgdmMeetingFac", "initialPPMeetingDate",
           "reviewMeetingsCount", "stepDecisionDate", "ppOutcome", "courtAppDate", "letterInitCPDate"]),
        // Multi-agency events (docs/interchange.md)
        k("identity", "a crosswalk entry: the identifiers on the row belong to one child", []),
        k("householdMember", "a household member or regular visitor and their relationship to the child",
          ["relationship", "memberID", "givenName", "familyName", "birthDate", "memberNHSNumber", "memberPolicePersonID",
           "livesWithChild", "parentalResponsibility", "startDate", "endDate"]),
        k("referral", "a referral from one agency to another",
          ["recordID", "date", "fromAgency", "toAgency", "referrerRole", "acknowledgedDate", "decisionDate", "outcome",
           "outcomeFedBackDate", "decisionBy", "rationale"]),
        k("visit", "a visit to or contact with the child",
          ["recordID", "date", "visitType", "workerID", "workerRole", "childSeen", "seenAlone", "notSeenAloneReason",
           "bedroomSeen", "present"]),
        k("strategyDiscussion", "a strategy discussion or meeting",
          ["recordID", "date", "attendingAgency", "invitedAgency", "outcome", "decisionBy", "rationale"]),
        k("conference", "a child protection conference (initial, review or transfer-in)",
          ["recordID", "date", "conferenceType", "attendingAgency", "invitedAgency", "quorate", "outcome", "decisionBy",
           "rationale"]),
        k("coreGroup", "a core group meeting", ["recordID", "date", "attendingAgency"]),
        k("notification", "information shared from one agency to another",
          ["recordID", "subject", "fromAgency", "toAgency", "sentDate", "acknowledgedDate", "method"]),
        k("policeIncident", "a police incident involving the child or the household",
          ["incidentID", "date", "domesticAbuse", "childPresent", "dashRisk", "dashScore", "maracReferralDate",
           "schoolNotifiedDate", "socialCareNotifiedDate"]),
        k("healthContact", "a contact with a health practitioner",
          ["recordID", "date", "practitionerRole", "contactType", "attended", "safeSleepAdvice", "riskFactor"]),
        k("caseNote", "a case note", ["recordID", "date", "author", "authorRole", "noteType", "text"]),
        k("workerAllocation", "a worker allocated to the child (SSDA903 social worker episodes too)",
          ["workerID", "workerRole", "team", "startDate", "endDate", "endReason"]),
        k("transfer", "a move between local authority areas", ["date", "fromArea", "toArea", "noticeDate"]),
        // SSDA903: children looked after
        k("careEpisode", "a looked-after episode: one legal status and one placement (SSDA903 Episodes)",
          ["startDate", "reasonNewEpisode", "legalStatus", "needCode", "placement", "placementProvider", "endDate",
           "reasonEpisodeCeased", "reasonPlaceChange", "homePostcode", "placementPostcode", "urn", "placementLA",
           "placementDistance"]),
        k("lacReview", "a looked-after review (SSDA903 Reviews)", ["date", "reviewCode"]),
        k("missingEpisode", "a period missing or away without authorisation (SSDA903 Missing)",
          ["missingType", "startDate", "endDate"]),
        k("careOutcomes", "outcomes for a child looked after for a year (SSDA903 OC2)",
          ["sdqScore", "sdqReason", "convicted", "healthCheck", "immunisations", "teethCheck", "healthAssessment",
           "substanceMisuse", "interventionReceived", "interventionOffered"]),
        k("careLeaver", "a care leaver's circumstances (SSDA903 OC3)", ["inTouch", "activity", "accommodation"]),
        k("adoption", "an adoption (SSDA903 AD1)",
          ["interestDate", "matchDate", "fosterCare", "adopterCount", "adopterSex", "adopterLegalStatus"]),
        k("placedForAdoption", "a placement for adoption (SSDA903 PlacedAdoption)",
          ["startDate", "endDate", "reasonCeased"]),
        k("previousPermanence", "a permanence order before care (SSDA903 PrevPerm)",
          ["previousPermanence", "permanenceLA", "permanenceDate"]),
        k("libertyDeprivation", "a deprivation of liberty order (SSDA903 DoLo)", ["startDate", "endDate"]),
    ]
}

extension RecordKind {
    @inlinable public static var header: RecordKind { RecordKind(.header) }
    @inlinable public static var person: RecordKind { RecordKind(.person) }
    @inlinable public static var cinEpisode: RecordKind { RecordKind(.cinEpisode) }
    @inlinable public static var assessment: RecordKind { RecordKind(.assessment) }
    @inlinable public static var cinPlan: RecordKind { RecordKind(.cinPlan) }
    @inlinable public static var section47: RecordKind { RecordKind(.section47) }
    @inlinable public static var cpPlan: RecordKind { RecordKind(.cpPlan) }
    /// A CIN census `<Reviews>` group: a record of that layout only, holding `cpReview`s
    /// (so rule 8842Q can see an empty group). Not part of the interchange vocabulary, where
    /// reviews belong to their plan directly.
    @inlinable public static var cpReviews: RecordKind { RecordKind(.cpReviews) }
    @inlinable public static var cpReview: RecordKind { RecordKind(.cpReview) }
    @inlinable public static var preProceedings: RecordKind { RecordKind(.preProceedings) }
}

extension FieldKey {
    @inlinable public static var laChildID: FieldKey { FieldKey(.laChildID) }
    @inlinable public static var upn: FieldKey { FieldKey(.upn) }
    @inlinable public static var formerUPN: FieldKey { FieldKey(.formerUPN) }
    @inlinable public static var upnUnknown: FieldKey { FieldKey(.upnUnknown) }
    @inlinable public static var birthDate: FieldKey { FieldKey(.birthDate) }
    @inlinable public static var expectedBirthDate: FieldKey { FieldKey(.expectedBirthDate) }
    @inlinable public static var sex: FieldKey { FieldKey(.sex) }
    @inlinable public static var genderCurrent: FieldKey { FieldKey(.genderCurrent) }
    @inlinable public static var deathDate: FieldKey { FieldKey(.deathDate) }
    @inlinable public static var ethnicity: FieldKey { FieldKey(.ethnicity) }
    @inlinable public static var disability: FieldKey { FieldKey(.disability) }
    @inlinable public static var collection: FieldKey { FieldKey(.collection) }
    @inlinable public static var year: FieldKey { FieldKey(.year) }
    @inlinable public static var referenceDate: FieldKey { FieldKey(.referenceDate) }
    @inlinable public static var lea: FieldKey { FieldKey(.lea) }
    @inlinable public static var referralDate: FieldKey { FieldKey(.referralDate) }
    @inlinable public static var referralSource: FieldKey { FieldKey(.referralSource) }
    @inlinable public static var primaryNeed: FieldKey { FieldKey(.primaryNeed) }
    @inlinable public static var closureDate: FieldKey { FieldKey(.closureDate) }
    @inlinable public static var closureReason: FieldKey { FieldKey(.closureReason) }
    @inlinable public static var initialCPCDate: FieldKey { FieldKey(.initialCPCDate) }
    @inlinable public static var referralNFA: FieldKey { FieldKey(.referralNFA) }
    @inlinable public static var startDate: FieldKey { FieldKey(.startDate) }
    @inlinable public static var endDate: FieldKey { FieldKey(.endDate) }
    @inlinable public static var internalReviewDate: FieldKey { FieldKey(.internalReviewDate) }
    @inlinable public static var authorisationDate: FieldKey { FieldKey(.authorisationDate) }
    @inlinable public static var factor: FieldKey { FieldKey(.factor) }
    @inlinable public static var icpcTargetDate: FieldKey { FieldKey(.icpcTargetDate) }
    @inlinable public static var icpcNotRequired: FieldKey { FieldKey(.icpcNotRequired) }
    @inlinable public static var initialCategory: FieldKey { FieldKey(.initialCategory) }
    @inlinable public static var latestCategory: FieldKey { FieldKey(.latestCategory) }
    @inlinable public static var previousPlans: FieldKey { FieldKey(.previousPlans) }
    @inlinable public static var date: FieldKey { FieldKey(.date) }
}

extension Schema {
    /// The fields that identify a child in every agency's records. Whatever record a row
    /// carries, these land on the child's person record, and linkage joins on them.
    public static let childIdentifiers: [FieldKey] = [.laChildID, .upn, .nhsNumber, .policePersonID, .healthID]

    /// A kind by its interchange name (`visit`); nil for a name the model does not know.
    public static func kind(named name: String) -> KindSpec? { kindsByName[name] }

    /// A field by its interchange name (`seenAlone`).
    public static func field(named name: String) -> FieldSpec? { fieldsByName[name] }

    /// True when a record of `kind` may hold `key`.
    public static func kind(_ kind: RecordKind, has key: FieldKey) -> Bool {
        kindFields[kind]?.contains(key) ?? false
    }

    private static let kindsByName: [String: KindSpec] = Dictionary(uniqueKeysWithValues: kinds.map { ($0.kind.name, $0) })
    private static let fieldsByName: [String: FieldSpec] = Dictionary(uniqueKeysWithValues: fields.map { ($0.key.name, $0) })
    private static let kindFields: [RecordKind: Set<FieldKey>] = Dictionary(
        uniqueKeysWithValues: kinds.map { ($0.kind, Set($0.fields)) })
}

/// The standard code lists of the multi-agency vocabulary. Local codes are mapped onto
/// these by a profile's value map; rules compare against them.
public enum Vocabulary {
    public static let agencies = [
        "social-care", "police", "health", "education", "probation", "housing", "youth-justice", "cp-is",
        "voluntary", "other",
    ]
    /// Relationship of a household member or visitor to the child. `male-partner` is a
    /// mother's partner who is not the child's father ("The Myth of Invisible Men", 2021).
    public static let relationships = [
        "mother", "father", "step-mother", "step-father", "male-partner", "female-partner", "sibling",
        "grandparent", "other-relative", "foster-carer", "lodger", "regular-visitor", "other",
    ]
    public static let practitionerRoles = [
        "midwife", "health-visitor", "school-nurse", "gp", "a-and-e", "paediatrician", "mental-health", "other",
    ]
    /// What a notification shares.
    public static let notificationSubjects = [
        "cp-plan-start", "cp-plan-end", "domestic-abuse", "referral-outcome", "birth", "handover", "move-out",
        "missing", "conference-invite", "strategy-outcome", "other",
    ]
    /// Risk factors noted by health (and others); the carer-related ones drive safe-sleep checks.
    public static let riskFactors = [
        "alcohol", "drugs", "domestic-abuse", "mental-health", "co-sleeping", "smoking", "premature",
        "learning-disability", "housing", "other",
    ]
}

extension RecordKind {
    @inlinable public static var identity: RecordKind { RecordKind(.identity) }
    @inlinable public static var householdMember: RecordKind { RecordKind(.householdMember) }
    @inlinable public static var referral: RecordKind { RecordKind(.referral) }
    @inlinable public static var visit: RecordKind { RecordKind(.visit) }
    @inlinable public static var strategyDiscussion: RecordKind { RecordKind(.strategyDiscussion) }
    @inlinable public static var conference: RecordKind { RecordKind(.conference) }
    @inlinable public static var coreGroup: RecordKind { RecordKind(.coreGroup) }
    @inlinable public static var notification: RecordKind { RecordKind(.notification) }
    @inlinable public static var policeIncident: RecordKind { RecordKind(.policeIncident) }
    @inlinable public static var healthContact: RecordKind { RecordKind(.healthContact) }
    @inlinable public static var caseNote: RecordKind { RecordKind(.caseNote) }
    @inlinable public static var workerAllocation: RecordKind { RecordKind(.workerAllocation) }
    @inlinable public static var transfer: RecordKind { RecordKind(.transfer) }
    @inlinable public static var careEpisode: RecordKind { RecordKind(.careEpisode) }
    @inlinable public static var lacReview: RecordKind { RecordKind(.lacReview) }
    @inlinable public static var missingEpisode: RecordKind { RecordKind(.missingEpisode) }
}

extension FieldKey {
    @inlinable public static var nhsNumber: FieldKey { FieldKey(.nhsNumber) }
    @inlinable public static var policePersonID: FieldKey { FieldKey(.policePersonID) }
    @inlinable public static var healthID: FieldKey { FieldKey(.healthID) }
    @inlinable public static var agency: FieldKey { FieldKey(.agency) }
    @inlinable public static var relationship: FieldKey { FieldKey(.relationship) }
    @inlinable public static var fromAgency: FieldKey { FieldKey(.fromAgency) }
    @inlinable public static var toAgency: FieldKey { FieldKey(.toAgency) }
    @inlinable public static var attendingAgency: FieldKey { FieldKey(.attendingAgency) }
    @inlinable public static var childSeen: FieldKey { FieldKey(.childSeen) }
    @inlinable public static var seenAlone: FieldKey { FieldKey(.seenAlone) }
    @inlinable public static var notSeenAloneReason: FieldKey { FieldKey(.notSeenAloneReason) }
    @inlinable public static var bedroomSeen: FieldKey { FieldKey(.bedroomSeen) }
    @inlinable public static var present: FieldKey { FieldKey(.present) }
    @inlinable public static var subject: FieldKey { FieldKey(.subject) }
    @inlinable public static var sentDate: FieldKey { FieldKey(.sentDate) }
    @inlinable public static var acknowledgedDate: FieldKey { FieldKey(.acknowledgedDate) }
    @inlinable public static var domesticAbuse: FieldKey { FieldKey(.domesticAbuse) }
    @inlinable public static var childPresent: FieldKey { FieldKey(.childPresent) }
    @inlinable public static var dashRisk: FieldKey { FieldKey(.dashRisk) }
    @inlinable public static var practitionerRole: FieldKey { FieldKey(.practitionerRole) }
    @inlinable public static var safeSleepAdvice: FieldKey { FieldKey(.safeSleepAdvice) }
    @inlinable public static var riskFactor: FieldKey { FieldKey(.riskFactor) }
    @inlinable public static var text: FieldKey { FieldKey(.text) }
    @inlinable public static var workerID: FieldKey { FieldKey(.workerID) }
    @inlinable public static var recordID: FieldKey { FieldKey(.recordID) }
    @inlinable public static var incidentID: FieldKey { FieldKey(.incidentID) }
}
