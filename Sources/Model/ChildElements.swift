/// A child's records or fields, read in place from the child's own storage (`Child`).
///
/// Holds the child, so a view kept after the child's last other use stays valid; the
/// hottest readers (`RecordRef`, `RecordList`, `FieldList`) read through the child's base
/// pointers instead, unretained.
public struct ChildElements<Element>: RandomAccessCollection, @unchecked Sendable {
    @usableFromInline let owner: Child
    @usableFromInline let base: UnsafePointer<Element>
    public let count: Int

    @inlinable
    init(_ owner: Child, _ base: UnsafePointer<Element>, _ count: Int) {
        self.owner = owner
        self.base = base
        self.count = count
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }

    @inlinable
    public subscript(i: Int) -> Element {
        precondition(i >= 0 && i < count, "index out of range")
        return base[i]
    }

    /// Runs `body` on the elements in place.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }
}
