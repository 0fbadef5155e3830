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

/// libFuzzer entry: reads the input as a CIN census file through the mapper, and checks
/// that the scanner (in a chunk size the input picks) hands on exactly what libxml2 does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let sink = Discard()
    let mapper = XMLMapper(layout: .cinCensus, file: FileID(0), sink: sink)
    if XMLReader.read(bytes: bytes, handler: mapper) == nil { mapper.finish() }
    let chunk = 16 + (bytes.first.map(Int.init) ?? 0) * 4
    let scanned = XMLEvents.of(bytes, scanner: true, chunkSize: chunk)
    let reference = XMLEvents.of(bytes, scanner: false)
    if scanned != reference {
        fatalError("the scanner and libxml2 differ:\n\(scanned)\n\(reference)")
    }
    return 0
}

#if !FUZZING
@main enum Main {
    static func main() { Replay.main(fuzzXML) }
}
#endif
