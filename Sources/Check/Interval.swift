import Model

/// A span of time a local procedure sets: "10 working days" (Central Bedfordshire's visit
/// interval), "2 weeks" (Walsall), "4 weeks" (Southwark), "3 months". Rules compute
/// deadlines with it, so one rule serves every partnership's procedure.
public struct Interval: Sendable, Hashable, CustomStringConvertible {
    public enum Unit: String, Sendable, CaseIterable {
        case days = "days"
        case workingDays = "working days"
        case weeks = "weeks"
        case months = "months"

        var singular: String { String(rawValue.dropLast()) }
    }

    public let count: Int
    public let unit: Unit

    public init(_ count: Int, _ unit: Unit) {
        self.count = count
        self.unit = unit
    }

    /// Parses `10 working days`, `1 week`, `4 weeks`, `3 months`, `10 days` (units singular
    /// or plural, any case, `working-days` and `wd` accepted); nil when it is not one.
    public init?(_ text: String) {
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.count >= 2, let n = Int(words[0]), n >= 0 else { return nil }
        let unitText = words.dropFirst().joined(separator: " ").replacingOccurrences(of: "-", with: " ")
        let unit: Unit
        switch unitText {
        case "day", "days", "calendar day", "calendar days": unit = .days
        case "working day", "working days", "wd": unit = .workingDays
        case "week", "weeks": unit = .weeks
        case "month", "months": unit = .months
        default: return nil
        }
        self.init(n, unit)
    }

    /// `10 working days`, `1 week`.
    public var description: String { "\(count) \(count == 1 ? unit.singular : unit.rawValue)" }

    /// The last day that is still within the interval of `start`.
    public func end(from start: Day, calendar: WorkingDayCalendar = .englandAndWales) -> Day {
        switch unit {
        case .days: start + count
        case .weeks: start + 7 * count
        case .months: start.adding(months: count)
        case .workingDays: calendar.adding(workingDays: count, to: start)
        }
    }
}

private extension String {
    func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
    }
}
