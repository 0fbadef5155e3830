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

/// Every tag with its positions, and the text between tags joined: what a reader hands on.
final class Events: XMLEventHandler {
    var log: [String] = []
    private var text: [UInt8] = []
    func startElement(_ name: Symbol, at: TextPosition, content: TextPosition) {
        flush()
        log.append("<\(name.rawValue) \(at.line):\(at.column) \(content.line):\(content.column)")
    }
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) { text.append(contentsOf: bytes) }
    func endElement(_ name: Symbol, after: TextPosition) {
        flush()
        log.append(">\(name.rawValue) \(after.line):\(after.column)")
    }
    private func flush() {
        if !text.isEmpty { log.append("t\(text)") }
        text.removeAll()
    }

    /// The events of `bytes` as one reader or the other hands them on; text after the last
    /// tag before a fatal error reaches no one, and is left out.
    static func of(_ bytes: [UInt8], scanner: Bool, chunkSize: Int) -> [String] {
        let events = Events()
        if let problem = XMLReader.read(bytes: bytes, handler: events, scanner: scanner, chunkSize: chunkSize) {
            return events.log + ["! \(problem.rule) \(problem.position.line):\(problem.position.column) \(problem.message)"]
        }
        events.flush()
        return events.log
    }
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
    let scanned = Events.of(bytes, scanner: true, chunkSize: chunk)
    let reference = Events.of(bytes, scanner: false, chunkSize: XMLReader.chunkSize)
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
