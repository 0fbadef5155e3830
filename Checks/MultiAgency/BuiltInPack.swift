import Check
import Dispatch
import Packs
import Synchronization

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
    /// loads them, so it cannot reach a user. The files are parsed side by side, on
    /// every core (YAML parsing is most of a small run's start-up); rule ids are then
    /// checked across the files in their order, as a user's packs are.
    public static let packs: [RulePack] = {
        var taken: [String: String] = [:]
        for r in MultiAgency.all { taken[r.id] = "Checks/MultiAgency (Swift)" }
        let swiftRules = taken
        let loaded = Mutex([(RulePack?, [String])](repeating: (nil, []), count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let (name, bytes) = files[i]
            let (pack, errors) = RulePackLoader.load(text: String(decoding: bytes, as: UTF8.self), path: name, taken: swiftRules)
            loaded.withLock { $0[i] = (pack, errors.map(\.description)) }
        }
        var out: [RulePack] = []
        for (i, (pack, errors)) in loaded.withLock({ $0 }).enumerated() {
            let name = files[i].name
            var problems = errors
            for r in pack?.rules ?? [] {
                if let first = taken[r.rule.id] { problems.append(RulePackLoader.duplicate(r, path: name, first: first).description) }
                taken[r.rule.id] = "\(name):\(r.line)"
            }
            guard let pack, problems.isEmpty else {
                fatalError("the built-in rule pack does not load:\n" + problems.joined(separator: "\n"))
            }
            out.append(pack)
        }
        return out
    }()

    public static var rules: [Rule] { packs.flatMap(\.allRules) }
}
