import Check
import FuzzSupport
import Packs
import Pipeline

/// libFuzzer entry: the rule-pack loader on the input (YAML, conditions, templates,
/// examples) and, when the pack loads, each of its rules' examples through the real
/// readers, linker and engine.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPack(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    let (pack, errors) = RulePackLoader.load(text: text, path: "/tmp/fuzz/pack.yml")
    _ = errors.map(\.description)
    for rule in pack?.allRules ?? [] {
        for example in rule.examples.prefix(4) { _ = ExampleRunner.run(example, of: rule) }
    }
    return 0
}

#if !FUZZING
@main enum Main {
    static func main() { Replay.main(fuzzPack) }
}
#endif
