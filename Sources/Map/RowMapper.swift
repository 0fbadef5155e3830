import Check
import Model
import Read

/// One value of a row as a reader found it.
public struct RowCell {
    /// The source's name for it: CSV column, JSON key path (`child.nhs`), XML element path.
    public var name: Symbol
    public var text: String
    /// The cell, key or element.
    public var location: TextPosition
    /// Where the value's text starts.
    public var valuePosition: TextPosition
    /// A CSV cell may hold several values of a repeating field, split by the layout's
    /// separator; JSON arrays and repeated XML elements arrive as separate cells.
    public var splits: Bool

    public init(name: Symbol, text: String, location: TextPosition, valuePosition: TextPosition, splits: Bool = false) {
        self.name = name
        self.text = text
        self.location = location
        self.valuePosition = valuePosition
        self.splits = splits
    }
}

/// One row: a CSV record, a JSON record object, an XML record element.
public struct Row {
    /// The row's own name and number in its source (`row` 42, `record` 7), for logical paths.
    public var name: Symbol
    public var number: Int32
    public var start: TextPosition
    public var cells: [RowCell]

    public init(name: Symbol, number: Int32, start: TextPosition, cells: [RowCell]) {
        self.name = name
        self.number = number
        self.start = start
        self.cells = cells
    }
}

/// Maps rows into children, following a `RowLayout`.
///
/// Consecutive rows about the same child (the same identifiers) become one `Child`
/// fragment: a root record — `person` when a row describes the child, else `identity`
/// holding only the identifiers — and one record per row. A fragment goes to the sink as
/// soon as a row about another child arrives, so memory does not grow with the file.
/// Values are converted as they land: value maps, date formats, booleans, codes; what
/// does not convert is reported at the value (MAP003, MAP006) and kept as written.
public final class RowMapper {
    public let layout: RowLayout
    private let file: FileID
    private unowned let sink: RecordSink

    private var group: GroupBuilder?
    private var groupKey = ""
    private var ordinals: [RecordKind: Int32] = [:]
    /// (kind, column) pairs already reported as unknown: once per file, not per row.
    private var reportedUnknown = Set<String>()
    private var reportedKinds = Set<String>()
    private let kindSymbol = Symbol("record")

    public private(set) var rowsMapped = 0
    public private(set) var fragments = 0

    public init(layout: RowLayout, file: FileID, sink: RecordSink) {
        self.layout = layout
        self.file = file
        self.sink = sink
    }

    private func loc(_ p: TextPosition) -> SourceLocation { SourceLocation(file: file, line: p.line, column: p.column) }

    /// Maps one row.
    public func map(_ row: Row) {
        guard let kind = kindOf(row) else { return }
        rowsMapped += 1
        let agency = agencyOf(row)

        // Which child: the row's identifiers, in the vocabulary's order.
        var key = ""
        for cell in row.cells {
            guard let columns = layout.columns[cell.name.name] else { continue }
            for c in columns where Schema.childIdentifiers.contains(c.field) {
                let t = trimmed(cell.text)
                if !t.isEmpty { key += c.field.name + "=" + t + "\u{1F}" }
            }
        }
        if group == nil || key.isEmpty || key != groupKey {
            finish()
            fragments += 1
            group = GroupBuilder(kind: kind == .person ? .person : .identity, source: row.name, location: loc(row.start),
                                 agency: agency, ordinal: row.number)
            groupKey = key
            ordinals.removeAll(keepingCapacity: true)
        }
        if kind == .person { group!.setRootKind(.person) }

        // The child's fields first, then the row's own record.
        var own: [Field] = []
        for cell in row.cells {
            guard let columns = layout.columns[cell.name.name] else {
                if layout.reportsUnknownColumns, cell.name.name != layout.kindColumn, cell.name.name != layout.agencyColumn {
                    unknown(cell, kind: kind, why: "is not a field of caselint's interchange vocabulary")
                }
                continue
            }
            for column in columns {
                switch Route.of(column.field, in: kind) {
                case .root:
                    for f in fields(of: cell, column) where !group!.rootHas(f.key, f.text) { group!.addToRoot(f) }
                case .record:
                    own.append(contentsOf: fields(of: cell, column))
                case .unknown:
                    unknown(cell, kind: kind, why: "is not a field of a \(kind.name) record")
                }
            }
        }
        if kind != .person && kind != .identity {
            let n = (ordinals[kind] ?? 0) + 1
            ordinals[kind] = n
            group!.open(kind: kind, source: kind.symbol, ordinal: n, location: loc(row.start), agency: agency)
            var seen = Set<FieldKey>()
            for f in own {
                if !seen.insert(f.key).inserted, Schema.spec(f.key)?.repeats != true {
                    report("MAP004", .warning, "\(f.source.name) appears more than once in this record; only the first is checked",
                           at: f.location, field: f.source.name)
                }
                group!.add(f)
            }
            group!.close()
        }
    }

    /// Hands the last fragment to the sink. Call at the end of the source.
    public func finish() {
        guard var g = group else { return }
        sink.child(g.finish(source: g.source))
        group = nil
    }

    // MARK: rows

    private func kindOf(_ row: Row) -> RecordKind? {
        switch layout.kind {
        case .fixed(let kind):
            return kind
        case .column(let name, let values):
            guard let cell = row.cells.first(where: { $0.name.name == name }) else {
                report("MAP008", .error, "this row has no '\(name)' value naming its record type; it is not checked",
                       at: loc(row.start), field: name)
                return nil
            }
            var text = trimmed(cell.text)
            if let values { text = values[text] ?? text }
            guard let spec = Schema.kind(named: text), spec.kind != .header else {
                if reportedKinds.insert(text).inserted {
                    let hint = Suggest.closest(text, among: Schema.kinds.map(\.kind.name)).map { "; did you mean '\($0)'?" } ?? ""
                    report("MAP008", .error, "unknown record type '\(text)'\(hint); rows of this type are not checked",
                           at: loc(cell.valuePosition), field: name)
                }
                return nil
            }
            return spec.kind
        }
    }

    private func agencyOf(_ row: Row) -> Agency {
        guard let name = layout.agencyColumn, let cell = row.cells.first(where: { $0.name.name == name }) else {
            return layout.agency
        }
        let t = trimmed(cell.text)
        if t.isEmpty { return layout.agency }
        if !Vocabulary.agencies.contains(t) {
            report("MAP006", .warning, "agency '\(t)' is not one of the standard agencies (\(Vocabulary.agencies.joined(separator: ", ")))",
                   at: loc(cell.valuePosition), field: name)
        }
        return Agency(t)
    }

    private func unknown(_ cell: RowCell, kind: RecordKind, why: String) {
        guard reportedUnknown.insert(kind.name + "\u{1F}" + cell.name.name).inserted else { return }
        let fields = (Schema.spec(kind)?.fields ?? []) + Schema.childIdentifiers
        let hint = Suggest.closest(cell.name.name, among: fields.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
        report("MAP007", .warning, "'\(cell.name.name)' \(why)\(hint); it is not checked",
               at: loc(cell.location), field: cell.name.name)
    }

    // MARK: values

    /// The fields a cell gives for one column: none when empty, several when a CSV cell
    /// holds a list for a repeating field.
    private func fields(of cell: RowCell, _ column: RowLayout.Column) -> [Field] {
        let spec = Schema.spec(column.field)
        if cell.splits, spec?.repeats == true, cell.text.contains(layout.separator) {
            var out: [Field] = []
            var offset: UInt32 = 0
            for part in cell.text.split(separator: layout.separator, omittingEmptySubsequences: false) {
                var at = cell.valuePosition
                at.column += offset
                offset += UInt32(part.count) + 1
                if let f = field(String(part), cell: cell, valueAt: at, column) { out.append(f) }
            }
            return out
        }
        return field(cell.text, cell: cell, valueAt: cell.valuePosition, column).map { [$0] } ?? []
    }

    private func field(_ raw: String, cell: RowCell, valueAt: TextPosition, _ column: RowLayout.Column) -> Field? {
        let (text, lead) = trimmedCounting(raw)
        if text.isEmpty { return nil }
        var at = valueAt
        at.column += lead
        let key = column.field
        let personal = Schema.isPersonal(key)
        func shown(_ s: String) -> Message {
            let visible = s.replacingControlCharacters()
            return personal ? "\(personal: visible)" : "\(visible)"
        }
        var value = text
        if let map = column.values {
            if let mapped = map[text] {
                value = mapped
            } else {
                report("MAP006", .warning,
                       "\(cell.name.name) value '\(shown(text))' has no entry in the \(layout.title) value map; it is kept as written",
                       at: loc(at), field: cell.name.name)
            }
        }
        var f = Field(key: key, source: cell.name, text: value, location: loc(cell.location), valueLocation: loc(at))
        guard let spec = Schema.spec(key) else { return f }
        switch spec.type {
        case .date:
            let format = column.dateFormat ?? layout.dateFormat
            f.day = format.parse(value)
            if f.day == nil {
                report("MAP003", .error, "\(cell.name.name) is not a valid date: '\(shown(value))' (expected \(format.display))",
                       at: loc(at), field: cell.name.name)
            }
        case .bool:
            if Field.parseBool(value) == nil {
                report("MAP006", .warning, "\(cell.name.name) value '\(shown(value))' is not yes or no (true/false, Y/N, 1/0)",
                       at: loc(at), field: cell.name.name)
            }
        case .integer:
            if Int(value) == nil {
                report("MAP006", .warning, "\(cell.name.name) value '\(shown(value))' is not a whole number",
                       at: loc(at), field: cell.name.name)
            }
        case .code:
            if let codes = spec.codes, column.values == nil, !codes.contains(value) {
                let hint = Suggest.closest(value, among: codes).map { "; did you mean '\($0)'?" } ?? ""
                report("MAP006", .warning, "\(cell.name.name) value '\(shown(value))' is not one of the standard codes\(hint) (\(codes.joined(separator: ", ")))",
                       at: loc(at), field: cell.name.name)
            }
        case .dateTime, .text, .identifier:
            break
        }
        return f
    }

    private func trimmed(_ s: String) -> String { trimmedCounting(s).0 }

    /// The text without surrounding whitespace, and how many characters were cut in front.
    private func trimmedCounting(_ s: String) -> (String, UInt32) {
        guard let first = s.utf8.first, let last = s.utf8.last,
              first == 32 || first == 9 || last == 32 || last == 9 || first == 10 || last == 10 || first == 13 || last == 13
        else { return (s, 0) }
        var sub = Substring(s)
        var lead: UInt32 = 0
        while let c = sub.first, c.isWhitespace { sub.removeFirst(); lead += 1 }
        while let c = sub.last, c.isWhitespace { sub.removeLast() }
        return (String(sub), lead)
    }

    private func report(_ rule: String, _ severity: Severity, _ message: Message, at: SourceLocation, field: String? = nil) {
        var d = Diagnostic(ruleID: rule, severity: severity, message: message, location: at)
        if let g = group {
            d.childID = g.childID
            let base = "\(g.source.name)[\(g.ordinal)]"
            d.path = field.map { base + "/" + $0 } ?? base
            d.recordKey = [g.childID ?? "", g.recordPath, field ?? ""].joined(separator: "|")
        }
        sink.diagnostic(d)
    }
}

extension String {
    /// The text with line breaks and tabs written as `\n`, `\r`, `\t`, so a value quoted
    /// in a message stays on one line.
    func replacingControlCharacters() -> String {
        guard utf8.contains(where: { $0 < 0x20 }) else { return self }
        var out = ""
        for c in unicodeScalars {
            switch c {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c.value < 0x20 ? "?" : c)
            }
        }
        return out
    }
}
