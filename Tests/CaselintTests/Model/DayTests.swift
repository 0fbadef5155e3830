import Model
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
}
