import Model
#if canImport(Glibc)
import Glibc
#endif

/// Reads the plain XML that exports are — UTF-8 or US-ASCII, with or without a byte-order
/// mark, LF or CR LF line ends; elements and attributes with ASCII names; text, comments,
/// the five predefined entities and character references — and hands its elements to an
/// `XMLEventHandler`, for well under half the cost of libxml2's push parser, which was the
/// costliest step of a census run.
///
/// At the first thing it does not know (a DOCTYPE, CDATA, a namespace prefix, another
/// encoding, a processing instruction) and at anything malformed, it stops and says how far
/// it got. `XMLReader` then has libxml2 read the file from the start, skipping the events
/// already handed on. So what is accepted, and every message about malformed XML, stay
/// libxml2's. The scanner must never accept what libxml2 rejects, and must report
/// libxml2's positions: the tests (and `FuzzXML`) compare the two on every fixture and on
/// generated documents.
final class XMLScanner {
    /// What the scanner handed on before it gave up: start and end tags, then the bytes of
    /// text after the last of them. libxml2 hands on the same, as it reads the same bytes.
    struct Progress: Equatable {
        var tags = 0
        var textBytes = 0
    }

    enum Outcome: Equatable {
        /// The document was read to its end and is well-formed.
        case finished
        case unsupported(Progress)
    }

    private enum Status { case more, done, unsupported }
    private enum Place { case prolog, content, epilog }

    private let handler: XMLEventHandler
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// Bytes in `buffer`, and where scanning stands in it.
    private var filled = 0
    private var pos = 0
    /// The offset in the file of `buffer[0]`.
    private var base = 0
    private var place = Place.prolog
    /// The length of the UTF-8 byte-order mark the file starts with (0 or 3).
    private var byteOrderMark = 0
    /// Declared `us-ascii`: a byte over 127 is an error, left to libxml2.
    private var asciiOnly = false
    private var progress = Progress()

    /// Line, the file offset where it starts, and the UTF-8 continuation bytes on it so far:
    /// a column counts characters.
    private var line: UInt32 = 1
    private var lineStart = 0
    private var continuations = 0

    /// Open elements, innermost last; at most `deepest`, the depth limit (or 1024): a
    /// deeper element goes to libxml2, and `XMLReader` reports it at the limit.
    private let open: UnsafeMutablePointer<ElementNames.Entry>
    private var depth = 0
    private let deepest: Int
    private var names = ElementNames()
    /// Where the current start tag's attribute names are, to find a repeated one.
    private let attributes: UnsafeMutablePointer<(start: Int, length: Int)>
    private static let mostAttributes = 32
    /// Each byte's classes (`Byte`), looked up once per byte.
    private let classes: UnsafeMutablePointer<UInt8>

    /// Longest name or text run read here; longer ones go to libxml2 with its own limits.
    private static let longestName = 1000
    private static let longestText = 1 << 20

    init(handler: XMLEventHandler, maxDepth: Int, chunkSize: Int) {
        self.handler = handler
        capacity = chunkSize
        buffer = .allocate(capacity: chunkSize)
        deepest = min(maxDepth, 1024)
        open = .allocate(capacity: deepest + 1)
        attributes = .allocate(capacity: XMLScanner.mostAttributes)
        classes = .allocate(capacity: 256)
        for c in 0..<256 {
            let b = UInt8(c)
            let letter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
            let nameStart = letter || b == UInt8(ascii: "_")
            let nameChar = nameStart || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
            let plain = b >= 0x20 && b < 0x80 && b != UInt8(ascii: "<") && b != UInt8(ascii: "&") && b != UInt8(ascii: "]")
            classes[c] = (plain ? Byte.plainText : 0) | (nameStart ? Byte.nameStart : 0) | (nameChar ? Byte.nameChar : 0)
        }
    }

    deinit {
        buffer.deallocate()
        open.deallocate()
        attributes.deallocate()
        classes.deallocate()
        names.deallocate()
    }

    /// Classes of bytes.
    private enum Byte {
        /// Text that needs no look at: printable ASCII but `<`, `&` and `]`.
        static let plainText: UInt8 = 1
        /// ASCII name characters (a name with others is left to libxml2).
        static let nameStart: UInt8 = 2
        static let nameChar: UInt8 = 4
    }

    @inline(__always) private func isNameStart(_ c: UInt8) -> Bool { classes[Int(c)] & Byte.nameStart != 0 }
    @inline(__always) private func isNameChar(_ c: UInt8) -> Bool { classes[Int(c)] & Byte.nameChar != 0 }

    /// Reads the document `fill` supplies (it fills the buffer it is given and returns the
    /// number of bytes, 0 at the end).
    func run(fill: (UnsafeMutablePointer<UInt8>, Int) throws -> Int) rethrows -> Outcome {
        var eof = false
        while true {
            // Keep what is not yet read; fill the rest.
            if pos > 0 {
                buffer.update(from: buffer + pos, count: filled - pos)
                filled -= pos
                base += pos
                pos = 0
            }
            if !eof {
                if filled == capacity { return .unsupported(progress) }  // one token fills the buffer
                let n = try fill(buffer + filled, capacity - filled)
                if n == 0 { eof = true } else { filled += n }
            }
            if base == 0 && filled == 0 { return .unsupported(progress) }  // empty: libxml2 says so
            switch scan(eof: eof) {
            case .done: return .finished
            case .unsupported: return .unsupported(progress)
            case .more: if eof { return .unsupported(progress) }
            }
        }
    }

    // MARK: scanning

    @inline(__always) private func position(_ i: Int) -> TextPosition {
        TextPosition(line: line, column: UInt32(truncatingIfNeeded: 1 + base + i - lineStart - continuations))
    }

    @inline(__always) private func newline(at i: Int) {
        line += 1
        lineStart = base + i + 1
        continuations = 0
    }

    /// Scans from `pos` as far as the buffer's complete tokens go.
    private func scan(eof: Bool) -> Status {
        let b = buffer, end = filled
        var i = pos
        if base + i == 0 && place == .prolog {
            // A UTF-8 byte-order mark, as Windows programs write: not counted as a column.
            guard end >= 3 || eof else { return .more }
            if end >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
                byteOrderMark = 3
                lineStart = 3
                i = 3
            }
        }
        while true {
            if place == .content {
                var from = i
                // Indentation, up to a tag: handed on as such.
                while i < end {
                    let c = b[i]
                    if c == 32 {
                        // Spaces eight at a time: to the first byte that is not one.
                        if i + 8 <= end {
                            let x = UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) ^ 0x2020_2020_2020_2020
                            i += x == 0 ? 8 : x.trailingZeroBitCount >> 3
                        } else {
                            i += 1
                        }
                    } else if c == 10 {
                        newline(at: i)
                        i += 1
                    } else if c == 9 {
                        i += 1
                    } else {
                        break
                    }
                }
                if i > from && i + 1 < end && b[i] == UInt8(ascii: "<") && (b[i + 1] == UInt8(ascii: "/") || isNameStart(b[i + 1])) {
                    handler.blankBeforeTag(UnsafeBufferPointer(start: b + from, count: i - from))
                    progress.textBytes += i - from
                    from = i
                }
                while i < end {
                    let c = b[i]
                    if classes[Int(c)] & Byte.plainText != 0 {
                        i += 1
                        continue
                    }
                    if c == 10 { newline(at: i); i += 1; continue }
                    if c == 9 { i += 1; continue }
                    if c == UInt8(ascii: "<") { break }
                    if c == 13 {
                        // A line break written CR LF, or CR alone, is a line feed in the text;
                        // libxml2 counts the CR as a column, as any character.
                        emitText(from, i)
                        guard i + 1 < end else { pos = i; return .more }
                        if b[i + 1] != 10 { emitLineFeed() }
                        i += 1
                        from = i
                        continue
                    }
                    if c == UInt8(ascii: "&") {
                        emitText(from, i)
                        let (status, next) = reference(at: i, end: end, eof: eof)
                        if status != .done { pos = i; return status }
                        i = next
                        from = i
                        continue
                    }
                    if c == UInt8(ascii: "]") {
                        // `]]>` may not appear in text.
                        if i + 2 >= end && !eof { emitText(from, i); pos = i; return .more }
                        if i + 2 < end && b[i + 1] == UInt8(ascii: "]") && b[i + 2] == UInt8(ascii: ">") { return .unsupported }
                        i += 1
                        continue
                    }
                    if c >= 0x80 {
                        let n = sequenceLength(b, i, end)
                        if n == 0 {
                            if !eof && end - i < 4 { emitText(from, i); pos = i; return .more }
                            return .unsupported
                        }
                        continuations += n - 1
                        i += n
                        continue
                    }
                    return .unsupported  // a control character
                }
                emitText(from, i)
                if progress.textBytes > XMLScanner.longestText { return .unsupported }
                if i == end { pos = i; return .more }
            } else {
                // Outside the root only white space and markup.
                while i < end {
                    let c = b[i]
                    // (libxml2 counts a carriage return as a column, as any character.)
                    if c == 32 || c == 9 || c == 13 { i += 1; continue }
                    if c == 10 { newline(at: i); i += 1; continue }
                    if c == UInt8(ascii: "<") { break }
                    return .unsupported
                }
                if i == end {
                    pos = i
                    return eof && place == .epilog ? .done : .more
                }
            }
            // At a '<'. A token is read whole or not at all: on running out of bytes, the
            // line count goes back to the '<' and the token is read again after a refill.
            let saved = (line, lineStart, continuations)
            let (status, next) = markup(at: i, end: end)
            if status != .done {
                (line, lineStart, continuations) = saved
                pos = i
                return status
            }
            i = next
        }
    }

    /// A lone carriage return's line feed.
    private func emitLineFeed() {
        var lf: UInt8 = 10
        withUnsafePointer(to: &lf) { handler.characters(UnsafeBufferPointer(start: $0, count: 1)) }
        progress.textBytes += 1
    }

    @inline(__always) private func emitText(_ from: Int, _ to: Int) {
        guard to > from else { return }
        handler.characters(UnsafeBufferPointer(start: buffer + from, count: to - from))
        progress.textBytes += to - from
    }

    /// Reads the markup starting at the '<' at `i`; `.done` with the index after it.
    private func markup(at i: Int, end: Int) -> (Status, Int) {
        let b = buffer
        guard i + 1 < end else { return (.more, i) }
        let c = b[i + 1]
        if isNameStart(c) { return startTag(at: i, end: end) }
        if c == UInt8(ascii: "/") { return endTag(at: i, end: end) }
        if c == UInt8(ascii: "!") { return comment(at: i, end: end) }
        if c == UInt8(ascii: "?") && base + i == byteOrderMark { return declaration(at: i, end: end) }
        return (.unsupported, i)
    }

    private func startTag(at lt: Int, end: Int) -> (Status, Int) {
        let b = buffer
        if place == .epilog || depth >= deepest { return (.unsupported, lt) }  // a second root; too deep for us
        let at = position(lt)
        var j = lt + 1
        let nameStart = j
        let element: ElementNames.Entry
        if j + ElementNames.knownReach <= end, let known = names.known(at: b + j), !isNameChar(b[j + Int(known.length)]) {
            // A name seen before, found from its first words.
            element = known
            j += Int(known.length)
        } else {
            while j < end && isNameChar(b[j]) { j += 1 }
            guard j < end else { return (.more, lt) }
            let n = j - nameStart
            if n > XMLScanner.longestName { return (.unsupported, lt) }
            element = names.entry(b + nameStart, n, hash: ElementNames.hash(b + nameStart, n))
        }
        // Attributes are checked for well-formedness, then not used.
        var attributeCount = 0
        let content: TextPosition
        let empty: Bool
        while true {
            let spaced = skipSpace(&j, end)
            guard j < end else { return (.more, lt) }
            let c = b[j]
            if c == UInt8(ascii: ">") {
                content = position(j + 1)
                j += 1
                empty = false
                break
            }
            if c == UInt8(ascii: "/") {
                guard j + 1 < end else { return (.more, lt) }
                guard b[j + 1] == UInt8(ascii: ">") else { return (.unsupported, lt) }
                content = position(j + 2)
                j += 2
                empty = true
                break
            }
            guard spaced, isNameStart(c) else { return (.unsupported, lt) }
            let a = j
            while j < end && isNameChar(b[j]) { j += 1 }
            guard j < end else { return (.more, lt) }
            let length = j - a
            // `xmlns` declares a namespace, which libxml2 checks; a repeated name is an error.
            if length == 5 && memcmp(b + a, "xmlns", 5) == 0 { return (.unsupported, lt) }
            for k in 0..<attributeCount where attributes[k].length == length && memcmp(b + attributes[k].start, b + a, length) == 0 {
                return (.unsupported, lt)
            }
            if attributeCount == XMLScanner.mostAttributes { return (.unsupported, lt) }
            attributes[attributeCount] = (a, length)
            attributeCount += 1
            skipSpace(&j, end)
            guard j < end else { return (.more, lt) }
            guard b[j] == UInt8(ascii: "=") else { return (.unsupported, lt) }
            j += 1
            skipSpace(&j, end)
            guard j < end else { return (.more, lt) }
            let quote = b[j]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return (.unsupported, lt) }
            j += 1
            while true {
                guard j < end else { return (.more, lt) }
                let v = b[j]
                if v == quote { j += 1; break }
                if v == UInt8(ascii: "<") || v == UInt8(ascii: "&") { return (.unsupported, lt) }
                if let stop = step(over: &j, end) { return (stop, lt) }
            }
        }
        open[depth] = element
        depth += 1
        tag()
        handler.startElement(element.symbol, at: at, content: content)
        place = .content
        if empty { closeElement(after: content) }
        return (.done, j)
    }

    private func endTag(at lt: Int, end: Int) -> (Status, Int) {
        let b = buffer
        guard depth > 0 else { return (.unsupported, lt) }
        let top = open[depth - 1]
        let length = Int(top.length)
        var j = lt + 2
        guard j + length < end else { return (.more, lt) }
        guard names.matches(top, b + j), !isNameChar(b[j + length]) else { return (.unsupported, lt) }
        j += length
        skipSpace(&j, end)
        guard j < end else { return (.more, lt) }
        guard b[j] == UInt8(ascii: ">") else { return (.unsupported, lt) }
        j += 1
        closeElement(after: position(j))
        return (.done, j)
    }

    private func closeElement(after: TextPosition) {
        depth -= 1
        tag()
        handler.endElement(open[depth].symbol, after: after)
        if depth == 0 { place = .epilog }
    }

    @inline(__always) private func tag() {
        progress.tags += 1
        progress.textBytes = 0
    }

    /// `<!-- … -->`; any other `<!` (DOCTYPE, CDATA) is left to libxml2.
    private func comment(at lt: Int, end: Int) -> (Status, Int) {
        let b = buffer
        guard lt + 4 <= end else { return (.more, lt) }
        guard b[lt + 2] == UInt8(ascii: "-"), b[lt + 3] == UInt8(ascii: "-") else { return (.unsupported, lt) }
        var j = lt + 4
        while j < end {
            let c = b[j]
            if c == UInt8(ascii: "-") {
                guard j + 2 < end else { return (.more, lt) }
                if b[j + 1] == UInt8(ascii: "-") {
                    // `--` only ends a comment.
                    return b[j + 2] == UInt8(ascii: ">") ? (.done, j + 3) : (.unsupported, lt)
                }
                j += 1
            } else if let stop = step(over: &j, end) {
                return (stop, lt)
            }
        }
        return (.more, lt)
    }

    /// Steps over the character at `j` inside markup (a comment, an attribute value),
    /// counting lines and characters. Nil when it is allowed; else `.more` when it is cut
    /// off by the buffer's end, `.unsupported` for a control character or invalid UTF-8.
    @inline(__always) private func step(over j: inout Int, _ end: Int) -> Status? {
        let c = buffer[j]
        if c >= 0x20 && c < 0x80 || c == 9 || c == 13 {
            j += 1
        } else if c == 10 {
            newline(at: j)
            j += 1
        } else if c >= 0x80 {
            let n = sequenceLength(buffer, j, end)
            if n == 0 { return end - j < 4 ? .more : .unsupported }
            continuations += n - 1
            j += n
        } else {
            return .unsupported
        }
        return nil
    }

    /// The XML declaration, in the forms that declare version 1.0 in UTF-8 or US-ASCII:
    /// `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`, the last two optional.
    private func declaration(at start: Int, end: Int) -> (Status, Int) {
        let b = buffer
        guard let close = (start..<end - 1).first(where: { b[$0] == UInt8(ascii: "?") && b[$0 + 1] == UInt8(ascii: ">") }) else {
            return (end - start >= 200 ? .unsupported : .more, start)
        }
        let text = String(decoding: UnsafeBufferPointer(start: b + start, count: close - start), as: UTF8.self)
        guard text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return (.unsupported, start) }
        var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard words.first == "<?xml", words.count >= 2 else { return (.unsupported, start) }
        words.removeFirst()
        func value(_ w: String, _ name: String) -> String? {
            for q in ["\"", "'"] where w.hasPrefix(name + "=" + q) && w.hasSuffix(q) && w.count >= name.count + 3 {
                return String(w.dropFirst(name.count + 2).dropLast())
            }
            return nil
        }
        guard value(words.removeFirst(), "version") == "1.0" else { return (.unsupported, start) }
        if let w = words.first, let e = value(w, "encoding") {
            switch e.lowercased() {
            case "utf-8": break
            case "us-ascii": asciiOnly = true
            default: return (.unsupported, start)
            }
            words.removeFirst()
        }
        if let w = words.first, let s = value(w, "standalone") {
            guard s == "yes" || s == "no" else { return (.unsupported, start) }
            words.removeFirst()
        }
        return words.isEmpty ? (.done, close + 2) : (.unsupported, start)
    }

    /// An entity or character reference at the '&' at `i`, handed on as the text it stands for.
    private func reference(at i: Int, end: Int, eof: Bool) -> (Status, Int) {
        let b = buffer
        var j = i + 1
        while j < end && j - i <= 12 && b[j] != UInt8(ascii: ";") { j += 1 }
        guard j < end && b[j] == UInt8(ascii: ";") else { return (j - i > 12 || eof ? .unsupported : .more, i) }
        let body = UnsafeBufferPointer(start: b + i + 1, count: j - i - 1)
        var scalar: UInt32?
        switch String(decoding: body, as: UTF8.self) {
        case "lt": scalar = 0x3C
        case "gt": scalar = 0x3E
        case "amp": scalar = 0x26
        case "quot": scalar = 0x22
        case "apos": scalar = 0x27
        default: scalar = XMLScanner.characterReference(body)
        }
        guard let scalar, let s = Unicode.Scalar(scalar) else { return (.unsupported, i) }
        var utf8: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &utf8) { out in
            UTF8.encode(s) { out[n] = $0; n += 1 }
            handler.characters(UnsafeBufferPointer(start: out.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n))
        }
        progress.textBytes += n
        return (.done, j + 1)
    }

    /// `#123` or `#x7B`, when it names a character XML allows.
    private static func characterReference(_ body: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard body.count >= 2, body[0] == UInt8(ascii: "#") else { return nil }
        let hex = body[1] == UInt8(ascii: "x")
        let digits = body.dropFirst(hex ? 2 : 1)
        guard !digits.isEmpty, digits.count <= 7 else { return nil }
        guard let v = UInt32(String(decoding: digits, as: UTF8.self), radix: hex ? 16 : 10),
              digits.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || (hex && (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x66)) })
        else { return nil }
        let allowed = v == 9 || v == 10 || v == 13 || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v)
            || (0x10000...0x10FFFF).contains(v)
        return allowed ? v : nil
    }

    /// Skips white space; whether any was skipped.
    @discardableResult @inline(__always) private func skipSpace(_ j: inout Int, _ end: Int) -> Bool {
        let start = j
        while j < end {
            let c = buffer[j]
            if c == 32 || c == 9 || c == 13 {
                j += 1
            } else if c == 10 {
                newline(at: j)
                j += 1
            } else {
                break
            }
        }
        return j > start
    }

    /// The length of the valid UTF-8 sequence at `i` that is an XML character, or 0 (also
    /// when it runs past `end`).
    @inline(__always) private func sequenceLength(_ b: UnsafeMutablePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        if asciiOnly { return 0 }
        let c0 = b[i]
        @inline(__always) func cont(_ k: Int) -> Bool { i + k < end && b[i + k] & 0xC0 == 0x80 }
        switch c0 {
        case 0xC2...0xDF:
            return cont(1) ? 2 : 0
        case 0xE0...0xEF:
            guard cont(1), cont(2) else { return 0 }
            let c1 = b[i + 1]
            if c0 == 0xE0 && c1 < 0xA0 { return 0 }  // overlong
            if c0 == 0xED && c1 >= 0xA0 { return 0 }  // a surrogate
            if c0 == 0xEF && c1 == 0xBF && b[i + 2] >= 0xBE { return 0 }  // U+FFFE, U+FFFF
            return 3
        case 0xF0...0xF4:
            guard cont(1), cont(2), cont(3) else { return 0 }
            let c1 = b[i + 1]
            if c0 == 0xF0 && c1 < 0x90 { return 0 }
            if c0 == 0xF4 && c1 >= 0x90 { return 0 }
            return 4
        default:
            return 0
        }
    }
}
