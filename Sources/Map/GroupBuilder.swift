import Model

/// Accumulates one child's (or the header's) records and fields. Fields of a record are
/// buffered until it closes so that each record's fields are contiguous.
struct GroupBuilder {
    private(set) var kind: RecordKind
    private(set) var source: Symbol
    private(set) var location: SourceLocation
    private(set) var ordinal: Int32
    private(set) var records: [Record] = []
    /// Closed records' fields. A row's record appends its fields here itself (no copy
    /// through a buffer), then `closeRecord` makes them a record. Moved into the child
    /// when it is finished, so the buffer's room is kept from one child to the next.
    let fields = FieldBuffer()
    /// Fields of the open records, innermost last; `open` says where each record's start.
    private let pending = FieldBuffer()
    private var open: [(index: Int32, pendingStart: Int)] = []
    /// Records of the root gathered from values scattered among the root's (`sideField`).
    private var side: [(record: Record, fields: [Field])] = []

    /// `records` and `fields`: room to reserve (a CIN child has a few dozen fields; a row
    /// fragment about as many as its row has cells).
    init(kind: RecordKind, source: Symbol, location: SourceLocation, agency: Agency, ordinal: Int32,
         records recordRoom: Int = 8, fields fieldRoom: Int = 32) {
        self.kind = kind
        self.source = source
        self.location = location
        self.ordinal = ordinal
        records.reserveCapacity(recordRoom)
        fields.reserve(fieldRoom)
        records.append(Record(kind: kind, source: source, parent: -1, ordinal: ordinal, location: location, agency: agency))
        open.append((0, 0))
    }

    /// Starts another group in this builder, keeping its working buffers' room.
    mutating func reset(kind: RecordKind, source: Symbol, location: SourceLocation, agency: Agency, ordinal: Int32,
                        records recordRoom: Int, fields fieldRoom: Int) {
        self.kind = kind
        self.source = source
        self.location = location
        self.ordinal = ordinal
        records.removeAll(keepingCapacity: true)
        records.reserveCapacity(recordRoom)
        fields.removeAll()
        fields.reserve(fieldRoom)
        pending.removeAll()
        open.removeAll(keepingCapacity: true)
        side.removeAll(keepingCapacity: true)
        records.append(Record(kind: kind, source: source, parent: -1, ordinal: ordinal, location: location, agency: agency))
        open.append((0, 0))
    }

    /// The LA child id, once read.
    var childID: String? {
        for i in 0..<fields.count where fields.key(at: i) == .laChildID { return fields[i].text }
        for i in 0..<pending.count where pending.key(at: i) == .laChildID { return pending[i].text }
        return nil
    }

    /// The path of the innermost open record inside the child (`CINdetails[1]/Assessments[2]`).
    var recordPath: String {
        open.dropFirst().map { "\(records[Int($0.index)].source.name)[\(records[Int($0.index)].ordinal)]" }
            .joined(separator: "/")
    }

    mutating func open(kind: RecordKind, source: Symbol, ordinal: Int32, location: SourceLocation, agency: Agency) {
        let parent = open.last?.index ?? 0
        records.append(Record(kind: kind, source: source, parent: parent, ordinal: ordinal, location: location, agency: agency))
        open.append((Int32(records.count - 1), pending.count))
    }

    func hasPendingField(_ key: FieldKey) -> Bool {
        guard let start = open.last?.pendingStart else { return false }
        var i = start
        while i < pending.count {
            if pending.key(at: i) == key { return true }
            i += 1
        }
        return false
    }

    mutating func add(_ field: consuming Field) {
        pending.append(field)
    }

    mutating func close() {
        guard let (index, start) = open.popLast() else { return }
        records[Int(index)].fieldStart = Int32(fields.count)
        pending.moveFields(from: start, into: fields)
        records[Int(index)].fieldEnd = Int32(fields.count)
    }

    /// True when the root record already holds `key` with this text (rows of one child
    /// repeat its identifiers; they are kept once).
    func rootHas(_ key: FieldKey, _ text: String) -> Bool {
        let end = open.count > 1 ? open[1].pendingStart : pending.count
        var i = 0
        while i < end {
            if pending.key(at: i) == key && pending[i].text == text { return true }
            i += 1
        }
        return false
    }

    /// Adds a whole record under the root whose fields are `fields[start...]`, appended
    /// by the caller since no other record was open (a row's record).
    mutating func closeRecord(kind: RecordKind, source: Symbol, ordinal: Int32, location: SourceLocation, agency: Agency,
                              fieldsFrom start: Int) {
        records.append(Record(kind: kind, source: source, parent: 0, ordinal: ordinal, location: location, agency: agency,
                              fieldStart: Int32(start), fieldEnd: Int32(fields.count)))
    }

    /// Adds a field to the root record (the person) whatever record is open.
    mutating func addToRoot(_ field: Field) {
        guard open.count > 1 else {
            pending.append(field)
            return
        }
        pending.insert(field, at: open[1].pendingStart)
        for i in 1..<open.count { open[i].pendingStart += 1 }
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
        return records.withUnsafeBufferPointer { records in
            fields.moveAll { Child.make(records: records, movingFields: $0, location: location, ordinal: ordinal, source: source) }
        }
    }
}

/// Fields in storage of their own, so that they move rather than copy: closing a record
/// moves its pending fields to the closed ones, and finishing a child moves those into it
/// (copies retained each text, then released the originals, for every field of a return).
/// Owned by one `GroupBuilder`; a copy of the builder (taken only to read it, for a
/// message) shares it.
final class FieldBuffer {
    private(set) var count = 0
    private var capacity: Int
    private var base: UnsafeMutablePointer<Field>

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    subscript(i: Int) -> Field { base[i] }

    /// The key of field `i`, read without copying the field.
    func key(at i: Int) -> FieldKey { base[i].key }

    func append(_ field: consuming Field) {
        if count == capacity { grow() }
        (base + count).initialize(to: field)
        count += 1
    }

    func insert(_ field: consuming Field, at i: Int) {
        precondition(i >= 0 && i <= count)
        if count == capacity { grow() }
        (base + i + 1).moveInitialize(from: base + i, count: count - i)
        (base + i).initialize(to: field)
        count += 1
    }

    func append(contentsOf fields: [Field]) {
        for f in fields { append(f) }
    }

    /// Moves fields `start...` to the end of `other`, leaving `start` here.
    func moveFields(from start: Int, into other: FieldBuffer) {
        precondition(start >= 0 && start <= count)
        other.reserve(other.count + count - start)
        (other.base + other.count).moveInitialize(from: base + start, count: count - start)
        other.count += count - start
        count = start
    }

    /// Hands every field to `body` to move out (it must leave each slot uninitialized),
    /// leaving the buffer empty.
    func moveAll<R>(_ body: (UnsafeMutableBufferPointer<Field>) -> R) -> R {
        let n = count
        count = 0
        return body(UnsafeMutableBufferPointer(start: base, count: n))
    }

    /// The index of the first field with `key` from `start` on (`count` when there is none).
    func firstIndex(of key: FieldKey, from start: Int = 0) -> Int {
        var i = start
        while i < count, base[i].key != key { i += 1 }
        return i
    }

    /// Makes room for `total` fields.
    func reserve(_ total: Int) {
        while capacity < total { grow() }
    }

    func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }

    private func grow() {
        let bigger = UnsafeMutablePointer<Field>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}
