import Model
import Testing

@Suite struct CalendarTests {
    /// England and Wales bank holidays as published at https://www.gov.uk/bank-holidays
    /// (Open Government Licence v3.0), every year the published list covers.
    static let published: [Int: [String]] = [
        2012: ["01-02", "04-06", "04-09", "05-07", "06-04", "06-05", "08-27", "12-25", "12-26"],
        2013: ["01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"],
        2014: ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"],
        2015: ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"],
        2016: ["01-01", "03-25", "03-28", "05-02", "05-30", "08-29", "12-26", "12-27"],
        2017: ["01-02", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26"],
        2018: ["01-01", "03-30", "04-02", "05-07", "05-28", "08-27", "12-25", "12-26"],
        2019: ["01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26"],
        2020: ["01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28"],
        2021: ["01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"],
        2022: ["01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26", "12-27"],
        2023: ["01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"],
        2024: ["01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"],
        2025: ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"],
    ]

    @Test(arguments: published.keys.sorted())
    func bankHolidaysMatchThePublishedList(year: Int) {
        let computed = WorkingDayCalendar.bankHolidays(in: year).map { String($0.description.dropFirst(5)) }
        #expect(computed == CalendarTests.published[year])
    }

    @Test func laterYearsFollowTheStandingRules() {
        let y2026 = WorkingDayCalendar.bankHolidays(in: 2026).map(\.description)
        #expect(y2026 == ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"])
        let y2027 = WorkingDayCalendar.bankHolidays(in: 2027).map(\.description)
        #expect(y2027 == ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"])
    }

    @Test func addsAndCountsWorkingDays() {
        let cal = WorkingDayCalendar.englandAndWales
        let friday = Day(iso: "2025-04-11")!
        #expect(cal.adding(workingDays: 1, to: friday).description == "2025-04-14")
        // Good Friday and Easter Monday 2025 are skipped.
        #expect(cal.adding(workingDays: 1, to: Day(iso: "2025-04-17")!).description == "2025-04-22")
        #expect(cal.adding(workingDays: -1, to: Day(iso: "2025-04-22")!).description == "2025-04-17")
        #expect(cal.workingDays(from: Day(iso: "2025-04-17")!, to: Day(iso: "2025-04-22")!) == 1)
        #expect(cal.workingDays(from: Day(iso: "2025-04-22")!, to: Day(iso: "2025-04-17")!) == -1)
        // The DfE's "reference date minus 45 working days" (its validator counts the
        // reference date as the first): 2025-03-31 → 2025-01-28, 2024-03-31 → 2024-01-29.
        #expect(cal.adding(workingDays: -44, to: Day(iso: "2025-03-31")!).description == "2025-01-28")
        #expect(cal.adding(workingDays: -44, to: Day(iso: "2024-03-31")!).description == "2024-01-29")
        #expect(cal.adding(workingDays: -14, to: Day(iso: "2023-03-31")!).description == "2023-03-13")
    }

    @Test func countsAgreeWithStepping() {
        let cal = WorkingDayCalendar.englandAndWales
        let start = Day(iso: "2009-12-01")!
        for offset in stride(from: 0, to: 8000, by: 37) {
            let a = start + offset
            let b = cal.adding(workingDays: 30, to: a)
            #expect(cal.workingDays(from: a + 1, to: b + 1) == 30)
        }
    }

    /// Adding working days gives the day found by stepping one day at a time, forwards and
    /// backwards, across the covered years and past their ends.
    @Test func addingAgreesWithStepping() {
        let cal = WorkingDayCalendar.englandAndWales
        func stepped(_ n: Int, _ day: Day) -> Day {
            var d = day, left = abs(n)
            while left > 0 {
                d = d + (n > 0 ? 1 : -1)
                if cal.isWorkingDay(d) { left -= 1 }
            }
            return d
        }
        let first = Day(iso: "2009-11-01")!
        var checked = 0
        for offset in stride(from: 0, to: 8400, by: 13) {
            let day = first + offset
            for n in [1, 2, 5, 10, 20, 45, 65, 260, -1, -2, -5, -14, -44, -65, -260] {
                #expect(cal.adding(workingDays: n, to: day) == stepped(n, day), "\(n) from \(day)")
                checked += 1
            }
        }
        #expect(checked == 9705)
    }
}
