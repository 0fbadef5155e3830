import Read

/// A byte source over fuzz input that hands out the bytes in pieces (their size taken from
/// the first byte: 4 to 64 KiB), so the readers' refill and record-split paths are
/// fuzzed too, not only whole-buffer parsing. (Pieces of a few bytes would make the
/// readers re-scan a long record once per piece; real files arrive a megabyte at a time.)
public func chunkedSource(_ data: UnsafePointer<UInt8>?, _ size: Int) -> (source: ByteSource, bytes: [UInt8]) {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let step = 4096 * (1 + Int(bytes.first ?? 0) % 16)
    var offset = 0
    let source = ByteSource { buffer in
        let n = min(step, buffer.count, bytes.count - offset)
        if n > 0 {
            bytes.withUnsafeBytes { src in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<(offset + n)]))
            }
        }
        offset += n
        return n
    }
    return (source, bytes)
}
