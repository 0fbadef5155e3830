import FuzzSupport
import Model
import Read

/// Walks every record it is given.
final class JSONSink: JSONHandler {
    func record(_ node: JSONNode) -> Bool {
        _ = "\(node)"
        return true
    }
    func problem(_ problem: JSONProblem) {}
}

/// libFuzzer entry: the JSON reader on the input in each of its record layouts, delivered
/// in small chunks, with tight limits.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var limits = Limits()
    limits.maxValueBytes = 4096
    limits.maxDepth = 32
    for layout in [JSONRecords.array, .lines, .member([]), .member(["records"])] {
        let (source, _) = chunkedSource(data, size)
        try? JSONReader.read(source, records: layout, handler: JSONSink(), limits: limits)
    }
    return 0
}

#if !FUZZING
@main enum Main {
    static func main() { Replay.main(fuzzJSON) }
}
#endif
