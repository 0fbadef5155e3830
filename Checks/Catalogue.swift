import Check

/// Every built-in rule. A family file adds its rules to its own list; this is the one
/// place the lists are joined.
public enum Catalogue {
    public static let rules: [Rule] = ReaderRules.all + LimitRules.all + TriageRules.all + TableRules.all + LinkRules.all
        + CINCensus.all.map { $0.with(scope: .source(.cinCensus)) }
        + (MultiAgency.all + BuiltInPack.rules).sorted { $0.id < $1.id }

    private static let byID: [String: Rule] = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

    public static func rule(id: String) -> Rule? { byID[id.uppercased()] }
}
