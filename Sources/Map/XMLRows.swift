import Model
import Read

/// Turns the record elements of an XML export into rows for a `RowMapper`: each element
/// at `recordPath` (`Interchange/*`, `PoliceExport/Incidents/Incident`) is a row, and each
/// element inside it that holds text is a cell named by its path below the record
/// (`Victim/NHSNumber`). With `kindFromName`, the record element's name is the record type.
public final class XMLRows: XMLEventHandler {
    private let mapper: RowMapper
    private let recordPath: [Symbol]
    private let kindFromName: Bool
    private let kindColumn: Symbol?
    private let wildcard = Symbol("*")

    private var stack: [Symbol] = []
    /// Below the record element: names, start positions and whether an element had children.
    private var inner: [(name: Symbol, at: TextPosition, content: TextPosition, parent: Bool)] = []
    private var inRecord = false
    private var recordStart = TextPosition(line: 1, column: 1)
    private var cells: [RowCell] = []
    private var text: [UInt8] = []
    private var count: Int32 = 0
    private var names: [String: Symbol] = [:]

    private let maxValueBytes: Int
    private var dropped = 0
    private let file: FileID
    private unowned let sink: RecordSink

    public init(layout: RowLayout, recordPath: [String], kindFromName: Bool, file: FileID, sink: RecordSink,
                limits: Limits = .defaults) {
        mapper = RowMapper(layout: layout, file: file, sink: sink)
        maxValueBytes = limits.maxValueBytes
        self.file = file
        self.sink = sink
        self.recordPath = recordPath.map(Symbol.init)
        self.kindFromName = kindFromName
        kindColumn = layout.kindColumn.map(Symbol.init)
    }

    public var rowsMapped: Int { mapper.rowsMapped }

    public func startElement(_ name: Symbol, at: TextPosition, content: TextPosition) {
        if inRecord {
            if !inner.isEmpty { inner[inner.count - 1].parent = true }
            inner.append((name, at, content, false))
            text.removeAll(keepingCapacity: true)
            return
        }
        stack.append(name)
        if stack.count == recordPath.count, zip(stack, recordPath).allSatisfy({ $1 == wildcard || $0 == $1 }) {
            inRecord = true
            recordStart = at
            cells.removeAll(keepingCapacity: true)
            if kindFromName, let kindColumn {
                cells.append(RowCell(name: kindColumn, text: name.name, location: at,
                                     valuePosition: TextPosition(line: at.line, column: at.column + 1)))
            }
        }
    }

    public func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard inRecord && !inner.isEmpty else { return }
        let room = maxValueBytes - text.count
        if bytes.count <= room {
            text.append(contentsOf: bytes)
        } else {
            if room > 0 { text.append(contentsOf: bytes[0..<room]) }
            dropped += bytes.count - max(room, 0)
        }
    }

    public func endElement(_ name: Symbol, after: TextPosition) {
        if inRecord && !inner.isEmpty {
            let e = inner.removeLast()
            if dropped > 0 {
                sink.diagnostic(Diagnostic(ruleID: "LIM001", severity: .error,
                                           message: "\(e.name.name) is \(text.count + dropped) bytes long, over the limit of \(maxValueBytes); only the first \(maxValueBytes) bytes are kept",
                                           location: SourceLocation(file: file, line: e.at.line, column: e.at.column)))
                dropped = 0
            }
            if !e.parent {
                let path = (inner.map(\.name.name) + [e.name.name]).joined(separator: "/")
                cells.append(RowCell(name: symbol(path), text: String(decoding: text, as: UTF8.self),
                                     location: e.at, valuePosition: e.content))
            }
            text.removeAll(keepingCapacity: true)
            return
        }
        if inRecord {
            inRecord = false
            count += 1
            cells.withUnsafeBufferPointer { mapper.map(Row(name: name, number: count, start: recordStart), cells: $0) }
        }
        if !stack.isEmpty { stack.removeLast() }
    }

    public func finish() { mapper.finish() }

    private func symbol(_ path: String) -> Symbol {
        if let s = names[path] { return s }
        let s = Symbol(path)
        names[path] = s
        return s
    }
}
