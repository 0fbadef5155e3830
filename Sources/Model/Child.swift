/// What a `Child` holds besides its records and fields.
public struct ChildHeader: Sendable {
    /// Where the child's element or first row starts.
    public let location: SourceLocation
    /// 1-based position of the child in its source (`Child[12]`).
    public let ordinal: Int32
    /// The source's name for a child (`Child`, `row`).
    public let source: Symbol
    /// The kinds of the child's records: a rule about kinds it has none of is not run.
    public let kinds: KindSet
    /// How many records the child has (`Child.records.count`, read without a view).
    public let recordCount: Int32
    @usableFromInline let fieldCount: Int32
}

/// Everything the sources of a run say about one child: a person record first, then the
/// child's episodes and events in source order.
///
/// Immutable once made, so rules on several threads share it without copying. Its fields
/// and then its records are stored in the object itself: one allocation a child, where an
/// object and two arrays were three (a police export is millions of one-row children, each
/// made on the mapping thread and freed there once checked).
public final class Child: @unchecked Sendable {
    /// The child's storage: `ChildHeader`, then its fields, then its records, in this
    /// object's own allocation. (Not a `ManagedBuffer` subclass: that cannot be `Sendable`.)
    @usableFromInline typealias Storage = ManagedBufferPointer<ChildHeader, Field>

    /// Children are made only by `make`, with room for their fields and records.
    private init() { preconditionFailure("a Child is made by Child.make") }

    @inlinable var storage: Storage { Storage(unsafeBufferObject: self) }

    /// The child's place, ordinal, kinds and counts.
    @inlinable public var header: ChildHeader { storage.header }

    /// A child of `records` whose fields are moved out of `fields` (left uninitialized).
    public static func make(records: UnsafeBufferPointer<Record>, movingFields fields: UnsafeMutableBufferPointer<Field>,
                            location: SourceLocation, ordinal: Int32, source: Symbol) -> Child {
        make(records: records, fieldCount: fields.count, location: location, ordinal: ordinal, source: source) { tail in
            if let from = fields.baseAddress { tail.moveInitialize(from: from, count: fields.count) }
        }
    }

    /// A child of copies of `records` and `fields`.
    public static func make(records: [Record], fields: [Field], location: SourceLocation, ordinal: Int32, source: Symbol) -> Child {
        records.withUnsafeBufferPointer { records in
            fields.withUnsafeBufferPointer { fields in
                make(records: records, fieldCount: fields.count, location: location, ordinal: ordinal, source: source) { tail in
                    if let from = fields.baseAddress { tail.initialize(from: from, count: fields.count) }
                }
            }
        }
    }

    /// Allocates the child, copies `records` in and has `initializeFields` fill its fields.
    private static func make(records: UnsafeBufferPointer<Record>, fieldCount: Int, location: SourceLocation, ordinal: Int32,
                             source: Symbol, initializeFields: (UnsafeMutablePointer<Field>) -> Void) -> Child {
        precondition(MemoryLayout<Record>.alignment <= MemoryLayout<Field>.alignment)
        let recordRoom = (records.count * MemoryLayout<Record>.stride + MemoryLayout<Field>.stride - 1) / MemoryLayout<Field>.stride
        var kinds = KindSet()
        for (i, r) in records.enumerated() {
            // Checked once here: the record and field views read by pointer, unchecked.
            precondition(r.parent < i && 0 <= r.fieldStart && r.fieldStart <= r.fieldEnd && Int(r.fieldEnd) <= fieldCount,
                         "record \(i) names a parent after it or fields outside the child")
            kinds.insert(r.kind)
        }
        let header = ChildHeader(location: location, ordinal: ordinal, source: source, kinds: kinds,
                                 recordCount: Int32(records.count), fieldCount: Int32(fieldCount))
        let storage = Storage(bufferClass: Child.self, minimumCapacity: fieldCount + recordRoom) { _, _ in header }
        let child = unsafeDowncast(storage.buffer, to: Child.self)
        storage.withUnsafeMutablePointerToElements { tail in
            initializeFields(tail)
            let recordTail = UnsafeMutableRawPointer(tail + fieldCount).bindMemory(to: Record.self, capacity: records.count)
            if let from = records.baseAddress { recordTail.initialize(from: from, count: records.count) }
        }
        return child
    }

    deinit {
        storage.withUnsafeMutablePointers { header, tail in
            // One field at a time: `deinitialize(count:)` destroys through the type's
            // generic witness, a call per field, for millions of children.
            for i in 0..<Int(header.pointee.fieldCount) { _ = (tail + i).move() }
            _ = header.deinitialize(count: 1)
        }
    }

    @inlinable public var location: SourceLocation { header.location }
    @inlinable public var ordinal: Int32 { header.ordinal }
    @inlinable public var source: Symbol { header.source }
    @inlinable public var kinds: KindSet { header.kinds }

    /// The child's records, read in place.
    @inlinable
    public var records: ChildElements<Record> { ChildElements(self, recordBase, Int(header.recordCount)) }

    /// The child's fields, each record's a range (`Record.fieldStart`), read in place.
    @inlinable
    public var fields: ChildElements<Field> { ChildElements(self, fieldBase, Int(header.fieldCount)) }

    /// Where the records start. Valid only while the child is held.
    @inlinable
    public var recordBase: UnsafePointer<Record> {
        storage.withUnsafeMutablePointers { header, tail in
            UnsafePointer(UnsafeRawPointer(tail + Int(header.pointee.fieldCount)).assumingMemoryBound(to: Record.self))
        }
    }

    /// Where the fields start. Valid only while the child is held.
    @inlinable
    public var fieldBase: UnsafePointer<Field> { storage.withUnsafeMutablePointerToElements { UnsafePointer($0) } }

    /// The person record (identifiers and characteristics).
    public var person: RecordRef { RecordRef(child: self, index: 0) }

    /// The child's LA child id as written, if any (from the first person record that has
    /// one, when the child was linked from several sources).
    public var laChildID: String? {
        if let id = person[.laChildID]?.text { return id }
        for i in records.indices.dropFirst() where records[i].parent < 0 {
            if let id = RecordRef(child: self, index: i)[.laChildID]?.text { return id }
        }
        return nil
    }

    /// True when the child was joined from records of more than one source.
    public var isLinked: Bool { records.dropFirst().contains { $0.parent < 0 } }

    /// One child made of several sources' records of the same child (see `Link`). Each
    /// source's person record stays a root record (`parent == -1`), followed by its own
    /// records, so every record keeps its file, position and logical path; the first
    /// fragment's person record is `person`.
    public static func merging(_ fragments: [Child]) -> Child {
        guard fragments.count > 1 else { return fragments[0] }
        var records: [Record] = []
        var fields: [Field] = []
        records.reserveCapacity(fragments.reduce(0) { $0 + $1.records.count })
        fields.reserveCapacity(fragments.reduce(0) { $0 + $1.fields.count })
        for f in fragments {
            let recordBase = Int32(records.count), fieldBase = Int32(fields.count)
            for var r in f.records {
                if r.parent >= 0 { r.parent += recordBase }
                r.fieldStart += fieldBase
                r.fieldEnd += fieldBase
                records.append(r)
            }
            fields.append(contentsOf: f.fields)
        }
        let first = fragments[0]
        return Child.make(records: records, fields: fields, location: first.location, ordinal: first.ordinal, source: first.source)
    }

    /// Every record of a kind, in source order.
    @inlinable
    public func records(_ kind: RecordKind) -> RecordList { RecordList(self, kind) }

    /// Every field with `key` across all records of `kind`.
    public func values(_ key: FieldKey, in kind: RecordKind) -> [Field] {
        records(kind).compactMap { $0[key] }
    }
}

/// A handle on one record of a child, with convenient field access.
public struct RecordRef: Sendable {
    /// The child, unretained: rules make and copy handles millions of times, and each
    /// retain of the shared child is an atomic operation the checking threads contend
    /// for. A handle is only used while its child is held (by the rule's caller).
    @usableFromInline let owner: Unmanaged<Child>
    public let index: Int

    @inlinable
    public init(child: Child, index: Int) {
        precondition(index >= 0 && index < Int(child.header.recordCount), "no such record")
        owner = .passUnretained(child)
        self.index = index
    }

    /// A handle on a child the caller holds, made without touching its reference count.
    @inlinable
    public init(owner: Unmanaged<Child>, index: Int) {
        self.owner = owner
        self.index = index
    }

    public var child: Child { owner.takeUnretainedValue() }

    /// Runs `body` on the child without retaining it.
    @inlinable
    func withChild<R>(_ body: (Child) -> R) -> R { owner._withUnsafeGuaranteedRef(body) }

    @inlinable
    public var record: Record { let i = index; return withChild { $0.recordBase[i] } }
    public var kind: RecordKind { record.kind }
    public var location: SourceLocation { record.location }

    /// The first field with `key`, or nil when the record does not have it.
    @inlinable
    public subscript(_ key: FieldKey) -> Field? {
        guard let i = fieldIndex(key) else { return nil }
        return withChild { $0.fieldBase[i] }
    }

    /// Index into `child.fields` of the first field with `key`.
    @inlinable
    public func fieldIndex(_ key: FieldKey) -> Int? {
        let index = self.index
        return withChild { child in
            let r = child.recordBase[index]
            // Read in place: rules ask about a hundred times per child.
            let fields = child.fieldBase
            var i = Int(r.fieldStart)
            let end = Int(r.fieldEnd)
            precondition(i >= 0 && end <= Int(child.header.fieldCount))
            while i < end {
                if fields[i].key == key { return i }
                i += 1
            }
            return nil
        }
    }

    /// True when the record has the field (even empty).
    @inlinable
    public func has(_ key: FieldKey) -> Bool { fieldIndex(key) != nil }

    /// The date in `key`, when present and valid.
    @inlinable
    public func day(_ key: FieldKey) -> Day? {
        guard let i = fieldIndex(key) else { return nil }
        return withChild { $0.fieldBase[i].day }
    }

    /// The text of `key` when present and not empty.
    @inlinable
    public func text(_ key: FieldKey) -> String? {
        guard let i = fieldIndex(key) else { return nil }
        return withChild { c in c.fieldBase[i].text.isEmpty ? nil : c.fieldBase[i].text }
    }

    /// The value of `key` read as yes or no (`Field.parseBool`), in place; nil when it is
    /// missing or neither.
    @inlinable
    public func flag(_ key: FieldKey) -> Bool? {
        guard let i = fieldIndex(key) else { return nil }
        return withChild { Field.parseBool($0.fieldBase[i].text) }
    }

    /// The value of `key` read as a whole number (`Field.integer`), in place; nil when it
    /// is missing or not a number.
    @inlinable
    public func integer(_ key: FieldKey) -> Int? {
        guard let i = fieldIndex(key) else { return nil }
        return withChild { $0.fieldBase[i].integer }
    }

    /// True when the record holds a non-empty value of `key`, copying nothing out.
    @inlinable
    public func hasText(_ key: FieldKey) -> Bool { textIndex(key) != nil }

    /// Index into `child.fields` of the first field with `key`, when its value is not empty.
    @inlinable
    public func textIndex(_ key: FieldKey) -> Int? {
        guard let i = fieldIndex(key) else { return nil }
        return withChild { $0.fieldBase[i].text.isEmpty } ? nil : i
    }

    /// The date of the field at `i` in `child.fields` (from `fieldIndex`), read in place.
    @inlinable
    public func day(at i: Int) -> Day? {
        withChild { child in
            precondition(i >= 0 && i < Int(child.header.fieldCount), "no such field")
            return child.fieldBase[i].day
        }
    }

    /// True when some non-empty value of `key` (a repeating field holds several) passes
    /// `test`, copying no field out.
    @inlinable
    public func anyText(_ key: FieldKey, _ test: (String) -> Bool) -> Bool {
        first(key) { !$0.isEmpty && test($0) } != nil
    }

    /// The first value of `key` (a repeating field holds several) whose text passes
    /// `test`; the texts are tested in place and only the field found is copied out.
    @inlinable
    public func first(_ key: FieldKey, where test: (String) -> Bool) -> Field? {
        let index = self.index
        return withChild { child in
            let r = child.recordBase[index]
            for j in Int(r.fieldStart)..<Int(r.fieldEnd) where child.fieldBase[j].key == key && test(child.fieldBase[j].text) {
                return child.fieldBase[j]
            }
            return nil
        }
    }

    /// Every field with `key` (repeating fields such as disabilities), read in place.
    @inlinable
    public func all(_ key: FieldKey) -> FieldList {
        let index = self.index
        return withChild { FieldList($0, record: $0.recordBase[index], key: key) }
    }

    /// Records directly inside this one, of a kind.
    @inlinable
    public func children(_ kind: RecordKind) -> RecordList {
        // Children always follow their parent.
        let index = self.index
        return withChild { RecordList(child: $0, kind: kind, parent: Int32(index), lower: index + 1, upper: $0.records.count) }
    }

    /// Records of a kind anywhere inside this one (children, grandchildren …), in source
    /// order. A record's descendants follow it as one block: records are kept in the
    /// order their elements open.
    public func descendants(_ kind: RecordKind) -> RecordList {
        let me = Int32(index)
        var end = index + 1
        while end < child.records.count, child.recordBase[end].parent >= me { end += 1 }
        return RecordList(child: child, kind: kind, parent: -2, lower: index + 1, upper: end)
    }

    public var parent: RecordRef? {
        let p = child.recordBase[index].parent
        return p < 0 ? nil : RecordRef(child: child, index: Int(p))
    }

    /// `Child[12]/CINdetails[1]/ChildProtectionPlans[1]`.
    public var logicalPath: String {
        var parts: [String] = []
        var i = index
        while i >= 0 {
            let r = child.recordBase[i]
            // The root: the child's element or rows in its own source (`Child[12]`).
            if r.parent < 0 {
                parts.append("\(r.source.name)[\(r.ordinal)]")
                break
            }
            parts.append("\(r.source.name)[\(r.ordinal)]")
            i = Int(r.parent)
        }
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
            let r = child.recordBase[i]
            if r.parent < 0 { break }
            parts.append("\(r.source.name)[\(r.ordinal)]")
            i = Int(r.parent)
        }
        return parts.reversed().joined(separator: "/")
    }
}
