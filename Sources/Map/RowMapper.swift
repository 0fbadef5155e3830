import Check
import Model
import Read

/// Maps rows into children, following a `RowLayout`.
///
/// Consecutive rows about the same child (the same identifiers) become one `Child`
/// fragment: a root record — `person` when a row describes the child, else `identity`
/// holding only the identifiers — and one record per row. A fragment goes to the sink as
/// soon as a row about another child arrives, so memory does not grow with the file.
/// Values are converted as they land: value maps, date formats, booleans, codes; what
/// does not convert is reported at the value (MAP003, MAP006) and kept as written.
public final class RowMapper: RowConsumer {
    public let layout: RowLayout
    private let file: FileID
    private unowned let sink: RecordSink

    /// The fragment being built, when `inGroup`. One builder serves every fragment in
    /// turn, reset in place: most fragments are one row, and a builder copied in and out of
    /// an optional made each new fragment's arrays twice.
    private var group: GroupBuilder
    private var inGroup = false
    /// The current fragment's identifiers, in the order of `Schema.childIdentifiers`, and a
    /// bit for each one that is set (so that a row clears and compares only those).
    private var groupIDs: [String] = []
    private var rowIDs: [String] = []
    private var groupIDBits: UInt32 = 0
    private var rowIDBits: UInt32 = 0
    private var ordinals: [(RecordKind, Int32)] = []
    /// (kind, column) pairs already reported as unknown: once per file, not per row.
    private var reportedUnknown = Set<String>()
    private var reportedKinds = Set<String>()

    /// One column's target field, worked out once per source name (rows repeat their names).
    private final class Target {
        let column: RowLayout.Column
        /// The column's parts, read once here rather than copied out of `column` per cell.
        let field: FieldKey
        let values: TextLookup<String>?
        /// The column's date pattern, else the layout's.
        let dateFormat: DateFormat
        let type: ValueType?
        let repeats: Bool
        let codes: CodeSet?
        /// Index into `Schema.childIdentifiers`, or -1.
        let identifier: Int
        /// The route for `routeKind` (most sources have one kind of row).
        var routeKind: RecordKind?
        var route = Route.unknown

        init(_ column: RowLayout.Column, dates: DateFormat) {
            self.column = column
            field = column.field
            values = column.values.map { TextLookup($0.map { ($0.key, $0.value) }) }
            dateFormat = column.dateFormat ?? dates
            let spec = Schema.spec(column.field)
            type = spec?.type
            repeats = spec?.repeats ?? false
            codes = spec?.codes.map { CodeSet($0) }
            identifier = Schema.childIdentifiers.firstIndex(of: column.field) ?? -1
        }
    }

    /// What a source name means.
    private final class Resolved {
        /// Borrowed from `RowMapper.targets`, so that a cell's targets are walked without
        /// retaining each (two reference counts per cell were a fifth of mapping).
        let targets: [Unmanaged<Target>]
        let isKind: Bool
        let isAgency: Bool
        /// The row's own id (`recordID`, `incidentID`), for findings' record identity.
        let isRowID: Bool
        /// Some target is one of the child's identifiers.
        let hasIdentifier: Bool
        init(targets: [Target], isKind: Bool, isAgency: Bool) {
            self.targets = targets.map { Unmanaged.passUnretained($0) }
            self.isKind = isKind
            self.isAgency = isAgency
            isRowID = targets.contains { $0.field == .recordID || $0.field == .incidentID }
            hasIdentifier = targets.contains { $0.identifier >= 0 }
        }
    }
    /// Keep every `Target` and `Resolved` alive; the row loops borrow them unretained.
    private var targets: [Target] = []
    private var resolved: [Resolved] = []
    private var resolvedRefs: [Unmanaged<Resolved>] = []
    /// `Symbol.rawValue` → index into `resolved` + 1 (0: not resolved yet).
    private var bySymbol: [Int32] = []
    /// Buffers reused from row to row.
    private var slots: [Unmanaged<Resolved>] = []
    /// The fields of a cell that holds a list (`field(of:splitInto:)`).
    private var splitFields: [Field] = []
    /// The row being mapped, for findings' record identity: its type and its own id
    /// (`visit:V-1`) when it has one, so fingerprints survive rows moving in the file.
    /// Kept as parts and joined only when a finding needs it.
    private var rowKind: RecordKind?
    private var rowOwnID: String?
    private var rowIdentity: String {
        guard let rowKind else { return "" }
        return rowOwnID.map { rowKind.name + ":" + $0 } ?? rowKind.name
    }
    private var lastKindText: String?
    private var lastKind: RecordKind?
    private var lastAgencyText: String?
    private var lastAgency: Agency

    public private(set) var rowsMapped = 0
    public private(set) var fragments = 0

    public init(layout: RowLayout, file: FileID, sink: RecordSink) {
        self.layout = layout
        self.file = file
        self.sink = sink
        lastAgency = layout.agency
        group = GroupBuilder(kind: .identity, source: Symbol(""), location: .wholeFile(file), agency: layout.agency, ordinal: 0)
        groupIDs = Array(repeating: "", count: Schema.childIdentifiers.count)
        rowIDs = groupIDs
    }

    private func loc(_ p: TextPosition) -> SourceLocation { SourceLocation(file: file, line: p.line, column: p.column) }

    /// The row names the same child as the fragment: the same identifiers set, each equal.
    private func sameIDs() -> Bool {
        guard rowIDBits == groupIDBits else { return false }
        var bits = rowIDBits
        while bits != 0 {
            let i = bits.trailingZeroBitCount
            if rowIDs[i] != groupIDs[i] { return false }
            bits &= bits - 1
        }
        return true
    }

    /// What a source name means, as an index into `resolved`: read from `bySymbol` in
    /// place for a name seen before (almost every cell, so no call), else worked out once.
    @inline(__always) private func resolve(_ name: Symbol) -> Int {
        let raw = Int(name.rawValue)
        if raw < bySymbol.count, bySymbol[raw] > 0 { return Int(bySymbol[raw]) - 1 }
        return resolveNew(name)
    }

    @inline(never) private func resolveNew(_ name: Symbol) -> Int {
        let raw = Int(name.rawValue)
        if raw >= bySymbol.count { bySymbol += Array(repeating: 0, count: raw + 1 - bySymbol.count + 64) }
        let text = name.name
        let made = (layout.columns[text] ?? []).map { Target($0, dates: layout.dateFormat) }
        targets += made
        let r = Resolved(targets: made, isKind: text == layout.kindColumn, isAgency: text == layout.agencyColumn)
        resolved.append(r)
        resolvedRefs.append(Unmanaged.passUnretained(r))
        bySymbol[raw] = Int32(resolved.count)
        return resolved.count - 1
    }

    /// Maps a batch's rows and hands on its findings, in order. The batch is left as it is.
    public func map(_ batch: inout RowBatch) {
        batch.forEach(row: { map($0, cells: $1) }, finding: { sink.diagnostic($0) })
    }

    /// Maps one row, whose cells are lent: read in place, not copied.
    public func map(_ row: Row, cells: UnsafeBufferPointer<RowCell>) {
        var kindCell = -1, agencyCell = -1
        slots.removeAll(keepingCapacity: true)
        while rowIDBits != 0 {
            rowIDs[rowIDBits.trailingZeroBitCount] = ""
            rowIDBits &= rowIDBits - 1
        }
        var rowIDCell = -1
        for c in cells.indices {
            let slot = resolvedRefs[resolve(cells[c].name)]
            slots.append(slot)
            slot._withUnsafeGuaranteedRef { r in
                if r.isKind { kindCell = c }
                if r.isAgency { agencyCell = c }
                if r.isRowID && rowIDCell < 0 { rowIDCell = c }
                if r.hasIdentifier {
                    for u in r.targets {
                        let i = u._withUnsafeGuaranteedRef { $0.identifier }
                        if i >= 0 && rowIDBits & (1 << i) == 0 {
                            rowIDs[i] = trimmed(cells.baseAddress![c].text)
                            if !rowIDs[i].isEmpty { rowIDBits |= 1 << i }
                        }
                    }
                }
            }
        }
        guard let kind = kindOf(row, kindCell < 0 ? nil : cells[kindCell]) else { return }
        rowsMapped += 1
        rowKind = kind
        rowOwnID = rowIDCell < 0 ? nil : trimmed(cells[rowIDCell].text)
        let agency = agencyOf(agencyCell < 0 ? nil : cells[agencyCell])

        // Which child: consecutive rows with the same identifiers are one fragment.
        if !inGroup || rowIDBits == 0 || !sameIDs() {
            finish()
            fragments += 1
            let root: RecordKind = kind == .person ? .person : .identity
            group.reset(kind: root, source: row.name, location: loc(row.start), agency: agency, ordinal: row.number,
                        records: 2, fields: cells.count + 2)
            inGroup = true
            swap(&groupIDs, &rowIDs)
            swap(&groupIDBits, &rowIDBits)
            ordinals.removeAll(keepingCapacity: true)
        }
        if kind == .person && group.rootKind != .person { group.setRootKind(.person) }

        // The child's fields first, then the row's own record, whose fields go straight
        // to the end of the group's.
        let ownStart = group.fields.count
        // Cells and their plans are borrowed, not copied: this runs for every cell.
        for c in cells.indices {
            slots[c]._withUnsafeGuaranteedRef { add(cells.baseAddress! + c, as: $0, kind: kind) }
        }
        if kind != .person && kind != .identity {
            var n: Int32 = 1
            if let i = ordinals.firstIndex(where: { $0.0 == kind }) {
                ordinals[i].1 += 1
                n = ordinals[i].1
            } else {
                ordinals.append((kind, 1))
            }
            // (Indices, not slices: this runs for every row.) A field is looked for among
            // the earlier ones only when one of them may have its key (a bit per key, by
            // symbol): comparing every pair was a fifth of mapping a police export.
            let own = group.fields
            var seen: UInt64 = 0
            for i in ownStart..<own.count {
                let key = own.key(at: i)
                let bit: UInt64 = 1 << UInt64(key.symbol.rawValue & 63)
                defer { seen |= bit }
                guard seen & bit != 0, own.firstIndex(of: key, from: ownStart) < i else { continue }
                if Schema.spec(key)?.repeats != true {
                    report("MAP004", .warning, "\(own[i].source.name) appears more than once in this record; only the first is checked",
                           at: own[i].location, field: own[i].source.name)
                }
            }
            group.closeRecord(kind: kind, source: kind.symbol, ordinal: n, location: loc(row.start), agency: agency,
                               fieldsFrom: ownStart)
        }
    }

    /// Adds a cell's fields to the fragment: to the root when they describe the child, else
    /// to the row's own record. The cell is passed by address: a cell passed as a value
    /// was copied whole for each call (the row's storage might change under a method that
    /// changes the mapper), its text retained and released, for every cell.
    private func add(_ cell: UnsafePointer<RowCell>, as r: Resolved, kind: RecordKind) {
        if r.targets.isEmpty {
            if layout.reportsUnknownColumns && !r.isKind && !r.isAgency {
                unknown(cell, kind: kind, why: "is not a field of caselint's interchange vocabulary")
            }
            return
        }
        for u in r.targets {
            u._withUnsafeGuaranteedRef { t in
                if t.routeKind != kind {
                    t.route = Route.of(t.field, in: kind)
                    t.routeKind = kind
                }
                switch t.route {
                case .root:
                    if let f = field(of: cell, t, splitInto: &splitFields) { addToRoot(f) }
                    if !splitFields.isEmpty {
                        for f in splitFields { addToRoot(f) }
                        splitFields.removeAll(keepingCapacity: true)
                    }
                case .record:
                    if let f = field(of: cell, t, splitInto: &splitFields) { group.fields.append(f) }
                    if !splitFields.isEmpty {
                        group.fields.append(contentsOf: splitFields)
                        splitFields.removeAll(keepingCapacity: true)
                    }
                case .unknown:
                    // A profile whose rows are of several kinds maps some columns for some
                    // kinds only; an interchange file names each field itself.
                    if layout.reportsUnknownColumns { unknown(cell, kind: kind, why: "is not a field of a \(kind.name) record") }
                }
            }
        }
    }

    /// Hands the last fragment to the sink. Call at the end of the source.
    public func finish() {
        guard inGroup else { return }
        inGroup = false
        sink.child(group.finish(source: group.source))
    }

    // MARK: rows

    private func kindOf(_ row: Row, _ cell: RowCell?) -> RecordKind? {
        switch layout.kind {
        case .fixed(let kind):
            return kind
        case .column(let name, let values):
            guard let cell else {
                report("MAP008", .error, "this row has no '\(name)' value naming its record type; it is not checked",
                       at: loc(row.start), field: name)
                return nil
            }
            var text = trimmed(cell.text)
            if text == lastKindText, let lastKind { return lastKind }
            if let values { text = values[text] ?? text }
            guard let spec = Schema.kind(named: text), spec.kind != .header else {
                if reportedKinds.insert(text).inserted {
                    let hint = Suggest.closest(text, among: Schema.kinds.map(\.kind.name)).map { "; did you mean '\($0)'?" } ?? ""
                    report("MAP008", .error, "unknown record type '\(text)'\(hint); rows of this type are not checked",
                           at: loc(cell.valuePosition), field: name)
                }
                return nil
            }
            lastKindText = trimmed(cell.text)
            lastKind = spec.kind
            return spec.kind
        }
    }

    private func agencyOf(_ cell: RowCell?) -> Agency {
        guard let cell else { return layout.agency }
        let t = trimmed(cell.text)
        if t.isEmpty { return layout.agency }
        if t == lastAgencyText { return lastAgency }
        if !Vocabulary.agencies.contains(t) {
            report("MAP006", .warning, "agency '\(t)' is not one of the standard agencies (\(Vocabulary.agencies.joined(separator: ", ")))",
                   at: loc(cell.valuePosition), field: cell.name.name)
        }
        lastAgencyText = t
        lastAgency = Agency(t)
        return lastAgency
    }

    private func unknown(_ cell: UnsafePointer<RowCell>, kind: RecordKind, why: String) {
        let cell = cell.pointee
        guard reportedUnknown.insert(kind.name + "\u{1F}" + cell.name.name).inserted else { return }
        let fields = (Schema.spec(kind)?.fields ?? []) + Schema.childIdentifiers
        let hint = Suggest.closest(cell.name.name, among: fields.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
        report("MAP007", .warning, "'\(cell.name.name)' \(why)\(hint); it is not checked",
               at: loc(cell.location), field: cell.name.name)
    }

    // MARK: values

    /// The field a cell gives for one column, nil when it is empty; a CSV cell holding a
    /// list for a repeating field gives its fields in `split` instead. (Returned, not
    /// appended to the group here: the findings of `field` read the group.)
    @inline(__always)
    private func field(of cell: UnsafePointer<RowCell>, _ target: Target, splitInto split: inout [Field]) -> Field? {
        if cell.pointee.splits, target.repeats, let sep = layout.separator.asciiValue, cell.pointee.text.utf8.contains(sep) {
            let cell = cell.pointee
            var offset: UInt32 = 0
            for part in cell.text.utf8.split(separator: sep, omittingEmptySubsequences: false) {
                var at = cell.valuePosition
                at.column += offset
                let text = String(Substring(part))
                offset += UInt32(text.count) + 1
                if let f = field(text, name: cell.name, location: cell.location, valueAt: at, target) { split.append(f) }
            }
            return nil
        }
        return field(cell.pointee.text, name: cell.pointee.name, location: cell.pointee.location,
                     valueAt: cell.pointee.valuePosition, target)
    }

    /// Adds a field to the fragment's root record, unless the root already holds it (rows
    /// of one child repeat its identifiers).
    private func addToRoot(_ f: Field) {
        if !group.rootHas(f.key, f.text) { group.addToRoot(f) }
    }

    private func field(_ raw: String, name: Symbol, location: TextPosition, valueAt: TextPosition, _ target: Target) -> Field? {
        let (text, lead) = trimmedCounting(raw)
        if text.isEmpty { return nil }
        var at = valueAt
        at.column += lead
        let key = target.field
        func shown(_ s: String) -> Message {
            let personal = Schema.isPersonal(key)
            let visible = s.replacingControlCharacters()
            return personal ? "\(personal: visible)" : "\(visible)"
        }
        var value = text
        if let map = target.values {
            if let mapped = map[text] {
                value = mapped
            } else {
                report("MAP006", .warning,
                       "\(name.name) value '\(shown(text))' has no entry in the \(layout.title) value map; it is kept as written",
                       at: loc(at), field: name.name)
            }
        }
        var f = Field(key: key, source: name, text: value, location: loc(location), valueLocation: loc(at))
        guard let type = target.type else { return f }
        switch type {
        case .date:
            f.day = target.dateFormat.parse(value)
            if f.day == nil {
                report("MAP003", .error, "\(name.name) is not a valid date: '\(shown(value))' (expected \(target.dateFormat.display))",
                       at: loc(at), field: name.name)
            }
        case .bool:
            if Field.parseBool(value) == nil {
                report("MAP006", .warning, "\(name.name) value '\(shown(value))' is not yes or no (true/false, Y/N, 1/0)",
                       at: loc(at), field: name.name)
            }
        case .integer:
            if Int(value) == nil {
                report("MAP006", .warning, "\(name.name) value '\(shown(value))' is not a whole number",
                       at: loc(at), field: name.name)
            }
        case .code:
            if let codes = target.codes, target.values == nil, !codes.contains(value) {
                let codes = Schema.spec(key)?.codes ?? []
                let hint = Suggest.closest(value, among: codes).map { "; did you mean '\($0)'?" } ?? ""
                report("MAP006", .warning, "\(name.name) value '\(shown(value))' is not one of the standard codes\(hint) (\(codes.joined(separator: ", ")))",
                       at: loc(at), field: name.name)
            }
        case .dateTime, .text, .identifier:
            break
        }
        return f
    }

    private func trimmed(_ s: String) -> String { trimmedCounting(s).0 }

    /// The text without surrounding whitespace, and how many characters were cut in front.
    /// Most values have nothing to trim: their two ends' bytes are looked at in place, here
    /// (inlined: every cell comes through), and only the rest are trimmed by `trimmedSlow`.
    @inline(__always)
    private func trimmedCounting(_ s: String) -> (String, UInt32) {
        func space(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
        let ends = s.utf8.withContiguousStorageIfAvailable { b in b.isEmpty ? false : space(b[0]) || space(b[b.count - 1]) }
        if ends == false || s.isEmpty { return (s, 0) }
        return trimmedSlow(s)
    }

    @inline(never)
    private func trimmedSlow(_ s: String) -> (String, UInt32) {
        var sub = Substring(s)
        var lead: UInt32 = 0
        while let c = sub.first, c.isWhitespace { sub.removeFirst(); lead += 1 }
        while let c = sub.last, c.isWhitespace { sub.removeLast() }
        return (String(sub), lead)
    }

    private func report(_ rule: String, _ severity: Severity, _ message: Message, at: SourceLocation, field: String? = nil) {
        var d = Diagnostic(ruleID: rule, severity: severity, message: message, location: at)
        if inGroup {
            let g = group
            d.childID = g.childID
            let base = "\(g.source.name)[\(g.ordinal)]"
            d.path = field.map { base + "/" + $0 } ?? base
            d.recordKey = [g.childID ?? "", rowIdentity, field ?? ""].joined(separator: "|")
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
