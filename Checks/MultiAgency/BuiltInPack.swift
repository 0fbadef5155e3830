import Check
import Packs

/// The multi-agency rules written as a rule pack (docs/multi-agency-rules.md, rules marked
/// **pack**; format in docs/rule-packs.md): the YAML files of `MultiAgency/pack/`, embedded
/// in the binary by SwiftPM (`embedInCode`) and compiled when the catalogue is first used,
/// as a user's pack is. They prove the pack kinds on real rules; the rules that walk a
/// child's whole timeline stay in Swift (`MultiAgency`).
public enum BuiltInPack {
    /// Each embedded file, by the name `caselint explain` and errors give it.
    static let files: [(name: String, bytes: [UInt8])] = [
        ("Checks/MultiAgency/pack/sufficiency.yml", PackageResources.sufficiency_yml),
        ("Checks/MultiAgency/pack/handover.yml", PackageResources.handover_yml),
        ("Checks/MultiAgency/pack/procedure.yml", PackageResources.procedure_yml),
        ("Checks/MultiAgency/pack/consistency.yml", PackageResources.consistency_yml),
    ]

    /// The packs, compiled. A mistake in them is a mistake in caselint: the test suite
    /// loads them, so it cannot reach a user.
    public static let packs: [RulePack] = {
        var out: [RulePack] = []
        var taken: [String: String] = [:]
        for r in MultiAgency.all { taken[r.id] = "Checks/MultiAgency (Swift)" }
        for (name, bytes) in files {
            let (pack, errors) = RulePackLoader.load(text: String(decoding: bytes, as: UTF8.self), path: name, taken: taken)
            guard let pack else {
                fatalError("the built-in rule pack does not load:\n" + errors.map(\.description).joined(separator: "\n"))
            }
            for r in pack.rules { taken[r.rule.id] = "\(name):\(r.line)" }
            out.append(pack)
        }
        return out
    }()

    public static var rules: [Rule] { packs.flatMap(\.allRules) }
}
