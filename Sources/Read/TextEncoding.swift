/// The character encodings agency exports arrive in. Legacy case-management systems
/// still write Windows-1252 ("ANSI") CSV; everything else is UTF-8.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"

    /// Decodes bytes. UTF-8 that is not valid is decoded with replacement characters;
    /// callers that must report it check `isValidUTF8` first.
    public func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        switch self {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .windows1252:
            if TextEncoding.isASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
            var s = String.UnicodeScalarView()
            for b in bytes { s.append(TextEncoding.windows1252Scalar(b)) }
            return String(s)
        }
    }

    /// Guesses the encoding of a file from its first bytes: UTF-8 when every non-ASCII
    /// sequence is valid UTF-8 (a sequence cut by the end of the sample counts as valid),
    /// else Windows-1252, whose text is almost never valid UTF-8 by accident.
    public static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> TextEncoding {
        firstInvalidUTF8(bytes, allowTruncatedEnd: true) == nil ? .utf8 : .windows1252
    }

    /// True when no byte is over 127, looked at eight at a time.
    public static func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return true }
        var i = 0, high: UInt64 = 0
        while i + 8 <= b.count {
            high |= UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            i += 8
        }
        while i < b.count {
            high |= UInt64(base[i])
            i += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// The offset of the first byte that does not start or continue a valid UTF-8
    /// sequence, or nil when all of it is valid.
    public static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool = false) -> Int? {
        var i = 0
        let n = b.count
        // ASCII, the most of any export, eight bytes at a time.
        if let base = b.baseAddress {
            while i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
        }
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let need: Int
            if c >= 0xC2 && c <= 0xDF { need = 1 } else if c >= 0xE0 && c <= 0xEF { need = 2 } else if c >= 0xF0 && c <= 0xF4 { need = 3 } else { return i }
            for k in 1...need {
                if i + k >= n { return allowTruncatedEnd ? nil : i }
                if b[i + k] & 0xC0 != 0x80 { return i }
            }
            i += need + 1
        }
        return nil
    }

    /// Windows-1252: Latin-1 except 0x80–0x9F, which hold typographic characters.
    static func windows1252Scalar(_ b: UInt8) -> Unicode.Scalar {
        if b < 0x80 || b >= 0xA0 { return Unicode.Scalar(b) }
        let high: [UInt32] = [
            0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
            0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
        ]
        return Unicode.Scalar(high[Int(b - 0x80)])!
    }
}

/// Supplies a file's bytes in chunks: from a file descriptor, or from memory for
/// examples and tests. Returns 0 at the end.
public struct ByteSource {
    let fill: (UnsafeMutableRawBufferPointer) throws -> Int

    public init(fill: @escaping (UnsafeMutableRawBufferPointer) throws -> Int) { self.fill = fill }

    /// Reads `bytes` from memory.
    public static func memory(_ bytes: [UInt8]) -> ByteSource {
        var offset = 0
        return ByteSource { buffer in
            let n = min(buffer.count, bytes.count - offset)
            if n > 0 {
                bytes.withUnsafeBytes { src in
                    buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<(offset + n)]))
                }
            }
            offset += n
            return n
        }
    }

    /// Opens `path` and calls `body` with a source reading it; the file is closed after.
    public static func file<T>(_ path: String, _ body: (ByteSource) throws -> T) throws -> T {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ReadError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        return try body(ByteSource { buffer in
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n < 0 { throw ReadError.cannotRead(path: path, reason: String(cString: strerror(errno))) }
            return n
        })
    }
}

#if canImport(Glibc)
import Glibc
#endif
