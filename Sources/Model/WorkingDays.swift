/// England & Wales working days: Monday to Friday, less bank holidays.
///
/// Bank holidays follow the Banking and Financial Dealings Act 1971 and the royal
/// proclamations that moved or added days; the dates 2010–2030 match the published list at
/// https://www.gov.uk/bank-holidays (checked for every year it covers, 2012–2025, in tests).
/// Years after the published list use the standing rules. Outside 2010–2030 only weekends
/// are excluded, and `covers` says so.
///
/// A class, not a struct: rules pass the calendar to every date sum, and a struct's copy
/// retained both its tables each time.
public final class WorkingDayCalendar: Sendable {
    public static let englandAndWales = WorkingDayCalendar()

    public let firstYear = 2010
    public let lastYear = 2030
    private let holidays: Set<Int32>
    /// `prefix[i]` = working days in [start, start + i).
    private let prefix: [Int32]
    private let start: Day
    private let end: Day

    private init() {
        var days = Set<Int32>()
        for y in firstYear...lastYear {
            for d in WorkingDayCalendar.bankHolidays(in: y) { days.insert(d.number) }
        }
        holidays = days
        start = Day(year: firstYear, month: 1, day: 1)!
        end = Day(year: lastYear + 1, month: 1, day: 1)!
        var p = [Int32](repeating: 0, count: (end - start) + 1)
        var d = start
        var count: Int32 = 0
        for i in 0..<(end - start) {
            p[i] = count
            if !d.isWeekend && !days.contains(d.number) { count += 1 }
            d = d + 1
        }
        p[end - start] = count
        prefix = p
    }

    /// True when the calendar holds the bank holidays of the day's year.
    public func covers(_ day: Day) -> Bool { day >= start && day < end }

    public func isBankHoliday(_ day: Day) -> Bool { holidays.contains(day.number) }

    public func isWorkingDay(_ day: Day) -> Bool {
        if day >= start && day < end {
            let i = day - start
            return prefix[i + 1] != prefix[i]
        }
        return !day.isWeekend
    }

    /// Working days in the half-open range [a, b): the count of working days from `a`
    /// up to, not including, `b`. Negative when `b` is before `a`.
    public func workingDays(from a: Day, to b: Day) -> Int {
        if b < a { return -workingDays(from: b, to: a) }
        return countBefore(b) - countBefore(a)
    }

    /// The working day `n` working days after `day` (n > 0) or before it (n < 0), not
    /// counting `day` itself: adding 1 to a Friday gives the next Monday (if not a holiday).
    public func adding(workingDays n: Int, to day: Day) -> Day {
        if n == 0 { return day }
        // Inside the covered years, find the day by the running count (binary search);
        // outside them, step.
        let target = n > 0 ? countBefore(day + 1) + n : countBefore(day) + n + 1
        if day >= start + 7, day < end - 7, target > Int(prefix[7]), target < Int(prefix[prefix.count - 8]) {
            // The first index i with prefix[i] == target; the day is start + i - 1. The
            // day is at least |n| calendar days away, so the search starts there and
            // steps over the weekends and holidays between (deadlines of a few working
            // days are worked out for most records; a binary search took 14 steps).
            let t = Int32(target)
            var i = (day - start) + n + 1
            if n > 0 {
                while prefix[i] < t { i += 1 }
            } else {
                while prefix[i - 1] >= t { i -= 1 }
            }
            return start + (i - 1)
        }
        var d = day
        var left = abs(n)
        let step = n >= 0 ? 1 : -1
        while left > 0 {
            d = d + step
            if isWorkingDay(d) { left -= 1 }
        }
        return d
    }

    private func countBefore(_ d: Day) -> Int {
        if d < start {
            return -weekdays(from: d, to: start)
        }
        if d >= end {
            return Int(prefix[end - start]) + weekdays(from: end, to: d)
        }
        return Int(prefix[d - start])
    }

    /// Weekdays in [a, b) (no holidays: used outside the covered years).
    private func weekdays(from a: Day, to b: Day) -> Int {
        let total = b - a
        var count = (total / 7) * 5
        var d = a + (total / 7) * 7
        while d < b {
            if !d.isWeekend { count += 1 }
            d = d + 1
        }
        return count
    }

    /// The bank holidays of England & Wales in one year.
    public static func bankHolidays(in year: Int) -> [Day] {
        var out: [Day] = []
        func date(_ m: Int, _ d: Int) -> Day { Day(year: year, month: m, day: d)! }
        func firstMonday(_ m: Int) -> Day {
            var d = date(m, 1)
            while d.weekday != 1 { d = d + 1 }
            return d
        }
        func lastMonday(_ m: Int) -> Day {
            var d = date(m, Day.daysIn(month: m, year: year))
            while d.weekday != 1 { d = d - 1 }
            return d
        }
        // New Year's Day, or the Monday after when it falls at a weekend.
        var newYear = date(1, 1)
        while newYear.isWeekend { newYear = newYear + 1 }
        out.append(newYear)
        // Good Friday and Easter Monday.
        let easter = easterSunday(year)
        out.append(easter - 2)
        out.append(easter + 1)
        // Early May: first Monday (2020 moved to Friday 8 May for VE Day's 75th anniversary).
        out.append(year == 2020 ? date(5, 8) : firstMonday(5))
        // Spring: last Monday of May (moved for the Diamond and Platinum Jubilees).
        switch year {
        case 2012: out += [date(6, 4), date(6, 5)]
        case 2022: out += [date(6, 2), date(6, 3)]
        default: out.append(lastMonday(5))
        }
        out.append(lastMonday(8))
        // Christmas and Boxing Day, with substitute days.
        let christmas = date(12, 25)
        switch christmas.weekday {
        case 5: out += [christmas, date(12, 28)]        // Fri: Boxing Day Sat → Mon 28
        case 6: out += [date(12, 27), date(12, 28)]     // Sat
        case 7: out += [date(12, 26), date(12, 27)]     // Sun
        default: out += [christmas, date(12, 26)]
        }
        // One-off days by proclamation.
        switch year {
        case 2011: out.append(date(4, 29))  // Royal wedding
        case 2022: out.append(date(9, 19))  // State funeral of Queen Elizabeth II
        case 2023: out.append(date(5, 8))   // Coronation of King Charles III
        default: break
        }
        return out.sorted()
    }

    /// Gregorian Easter Sunday (anonymous Gregorian algorithm).
    public static func easterSunday(_ y: Int) -> Day {
        let a = y % 19, b = y / 100, c = y % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return Day(year: y, month: month, day: day)!
    }
}
