import Config
import FuzzSupport

/// libFuzzer entry: parses the input as a configuration-style YAML document and walks it
/// with every typed accessor, as the configuration and profile loaders do.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    let reader = YAMLReader(path: "fuzz.yml")
    guard let root = reader.parse(text) else { return 0 }
    walk(root, reader, depth: 0)
    return 0
}

private func walk(_ value: YAMLValue, _ reader: YAMLReader, depth: Int) {
    guard depth < 64 else { return }
    if value.node.mapping != nil {
        for entry in reader.mapping(value, allowed: ["select", "ignore", "rules", "profiles"], what: "fuzz") {
            _ = reader.integer(entry.value, what: entry.key)
            _ = reader.bool(entry.value, what: entry.key)
            _ = reader.strings(entry.value, what: entry.key)
            walk(entry.value, reader, depth: depth + 1)
        }
    } else if value.node.sequence != nil {
        for item in reader.sequence(value, what: "fuzz") { walk(item, reader, depth: depth + 1) }
    } else {
        _ = reader.choice(value, what: "fuzz", among: ["days", "working-days", "weeks"])
    }
}

#if !FUZZING
@main enum Main {
    static func main() { Replay.main(fuzzYAML) }
}
#endif
