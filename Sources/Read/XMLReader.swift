internal import CLibXML2
import Model
#if canImport(Glibc)
import Glibc
#endif

/// A line and column in a text file (1-based; column counts characters).
public struct TextPosition: Hashable, Sendable {
    public var line: UInt32
    public var column: UInt32
    public init(line: UInt32, column: UInt32) {
        self.line = line
        self.column = column
    }

    /// The position after reading `bytes` (UTF-8) from here.
    public func advanced(over bytes: some Sequence<UInt8>) -> TextPosition {
        var p = self
        for b in bytes {
            if b == 10 {
                p.line += 1
                p.column = 1
            } else if b & 0xC0 != 0x80 {
                p.column += 1
            }
        }
        return p
    }
}

/// Receives the elements of an XML document as libxml2 parses it.
public protocol XMLEventHandler: AnyObject {
    /// `at` is the position of the element's `<`; `content` is just after its start tag.
    func startElement(_ name: Symbol, at: TextPosition, content: TextPosition)
    /// Character data inside the current element; may arrive in several pieces.
    func characters(_ bytes: UnsafeBufferPointer<UInt8>)
    /// White space that the next event, a start or end tag, follows at once: most text
    /// in an export is indentation. By default it is `characters`.
    func blankBeforeTag(_ bytes: UnsafeBufferPointer<UInt8>)
    /// `after` is the position just past the end tag.
    func endElement(_ name: Symbol, after: TextPosition)
}

extension XMLEventHandler {
    public func blankBeforeTag(_ bytes: UnsafeBufferPointer<UInt8>) { characters(bytes) }
}

/// Why an XML document could not be read to its end.
public struct XMLProblem: Sendable, Hashable {
    public var message: String
    public var position: TextPosition
    /// The rule that reports it: `XML001` for malformed XML, `LIM002` for nesting too deep.
    public var rule: String = "XML001"
}

/// Streams an XML file through libxml2's SAX2 push parser.
///
/// Secure by construction: no network (`XML_PARSE_NONET`), no entity substitution, no DTD
/// loading, and no entity callbacks, so an external entity is never resolved and an
/// entity-expansion bomb stops at once. Memory stays flat: the file is fed in chunks and no
/// tree is built.
public final class XMLReader {
    public static let chunkSize = 256 * 1024

    private let handler: XMLEventHandler
    private let maxDepth: Int
    fileprivate var nameCache: [UnsafePointer<UInt8>: Symbol] = [:]
    fileprivate var problem: XMLProblem?
    fileprivate var ctxt: xmlParserCtxtPtr?
    /// Names of the open elements, to say where a truncated file ends.
    private var openElements: [Symbol] = []
    private var finishing = false

    private init(handler: XMLEventHandler, maxDepth: Int) {
        self.handler = handler
        self.maxDepth = maxDepth
    }

    /// Reads the file at `path`; returns the first fatal problem, if any. Throws only when
    /// the file cannot be opened or read.
    public static func read(path: String, handler: XMLEventHandler, limits: Limits = .defaults) throws -> XMLProblem? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ReadError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        func failed() -> ReadError { .cannotRead(path: path, reason: String(cString: strerror(errno))) }
        // Only a regular file can be read again from the top when the scanner hands over.
        var info = stat()
        let seekable = fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
        return try read(handler: handler, limits: limits, scanner: seekable, chunkSize: chunkSize,
                        rewind: { if lseek(fd, 0, SEEK_SET) != 0 { throw failed() } }) { into, count in
            let n = Glibc.read(fd, into, count)
            if n < 0 { throw failed() }
            return n
        }
    }

    /// Reads a document held in memory (examples, tests). `scanner: false` has libxml2 read
    /// it all, as the tests' reference.
    public static func read(bytes: [UInt8], handler: XMLEventHandler, limits: Limits = .defaults,
                            scanner: Bool = true, chunkSize: Int = XMLReader.chunkSize) -> XMLProblem? {
        var offset = 0
        return read(handler: handler, limits: limits, scanner: scanner, chunkSize: chunkSize, rewind: { offset = 0 }) { into, count in
            let n = min(count, bytes.count - offset)
            if n > 0 { bytes.withUnsafeBytes { into.copyMemory(from: $0.baseAddress! + offset, byteCount: n) } }
            offset += n
            return n
        }
    }

    /// Has the scanner read the document `fill` supplies and, when it hands over, libxml2
    /// read it again from the first byte (`rewind`), skipping what the scanner handed on.
    /// Without the scanner, libxml2 reads it all.
    private static func read(handler: XMLEventHandler, limits: Limits, scanner useScanner: Bool, chunkSize: Int,
                             rewind: () throws -> Void,
                             fill: (UnsafeMutableRawPointer, Int) throws -> Int) rethrows -> XMLProblem? {
        var rest = handler
        if useScanner {
            let scanner = XMLScanner(handler: handler, maxDepth: limits.maxDepth, chunkSize: chunkSize)
            guard case .unsupported(let progress) = try scanner.run(fill: { try fill($0, $1) }) else { return nil }
            try rewind()
            rest = SkippingHandler.wrapping(handler, past: progress)
        }
        return try XMLReader(handler: rest, maxDepth: limits.maxDepth).run { try fill($0.baseAddress!, $0.count) }
    }

    private func run(fill: (UnsafeMutableBufferPointer<CChar>) throws -> Int) rethrows -> XMLProblem? {
        XMLReader.initialiseLibxml
        caselint_silenceGenericErrors()
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = startElementCallback
        sax.endElementNs = endElementCallback
        sax.characters = charactersCallback
        sax.cdataBlock = charactersCallback
        sax.serror = errorCallback

        let buffer = UnsafeMutableBufferPointer<CChar>.allocate(capacity: XMLReader.chunkSize)
        defer { buffer.deallocate() }

        // The first bytes let libxml2 detect the encoding (BOM, declaration).
        let first = try fill(buffer)
        if first == 0 {
            return XMLProblem(message: "the file is empty", position: TextPosition(line: 1, column: 1))
        }
        // Our own user data (not the parser context) also keeps libxml2 from falling back to
        // its default entity lookup: a user-defined entity is then "not defined", an error,
        // rather than expanded into the text.
        let me = Unmanaged.passUnretained(self).toOpaque()
        guard let ctxt = xmlCreatePushParserCtxt(&sax, me, buffer.baseAddress, Int32(min(first, 4)), nil) else {
            return XMLProblem(message: "could not create an XML parser", position: TextPosition(line: 1, column: 1))
        }
        self.ctxt = ctxt
        defer {
            caselint_freeDocument(ctxt)
            xmlFreeParserCtxt(ctxt)
            self.ctxt = nil
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOERROR.rawValue)
        xmlCtxtUseOptions(ctxt, options)

        if first > 4 {
            check(xmlParseChunk(ctxt, buffer.baseAddress! + 4, Int32(first - 4), 0), ctxt)
        }
        while problem == nil {
            let n = try fill(buffer)
            if n == 0 { break }
            check(xmlParseChunk(ctxt, buffer.baseAddress, Int32(n), 0), ctxt)
        }
        if problem == nil {
            finishing = true
            check(xmlParseChunk(ctxt, nil, 0, 1), ctxt)
        }
        return problem
    }

    /// An error code from `xmlParseChunk` that no error callback reported (encoding
    /// conversion failures go to libxml2's generic handler): never let it pass silently.
    private func check(_ code: Int32, _ ctxt: xmlParserCtxtPtr) {
        guard code != 0, problem == nil else { return }
        let position = TextPosition(line: UInt32(max(caselint_inputLine(ctxt), 1)), column: UInt32(max(caselint_inputColumn(ctxt), 1)))
        let message = code == Int32(XML_ERR_INVALID_ENCODING.rawValue) || code == Int32(XML_I18N_CONV_FAILED.rawValue)
            ? "the bytes here are not valid in the file's declared encoding"
            : "libxml2 stopped with error \(code)"
        problem = XMLProblem(message: message, position: position)
        xmlStopParser(ctxt)
    }

    /// A direct-mapped cache in front of `nameCache`: most elements hit it without hashing.
    private var recentNames = [(UnsafePointer<UInt8>?, Symbol)](repeating: (nil, Symbol(rawValue: 0)), count: 64)

    @inline(__always)
    fileprivate func symbol(_ name: UnsafePointer<xmlChar>) -> Symbol {
        // libxml2 interns names in its dictionary: one pointer per distinct name.
        let slot = Int(truncatingIfNeeded: UInt(bitPattern: name) >> 3) & 63
        if recentNames[slot].0 == name { return recentNames[slot].1 }
        let s: Symbol
        if let cached = nameCache[name] {
            s = cached
        } else {
            s = Symbol(utf8: UnsafeBufferPointer(start: name, count: strlen(name)))
            nameCache[name] = s
        }
        recentNames[slot] = (name, s)
        return s
    }

    fileprivate func startElement(_ name: UnsafePointer<xmlChar>) {
        guard let ctxt else { return }
        // The parser stands on the start tag's closing `>` (or the `/` of `/>`).
        let line = Int(caselint_inputLine(ctxt)), col = Int(caselint_inputColumn(ctxt))
        let closing = caselint_inputCursor(ctxt)?.pointee == UInt8(ascii: "/") ? 2 : 1
        let content = TextPosition(line: UInt32(max(line, 1)), column: UInt32(max(col + closing, 1)))
        let s = symbol(name)
        openElements.append(s)
        if openElements.count > maxDepth {
            let at = tagStart(ctxt, line: line, col: col)
            problem = XMLProblem(message: "elements are nested more than \(maxDepth) deep (the limit); the rest of the file is not read",
                                 position: at, rule: "LIM002")
            xmlStopParser(ctxt)
            return
        }
        handler.startElement(s, at: tagStart(ctxt, line: line, col: col), content: content)
    }

    /// The position of the `<` that opened the element whose start tag the parser just
    /// read: the cursor is just past its `>`, and a `<` cannot occur inside a tag.
    private func tagStart(_ ctxt: xmlParserCtxtPtr, line: Int, col: Int) -> TextPosition {
        guard let cur = caselint_inputCursor(ctxt), let base = caselint_inputBase(ctxt) else {
            return TextPosition(line: UInt32(max(line, 1)), column: UInt32(max(col, 1)))
        }
        var p = cur
        var chars = 0, newlines = 0
        // Eight bytes at a time while they are plain ASCII with no '<' and no line break:
        // element names are.
        while p - base >= 8 {
            let w = UnsafeRawPointer(p - 8).loadUnaligned(as: UInt64.self)
            if w & 0x8080_8080_8080_8080 != 0 || XMLReader.hasByte(w, UInt8(ascii: "<")) || XMLReader.hasByte(w, 10) { break }
            p -= 8
            chars += 8
        }
        while p > base {
            p -= 1
            let b = p.pointee
            if b == UInt8(ascii: "<") { break }
            if b == 10 { newlines += 1 }
            if b & 0xC0 != 0x80 { chars += 1 }
        }
        if newlines == 0 {
            return TextPosition(line: UInt32(max(line, 1)), column: UInt32(max(col - chars - 1, 1)))
        }
        // The tag spans lines: count the '<' column from the line start before it.
        var q = p
        var column = 1
        while q > base {
            q -= 1
            if q.pointee == 10 { break }
            if q.pointee & 0xC0 != 0x80 { column += 1 }
        }
        // libxml2 does not count a byte-order mark as a column.
        if q == base && line - newlines == 1 && p - base >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { column -= 1 }
        return TextPosition(line: UInt32(max(line - newlines, 1)), column: UInt32(column))
    }

    /// True when one of the eight bytes of `word` is `byte` (a zero byte of their XOR).
    private static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }

    fileprivate func endElement(_ name: UnsafePointer<xmlChar>) {
        guard let ctxt else { return }
        // The parser has just consumed the end tag (or the `/>`).
        let after = TextPosition(line: UInt32(max(caselint_inputLine(ctxt), 1)),
                                 column: UInt32(max(caselint_inputColumn(ctxt), 1)))
        if !openElements.isEmpty { openElements.removeLast() }
        handler.endElement(symbol(name), after: after)
    }

    fileprivate func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int) {
        handler.characters(UnsafeBufferPointer(start: bytes, count: count))
    }

    fileprivate func fail(_ error: UnsafePointer<xmlError>) {
        let e = error.pointee
        guard problem == nil, e.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        var message = e.message.map { String(cString: $0) } ?? "unknown error"
        while let last = message.last, last.isWhitespace { message.removeLast() }
        // Some libxml2 messages run over several lines ("…indicate encoding !\nBytes: …").
        message = message.split(whereSeparator: \.isNewline).joined(separator: "; ")
        var line = Int(e.line), column = Int(e.int2)
        if let ctxt, caselint_inputDepth(ctxt) > 1 || e.ctxt != UnsafeMutableRawPointer(ctxt) {
            // (An error from a nested parse of an entity's text carries that parse's position.)
            // Raised inside an entity's text: point at the document, not the entity.
            line = Int(caselint_documentLine(ctxt))
            column = Int(caselint_documentColumn(ctxt))
        }
        if finishing, let innermost = openElements.last {
            // libxml2's push parser calls a truncated file "extra content at the end".
            message = "the file ends before <\(innermost.name)> is closed (\(message))"
        }
        problem = XMLProblem(message: message,
                             position: TextPosition(line: UInt32(max(line, 1)), column: UInt32(max(column, 1))))
        if let ctxt { xmlStopParser(ctxt) }
    }

    private static let initialiseLibxml: Void = { xmlInitParser() }()
}

/// Passes libxml2's events on to the handler, after the ones the scanner already handed on.
final class SkippingHandler: XMLEventHandler {
    private let handler: XMLEventHandler
    private var tags: Int
    private var textBytes: Int

    /// `handler` itself when there is nothing to skip.
    static func wrapping(_ handler: XMLEventHandler, past progress: XMLScanner.Progress) -> XMLEventHandler {
        progress == XMLScanner.Progress() ? handler : SkippingHandler(handler, past: progress)
    }

    private init(_ handler: XMLEventHandler, past progress: XMLScanner.Progress) {
        self.handler = handler
        tags = progress.tags
        textBytes = progress.textBytes
    }

    func startElement(_ name: Symbol, at: TextPosition, content: TextPosition) {
        if tags > 0 { tags -= 1 } else { handler.startElement(name, at: at, content: content) }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard tags == 0 else { return }
        let skip = min(textBytes, bytes.count)
        textBytes -= skip
        if skip < bytes.count { handler.characters(UnsafeBufferPointer(rebasing: bytes[skip...])) }
    }

    func endElement(_ name: Symbol, after: TextPosition) {
        if tags > 0 { tags -= 1 } else { handler.endElement(name, after: after) }
    }
}

public enum ReadError: Error, Sendable, Equatable {
    case cannotOpen(path: String, reason: String)
    case cannotRead(path: String, reason: String)
}

/// The reader a callback is for, without retaining it for the call (the read holds it):
/// callbacks come once per element and per run of text.
@inline(__always)
private func reader<R>(_ ctx: UnsafeMutableRawPointer?, _ body: (XMLReader) -> R) -> R {
    Unmanaged<XMLReader>.fromOpaque(ctx!)._withUnsafeGuaranteedRef(body)
}

private let startElementCallback: startElementNsSAX2Func = { ctx, localname, _, _, _, _, _, _, _ in
    reader(ctx) { $0.startElement(localname!) }
}

private let endElementCallback: endElementNsSAX2Func = { ctx, localname, _, _ in
    reader(ctx) { $0.endElement(localname!) }
}

private let charactersCallback: charactersSAXFunc = { ctx, chars, len in
    reader(ctx) { $0.characters(chars!, Int(len)) }
}

private let errorCallback: xmlStructuredErrorFunc = { ctx, error in
    guard let ctx, let error else { return }
    reader(ctx) { $0.fail(error) }
}
