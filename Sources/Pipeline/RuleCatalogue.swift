import Check
import Checks
import Config
import Packs

/// The rules a run knows: the built-in catalogue (Swift rules and the built-in pack) and
/// the rule packs the user names (`rules:` in `.caselint.yml`, `--rules PATH`), loaded at
/// start-up. A pack's rule id may not repeat a built-in one or another pack's.
public struct RuleCatalogue: Sendable {
    public let packs: [RulePack]
    /// The rules of the user's packs.
    public var packRules: [Rule] { packs.flatMap(\.allRules) }
    /// Every rule: built-in first, then the packs' in the order given.
    public var rules: [Rule] { Catalogue.rules + packRules }

    /// Loads the packs at `paths` (each once, in order); every mistake is a configuration
    /// error at its file:line:column.
    public static func load(packs paths: [String]) -> Result<RuleCatalogue, ConfigErrors> {
        var unique: [String] = []
        for p in paths where !unique.contains(p) { unique.append(p) }
        var taken: [String: String] = [:]
        for r in Catalogue.rules { taken[r.id] = "the built-in rule \(r.id)" }
        let (packs, errors) = RulePackLoader.load(paths: unique, taken: taken)
        if !errors.isEmpty { return .failure(ConfigErrors(errors)) }
        return .success(RuleCatalogue(packs: packs))
    }

    /// The built-in rules alone.
    public static let builtIn = RuleCatalogue(packs: [])
}
