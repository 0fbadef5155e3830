import Model

/// Describes a source made of flat rows — a CSV file, the records of a JSON file, the
/// record elements of an XML export — and where each column lands in the model.
/// Interchange files, SSDA903 tables and user mapping profiles all become one of these,
/// and one mapper (`RowMapper`) reads them all, so the same records give the same model
/// whatever the file format.
public struct RowLayout: Sendable {
    /// How one column (CSV header name, JSON key path `a.b`, XML element path `a/b`) lands.
    public struct Column: Sendable {
        public var field: FieldKey
        /// Source value → model value (`Y` → `true`, a local code → a standard one). When
        /// set, a value with no entry is reported (MAP006) and kept as written.
        public var values: [String: String]?
        /// Overrides the layout's date format for this column.
        public var dateFormat: DateFormat?

        public init(field: FieldKey, values: [String: String]? = nil, dateFormat: DateFormat? = nil) {
            self.field = field
            self.values = values
            self.dateFormat = dateFormat
        }
    }

    /// Where a row's record type comes from.
    public enum KindRule: Sendable {
        /// Every row is one kind of record (`policeIncident`).
        case fixed(RecordKind)
        /// A column names the kind (`record` in interchange files), optionally through a
        /// value map from local names.
        case column(String, values: [String: String]?)
    }

    /// A short name for messages ("interchange", "profile police-incidents").
    public var title: String
    /// The agency of every record, unless `agencyColumn` says otherwise on a row.
    public var agency: Agency
    public var kind: KindRule
    public var columns: [String: [Column]]
    public var agencyColumn: String?
    public var dateFormat: DateFormat
    /// Interchange files report columns the vocabulary does not know (MAP007); a profile
    /// maps what it needs and leaves other columns alone.
    public var reportsUnknownColumns: Bool
    /// Separates the values of a repeating field written in one CSV cell (`police;health`).
    public var separator: Character

    public init(title: String, agency: Agency, kind: KindRule, columns: [String: [Column]],
                agencyColumn: String? = nil, dateFormat: DateFormat = .iso, reportsUnknownColumns: Bool = false,
                separator: Character = ";") {
        self.title = title
        self.agency = agency
        self.kind = kind
        self.columns = columns
        self.agencyColumn = agencyColumn
        self.dateFormat = dateFormat
        self.reportsUnknownColumns = reportsUnknownColumns
        self.separator = separator
    }

    /// The name of the column that gives the kind, if any.
    public var kindColumn: String? {
        if case .column(let name, _) = kind { return name }
        return nil
    }

    /// caselint's interchange format (docs/interchange.md): a `record` column names the
    /// kind, an optional `agency` column the agency, and every other column is a field of
    /// the vocabulary under its own name.
    public static let interchange: RowLayout = {
        var columns: [String: [Column]] = [:]
        for spec in Schema.fields { columns[spec.key.name] = [Column(field: spec.key)] }
        columns["agency"] = nil
        return RowLayout(title: "interchange", agency: Agency("unknown"), kind: .column("record", values: nil),
                         columns: columns, agencyColumn: "agency", reportsUnknownColumns: true)
    }()
}

extension RowLayout {
    /// True when a row of `kind` can hold `field` (on its own record or on the child's).
    public static func accepts(_ field: FieldKey, in kind: RecordKind) -> Bool {
        Route.of(field, in: kind) != .unknown
    }
}

/// Where a field of a row goes: the child's person record (identifiers, and person fields
/// on any row) or the row's own record.
enum Route {
    case root, record, unknown

    static func of(_ key: FieldKey, in kind: RecordKind) -> Route {
        if Schema.childIdentifiers.contains(key) || key == FieldKey("la") { return .root }
        if kind == .person { return Schema.kind(.person, has: key) ? .root : .unknown }
        if kind == .identity { return .unknown }
        if Schema.kind(kind, has: key) { return .record }
        if Schema.kind(.person, has: key) { return .root }
        return .unknown
    }
}
