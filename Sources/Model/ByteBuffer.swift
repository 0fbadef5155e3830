/// A growable byte buffer: for text being collected while reading (reused for every value:
/// clearing it is setting a count, and it hands out its bytes without copying), and for a
/// report being written (an array's appends check its uniqueness and capacity each time).
public final class ByteBuffer {
    @usableFromInline var storage: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    @usableFromInline var _count = 0
    @inlinable public var count: Int { _count }

    public init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    @inlinable public var isEmpty: Bool { _count == 0 }

    @inlinable public func removeAll() { _count = 0 }

    @inlinable public subscript(i: Int) -> UInt8 { storage[i] }

    public func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        if _count + bytes.count > capacity { grow(to: _count + bytes.count) }
        (storage + _count).update(from: base, count: bytes.count)
        _count += bytes.count
    }

    @inlinable public func append(_ byte: UInt8) {
        if _count == capacity { grow(to: _count + 1) }
        storage[_count] = byte
        _count += 1
    }

    /// Appends `count` copies of `byte`.
    public func append(_ byte: UInt8, count: Int) {
        guard count > 0 else { return }
        if _count + count > capacity { grow(to: _count + count) }
        (storage + _count).update(repeating: byte, count: count)
        _count += count
    }

    @usableFromInline func grow(to needed: Int) {
        var grown = capacity * 2
        while grown < needed { grown *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        bigger.update(from: storage, count: _count)
        storage.deallocate()
        storage = bigger
        capacity = grown
    }

    /// Every byte so far as text (invalid UTF-8 repaired).
    public var text: String { String(decoding: bytes(0..<_count), as: UTF8.self) }

    /// The bytes in `range`, valid until the buffer next changes.
    @inlinable public func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: storage + range.lowerBound, count: range.count)
    }
}
