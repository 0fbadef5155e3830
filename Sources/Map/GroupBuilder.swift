import Model

/// Accumulates one child's (or the header's) records and fields. Fields of a record are
/// buffered until it closes so that each record's fields are contiguous.
struct GroupBuilder {
    let kind: RecordKind
    let source: Symbol
    let location: SourceLocation
    let ordinal: Int32
    private(set) var records: [Record] = []
    private(set) var fields: [Field] = []
    /// Open records (indices into `records`) and their buffered fields.
    private var open: [(index: Int32, fields: [Field])] = []
    /// Records of the root gathered from values scattered among the root's (`sideField`).
    private var side: [(record: Record, fields: [Field])] = []

    init(kind: RecordKind, source: Symbol, location: SourceLocation, agency: Agency, ordinal: Int32) {
        self.kind = kind
        self.source = source
        self.location = location
        self.ordinal = ordinal
        records.reserveCapacity(8)
        fields.reserveCapacity(32)
        records.append(Record(kind: kind, source: source, parent: -1, ordinal: ordinal, location: location, agency: agency))
        open.append((0, []))
    }

    /// The LA child id, once read.
    var childID: String? {
        if let f = fields.first(where: { $0.key == .laChildID }) { return f.text }
        return open.first?.fields.first(where: { $0.key == .laChildID })?.text
    }

    /// The path of the innermost open record inside the child (`CINdetails[1]/Assessments[2]`).
    var recordPath: String {
        open.dropFirst().map { "\(records[Int($0.index)].source.name)[\(records[Int($0.index)].ordinal)]" }
            .joined(separator: "/")
    }

    mutating func open(kind: RecordKind, source: Symbol, ordinal: Int32, location: SourceLocation, agency: Agency) {
        let parent = open.last?.index ?? 0
        records.append(Record(kind: kind, source: source, parent: parent, ordinal: ordinal, location: location, agency: agency))
        open.append((Int32(records.count - 1), []))
    }

    func hasPendingField(_ key: FieldKey) -> Bool {
        open.last?.fields.contains { $0.key == key } ?? false
    }

    mutating func add(_ field: Field) {
        open[open.count - 1].fields.append(field)
    }

    mutating func close() {
        guard let (index, buffered) = open.popLast() else { return }
        records[Int(index)].fieldStart = Int32(fields.count)
        fields.append(contentsOf: buffered)
        records[Int(index)].fieldEnd = Int32(fields.count)
    }

    /// True when the root record already holds `key` with this text (rows of one child
    /// repeat its identifiers; they are kept once).
    func rootHas(_ key: FieldKey, _ text: String) -> Bool {
        open.first?.fields.contains { $0.key == key && $0.text == text } ?? false
    }

    /// Adds a whole record under the root, its fields already known (a row's record):
    /// its fields go straight to their final place.
    mutating func appendRecord(kind: RecordKind, source: Symbol, ordinal: Int32, location: SourceLocation, agency: Agency,
                               fields recordFields: [Field]) {
        let start = Int32(fields.count)
        fields.append(contentsOf: recordFields)
        records.append(Record(kind: kind, source: source, parent: 0, ordinal: ordinal, location: location, agency: agency,
                              fieldStart: start, fieldEnd: Int32(fields.count)))
    }

    /// Adds a field to the root record (the person) whatever record is open.
    mutating func addToRoot(_ field: Field) {
        open[0].fields.append(field)
    }

    /// Turns an `identity` root into a `person` once a row describes the child.
    mutating func setRootKind(_ kind: RecordKind) {
        records[0].kind = kind
    }

    var rootKind: RecordKind { records[0].kind }

    /// Adds a field to the root's one record of `kind`, made on first use.
    mutating func addToSideRecord(_ kind: RecordKind, _ field: Field, agency: Agency) {
        if let i = side.firstIndex(where: { $0.record.kind == kind }) {
            side[i].fields.append(field)
        } else {
            side.append((Record(kind: kind, source: kind.symbol, parent: 0, ordinal: 1, location: field.location, agency: agency), [field]))
        }
    }

    mutating func finish(source: Symbol) -> Child {
        while !open.isEmpty { close() }
        for (var record, buffered) in side {
            record.fieldStart = Int32(fields.count)
            fields.append(contentsOf: buffered)
            record.fieldEnd = Int32(fields.count)
            records.append(record)
        }
        side.removeAll()
        return Child(records: records, fields: fields, location: location, ordinal: ordinal, source: source)
    }
}
