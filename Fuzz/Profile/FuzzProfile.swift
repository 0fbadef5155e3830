import Config
import FuzzSupport

/// libFuzzer entry: the mapping-profile loader on the input as a profile file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProfile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    let (profile, errors) = MappingProfileLoader.load(text: text, path: "fuzz-profile.yml")
    _ = errors.map { $0.description }
    if let profile { _ = profile.missingColumns(in: ["a", "b", "date", "CHILD"]) }
    return 0
}

#if !FUZZING
@main enum Main {
    static func main() { Replay.main(fuzzProfile) }
}
#endif
