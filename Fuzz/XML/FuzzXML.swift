import FuzzSupport
import Map
import Model
import Read

/// Collects nothing: the mapper's work is what is fuzzed.
final class Discard: RecordSink {
    func header(_ header: Child) {}
    func child(_ child: Child) { _ = child.records.count }
    func diagnostic(_ diagnostic: Diagnostic) {}
}

/// libFuzzer entry: reads the input as a CIN census file through libxml2 and the mapper.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let sink = Discard()
    let mapper = XMLMapper(layout: .cinCensus, file: FileID(0), sink: sink)
    if XMLReader.read(bytes: bytes, handler: mapper) == nil { mapper.finish() }
    return 0
}

#if !FUZZING
@main enum Main {
    static func main() { Replay.main(fuzzXML) }
}
#endif
