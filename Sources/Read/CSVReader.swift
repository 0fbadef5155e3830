/// A problem in a CSV file's syntax, at its position. The reader goes on after each one.
public struct CSVProblem: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A row with more or fewer fields than the header.
        case raggedRow(expected: Int, found: Int)
        /// A quote inside an unquoted field, or text after a closing quote.
        case strayQuote
        /// The file ends inside a quoted field (reported at its opening quote).
        case unterminatedQuote
        /// A row longer than the limit (a value far over `Limits.maxValueBytes`): reading
        /// stops there, so a hostile file cannot make the reader hold it whole.
        case rowTooLong
    }
    public var kind: Kind
    public var message: String
    public var position: TextPosition
}

/// Receives a CSV file's records as the reader finds them.
public protocol CSVHandler: AnyObject {
    /// One record (the header is record 1). The record's memory is valid only during the call.
    func record(_ record: CSVRecord)
    func problem(_ problem: CSVProblem)
}

/// One field's place in the reader's buffer and in the file.
struct CSVSpan {
    var start: Int
    var count: Int
    var line: UInt32
    var column: UInt32
    /// Quoted field whose content holds doubled quotes still to be collapsed.
    var escaped: Bool
    var quoted: Bool
}

/// One record of a CSV file: its fields' bytes and positions.
public struct CSVRecord {
    /// 1-based: the header is record 1.
    public let number: Int
    let base: UnsafeMutablePointer<UInt8>
    let spans: UnsafeMutableBufferPointer<CSVSpan>
    public let encoding: TextEncoding

    public var count: Int { spans.count }
    /// Where the record starts.
    public var position: TextPosition { TextPosition(line: spans[0].line, column: 1) }

    /// The field's bytes (quotes removed, doubled quotes collapsed).
    public func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + spans[i].start, count: spans[i].count)
    }

    /// Where the field starts (its opening quote when quoted).
    public func position(_ i: Int) -> TextPosition { TextPosition(line: spans[i].line, column: spans[i].column) }

    /// Where the field's text starts (after an opening quote).
    public func valuePosition(_ i: Int) -> TextPosition {
        TextPosition(line: spans[i].line, column: spans[i].column + (spans[i].quoted ? 1 : 0))
    }

    public func isQuoted(_ i: Int) -> Bool { spans[i].quoted }

    /// The field decoded as text.
    public func string(_ i: Int) -> String { encoding.decode(bytes(i)) }

    /// True when the record's bytes are all ASCII, so that no field needs its UTF-8
    /// checked: one pass over the record, where a check per field was a call per cell.
    public var isASCII: Bool {
        guard let first = spans.first, let last = spans.last else { return true }
        // Fields lie in the buffer in order (a collapsed field leaves bytes of its own
        // behind, inside the range).
        return TextEncoding.isASCII(UnsafeBufferPointer(start: base + first.start, count: last.start + last.count - first.start))
    }

    /// False when a UTF-8 field holds bytes that are not valid UTF-8.
    public func isValidText(_ i: Int) -> Bool {
        encoding != .utf8 || TextEncoding.firstInvalidUTF8(bytes(i)) == nil
    }
}

/// A streaming, byte-level CSV reader (RFC 4180): quoted fields with commas, doubled
/// quotes and line breaks; LF, CRLF or CR line ends; a UTF-8 byte-order mark skipped;
/// a delimiter of comma, semicolon, tab or pipe. Every field carries its line and column
/// (columns count characters: UTF-8 sequences, or bytes in Windows-1252).
///
/// Memory stays flat: the file is read in chunks and only the current record is kept.
/// Syntax problems are reported and reading goes on, so one stray quote does not hide
/// the rest of the file.
import Model

public final class CSVReader {
    public static let chunkSize = 1 << 20

    private let delimiter: UInt8
    private let encoding: TextEncoding
    private unowned let handler: CSVHandler
    /// 0 plain, 1 delimiter, 2 quote, 3 CR, 4 LF, 5 UTF-8 continuation byte.
    private let classes: UnsafeMutablePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        p.initialize(repeating: 0, count: 256)
        return p
    }()

    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var length = 0
    private var eof = false
    private var spans: UnsafeMutableBufferPointer<CSVSpan>

    // Position state at the current parse point.
    private var line: UInt32 = 1
    private var lineStart = 0
    /// UTF-8 continuation bytes between `lineStart` and the parse point.
    private var continuation = 0
    private var recordNumber = 0
    private var headerWidth: Int?

    /// The most bytes one row may take in the buffer.
    private let maxRowBytes: Int
    /// The most fields of a row that are kept; the rest are counted, not stored.
    private let maxColumns: Int
    private var stopped = false

    private init(delimiter: UInt8, encoding: TextEncoding, handler: CSVHandler, limits: Limits) {
        maxRowBytes = max(4 * limits.maxValueBytes, 64 * 1024)
        maxColumns = max(limits.maxColumns, 1)
        self.delimiter = delimiter
        self.encoding = encoding
        self.handler = handler
        capacity = CSVReader.chunkSize
        buffer = .allocate(capacity: capacity)
        spans = .allocate(capacity: 64)
        classes[Int(delimiter)] = 1
        classes[Int(UInt8(ascii: "\""))] = 2
        classes[13] = 3
        classes[10] = 4
        if encoding == .utf8 { for b in 0x80...0xBF { classes[b] = 5 } }
    }

    deinit {
        buffer.deallocate()
        spans.deallocate()
        classes.deallocate()
    }

    /// Reads every record of `source`. `encoding` nil: detected from the first chunk.
    /// Throws only when the bytes cannot be read.
    public static func read(_ source: ByteSource, delimiter: UInt8, encoding: TextEncoding?, handler: CSVHandler,
                            limits: Limits = .defaults) throws {
        // The first chunk decides the encoding before any column is counted.
        let first = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 1)
        defer { first.deallocate() }
        let n = try source.fill(first)
        let sample = UnsafeBufferPointer(start: first.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)
        let chosen = encoding ?? TextEncoding.detect(sample)
        let reader = CSVReader(delimiter: delimiter, encoding: chosen, handler: handler, limits: limits)
        reader.buffer.update(from: sample.baseAddress!, count: n)
        reader.length = n
        if n == 0 { reader.eof = true }
        try reader.run(source)
    }

    private func run(_ source: ByteSource) throws {
        var start = 0
        if length >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
        lineStart = start
        while true {
            // Each record is parsed whole from its start; when the buffer ends first, the
            // record is moved to the front, more is read, and it is parsed again.
            let saved = (line, lineStart, continuation)
            if start >= length && eof { return }
            if let next = parseRecord(from: start) {
                start = next
                continue
            }
            (line, lineStart, continuation) = saved
            if length - start >= maxRowBytes {
                handler.problem(CSVProblem(kind: .rowTooLong,
                                           message: "this row is over \(maxRowBytes) bytes long (a value far over the limit of \(maxRowBytes / 4) bytes); the rest of the file is not read",
                                           position: TextPosition(line: line, column: 1)))
                return
            }
            try refill(keepingFrom: &start, source)
        }
    }

    private func refill(keepingFrom start: inout Int, _ source: ByteSource) throws {
        if start > 0 {
            let keep = length - start
            buffer.update(from: buffer + start, count: keep)
            lineStart -= start
            length = keep
            start = 0
        }
        if length == capacity {
            // One record larger than the buffer: grow it.
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

    @inline(__always) private func column(at offset: Int) -> UInt32 {
        UInt32(offset - lineStart - continuation + 1)
    }

    @inline(__always) private func newLine(startingAt offset: Int) {
        line += 1
        lineStart = offset
        continuation = 0
    }

    /// Parses one record starting at `start`. Returns where the next record starts, or
    /// nil when the buffer ends before the record does (and the file goes on).
    private func parseRecord(from start: Int) -> Int? {
        var count = 0
        /// Fields past `maxColumns`: parsed, counted, written over one spare slot.
        var extra = 0
        var p = start
        var problems: [CSVProblem] = []
        let recordLine = line
        while true {
            if count > maxColumns {
                // Past the limit: the field in the spare slot (index maxColumns) is forgotten.
                count = maxColumns
                extra += 1
            }
            if count == spans.count { growSpans() }
            let fieldLine = line, fieldColumn = column(at: p)
            if p < length, buffer[p] == UInt8(ascii: "\"") {
                // Quoted field.
                let open = TextPosition(line: fieldLine, column: fieldColumn)
                p += 1
                let contentStart = p
                var escaped = false
                var closed = false
                while p < length {
                    let c = classes[Int(buffer[p])]
                    if c == 0 || c == 1 { p += 1; continue }
                    if c == 5 { continuation += 1; p += 1; continue }
                    if c == 2 {
                        if p + 1 >= length && !eof { return nil }
                        if p + 1 < length && buffer[p + 1] == UInt8(ascii: "\"") {
                            escaped = true
                            p += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    // A line break inside quotes is part of the value.
                    if c == 3 {
                        if p + 1 >= length && !eof { return nil }
                        if p + 1 < length && buffer[p + 1] == 10 { p += 1 }
                    }
                    p += 1
                    newLine(startingAt: p)
                }
                if !closed {
                    if !eof { return nil }
                    problems.append(CSVProblem(kind: .unterminatedQuote,
                                               message: "the file ends inside a quoted field that starts here",
                                               position: open))
                    spans[count] = CSVSpan(start: contentStart, count: p - contentStart, line: fieldLine,
                                           column: fieldColumn, escaped: escaped, quoted: true)
                    count += 1
                    finish(count: count, extra: extra, problems: problems, recordLine: recordLine)
                    return length
                }
                spans[count] = CSVSpan(start: contentStart, count: p - contentStart, line: fieldLine,
                                       column: fieldColumn, escaped: escaped, quoted: true)
                count += 1
                p += 1  // the closing quote
                // Anything before the next delimiter or line end is a stray.
                if p < length, classes[Int(buffer[p])] == 0 || classes[Int(buffer[p])] == 2 || classes[Int(buffer[p])] == 5 {
                    problems.append(CSVProblem(kind: .strayQuote,
                                               message: "text after the closing quote of a quoted field; it is ignored",
                                               position: TextPosition(line: line, column: column(at: p))))
                    while p < length {
                        let c = classes[Int(buffer[p])]
                        if c == 1 || c == 3 || c == 4 { break }
                        if c == 5 { continuation += 1 }
                        p += 1
                    }
                }
            } else {
                // Unquoted field: runs to the delimiter or the line end.
                let fieldStart = p
                var stray = false
                while p < length {
                    let c = classes[Int(buffer[p])]
                    if c == 0 { p += 1; continue }
                    if c == 5 { continuation += 1; p += 1; continue }
                    if c == 2 {
                        if !stray {
                            stray = true
                            problems.append(CSVProblem(kind: .strayQuote,
                                                       message: "a quote inside an unquoted field; quote the whole field and double the quote",
                                                       position: TextPosition(line: line, column: column(at: p))))
                        }
                        p += 1
                        continue
                    }
                    break
                }
                spans[count] = CSVSpan(start: fieldStart, count: p - fieldStart, line: fieldLine,
                                       column: fieldColumn, escaped: false, quoted: false)
                count += 1
            }
            // After a field: a delimiter, a line end, or the end of the buffer.
            if p >= length {
                if !eof { return nil }
                finish(count: count, extra: extra, problems: problems, recordLine: recordLine)
                return length
            }
            let c = classes[Int(buffer[p])]
            if c == 1 {
                p += 1
                if p >= length && !eof { return nil }
                continue
            }
            if c == 3 {
                if p + 1 >= length && !eof { return nil }
                if p + 1 < length && buffer[p + 1] == 10 { p += 1 }
            }
            p += 1
            newLine(startingAt: p)
            finish(count: count, extra: extra, problems: problems, recordLine: recordLine)
            return p
        }
    }

    private func growSpans() {
        let bigger = UnsafeMutableBufferPointer<CSVSpan>.allocate(capacity: spans.count * 2)
        _ = bigger.initialize(from: spans)
        spans.deallocate()
        spans = bigger
    }

    /// Delivers a complete record: collapses doubled quotes, checks the width against
    /// the header, and skips blank lines.
    private func finish(count stored: Int, extra counted: Int = 0, problems: [CSVProblem], recordLine: UInt32) {
        var count = stored, extra = counted
        if count > maxColumns {
            count = maxColumns
            extra += 1
        }
        for problem in problems { handler.problem(problem) }
        // A blank line is not a record.
        if count == 1 && spans[0].count == 0 && !spans[0].quoted { return }
        for i in 0..<count where spans[i].escaped {
            var read = spans[i].start, write = spans[i].start
            let end = spans[i].start + spans[i].count
            while read < end {
                buffer[write] = buffer[read]
                if buffer[read] == UInt8(ascii: "\"") { read += 1 }
                read += 1
                write += 1
            }
            spans[i].count = write - spans[i].start
            spans[i].escaped = false
        }
        recordNumber += 1
        let found = count + extra
        if let width = headerWidth {
            if found != width {
                let at = found > width && width < count ? TextPosition(line: spans[width].line, column: spans[width].column)
                                                        : TextPosition(line: recordLine, column: 1)
                let detail = found > width ? "\(found - width) more than" : "\(width - found) fewer than"
                let cut = extra > 0 ? " (fields after the first \(maxColumns) are not read)" : ""
                handler.problem(CSVProblem(kind: .raggedRow(expected: width, found: found),
                                           message: "this row has \(found) fields, \(detail) the header's \(width)\(cut)",
                                           position: at))
            }
        } else {
            headerWidth = count
        }
        handler.record(CSVRecord(number: recordNumber, base: buffer,
                                 spans: UnsafeMutableBufferPointer(rebasing: spans[0..<count]), encoding: encoding))
    }
}

extension CSVReader {
    /// The delimiters a CSV file may use.
    public static let delimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 9, UInt8(ascii: "|")]

    /// Guesses the delimiter from a file's first lines: the candidate that occurs (outside
    /// quotes) the same number of times, at least once, on the most lines, preferring the
    /// order comma, semicolon, tab, pipe. Nil when no candidate occurs on the first line.
    public static func detectDelimiter(_ sample: UnsafeBufferPointer<UInt8>) -> UInt8? {
        var lines: [[Int]] = [Array(repeating: 0, count: delimiters.count)]
        var quoted = false
        var i = 0
        while i < sample.count, lines.count <= 20 {
            let b = sample[i]
            if b == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if !quoted, b == 10 || b == 13 {
                if b == 13, i + 1 < sample.count, sample[i + 1] == 10 { i += 1 }
                lines.append(Array(repeating: 0, count: delimiters.count))
            } else if !quoted, let k = delimiters.firstIndex(of: b) {
                lines[lines.count - 1][k] += 1
            }
            i += 1
        }
        // The last line may be cut off by the end of the sample.
        if lines.count > 1 { lines.removeLast() }
        var best: (delimiter: UInt8, score: Int)?
        for (k, d) in delimiters.enumerated() {
            let first = lines[0][k]
            guard first > 0 else { continue }
            let score = lines.filter { $0[k] == first }.count
            if score > (best?.score ?? 0) { best = (d, score) }
        }
        return best?.delimiter
    }
}
