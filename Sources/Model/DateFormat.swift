/// A date pattern such as `yyyy-MM-dd`, `dd/MM/yyyy` or `dd-MMM-yy`, as agency exports
/// write dates. Patterns use the letters people know from spreadsheets:
/// `yyyy` year, `yy` two-digit year (00–69 → 2000s, 70–99 → 1900s), `MM`/`M` month,
/// `MMM` month abbreviation (Jan … Dec, any case), `dd`/`d` day, and `HH`, `mm`, `ss` for
/// a time that is read and ignored; text in single quotes and any other punctuation or
/// space must appear as written.
public struct DateFormat: Sendable, Hashable, CustomStringConvertible {
    enum Token: Sendable, Hashable {
        case year4, year2, month2, month1, monthName, day2, day1, ignored2, literal(UInt8)
    }
    let tokens: [Token]
    public let pattern: String
    /// Strict ISO `yyyy-MM-dd`, parsed by `Day(iso:)`.
    public let isISO: Bool
    /// Where each part sits when every part has a fixed width (`dd/MM/yyyy`; not `d/M/yy`
    /// or `dd-MMM-yy`): a date is then read at known offsets, not token by token.
    let fixed: FixedParts?

    public static let iso = DateFormat(validPattern: "yyyy-MM-dd")

    /// Compiles a pattern; the error says what is wrong with it.
    public init(pattern: String) throws(DateFormatError) {
        var tokens: [Token] = []
        let chars = Array(pattern.utf8)
        var i = 0
        var has = (y: false, m: false, d: false)
        while i < chars.count {
            let c = chars[i]
            var run = 1
            while i + run < chars.count, chars[i + run] == c { run += 1 }
            switch (c, run) {
            case (UInt8(ascii: "y"), 4): tokens.append(.year4); has.y = true
            case (UInt8(ascii: "y"), 2): tokens.append(.year2); has.y = true
            case (UInt8(ascii: "M"), 3): tokens.append(.monthName); has.m = true
            case (UInt8(ascii: "M"), 2): tokens.append(.month2); has.m = true
            case (UInt8(ascii: "M"), 1): tokens.append(.month1); has.m = true
            case (UInt8(ascii: "d"), 2): tokens.append(.day2); has.d = true
            case (UInt8(ascii: "d"), 1): tokens.append(.day1); has.d = true
            case (UInt8(ascii: "H"), 2), (UInt8(ascii: "m"), 2), (UInt8(ascii: "s"), 2): tokens.append(.ignored2)
            case (UInt8(ascii: "'"), _):
                guard let close = chars[(i + 1)...].firstIndex(of: UInt8(ascii: "'")) else {
                    throw DateFormatError(message: "a quote in the date pattern '\(pattern)' is not closed")
                }
                for b in chars[(i + 1)..<close] { tokens.append(.literal(b)) }
                i = close + 1
                continue
            default:
                if (c >= 65 && c <= 90) || (c >= 97 && c <= 122) {
                    let letters = String(repeating: Character(UnicodeScalar(c)), count: run)
                    throw DateFormatError(message: "'\(letters)' in the date pattern '\(pattern)' is not a date part; use yyyy, yy, MM, M, MMM, dd, d (and HH, mm, ss for a time to ignore)")
                }
                for _ in 0..<run { tokens.append(.literal(c)) }
            }
            i += run
        }
        guard has.y && has.m && has.d else {
            throw DateFormatError(message: "the date pattern '\(pattern)' needs a year (yyyy or yy), a month (MM, M or MMM) and a day (dd or d)")
        }
        self.tokens = tokens
        self.pattern = pattern
        isISO = pattern == "yyyy-MM-dd"
        fixed = FixedParts(tokens)
    }

    private init(validPattern: String) {
        self = try! DateFormat(pattern: validPattern)
    }

    public var description: String { pattern }

    /// How messages name the pattern (`yyyy-mm-dd` for ISO, as the DfE guidance writes it).
    public var display: String { self == .iso ? "yyyy-mm-dd" : pattern }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// The day written in `text`, or nil when the text does not follow the pattern or
    /// names a day that does not exist.
    public func parse(_ text: String) -> Day? {
        if isISO { return Day(iso: text) }
        // The text's own bytes (a short one's copied to the stack): mapped exports parse a
        // date in most rows.
        if let day = text.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0) }) { return day }
        var copy = text
        return copy.withUTF8 { parse(bytes: $0) }
    }

    private func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Day? {
        if let fixed { return fixed.parse(b) }
        var i = 0
        var y = -1, m = -1, d = -1
        func digits(_ n: Int, exact: Bool) -> Int? {
            var v = 0, k = 0
            while k < n, i < b.count, b[i] >= 48, b[i] <= 57 {
                v = v * 10 + Int(b[i] - 48)
                i += 1
                k += 1
            }
            return (k == n || (!exact && k > 0)) ? v : nil
        }
        for t in tokens {
            switch t {
            case .year4: guard let v = digits(4, exact: true) else { return nil }; y = v
            case .year2: guard let v = digits(2, exact: true) else { return nil }; y = v <= 69 ? 2000 + v : 1900 + v
            case .month2: guard let v = digits(2, exact: true) else { return nil }; m = v
            case .month1: guard let v = digits(2, exact: false) else { return nil }; m = v
            case .day2: guard let v = digits(2, exact: true) else { return nil }; d = v
            case .day1: guard let v = digits(2, exact: false) else { return nil }; d = v
            case .ignored2: guard digits(2, exact: true) != nil else { return nil }
            case .monthName:
                guard i + 3 <= b.count else { return nil }
                let name = String(decoding: b[i..<(i + 3)], as: UTF8.self).lowercased()
                guard let idx = DateFormat.months.firstIndex(of: name) else { return nil }
                m = idx + 1
                i += 3
            case .literal(let c):
                guard i < b.count, b[i] == c else { return nil }
                i += 1
            }
        }
        guard i == b.count else { return nil }
        return Day(year: y, month: m, day: d)
    }
}

/// A pattern of fixed-width parts as offsets: the year, month and day digits, up to 8
/// punctuation bytes and 3 ignored pairs of time digits, packed a byte each so that reading
/// a date copies no array.
struct FixedParts: Sendable, Hashable {
    let length: Int
    let year: Int, twoDigitYear: Bool, month: Int, day: Int
    let literalCount: Int, literalAt: UInt64, literalBytes: UInt64
    let ignoredCount: Int, ignoredAt: UInt64

    /// Nil when some part's width varies (`d`, `M`, `MMM`), a part is written twice, or
    /// the pattern has more punctuation than fits.
    init?(_ tokens: [DateFormat.Token]) {
        var at = 0
        var year = -1, twoDigitYear = false, month = -1, day = -1
        var literals: [(Int, UInt8)] = [], ignored: [Int] = []
        for t in tokens {
            switch t {
            case .year4: if year >= 0 { return nil }; year = at; at += 4
            case .year2: if year >= 0 { return nil }; year = at; twoDigitYear = true; at += 2
            case .month2: if month >= 0 { return nil }; month = at; at += 2
            case .day2: if day >= 0 { return nil }; day = at; at += 2
            case .ignored2: ignored.append(at); at += 2
            case .literal(let c): literals.append((at, c)); at += 1
            case .month1, .day1, .monthName: return nil
            }
        }
        guard literals.count <= 8, ignored.count <= 3, at <= 255 else { return nil }
        length = at
        self.year = year
        self.twoDigitYear = twoDigitYear
        self.month = month
        self.day = day
        literalCount = literals.count
        literalAt = literals.enumerated().reduce(0) { $0 | UInt64($1.element.0) << (8 * UInt64($1.offset)) }
        literalBytes = literals.enumerated().reduce(0) { $0 | UInt64($1.element.1) << (8 * UInt64($1.offset)) }
        ignoredCount = ignored.count
        ignoredAt = ignored.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }

    func parse(_ b: UnsafeBufferPointer<UInt8>) -> Day? {
        // Every offset is below `length` (the pattern's parts end there), so once the text
        // is that long its bytes are read without a bounds check each: a mapped export
        // reads a date here in most cells of its date columns.
        guard b.count == length, let p = b.baseAddress else { return nil }
        var at = literalAt, bytes = literalBytes
        for _ in 0..<literalCount {
            if p[Int(truncatingIfNeeded: at & 0xFF)] != UInt8(truncatingIfNeeded: bytes) { return nil }
            at >>= 8
            bytes >>= 8
        }
        var ignored = ignoredAt
        for _ in 0..<ignoredCount {
            if Day.digitPair(p, Int(truncatingIfNeeded: ignored & 0xFF)) < 0 { return nil }
            ignored >>= 8
        }
        let m = Day.digitPair(p, month), d = Day.digitPair(p, day)
        var y = Day.digitPair(p, year)
        guard m >= 0, d >= 0, y >= 0 else { return nil }
        if twoDigitYear {
            y += y <= 69 ? 2000 : 1900
        } else {
            let low = Day.digitPair(p, year + 2)
            guard low >= 0 else { return nil }
            y = y * 100 + low
        }
        return Day(year: y, month: m, day: d)
    }
}

public struct DateFormatError: Error, Sendable, Hashable {
    public let message: String
}
