import Model

/// The SSDA903 return (children looked after): its CSV tables and its XML form
/// (`EXPSSDA903`), mapped onto looked-after episodes, reviews, missing episodes, worker
/// episodes and the rest. Dates are written dd/MM/yyyy. Ingestion only: the DfE's 903
/// rules come later; here every value lands with its position.
public enum SSDA903 {
    public static let dateFormat = try! DateFormat(pattern: "dd/MM/yyyy")

    /// One CSV table of the return, recognised by the columns its header must have.
    public struct Table: Sendable {
        public let name: String
        public let required: [String]
        public let layout: RowLayout
    }

    private static func table(_ name: String, _ kind: RecordKind, required: [String], _ columns: [(String, String)]) -> Table {
        var map: [String: [RowLayout.Column]] = ["CHILD": [.init(field: .laChildID)], "DOB": [.init(field: .birthDate)]]
        for (column, field) in columns { map[column] = [.init(field: FieldKey(field))] }
        return Table(name: name, required: required,
                     layout: RowLayout(title: "SSDA903 \(name)", agency: .socialCare, kind: .fixed(kind), columns: map,
                                       dateFormat: dateFormat))
    }

    /// The tables, most specific first (a header's columns are a subset of none of the others').
    public static let tables: [Table] = [
        table("Episodes", .careEpisode, required: ["CHILD", "DECOM", "RNE", "LS"], [
            ("DECOM", "startDate"), ("RNE", "reasonNewEpisode"), ("LS", "legalStatus"), ("CIN", "needCode"),
            ("PLACE", "placement"), ("PLACE_PROVIDER", "placementProvider"), ("DEC", "endDate"),
            ("REC", "reasonEpisodeCeased"), ("REASON_PLACE_CHANGE", "reasonPlaceChange"), ("HOME_POST", "homePostcode"),
            ("PL_POST", "placementPostcode"), ("URN", "urn"), ("PL_LA", "placementLA"), ("PL_DISTANCE", "placementDistance"),
        ]),
        table("Reviews", .lacReview, required: ["CHILD", "REVIEW", "REVIEW_CODE"], [
            ("REVIEW", "date"), ("REVIEW_CODE", "reviewCode"),
        ]),
        table("Missing", .missingEpisode, required: ["CHILD", "MISSING", "MIS_START"], [
            ("MISSING", "missingType"), ("MIS_START", "startDate"), ("MIS_END", "endDate"),
        ]),
        table("SWEpisodes", .workerAllocation, required: ["CHILD", "SW_ID", "SW_DECOM"], [
            ("SW_ID", "workerID"), ("SW_DECOM", "startDate"), ("SW_DEC", "endDate"), ("SW_REASON", "endReason"),
        ]),
        table("OC2", RecordKind("careOutcomes"), required: ["CHILD", "CONVICTED", "HEALTH_CHECK"], [
            ("SDQ_SCORE", "sdqScore"), ("SDQ_REASON", "sdqReason"), ("CONVICTED", "convicted"), ("HEALTH_CHECK", "healthCheck"),
            ("IMMUNISATIONS", "immunisations"), ("TEETH_CHECK", "teethCheck"), ("HEALTH_ASSESSMENT", "healthAssessment"),
            ("SUBSTANCE_MISUSE", "substanceMisuse"), ("INTERVENTION_RECEIVED", "interventionReceived"),
            ("INTERVENTION_OFFERED", "interventionOffered"),
        ]),
        table("OC3", RecordKind("careLeaver"), required: ["CHILD", "IN_TOUCH"], [
            ("IN_TOUCH", "inTouch"), ("ACTIV", "activity"), ("ACCOM", "accommodation"),
        ]),
        table("AD1", RecordKind("adoption"), required: ["CHILD", "DATE_INT", "DATE_MATCH"], [
            ("DATE_INT", "interestDate"), ("DATE_MATCH", "matchDate"), ("FOSTER_CARE", "fosterCare"),
            ("NB_ADOPTR", "adopterCount"), ("SEX_ADOPTR", "adopterSex"), ("LS_ADOPTR", "adopterLegalStatus"),
        ]),
        table("PlacedAdoption", RecordKind("placedForAdoption"), required: ["CHILD", "DATE_PLACED"], [
            ("DATE_PLACED", "startDate"), ("DATE_PLACED_CEASED", "endDate"), ("REASON_PLACED_CEASED", "reasonCeased"),
        ]),
        table("PrevPerm", RecordKind("previousPermanence"), required: ["CHILD", "PREV_PERM"], [
            ("PREV_PERM", "previousPermanence"), ("LA_PERM", "permanenceLA"), ("DATE_PERM", "permanenceDate"),
        ]),
        table("DoLo", RecordKind("libertyDeprivation"), required: ["CHILD", "DOLO_START"], [
            ("DOLO_START", "startDate"), ("DOLO_END", "endDate"),
        ]),
        table("UASC", .person, required: ["CHILD", "DUC"], [
            ("SEX", "genderCurrent"), ("DUC", "uascEndDate"),
        ]),
        table("Header", .person, required: ["CHILD", "SEX", "DOB", "ETHNIC"], [
            ("SEX", "genderCurrent"), ("ETHNIC", "ethnicity"), ("UPN", "upn"), ("MOTHER", "motherFlag"), ("MC_DOB", "childBirthDate"),
        ]),
    ]

    /// The table a CSV header belongs to, if it is one of the return's.
    public static func table(forHeader header: [String]) -> Table? {
        let columns = Set(header)
        return tables.first { $0.required.allSatisfy(columns.contains) }
    }

    /// The XML form: `EXPSSDA903/CHILD`, with `HEADER` (the child, and the values of
    /// UASC, AD1 and OC3 written among them), `EPISODE`, `AREVIEW`, `AMISSING`, `OC2`,
    /// `PERMANENCE` and `AD_PLACED`.
    public static let xml: XMLLayout = {
        typealias S = XMLLayout.Spec
        func side(_ name: String, _ kind: String, _ field: String) -> S {
            S(name, .sideField(RecordKind(kind), FieldKey(field)))
        }
        func record(_ name: String, _ kind: String, _ fields: [(String, String)]) -> S {
            S(name, .record(RecordKind(kind)), fields.map { .field($0.0, FieldKey($0.1)) })
        }
        let header = S("HEADER", .container, [
            .field("CHILDID", .laChildID), .field("UPN", .upn), .field("SEX", .genderCurrent), .field("DOB", .birthDate),
            .field("ETHNIC", .ethnicity), .field("UASC", FieldKey("uasc")), .field("DUC", FieldKey("uascEndDate")),
            .field("MOTHER", FieldKey("motherFlag")), .field("MC_DOB", FieldKey("childBirthDate")),
            side("IN_TOUCH", "careLeaver", "inTouch"), side("ACTIV", "careLeaver", "activity"),
            side("ACCOM", "careLeaver", "accommodation"),
            side("DATE_INT", "adoption", "interestDate"), side("DATE_MATCH", "adoption", "matchDate"),
            side("FOSTER_CARE", "adoption", "fosterCare"), side("NB_ADOPTR", "adoption", "adopterCount"),
            side("SEX_ADOPTR", "adoption", "adopterSex"), side("LS_ADOPTR", "adoption", "adopterLegalStatus"),
            record("AREVIEW", "lacReview", [("REVIEW", "date"), ("REVIEW_CODE", "reviewCode")]),
            record("AMISSING", "missingEpisode", [("MISSING", "missingType"), ("MIS_START", "startDate"), ("MIS_END", "endDate")]),
            record("PERMANENCE", "previousPermanence", [("PREV_PERM", "previousPermanence"), ("LA_PERM", "permanenceLA"),
                                                        ("DATE_PERM", "permanenceDate")]),
            record("OC2", "careOutcomes", [
                ("SDQ_SCORE", "sdqScore"), ("SDQ_REASON", "sdqReason"), ("CONVICTED", "convicted"), ("HEALTH_CHECK", "healthCheck"),
                ("IMMUNISATIONS", "immunisations"), ("TEETH_CHECK", "teethCheck"), ("HEALTH_ASSESSMENT", "healthAssessment"),
                ("SUBSTANCE_MISUSE", "substanceMisuse"), ("INTERVENTION_RECEIVED", "interventionReceived"),
                ("INTERVENTION_OFFERED", "interventionOffered"),
            ]),
            record("AD_PLACED", "placedForAdoption", [("DATE_PLACED", "startDate"), ("DATE_PLACED_CEASED", "endDate"),
                                                      ("REASON_PLACED_CEASED", "reasonCeased")]),
        ])
        let episode = record("EPISODE", "careEpisode", [
            ("DECOM", "startDate"), ("RNE", "reasonNewEpisode"), ("LS", "legalStatus"), ("CIN", "needCode"), ("PL", "placement"),
            ("PLACE", "placement"), ("PL_POST", "placementPostcode"), ("HOME_POST", "homePostcode"), ("URN", "urn"),
            ("PLACE_PROVIDER", "placementProvider"), ("DEC", "endDate"), ("REC", "reasonEpisodeCeased"),
            ("REASON_PLACE_CHANGE", "reasonPlaceChange"), ("PL_LA", "placementLA"), ("PL_DISTANCE", "placementDistance"),
        ])
        let child = S("CHILD", .child, [header, episode])
        return XMLLayout(title: "SSDA903", agency: .socialCare, dateFormat: dateFormat,
                         root: S("EXPSSDA903", .container, [child]))
    }()
}
