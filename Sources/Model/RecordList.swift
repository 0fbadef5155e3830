/// A child's records of one kind (optionally only those directly inside one record),
/// in source order, found by walking the child's records as they are asked for.
///
/// Rules ask every child for its records of a kind, about a hundred times per child; a
/// view allocates nothing, where an array of `RecordRef`s was made and freed each time.
/// Its index is a record's position in `Child.records` (a `ChildPosition`).
public struct RecordList: BidirectionalCollection, Sendable {
    public typealias Index = ChildPosition

    /// The child, unretained (see `RecordRef`): a view lives only while its child is held.
    @usableFromInline let owner: Unmanaged<Child>
    @usableFromInline let kind: RecordKind
    /// Only records whose parent is this record, or any when -2.
    @usableFromInline let parent: Int32
    /// The records searched: `lower..<upper` of `child.records`.
    @usableFromInline let lower: Int
    @usableFromInline let upper: Int
    public let startIndex: Index

    @inlinable
    init(child: Child, kind: RecordKind, parent: Int32, lower: Int, upper: Int) {
        owner = .passUnretained(child)
        self.kind = kind
        self.parent = parent
        self.lower = lower
        self.upper = upper
        startIndex = Index(RecordList.next(child.recordBase, kind, parent, from: lower, to: upper))
    }

    /// Every record of `kind`.
    @inlinable
    public init(_ child: Child, _ kind: RecordKind) {
        self.init(child: child, kind: kind, parent: -2, lower: 0, upper: child.records.count)
    }

    @inlinable
    static func matches(_ r: Record, _ kind: RecordKind, _ parent: Int32) -> Bool {
        r.kind == kind && (parent == -2 || r.parent == parent)
    }

    @inlinable
    static func next(_ records: UnsafePointer<Record>, _ kind: RecordKind, _ parent: Int32, from: Int, to upper: Int) -> Int {
        var i = from
        while i < upper, !matches(records[i], kind, parent) { i += 1 }
        return i
    }

    @inlinable public var endIndex: Index { Index(upper) }

    @inlinable
    public subscript(position: Index) -> RecordRef { RecordRef(owner: owner, index: position.position) }

    @inlinable
    public func index(after i: Index) -> Index {
        owner._withUnsafeGuaranteedRef { Index(RecordList.next($0.recordBase, kind, parent, from: i.position + 1, to: upper)) }
    }

    @inlinable
    public func index(before i: Index) -> Index {
        var j = i.position - 1
        owner._withUnsafeGuaranteedRef { child in
            while j >= lower, !RecordList.matches(child.recordBase[j], kind, parent) { j -= 1 }
        }
        precondition(j >= lower, "index before the first record of the list")
        return Index(j)
    }
}

/// The index of the views over a child's records and fields (`RecordList`, `FieldList`):
/// a position in `Child.records` or `Child.fields`, wrapped so that a view cannot be read
/// with a plain integer by mistake (`list[0]` is not its first element: use `first`).
public struct ChildPosition: Comparable, Sendable {
    @usableFromInline let position: Int
    @inlinable init(_ position: Int) { self.position = position }
    @inlinable public static func < (a: ChildPosition, b: ChildPosition) -> Bool { a.position < b.position }
}
