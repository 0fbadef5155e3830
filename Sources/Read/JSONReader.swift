import Model

/// A streaming, byte-level JSON reader (RFC 8259) that knows the line and column of every
/// key and value.
///
/// The file streams; each record (an element of the records array, or a line of JSON
/// Lines) is parsed whole into a `JSONNode`, so memory grows with the largest record,
/// not with the file. A record cut by the end of the buffer is parsed again once more
/// bytes are in. The first syntax error stops the reading at its exact position;
/// duplicate keys are reported and reading goes on.
public final class JSONReader {
    public static let chunkSize = 1 << 20

    /// Deeper nesting is refused rather than risking the stack on hostile input.
    private let maxDepth: Int
    /// The most bytes one record (or top-level value) may take in the buffer.
    private let maxRecordBytes: Int

    private unowned let handler: JSONHandler
    private let source: ByteSource
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity = JSONReader.chunkSize
    private var length = 0
    private var eof = false

    // The parse point and what is needed for its line and column.
    private var p = 0
    private var line: UInt32 = 1
    private var lineStart = 0
    private var continuation = 0
    private var depth = 0
    private var stopped = false
    private var scratch: [UInt8] = []
    /// Keys read lately, by a hash of their bytes: records repeat their keys, and reusing
    /// the `String` spares checking and copying the same bytes again for every record.
    /// Slot `i` holds a key of up to `keyRoom` bytes: its `String`, its length and (at
    /// `keyBytes + i * keyRoom`) its bytes.
    private var recentKeys = [String](repeating: "", count: JSONReader.keySlots)
    private var keyLengths = [Int](repeating: -1, count: JSONReader.keySlots)
    private let keyBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: JSONReader.keySlots * JSONReader.keyRoom)
    private static let keySlots = 64, keyRoom = 32
    /// Problems found in the step being parsed: delivered once it completes, so a step
    /// parsed again after a refill does not report twice.
    private var pending: [JSONProblem] = []

    private struct NeedMore: Error {}
    private struct Syntax: Error {
        var kind = JSONProblem.Kind.syntax
        let message: String
        let position: TextPosition
    }

    private init(source: ByteSource, handler: JSONHandler, limits: Limits) {
        maxDepth = limits.maxDepth
        maxRecordBytes = max(4 * limits.maxValueBytes, 64 * 1024)
        self.source = source
        self.handler = handler
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        buffer.deallocate()
        keyBytes.deallocate()
    }

    /// Reads the records of `source`. Throws only when the bytes cannot be read.
    public static func read(_ source: ByteSource, records: JSONRecords, handler: JSONHandler,
                            limits: Limits = .defaults) throws {
        let reader = JSONReader(source: source, handler: handler, limits: limits)
        do {
            try reader.run(records)
        } catch let e as Syntax {
            handler.problem(JSONProblem(kind: e.kind, message: e.message, position: e.position))
        }
    }

    // MARK: driving

    private func run(_ records: JSONRecords) throws {
        try step { try self.skipBOM() }
        switch records {
        case .lines:
            while !stopped {
                try step { try self.skipSpace() }
                if p >= length && eof { return }
                let node = try step { try self.value() }
                deliver(node)
            }
        case .array:
            try step { try self.skipSpace() }
            guard try peek() == UInt8(ascii: "[") else {
                throw syntaxHere("expected '[' to start the array of records")
            }
            try streamArray()
            try expectEnd()
        case .member(let path):
            try step { try self.skipSpace() }
            guard try peek() == UInt8(ascii: "{") else {
                throw syntaxHere("expected '{' to start the top-level object")
            }
            try streamObject(path: path, top: true)
            try expectEnd()
        }
    }

    private func deliver(_ node: JSONNode) {
        if !handler.record(node) { stopped = true }
    }

    /// Runs one parsing step; when the buffer ends before it does, rewinds, reads more
    /// and runs it again.
    private func step<T>(_ body: () throws -> T) throws -> T {
        while true {
            let saved = (p, line, lineStart, continuation, depth)
            pending.removeAll()
            do {
                let result = try body()
                for problem in pending { handler.problem(problem) }
                pending.removeAll()
                return result
            } catch is NeedMore {
                (p, line, lineStart, continuation, depth) = saved
                if length - p >= maxRecordBytes {
                    throw Syntax(kind: .tooLarge, message: "a record over \(maxRecordBytes) bytes long (a value far over the limit of \(maxRecordBytes / 4) bytes); the rest of the file is not read",
                                 position: position(at: p))
                }
                try refill()
            }
        }
    }

    private func refill() throws {
        if p > 0 {
            let keep = length - p
            buffer.update(from: buffer + p, count: keep)
            lineStart -= p
            length = keep
            p = 0
        }
        if length == capacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: buffer, count: length)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        let n = try source.fill(UnsafeMutableRawBufferPointer(start: buffer + length, count: capacity - length))
        if n == 0 { eof = true }
        length += n
    }

    /// Streams the elements of the array at the parse point as records.
    private func streamArray() throws {
        try step { try self.expect(UInt8(ascii: "[")) }
        try step { try self.skipSpace() }
        if try step({ try self.peek() }) == UInt8(ascii: "]") {
            p += 1
            return
        }
        while !stopped {
            let node = try step { try self.value() }
            deliver(node)
            if stopped { return }
            let c = try step { () throws -> UInt8 in
                try self.skipSpace()
                return try self.peek()
            }
            p += 1
            if c == UInt8(ascii: "]") { return }
            guard c == UInt8(ascii: ",") else {
                p -= 1
                throw syntaxHere("expected ',' or ']' after a record, found \(describe(c))")
            }
        }
    }

    /// Walks the top-level object (or one inside it on the path), streaming the records
    /// array and passing other members on whole.
    private func streamObject(path: [String], top: Bool) throws {
        try step { try self.expect(UInt8(ascii: "{")) }
        var seen: [String: TextPosition] = [:]
        var first = true
        var found = false
        while !stopped {
            let c = try step { () throws -> UInt8 in
                try self.skipSpace()
                return try self.peek()
            }
            if c == UInt8(ascii: "}") {
                p += 1
                if path.isEmpty && !found && top {
                    handler.problem(JSONProblem(kind: .syntax, message: "no member of the top-level object holds an array of records",
                                                position: position(at: p - 1)))
                }
                return
            }
            if !first {
                guard c == UInt8(ascii: ",") else { throw syntaxHere("expected ',' or '}' after a member, found \(describe(c))") }
                p += 1
            }
            first = false
            let (key, keyPosition) = try step { () throws -> (String, TextPosition) in
                try self.skipSpace()
                guard try self.peek() == UInt8(ascii: "\"") else {
                    throw self.syntaxHere("expected a key in double quotes, found \(self.describe(try self.peek()))")
                }
                let at = self.position(at: self.p)
                let k = try self.string()
                try self.skipSpace()
                try self.expect(UInt8(ascii: ":"))
                try self.skipSpace()
                _ = try self.peek()
                return (k, at)
            }
            if let earlier = seen[key] {
                handler.problem(JSONProblem(kind: .duplicateKey(first: earlier), message: "duplicate key '\(key)' in this object",
                                            position: keyPosition))
            } else {
                seen[key] = keyPosition
            }
            let next = buffer[p]
            let wanted = !found && (path.isEmpty ? next == UInt8(ascii: "[") : key == path[0])
            if wanted && (path.count <= 1) && next == UInt8(ascii: "[") {
                found = true
                try streamArray()
            } else if wanted && path.count > 1 && next == UInt8(ascii: "{") {
                found = true
                try streamObject(path: Array(path.dropFirst()), top: false)
            } else {
                let node = try step { try self.value() }
                if top { handler.topLevelMember(JSONMember(key: key, keyPosition: keyPosition, value: node)) }
            }
        }
    }

    private func expectEnd() throws {
        if stopped { return }
        try step { try self.skipSpace() }
        if p < length { throw syntaxHere("unexpected \(describe(buffer[p])) after the end of the document") }
    }

    // MARK: scanning

    /// The line and column of `offset` on the current line. The continuation count may
    /// already include bytes after `offset` (a string just scanned): never below column 1.
    @inline(__always) private func position(at offset: Int) -> TextPosition {
        TextPosition(line: line, column: UInt32(max(offset - lineStart - continuation + 1, 1)))
    }

    private func syntaxHere(_ message: String) -> Syntax {
        Syntax(message: message, position: position(at: p))
    }

    private func describe(_ c: UInt8) -> String {
        if c >= 0x21 && c < 0x7F { return "'\(Character(UnicodeScalar(c)))'" }
        switch c {
        case 10, 13: return "a line break"
        case 32, 9: return "a space"
        default: return "byte 0x\(String(c, radix: 16))"
        }
    }

    @inline(__always) private func peek() throws -> UInt8 {
        if p < length { return buffer[p] }
        if !eof { throw NeedMore() }
        throw Syntax(message: "unexpected end of file", position: position(at: p))
    }

    private func expect(_ c: UInt8) throws {
        let b = try peek()
        guard b == c else { throw syntaxHere("expected '\(Character(UnicodeScalar(c)))', found \(describe(b))") }
        p += 1
    }

    private func skipBOM() throws {
        if length < 3 && !eof { throw NeedMore() }
        if length >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            p = 3
            lineStart = 3
        }
    }

    /// Skips white space. Most tokens follow another directly (`"a":1,"b"`) or after one
    /// space (`"a": 1, "b"`): those are seen here, inlined, without a call.
    @inline(__always)
    private func skipSpace() throws {
        if p + 1 < length {
            let b = buffer[p]
            if b > 32 { return }
            if b == 32 && buffer[p + 1] > 32 { p += 1; return }
        }
        try skipSpaceSlow()
    }

    @inline(never)
    private func skipSpaceSlow() throws {
        while true {
            if p >= length {
                if eof { return }
                throw NeedMore()
            }
            switch buffer[p] {
            case 32, 9: p += 1
            case 10:
                p += 1
                line += 1
                lineStart = p
                continuation = 0
            case 13:
                p += 1
                if p >= length && !eof { throw NeedMore() }
                if p < length && buffer[p] == 10 { p += 1 }
                line += 1
                lineStart = p
                continuation = 0
            default: return
            }
        }
    }

    private func value() throws -> JSONNode {
        try skipSpace()
        let at = position(at: p)
        let c = try peek()
        switch c {
        case UInt8(ascii: "{"): return JSONNode(value: try object(), position: at)
        case UInt8(ascii: "["): return JSONNode(value: try array(), position: at)
        case UInt8(ascii: "\""): return JSONNode(value: .string(try string()), position: at)
        case UInt8(ascii: "t"): try literal("true"); return JSONNode(value: .bool(true), position: at)
        case UInt8(ascii: "f"): try literal("false"); return JSONNode(value: .bool(false), position: at)
        case UInt8(ascii: "n"): try literal("null"); return JSONNode(value: .null, position: at)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return JSONNode(value: .number(try number()), position: at)
        default: throw syntaxHere("expected a value, found \(describe(c))")
        }
    }

    private func literal(_ word: StaticString) throws {
        let start = p
        for i in 0..<word.utf8CodeUnitCount {
            let b = try peek()
            guard b == word.utf8Start[i] else {
                p = start
                throw syntaxHere("expected a value, found \(describe(buffer[start]))")
            }
            p += 1
        }
    }

    private func number() throws -> String {
        let start = p
        func digits() throws -> Int {
            var n = 0
            while true {
                if p >= length {
                    if eof { return n }
                    throw NeedMore()
                }
                let b = buffer[p]
                guard b >= 48 && b <= 57 else { return n }
                p += 1
                n += 1
            }
        }
        if try peek() == UInt8(ascii: "-") { p += 1 }
        let intStart = p
        let intDigits = try digits()
        if intDigits == 0 { throw syntaxHere("invalid number: expected a digit") }
        if intDigits > 1 && buffer[intStart] == UInt8(ascii: "0") {
            throw Syntax(message: "invalid number: a leading zero", position: position(at: intStart))
        }
        if try peekOrEnd() == UInt8(ascii: ".") {
            p += 1
            if try digits() == 0 { throw syntaxHere("invalid number: expected a digit after '.'") }
        }
        if let e = try peekOrEnd(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            p += 1
            if let s = try peekOrEnd(), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { p += 1 }
            if try digits() == 0 { throw syntaxHere("invalid number: expected a digit in the exponent") }
        }
        return String(decoding: UnsafeBufferPointer(start: buffer + start, count: p - start), as: UTF8.self)
    }

    /// The key with these bytes (no escapes in them), from `recentKeys` when it is there.
    private func key(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let n = bytes.count
        guard n > 0, n <= JSONReader.keyRoom else { return String(decoding: bytes, as: UTF8.self) }
        let slot = (n &* 31 &+ Int(bytes[0]) &* 7 &+ Int(bytes[n - 1])) & (JSONReader.keySlots - 1)
        let kept = keyBytes + slot * JSONReader.keyRoom
        if keyLengths[slot] == n && JSONReader.same(kept, bytes.baseAddress!, n) { return recentKeys[slot] }
        let s = String(decoding: bytes, as: UTF8.self)
        kept.update(from: bytes.baseAddress!, count: n)
        keyLengths[slot] = n
        recentKeys[slot] = s
        return s
    }

    /// Whether `n` bytes (1 to `keyRoom`) at `a` and `b` are the same, compared a word at
    /// a time (a last, partial word is read overlapping the one before).
    @inline(__always)
    static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        if n < 8 {
            var i = 0
            while i < n && a[i] == b[i] { i += 1 }
            return i == n
        }
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var i = 0
        while i + 8 <= n {
            if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        return i == n || ra.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == rb.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
    }

    private func peekOrEnd() throws -> UInt8? {
        if p < length { return buffer[p] }
        if eof { return nil }
        throw NeedMore()
    }

    /// The bytes of `w` that are a quote, a backslash or a control character, as the high bit
    /// of each (the bit tricks find a zero byte, or one below 0x20, in every byte at once).
    /// Only the lowest is sure to be one: a borrow may mark the bytes above it too.
    @inline(__always)
    static func stops(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func zeros(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        return zeros(w ^ (ones &* 0x22)) | zeros(w ^ (ones &* 0x5C)) | ((w &- ones &* 0x20) & ~w & highs)
    }

    /// How many of the eight bytes in `w` continue a UTF-8 sequence (10xxxxxx). Counted
    /// only when some byte is not ASCII: without a population-count instruction in the
    /// baseline, counting costs more than the rest of the scan.
    @inline(__always)
    static func continuationBytes(_ w: UInt64) -> Int {
        let high = w & 0x8080_8080_8080_8080
        return high == 0 ? 0 : (high & ~(w << 1)).nonzeroBitCount
    }

    /// `interned`: look the text up among recent keys before making a `String` of it.
    private func string(interned: Bool = false) throws -> String {
        let open = p
        // The opening quote's position, worked out only for an error (a string holds no
        // line break, so the line is still this one).
        let continuationAtOpen = continuation
        func endOfFile() -> Syntax {
            let column = UInt32(max(open - lineStart - continuationAtOpen + 1, 1))
            return Syntax(message: "unexpected end of file inside a string that starts here", position: TextPosition(line: line, column: column))
        }
        p += 1  // the opening quote
        let start = p
        // Fast path: no escapes. Locals keep the loop free of property accesses. Eight bytes
        // at a time while none of them ends the run (most of a JSON export is string bytes).
        let base = buffer, end = length
        var q = p, cont = 0
        while q + 8 <= end {
            let w = UnsafeRawPointer(base + q).loadUnaligned(as: UInt64.self)
            let stops = JSONReader.stops(w)
            if stops != 0 {
                // The first stop is the byte `at`; the bytes before it are the string's.
                let at = stops.trailingZeroBitCount / 8
                if at > 0 { cont += JSONReader.continuationBytes(w & (UInt64.max >> (64 - 8 * at))) }
                q += at
                break
            }
            cont += JSONReader.continuationBytes(w)
            q += 8
        }
        while q < end {
            let b = base[q]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
            if b & 0xC0 == 0x80 { cont += 1 }
            q += 1
        }
        p = q
        continuation += cont
        if p >= length {
            if eof { throw endOfFile() }
            throw NeedMore()
        }
        let b = buffer[p]
        if b == UInt8(ascii: "\"") {
            let bytes = UnsafeBufferPointer(start: buffer + start, count: p - start)
            p += 1
            return interned ? key(bytes) : String(decoding: bytes, as: UTF8.self)
        }
        if b < 0x20 {
            throw syntaxHere(b == 10 || b == 13 ? "a line break inside a string (write it as \\n)" : "a control character inside a string")
        }
        // Slow path: unescape into scratch.
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: buffer + start, count: p - start))
        while true {
            if p >= length {
                if eof { throw endOfFile() }
                throw NeedMore()
            }
            let b = buffer[p]
            if b == UInt8(ascii: "\"") {
                p += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if b < 0x20 {
                throw syntaxHere(b == 10 || b == 13 ? "a line break inside a string (write it as \\n)" : "a control character inside a string")
            }
            if b != UInt8(ascii: "\\") {
                if b & 0xC0 == 0x80 { continuation += 1 }
                scratch.append(b)
                p += 1
                continue
            }
            if p + 1 >= length {
                if eof { throw endOfFile() }
                throw NeedMore()
            }
            let e = buffer[p + 1]
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(e)
            case UInt8(ascii: "b"): scratch.append(8)
            case UInt8(ascii: "f"): scratch.append(12)
            case UInt8(ascii: "n"): scratch.append(10)
            case UInt8(ascii: "r"): scratch.append(13)
            case UInt8(ascii: "t"): scratch.append(9)
            case UInt8(ascii: "u"):
                var scalar = try hex4(at: p + 2)
                var used = 6
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    // A surrogate pair: \uD83D\uDE00.
                    if p + 12 > length && !eof { throw NeedMore() }
                    if p + 12 <= length, buffer[p + 6] == UInt8(ascii: "\\"), buffer[p + 7] == UInt8(ascii: "u") {
                        let low = try hex4(at: p + 8)
                        if low >= 0xDC00 && low < 0xE000 {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            used = 12
                        }
                    }
                }
                let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                scratch.append(contentsOf: Array(String(u).utf8))
                p += used
                continue
            default:
                throw syntaxHere("invalid escape '\\\(Character(UnicodeScalar(e)))' in a string")
            }
            p += 2
        }
    }

    private func hex4(at i: Int) throws -> UInt32 {
        if i + 4 > length {
            if eof { throw Syntax(message: "unexpected end of file in a \\u escape", position: position(at: p)) }
            throw NeedMore()
        }
        var v: UInt32 = 0
        for k in 0..<4 {
            let b = buffer[i + k]
            let d: UInt8
            switch b {
            case 48...57: d = b - 48
            case 65...70: d = b - 55
            case 97...102: d = b - 87
            default: throw syntaxHere("invalid \\u escape: expected four hexadecimal digits")
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    private func enter() throws {
        depth += 1
        if depth > maxDepth {
            throw Syntax(kind: .tooDeep, message: "values are nested more than \(maxDepth) deep (the limit); the rest of the file is not read",
                         position: position(at: p))
        }
    }

    private func array() throws -> JSONValue {
        try enter()
        p += 1
        var items: [JSONNode] = []
        try skipSpace()
        if try peek() == UInt8(ascii: "]") {
            p += 1
            depth -= 1
            return .array(items)
        }
        while true {
            items.append(try value())
            try skipSpace()
            let c = try peek()
            if c == UInt8(ascii: "]") { p += 1; break }
            guard c == UInt8(ascii: ",") else { throw syntaxHere("expected ',' or ']' in an array, found \(describe(c))") }
            p += 1
            try skipSpace()
            if try peek() == UInt8(ascii: "]") { throw syntaxHere("a comma before ']' (trailing commas are not JSON)") }
        }
        depth -= 1
        return .array(items)
    }

    private func object() throws -> JSONValue {
        try enter()
        p += 1
        var members: [JSONMember] = []
        members.reserveCapacity(16)
        var keys: UInt64 = 0
        try skipSpace()
        if try peek() == UInt8(ascii: "}") {
            p += 1
            depth -= 1
            return .object(members)
        }
        while true {
            try skipSpace()
            let q = try peek()
            guard q == UInt8(ascii: "\"") else {
                throw syntaxHere(q == UInt8(ascii: "}") ? "a comma before '}' (trailing commas are not JSON)"
                                                        : "expected a key in double quotes, found \(describe(q))")
            }
            let keyAt = position(at: p)
            let key = try string(interned: true)
            try skipSpace()
            let colon = try peek()
            guard colon == UInt8(ascii: ":") else { throw syntaxHere("expected ':' after the key, found \(describe(colon))") }
            p += 1
            let v = try value()
            // An earlier key of the same length and first byte sets the same bit of `keys`:
            // only then are the earlier keys compared (most objects have no duplicate).
            let bit: UInt64 = 1 << UInt64((key.utf8.count &* 31 &+ Int(key.utf8.withContiguousStorageIfAvailable { $0.first ?? 0 } ?? 0)) & 63)
            defer { keys |= bit }
            if keys & bit != 0, let earlier = members.first(where: { $0.key == key }) {
                pending.append(JSONProblem(kind: .duplicateKey(first: earlier.keyPosition),
                                           message: "duplicate key '\(key)' in this object; the first is used", position: keyAt))
            } else {
                members.append(JSONMember(key: key, keyPosition: keyAt, value: v))
            }
            try skipSpace()
            let c = try peek()
            if c == UInt8(ascii: "}") { p += 1; break }
            guard c == UInt8(ascii: ",") else { throw syntaxHere("expected ',' or '}' in an object, found \(describe(c))") }
            p += 1
        }
        depth -= 1
        return .object(members)
    }
}
