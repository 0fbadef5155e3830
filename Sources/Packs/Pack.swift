import Check
import Config
import Model

/// A rule pack: rules written in YAML (docs/rule-packs.md), compiled when it loads into
/// ordinary `Rule`s — the engine, the configuration, `caselint explain` and the example
/// tests treat them as they treat rules written in Swift.
public struct RulePack: Sendable {
    public let name: String
    public let version: String
    /// The file it was read from (or the name of an embedded pack).
    public let path: String
    public let rules: [PackRule]

    public var allRules: [Rule] { rules.map(\.rule) }
}

/// A rule of a pack, with where its examples are written (for `caselint test-rules`).
public struct PackRule: Sendable {
    public let rule: Rule
    /// Where the rule's `id:` is.
    public let line: Int
    public let column: Int
    /// Where each example (in `rule.examples` order) is written.
    public let examplePositions: [(line: Int, column: Int)]
}

/// A parameter a pack rule declares: its place among the rule's parameter values and
/// its kind, which conditions and kinds check their use of it against.
struct PackParameter: Sendable {
    let name: String
    let kind: ParameterKind
    let slot: Int
    let parameter: Parameter
}
