/// A list that grows by chunks of a fixed size, so that appending never moves what it
/// already holds.
///
/// An array that doubles copies all its elements into fresh memory each time: for a large
/// file's millions of fragment identities that was a stall of half a second on the thread
/// collecting them, with every thread that hands it children waiting. Here each chunk is
/// allocated once and filled; every chunk but the last is full, so an index is found by
/// a shift and a mask.
public struct ChunkedList<Element>: RandomAccessCollection, MutableCollection {
    /// 16,384 elements a chunk: about a megabyte of identities.
    @inlinable static var shift: Int { 14 }
    @inlinable static var mask: Int { (1 << shift) - 1 }

    @usableFromInline var chunks: [[Element]] = []
    @usableFromInline var _count = 0
    @inlinable public var count: Int { _count }

    @inlinable public init() {}

    @inlinable
    public init<S: Sequence>(_ elements: S) where S.Element == Element {
        for e in elements { append(e) }
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }

    @inlinable
    public subscript(position: Int) -> Element {
        // Read in place: an element's own members are read without copying it whole.
        _read { yield chunks[position >> Self.shift][position & Self.mask] }
        _modify { yield &chunks[position >> Self.shift][position & Self.mask] }
    }

    // Inlinable, as every member here: specialised for its element where it is used.
    @inlinable
    public mutating func append(_ element: Element) {
        if _count & Self.mask == 0 { addChunk() }
        // Through the buffer: the outer array's accessor costs more than the append.
        chunks.withUnsafeMutableBufferPointer { $0[$0.count - 1].append(element) }
        _count += 1
    }

    /// The first chunk grows as an array does (most lists are a small file's); the others
    /// are made at their full size.
    @inlinable
    mutating func addChunk() {
        var chunk: [Element] = []
        if !chunks.isEmpty { chunk.reserveCapacity(1 << Self.shift) }
        chunks.append(chunk)
    }

    /// Appends another list: its chunks are taken as they are when this list's last chunk
    /// is full (always, for the first list appended to an empty one), else copied.
    @inlinable
    public mutating func append(contentsOf other: ChunkedList) {
        if _count & Self.mask == 0 {
            chunks += other.chunks
            _count += other.count
        } else {
            for e in other { append(e) }
        }
    }
}

extension ChunkedList: Sendable where Element: Sendable {}
