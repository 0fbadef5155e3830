import FuzzSupport
import Pipeline
import Report
#if canImport(Glibc)
import Glibc
#endif

/// A scratch file per process: the pipeline reads files, as it does for users.
private let scratch = "/tmp/caselint-fuzz-\(getpid()).input"

/// libFuzzer entry: discovery, reading, mapping, every rule and the renderers, on one file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let f = fopen(scratch, "wb") else { return 0 }
    if let data, size > 0 { fwrite(data, 1, size, f) }
    fclose(f)
    var options = LintOptions(paths: [scratch])
    options.jobs = 1
    let result = Linter(options: options).run()
    _ = TextRenderer(color: false, showValues: true).render(result)
    _ = JSONLinesRenderer(showValues: false).render(result)
    return 0
}

#if !FUZZING
@main enum Main {
    static func main() { Replay.main(fuzzPipeline) }
}
#endif
