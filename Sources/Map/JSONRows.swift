import Model
import Read

/// Turns a JSON file's records into rows for a `RowMapper`. Nested objects flatten to
/// key paths joined with dots (`child.nhsNumber`); an array gives one cell per element.
/// Reader problems become diagnostics (JSON001 syntax, JSON002 duplicate key, JSON003 a
/// record that is not an object).
public final class JSONRows: JSONHandler {
    private let mapper: RowMapper
    private let file: FileID
    /// The mapper, or a stage that runs it on another thread: rows and findings go here.
    private let consumer: RowConsumer
    private var count: Int32 = 0
    private let rowName = Symbol("record")
    private var names: [String: Symbol] = [:]
    /// The previous record's key paths, slot by slot: records of one export repeat their
    /// keys in the same order, so most keys are matched here without hashing. A slot's
    /// `parent` is the slot of the object it is in (-1: the record itself); a slot whose
    /// parent was replaced in this record is replaced too (its path begins with the parent's).
    private var recent: [(parent: Int, key: String, path: String, symbol: Symbol)] = []
    private var slot = 0
    /// Rows and findings not yet handed to `consumer`.
    private var batch = RowBatch()
    public private(set) var syntaxError = false

    public convenience init(layout: RowLayout, file: FileID, sink: RecordSink) {
        self.init(mapper: RowMapper(layout: layout, file: file, sink: sink), file: file)
    }

    /// `consumer`: where rows go instead of straight to `mapper` (which it must run).
    public init(mapper: RowMapper, consumer: RowConsumer? = nil, file: FileID) {
        self.mapper = mapper
        self.consumer = consumer ?? mapper
        self.file = file
    }

    public var rowsMapped: Int { mapper.rowsMapped }

    public func record(_ node: JSONNode) -> Bool {
        count += 1
        guard case .object(let members) = node.value else {
            diagnostic("JSON003", .error, "a record must be an object of keys and values; this one is not checked", at: node.position)
            return true
        }
        slot = 0
        members.withUnsafeBufferPointer { flatten($0, parent: -1, replaced: false) }
        batch.endRow(Row(name: rowName, number: count, start: node.position))
        if batch.rowCount >= RowBatch.size { batch.handOn(to: consumer) }
        return true
    }

    private func symbol(_ path: String) -> Symbol {
        if let s = names[path] { return s }
        let s = Symbol(path)
        names[path] = s
        return s
    }

    /// An object's members, read in place (a copy of each retained its key and value), into
    /// cells named by their key paths.
    private func flatten(_ members: UnsafeBufferPointer<JSONMember>, parent: Int, replaced: Bool) {
        for m in members.indices {
            let member = members.baseAddress! + m
            let mine = slot
            slot += 1
            let hit = !replaced && mine < recent.count
                && recent.withUnsafeBufferPointer { $0[mine].parent == parent && $0[mine].key == member.pointee.key }
            if !hit {
                let key = member.pointee.key
                let path = parent < 0 ? key : recent[parent].path + "." + key
                let entry = (parent, key, path, symbol(path))
                if mine < recent.count { recent[mine] = entry } else { recent.append(entry) }
            }
            add(member.pointer(to: \.value)!, slot: mine, replaced: !hit, at: member.pointee.keyPosition)
        }
    }

    /// A member's value as cells named by the path in `recent[slot]`: a scalar is one, an
    /// array one per element, an object its members'.
    private func add(_ node: UnsafePointer<JSONNode>, slot mine: Int, replaced: Bool, at: TextPosition) {
        switch node.pointee.value {
        case .null: break
        case .object(let inner): inner.withUnsafeBufferPointer { flatten($0, parent: mine, replaced: replaced) }
        case .array(let items):
            items.withUnsafeBufferPointer { items in
                for i in items.indices { add(items.baseAddress! + i, slot: mine, replaced: replaced, at: items[i].position) }
            }
        case .bool, .number, .string:
            var valueAt = node.pointee.position
            if case .string = node.pointee.value { valueAt.column += 1 }
            let name = recent.withUnsafeBufferPointer { $0[mine].symbol }
            batch.append(RowCell(name: name, text: node.pointee.value.scalarText ?? "", location: at, valuePosition: valueAt))
        }
    }

    public func problem(_ problem: JSONProblem) {
        switch problem.kind {
        case .syntax, .tooDeep, .tooLarge: syntaxError = true
        case .duplicateKey: break
        }
        batch.append(JSONRows.diagnostic(problem, file: file))
    }

    /// The diagnostic for a reader problem (JSON001 syntax, JSON002 duplicate key).
    public static func diagnostic(_ problem: JSONProblem, file: FileID) -> Diagnostic {
        func loc(_ p: TextPosition) -> SourceLocation { SourceLocation(file: file, line: p.line, column: p.column) }
        switch problem.kind {
        case .syntax:
            return Diagnostic(ruleID: "JSON001", severity: .error, message: "malformed JSON: \(problem.message)", location: loc(problem.position))
        case .tooDeep:
            return Diagnostic(ruleID: "LIM002", severity: .error, message: "\(problem.message)", location: loc(problem.position))
        case .tooLarge:
            return Diagnostic(ruleID: "LIM001", severity: .error, message: "\(problem.message)", location: loc(problem.position))
        case .duplicateKey(let first):
            return Diagnostic(ruleID: "JSON002", severity: .warning, message: "\(problem.message)", location: loc(problem.position),
                              notes: [Note(location: loc(first), message: "the key is first given here")])
        }
    }

    public func finish() {
        batch.handOn(to: consumer)
        consumer.finish()
    }

    private func loc(_ p: TextPosition) -> SourceLocation { SourceLocation(file: file, line: p.line, column: p.column) }

    private func diagnostic(_ rule: String, _ severity: Severity, _ message: Message, at p: TextPosition) {
        batch.append(Diagnostic(ruleID: rule, severity: severity, message: message, location: loc(p)))
    }
}
