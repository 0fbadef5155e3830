/// A growable byte buffer for text being collected while reading, reused for every value:
/// clearing it is setting a count, and it hands out its bytes without copying.
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
        if _count + bytes.count > capacity {
            var grown = capacity * 2
            while grown < _count + bytes.count { grown *= 2 }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            bigger.update(from: storage, count: _count)
            storage.deallocate()
            storage = bigger
            capacity = grown
        }
        (storage + _count).update(from: base, count: bytes.count)
        _count += bytes.count
    }

    /// The bytes in `range`, valid until the buffer next changes.
    @inlinable public func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: storage + range.lowerBound, count: range.count)
    }
}
