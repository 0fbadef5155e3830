/// Everything the sources of a run say about one child: a person record first, then the
/// child's episodes and events in source order.
///
/// Immutable once mapped, so rules on several threads share it without copying.
public final class Child: Sendable {
    public let records: [Record]
    public let fields: [Field]
    /// Where the child's element or first row starts.
    public let location: SourceLocation
    /// 1-based position of the child in its source (`Child[12]`).
    public let ordinal: Int32
    /// The source's name for a child (`Child`, `row`).
    public let source: Symbol

    public init(records: [Record], fields: [Field], location: SourceLocation, ordinal: Int32, source: Symbol) {
        self.records = records
        self.fields = fields
        self.location = location
        self.ordinal = ordinal
        self.source = source
    }

    /// The person record (identifiers and characteristics).
    public var person: RecordRef { RecordRef(child: self, index: 0) }

    /// The child's LA child id as written, if any.
    public var laChildID: String? { person[.laChildID]?.text }

    /// Every record of a kind, in source order.
    public func records(_ kind: RecordKind) -> [RecordRef] {
        var out: [RecordRef] = []
        for i in records.indices where records[i].kind == kind { out.append(RecordRef(child: self, index: i)) }
        return out
    }

    /// Every field with `key` across all records of `kind`.
    public func values(_ key: FieldKey, in kind: RecordKind) -> [Field] {
        records(kind).compactMap { $0[key] }
    }
}

/// A handle on one record of a child, with convenient field access.
public struct RecordRef: Sendable {
    public let child: Child
    public let index: Int

    public init(child: Child, index: Int) {
        self.child = child
        self.index = index
    }

    public var record: Record { child.records[index] }
    public var kind: RecordKind { record.kind }
    public var location: SourceLocation { record.location }

    /// The first field with `key`, or nil when the record does not have it.
    public subscript(_ key: FieldKey) -> Field? {
        let r = child.records[index]
        var i = Int(r.fieldStart)
        while i < Int(r.fieldEnd) {
            if child.fields[i].key == key { return child.fields[i] }
            i += 1
        }
        return nil
    }

    /// The date in `key`, when present and valid.
    public func day(_ key: FieldKey) -> Day? { self[key]?.day }

    /// The text of `key` when present and not empty.
    public func text(_ key: FieldKey) -> String? {
        guard let f = self[key], !f.text.isEmpty else { return nil }
        return f.text
    }

    /// Every field with `key` (repeating fields such as disabilities).
    public func all(_ key: FieldKey) -> [Field] {
        let r = child.records[index]
        return child.fields[Int(r.fieldStart)..<Int(r.fieldEnd)].filter { $0.key == key }
    }

    /// Records directly inside this one, of a kind.
    public func children(_ kind: RecordKind) -> [RecordRef] {
        var out: [RecordRef] = []
        let me = Int32(index)
        // Children always follow their parent.
        for i in (index + 1)..<child.records.count
        where child.records[i].parent == me && child.records[i].kind == kind {
            out.append(RecordRef(child: child, index: i))
        }
        return out
    }

    /// Records of a kind anywhere inside this one (children, grandchildren …), in source
    /// order. A record's descendants follow it as one block: records are kept in the
    /// order their elements open.
    public func descendants(_ kind: RecordKind) -> [RecordRef] {
        var out: [RecordRef] = []
        let me = Int32(index)
        var i = index + 1
        while i < child.records.count, child.records[i].parent >= me {
            if child.records[i].kind == kind { out.append(RecordRef(child: child, index: i)) }
            i += 1
        }
        return out
    }

    public var parent: RecordRef? {
        let p = child.records[index].parent
        return p < 0 ? nil : RecordRef(child: child, index: Int(p))
    }

    /// `Child[12]/CINdetails[1]/ChildProtectionPlans[1]`.
    public var logicalPath: String {
        var parts: [String] = []
        var i = index
        while i >= 0 {
            let r = child.records[i]
            if r.parent < 0 { break }
            parts.append("\(r.source.name)[\(r.ordinal)]")
            i = Int(r.parent)
        }
        parts.append("\(child.source.name)[\(child.ordinal)]")
        return parts.reversed().joined(separator: "/")
    }

    /// The logical path of a field of this record.
    public func logicalPath(of field: Field) -> String { logicalPath + "/" + field.source.name }

    /// The path without the child's position: stable across data drops that reorder
    /// children (for fingerprints).
    public var relativePath: String {
        var parts: [String] = []
        var i = index
        while i >= 0 {
            let r = child.records[i]
            if r.parent < 0 { break }
            parts.append("\(r.source.name)[\(r.ordinal)]")
            i = Int(r.parent)
        }
        return parts.reversed().joined(separator: "/")
    }
}
