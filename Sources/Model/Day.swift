/// A calendar date as a day number (days since 1970-01-01), so comparing and
/// subtracting dates is integer arithmetic.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let number: Int32

    public init(number: Int32) { self.number = number }

    /// A proleptic Gregorian date; nil when it does not exist (2024-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        number = Int32(era * 146097 + doe - 719468)
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(number) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { components.year }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        let w = (Int(number) + 3) % 7  // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    public var isWeekend: Bool { weekday >= 6 }

    public static func + (d: Day, n: Int) -> Day { Day(number: d.number + Int32(n)) }
    public static func - (d: Day, n: Int) -> Day { Day(number: d.number - Int32(n)) }
    public static func - (a: Day, b: Day) -> Int { Int(a.number) - Int(b.number) }
    public static func < (a: Day, b: Day) -> Bool { a.number < b.number }

    /// The same day `n` calendar months later (or earlier), clamped to the month's end.
    public func adding(months n: Int) -> Day {
        let c = components
        let total = c.year * 12 + (c.month - 1) + n
        let y = total >= 0 ? total / 12 : (total - 11) / 12
        let m = total - y * 12 + 1
        return Day(year: y, month: m, day: min(c.day, Day.daysIn(month: m, year: y)))!
    }

    /// The same day `n` years later, 29 February becoming 28 February when needed.
    public func adding(years n: Int) -> Day { adding(months: 12 * n) }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `yyyy-mm-dd`. Written digit by digit into a small string: rules compare and print
    /// dates this way for many children (a padded interpolation cost thousands of
    /// instructions).
    public var description: String {
        let c = components
        guard (0...9999).contains(c.year) else { return Day.padded(c) }
        return String(unsafeUninitializedCapacity: 10) { b in
            func digits(_ value: Int, at start: Int, width: Int) {
                var v = value
                for k in (start..<(start + width)).reversed() {
                    b[k] = UInt8(48 + v % 10)
                    v /= 10
                }
            }
            digits(c.year, at: 0, width: 4)
            b[4] = UInt8(ascii: "-")
            digits(c.month, at: 5, width: 2)
            b[7] = UInt8(ascii: "-")
            digits(c.day, at: 8, width: 2)
            return 10
        }
    }

    /// `yyyy-mm-dd` for any year (five digits, or a sign, past the four-digit range).
    static func padded(_ c: (year: Int, month: Int, day: Int)) -> String {
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    /// Parses strict ISO `yyyy-mm-dd`. Returns nil for anything else, including dates that
    /// do not exist.
    public init?(iso text: some StringProtocol) {
        var copy = String(text)
        let parsed = copy.withUTF8 { Day(isoBytes: $0) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// Parses strict ISO `yyyy-mm-dd` from UTF-8 bytes.
    public init?(isoBytes b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 10, let p = b.baseAddress, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") else { return nil }
        let century = Day.digitPair(p, 0), year = Day.digitPair(p, 2), month = Day.digitPair(p, 5), day = Day.digitPair(p, 8)
        guard century >= 0, year >= 0, month >= 0, day >= 0 else { return nil }
        self.init(year: century * 100 + year, month: month, day: day)
    }

    /// The two digits at `at` as a number, -1 when either is not a digit: dates are read
    /// at known offsets, a pair at a time. Unchecked: callers have checked the text's length.
    @inline(__always)
    static func digitPair(_ p: UnsafePointer<UInt8>, _ at: Int) -> Int {
        let hi = Int(p[at]) &- 48, lo = Int(p[at + 1]) &- 48
        return UInt(bitPattern: hi) < 10 && UInt(bitPattern: lo) < 10 ? hi &* 10 &+ lo : -1
    }
}
