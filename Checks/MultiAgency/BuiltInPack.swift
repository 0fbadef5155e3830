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
    /// loads them, so it cannot reach a user. Every run compiles them before it reads a
    /// file, so the files are compiled side by side.
    public static let packs: [RulePack] = {
        var swiftRules: [String: String] = [:]
        for r in MultiAgency.all { swiftRules[r.id] = "Checks/MultiAgency (Swift)" }
        let taken = swiftRules
        let loaded = Mutex([(RulePack?, [String])](repeating: (nil, []), count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let (name, bytes) = files[i]
            let (pack, errors) = RulePackLoader.load(text: String(decoding: bytes, as: UTF8.self), path: name, taken: taken)
            loaded.withLock { $0[i] = (pack, errors.map(\.description)) }
        }
        var out: [RulePack] = []
        var seen = taken
        for (i, (pack, errors)) in loaded.withLock({ $0 }).enumerated() {
            guard let pack else { fatalError("the built-in rule pack does not load:\n" + errors.joined(separator: "\n")) }
            // Loaded apart, the files are checked against each other here.
            for r in pack.rules {
                if let other = seen[r.rule.id] { fatalError("the built-in rule \(r.rule.id) of \(files[i].name) is also \(other)") }
                seen[r.rule.id] = "\(files[i].name):\(r.line)"
            }
            out.append(pack)
        }
        return out
    }()

    public static var rules: [Rule] { packs.flatMap(\.allRules) }
}
