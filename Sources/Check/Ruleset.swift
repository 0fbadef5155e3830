import Model

/// A CIN census collection year's rules: `cin2024_25` is the return whose collection ends
/// on 31 March 2025 (`year` 2025).
public struct Ruleset: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int

    public init?(year: Int) {
        guard Ruleset.supportedYears.contains(year) else { return nil }
        self.year = year
    }

    /// Parses `cin2024_25`.
    public init?(name: String) {
        let parts = name.split(separator: "_")
        guard parts.count == 2, parts[0].hasPrefix("cin"), let first = Int(parts[0].dropFirst(3)),
              let second = Int(parts[1]), (first + 1) % 100 == second else { return nil }
        self.init(year: first + 1)
    }

    public static let supportedYears = 2023...2027
    public static let all: [Ruleset] = supportedYears.map { Ruleset(year: $0)! }
    public static let latest = Ruleset(year: supportedYears.upperBound)!

    public var name: String { "cin\(year - 1)_\(String(format2: year % 100))" }
    public var description: String { name }
    public static func < (a: Ruleset, b: Ruleset) -> Bool { a.year < b.year }

    /// The ruleset a return's header asks for: its `Year` (the year the collection ends),
    /// else the year of its `ReferenceDate`; clamped to the supported years.
    public static func forHeader(year: Int?, referenceDate: Day?) -> Ruleset {
        let y = year ?? referenceDate?.year ?? supportedYears.upperBound
        return Ruleset(year: min(max(y, supportedYears.lowerBound), supportedYears.upperBound))!
    }
}

private extension String {
    init(format2 v: Int) { self = v < 10 ? "0\(v)" : "\(v)" }
}

/// The census year a return covers: from the day after the previous reference date to its
/// reference date (1 April to 31 March), as the DfE defines the collection period.
public struct CensusPeriod: Sendable, Hashable {
    public let referenceDate: Day
    public let start: Day

    public init(referenceDate: Day) {
        self.referenceDate = referenceDate
        start = referenceDate.adding(years: -1) + 1
    }

    public func contains(_ d: Day) -> Bool { d >= start && d <= referenceDate }
}
