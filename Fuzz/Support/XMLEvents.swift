import Model
import Read

/// Everything an XML reader hands on, in order: tags with their positions, and the text
/// between them joined (libxml2 and the scanner split text differently; the mapper joins
/// it). The tests and `FuzzXML` compare the scanner with libxml2 through it.
public final class XMLEvents: XMLEventHandler {
    public private(set) var events: [String] = []
    private var text: [UInt8] = []

    public init() {}

    public func startElement(_ name: Symbol, at: TextPosition, content: TextPosition) {
        flush()
        events.append("<\(name)> \(at.line):\(at.column) content \(content.line):\(content.column)")
    }

    public func characters(_ bytes: UnsafeBufferPointer<UInt8>) { text.append(contentsOf: bytes) }

    public func endElement(_ name: Symbol, after: TextPosition) {
        flush()
        events.append("</\(name)> after \(after.line):\(after.column)")
    }

    private func flush() {
        if !text.isEmpty { events.append("text \(String(decoding: text, as: UTF8.self).debugDescription)") }
        text.removeAll()
    }

    /// What libxml2 alone (`scanner: false`), or the scanner handing over to it, hands on
    /// for `bytes`, and the problem it stops at. Text after the last tag before a fatal
    /// error reaches no one (the mapper keeps text until the next tag), and libxml2 may
    /// stop before handing it on: it is left out.
    public static func of(_ bytes: [UInt8], scanner: Bool, chunkSize: Int = XMLReader.chunkSize) -> [String] {
        let log = XMLEvents()
        if let problem = XMLReader.read(bytes: bytes, handler: log, limits: .defaults, scanner: scanner, chunkSize: chunkSize) {
            return log.events + ["problem \(problem.rule) \(problem.position.line):\(problem.position.column) \(problem.message)"]
        }
        log.flush()
        return log.events
    }
}
