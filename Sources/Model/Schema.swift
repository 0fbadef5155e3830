/// The common model's vocabulary: kinds of record and the fields they hold.
///
/// Every source (CIN census XML, SSDA903, interchange files, mapped agency exports) lands
/// in these kinds and fields, so a rule written once reads every agency's data. Names are
/// the ones the interchange format (docs/interchange.md) and rule packs use.

/// A kind of record: a person, an episode, an event.
public struct RecordKind: Hashable, Sendable, CustomStringConvertible {
    public let symbol: Symbol
    public init(_ name: String) { symbol = Symbol(name) }
    public var name: String { symbol.name }
    public var description: String { name }
}

/// A field of a record, by its model name.
public struct FieldKey: Hashable, Sendable, CustomStringConvertible {
    public let symbol: Symbol
    public init(_ name: String) { symbol = Symbol(name) }
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

    private static func f(_ name: String, _ type: ValueType, personal: Bool = false, _ summary: String) -> FieldSpec {
        FieldSpec(key: FieldKey(name), type: type, personal: personal, summary: summary)
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
        f("genderCurrent", .code, "gender in pre-2024 CIN returns: 1, 2, 0 or 9"),
        f("deathDate", .date, personal: true, "date of death"),
        f("ethnicity", .code, "ethnicity code"),
        f("disability", .code, "disability code (repeats)"),
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
        f("factor", .code, "factor identified at assessment (repeats)"),
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
    ]

    /// Every kind of record and the fields it may hold.
    public static let kinds: [KindSpec] = [
        k("header", "the header of a statutory return",
          ["collection", "year", "referenceDate", "sourceLevel", "lea", "softwareCode", "release", "serialNo", "dateTime"]),
        k("person", "a child: identifiers and characteristics",
          ["laChildID", "upn", "formerUPN", "upnUnknown", "birthDate", "expectedBirthDate", "sex", "genderCurrent",
           "deathDate", "ethnicity", "disability"]),
        k("cinEpisode", "a children-in-need episode: referral to closure",
          ["referralDate", "referralSource", "primaryNeed", "closureDate", "closureReason", "initialCPCDate", "referralNFA"]),
        k("assessment", "a social care assessment",
          ["startDate", "internalReviewDate", "authorisationDate", "factor"]),
        k("cinPlan", "a child in need plan", ["startDate", "endDate"]),
        k("section47", "a section 47 enquiry and its initial conference",
          ["startDate", "icpcTargetDate", "initialCPCDate", "icpcNotRequired"]),
        k("cpPlan", "a child protection plan",
          ["startDate", "endDate", "initialCategory", "latestCategory", "previousPlans"]),
        k("cpReviews", "a group of child protection review conferences (CIN census Reviews)", []),
        k("cpReview", "a child protection review conference", ["date"]),
        k("preProceedings", "pre-proceedings and family group decision making",
          ["startDate", "lbpSentDate", "fgdmMeetingOffer", "fgdmMeetingFac", "initialPPMeetingDate",
           "reviewMeetingsCount", "stepDecisionDate", "ppOutcome", "courtAppDate", "letterInitCPDate"]),
    ]
}

extension RecordKind {
    public static let header = RecordKind("header")
    public static let person = RecordKind("person")
    public static let cinEpisode = RecordKind("cinEpisode")
    public static let assessment = RecordKind("assessment")
    public static let cinPlan = RecordKind("cinPlan")
    public static let section47 = RecordKind("section47")
    public static let cpPlan = RecordKind("cpPlan")
    public static let cpReviews = RecordKind("cpReviews")
    public static let cpReview = RecordKind("cpReview")
    public static let preProceedings = RecordKind("preProceedings")
}

extension FieldKey {
    public static let laChildID = FieldKey("laChildID")
    public static let upn = FieldKey("upn")
    public static let formerUPN = FieldKey("formerUPN")
    public static let upnUnknown = FieldKey("upnUnknown")
    public static let birthDate = FieldKey("birthDate")
    public static let expectedBirthDate = FieldKey("expectedBirthDate")
    public static let sex = FieldKey("sex")
    public static let genderCurrent = FieldKey("genderCurrent")
    public static let deathDate = FieldKey("deathDate")
    public static let ethnicity = FieldKey("ethnicity")
    public static let disability = FieldKey("disability")
    public static let collection = FieldKey("collection")
    public static let year = FieldKey("year")
    public static let referenceDate = FieldKey("referenceDate")
    public static let lea = FieldKey("lea")
    public static let referralDate = FieldKey("referralDate")
    public static let referralSource = FieldKey("referralSource")
    public static let primaryNeed = FieldKey("primaryNeed")
    public static let closureDate = FieldKey("closureDate")
    public static let closureReason = FieldKey("closureReason")
    public static let initialCPCDate = FieldKey("initialCPCDate")
    public static let referralNFA = FieldKey("referralNFA")
    public static let startDate = FieldKey("startDate")
    public static let endDate = FieldKey("endDate")
    public static let internalReviewDate = FieldKey("internalReviewDate")
    public static let authorisationDate = FieldKey("authorisationDate")
    public static let factor = FieldKey("factor")
    public static let icpcTargetDate = FieldKey("icpcTargetDate")
    public static let icpcNotRequired = FieldKey("icpcNotRequired")
    public static let initialCategory = FieldKey("initialCategory")
    public static let latestCategory = FieldKey("latestCategory")
    public static let previousPlans = FieldKey("previousPlans")
    public static let date = FieldKey("date")
}
