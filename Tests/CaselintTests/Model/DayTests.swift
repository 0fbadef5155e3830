import Foundation
@testable import Model
import Testing

@Suite struct DayTests {
    @Test func parsesStrictISODates() {
        #expect(Day(iso: "2024-02-29")?.description == "2024-02-29")
        #expect(Day(iso: "2023-02-29") == nil)
        #expect(Day(iso: "2024-02-30") == nil)
        #expect(Day(iso: "31/01/2024") == nil)
        #expect(Day(iso: "2024-1-31") == nil)
        #expect(Day(iso: "2024-01-31T00:00") == nil)
        #expect(Day(iso: "") == nil)
    }

    @Test func roundTripsDayNumbers() {
        #expect(Day(iso: "1970-01-01")?.number == 0)
        #expect(Day(iso: "2000-03-01")!.number - Day(iso: "2000-02-28")!.number == 2)
        var d = Day(iso: "1899-12-25")!
        for _ in 0..<100_000 {
            let c = d.components
            #expect(Day(year: c.year, month: c.month, day: c.day) == d)
            d = d + 3
        }
    }

    @Test func weekdays() {
        #expect(Day(iso: "2025-03-31")!.weekday == 1)  // Monday
        #expect(Day(iso: "2024-03-31")!.weekday == 7)  // Sunday
        #expect(Day(iso: "1970-01-01")!.weekday == 4)  // Thursday
    }

    @Test func addsMonthsClampingToMonthEnd() {
        #expect(Day(iso: "2024-01-31")!.adding(months: 1).description == "2024-02-29")
        #expect(Day(iso: "2024-02-29")!.adding(years: -1).description == "2023-02-28")
        #expect(Day(iso: "2025-03-31")!.adding(months: -13).description == "2024-02-29")
    }

    /// `description` writes the digits itself for years 0–9999: every day of that range
    /// reads as the padded components, and so do days outside it.
    @Test func describesEveryDayAsItsPaddedComponents() {
        let first = Day(iso: "0000-01-01")!.number, last = Day(iso: "9999-12-31")!.number
        let edges = Array((first - 400)...(first + 400)) + Array((last - 400)...(last + 400))
        for n in edges + Array(stride(from: first, through: last, by: 37)) {
            let day = Day(number: n)
            #expect(day.description == Day.padded(day.components))
            if n == first || n == last || n % 1009 == 0 {
                let c = day.components
                let expected = String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
                if (0...9999).contains(c.year) { #expect(day.description == expected) }
            }
        }
        #expect(Day(iso: "0987-06-05")?.description == "0987-06-05")
    }
}
