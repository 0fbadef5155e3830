/// The fields of one record with one key (a repeating field such as disabilities or
/// assessment factors), in source order, read in place.
///
/// Several rules ask each assessment for its factors and each child for its
/// disabilities; a view copies no field and allocates nothing, where an array of the
/// fields was made and freed each time.
/// Its index is a field's position in `Child.fields` (a `ChildPosition`).
public struct FieldList: BidirectionalCollection, Sendable {
    public typealias Index = ChildPosition

    /// The child, unretained (see `RecordRef`): a view lives only while its child is held.
    @usableFromInline let owner: Unmanaged<Child>
    @usableFromInline let key: FieldKey
    /// The fields searched: the record's range of `child.fields`.
    @usableFromInline let lower: Int
    @usableFromInline let upper: Int
    public let startIndex: Index

    @inlinable
    public init(_ child: Child, record: Record, key: FieldKey) {
        owner = .passUnretained(child)
        self.key = key
        lower = Int(record.fieldStart)
        upper = Int(record.fieldEnd)
        startIndex = Index(FieldList.next(child.fieldBase, key, from: lower, to: upper))
    }

    @inlinable
    static func next(_ fields: UnsafePointer<Field>, _ key: FieldKey, from: Int, to upper: Int) -> Int {
        var i = from
        while i < upper, fields[i].key != key { i += 1 }
        return i
    }

    @inlinable public var endIndex: Index { Index(upper) }

    @inlinable
    public subscript(position: Index) -> Field {
        precondition(position.position >= lower && position.position < upper, "index out of range")
        return owner._withUnsafeGuaranteedRef { $0.fieldBase[position.position] }
    }

    @inlinable
    public func index(after i: Index) -> Index {
        owner._withUnsafeGuaranteedRef { Index(FieldList.next($0.fieldBase, key, from: i.position + 1, to: upper)) }
    }

    @inlinable
    public func index(before i: Index) -> Index {
        var j = i.position - 1
        owner._withUnsafeGuaranteedRef { child in
            while j >= lower, child.fieldBase[j].key != key { j -= 1 }
        }
        precondition(j >= lower, "index before the first field of the list")
        return Index(j)
    }
}
