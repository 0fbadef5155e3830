import Checks
import Config
import FuzzSupport

/// libFuzzer entry: the `.caselint.yml` loader on the input, against the whole catalogue
/// (rule ids, parameters, globs).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    switch Configuration.parse(text, path: "/tmp/fuzz/.caselint.yml", rules: Catalogue.rules, workingDirectory: "/tmp/fuzz") {
    case .success(let config): _ = "\(config)"
    case .failure(let errors): _ = "\(errors)"
    }
    return 0
}

#if !FUZZING
@main enum Main {
    static func main() { Replay.main(fuzzConfig) }
}
#endif
