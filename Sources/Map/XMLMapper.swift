import Model
import Read

/// Maps the elements of an XML export into children and records, following an `XMLLayout`.
///
/// Streaming: a child is handed to the sink as soon as its element closes. Elements the
/// layout does not know are reported (`MAP001`), never dropped silently; so is stray text
/// (`MAP002`), an invalid date (`MAP003`) and a repeated single-valued element (`MAP004`).
public final class XMLMapper: XMLEventHandler {
    private let layout: XMLLayout
    private let file: FileID
    private unowned(unsafe) let sink: RecordSink
    private let maxValueBytes: Int
    /// Bytes of the current value dropped for being over the limit.
    private var dropped = 0

    /// One open element.
    private struct Frame {
        /// Borrowed (the layout owns its nodes): the frame stack is read on every element,
        /// and an `unowned(unsafe)` reference is retained each time it is read.
        let node: Unmanaged<XMLLayout.Node>
        /// Where this element's sibling counts start in `ordinals`.
        var ordinalStart: Int
    }
    private var frames: [Frame] = []
    /// Sibling counts by element name, for `CINdetails[2]`: one shared stack, each open
    /// element owning the entries from its `ordinalStart`. Only records are counted: a
    /// field's place among its siblings is never shown.
    private var ordinals: [(Symbol, Int32)] = []
    /// Depth inside an element the layout does not know (its subtree is skipped).
    private var unknownDepth = 0
    private var rootSeen = false

    /// The record group being built (a child or the header), when `inGroup`. One builder
    /// serves every child in turn, reset in place, so its working buffers keep their room.
    private var group: GroupBuilder
    private var inGroup = false
    private var childCount: Int32 = 0
    private var headerSeen = false

    /// Text of the current field, or of the current container since its last tag.
    private let text = ByteBuffer()
    /// Where `text` starts.
    private var textStart = TextPosition(line: 1, column: 1)
    private var fieldStart = TextPosition(line: 1, column: 1)

    public private(set) var childrenMapped = 0

    public init(layout: XMLLayout, file: FileID, sink: RecordSink, limits: Limits = .defaults) {
        self.layout = layout
        self.file = file
        self.sink = sink
        maxValueBytes = limits.maxValueBytes
        group = GroupBuilder(kind: .person, source: layout.root.name, location: .wholeFile(file), agency: layout.agency, ordinal: 0)
    }

    /// Starts the group of a child or the header.
    private func startGroup(kind: RecordKind, source: Symbol, at: TextPosition, ordinal: Int32) {
        group.reset(kind: kind, source: source, location: loc(at), agency: layout.agency, ordinal: ordinal, records: 8, fields: 32)
        inGroup = true
    }

    private func loc(_ p: TextPosition) -> SourceLocation {
        SourceLocation(file: file, line: p.line, column: p.column)
    }

    // MARK: XMLEventHandler

    public func startElement(_ name: Symbol, at: TextPosition, content: TextPosition) {
        if unknownDepth > 0 {
            unknownDepth += 1
            return
        }
        flushStrayText()
        guard let parent = frames.last else {
            rootSeen = true
            if name == layout.root.name {
                frames.append(Frame(node: .passUnretained(layout.root), ordinalStart: ordinals.count))
            } else {
                unknown(name, in: nil, at: at)
            }
            textStart = content
            return
        }
        guard let node = parent.node._withUnsafeGuaranteedRef({ $0.child(name) }) else {
            parent.node._withUnsafeGuaranteedRef { unknown(name, in: $0, at: at) }
            textStart = content
            return
        }
        switch node._withUnsafeGuaranteedRef({ $0.role }) {
        case .container:
            break
        case .header:
            headerSeen = true
            startGroup(kind: .header, source: name, at: at, ordinal: 1)
        case .child:
            childCount += 1
            startGroup(kind: .person, source: name, at: at, ordinal: childCount)
        case .record(let kind):
            if inGroup { group.open(kind: kind, source: name, ordinal: nextOrdinal(name), location: loc(at), agency: layout.agency) }
        case .field, .sideField:
            text.removeAll()
            fieldStart = at
        case .valueRecord(let kind, _):
            if inGroup { group.open(kind: kind, source: name, ordinal: nextOrdinal(name), location: loc(at), agency: layout.agency) }
            text.removeAll()
            fieldStart = at
        }
        frames.append(Frame(node: node, ordinalStart: ordinals.count))
        textStart = content
    }

    public func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if unknownDepth > 0 { return }
        let room = maxValueBytes - text.count
        if bytes.count <= room {
            text.append(bytes)
        } else {
            if room > 0 { text.append(UnsafeBufferPointer(rebasing: bytes[0..<room])) }
            dropped += bytes.count - max(room, 0)
        }
    }

    /// Indentation between a container's tags is neither a value nor stray text.
    public func blankBeforeTag(_ bytes: UnsafeBufferPointer<UInt8>) {
        if inValue || !text.isEmpty { characters(bytes) }
    }

    /// Inside a field's element, whose text is its value; elsewhere text is only looked at
    /// for being stray.
    private var inValue: Bool {
        guard let top = frames.last else { return false }
        switch top.node._withUnsafeGuaranteedRef({ $0.role }) {
        case .field, .sideField, .valueRecord: return true
        default: return false
        }
    }

    public func endElement(_ name: Symbol, after: TextPosition) {
        if unknownDepth > 0 {
            unknownDepth -= 1
            if unknownDepth == 0 { textStart = after; text.removeAll() }
            return
        }
        guard let frame = frames.popLast() else { return }
        // (A field element counted no children: most frames have nothing to remove.)
        if frame.ordinalStart < ordinals.count { ordinals.removeSubrange(frame.ordinalStart...) }
        frame.node._withUnsafeGuaranteedRef { close($0, name: name) }
        textStart = after
    }

    /// Ends the element of `node`: a field's value is added, a record or child finished.
    private func close(_ node: XMLLayout.Node, name: Symbol) {
        switch node.role {
        case .field(let key, let repeats):
            reportDropped(in: node)
            addField(key: key, repeats: repeats, node: node)
            text.removeAll()
        case .valueRecord(_, let key):
            reportDropped(in: node)
            addField(key: key, repeats: false, node: node)
            text.removeAll()
            if inGroup { group.close() }
        case .sideField(let kind, let key):
            reportDropped(in: node)
            addField(key: key, repeats: false, node: node, side: kind)
            text.removeAll()
        case .container:
            flushStrayText()
        case .record:
            flushStrayText()
            if inGroup { group.close() }
        case .header:
            flushStrayText()
            if inGroup {
                inGroup = false
                sink.header(group.finish(source: Symbol("Header")))
            }
        case .child:
            flushStrayText()
            if inGroup {
                if !headerSeen && layout.hasHeader {
                    headerSeen = true
                    report("MAP005", .warning, "the return has no Header before its first child; rules that need the reference date are not run",
                           at: group.location)
                }
                childrenMapped += 1
                inGroup = false
                sink.child(group.finish(source: name))
            }
        }
    }

    /// Call when the document ended, to report what it lacked.
    public func finish() {
        if rootSeen && !headerSeen && frames.isEmpty && layout.hasHeader {
            report("MAP005", .warning, "the return has no Header; rules that need the reference date are not run",
                   at: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    // MARK: building

    private func nextOrdinal(_ name: Symbol) -> Int32 {
        var i = frames[frames.count - 1].ordinalStart
        while i < ordinals.count {
            if ordinals[i].0 == name {
                ordinals[i].1 += 1
                return ordinals[i].1
            }
            i += 1
        }
        ordinals.append((name, 1))
        return 1
    }

    private func addField(key: FieldKey, repeats: Bool, node: XMLLayout.Node, side: RecordKind? = nil) {
        guard inGroup else { return }
        // Trim surrounding whitespace; the value starts after the leading whitespace.
        var lo = 0, hi = text.count
        while lo < hi, isSpace(text[lo]) { lo += 1 }
        while hi > lo, isSpace(text[hi - 1]) { hi -= 1 }
        let valueStart = lo == 0 ? textStart : textStart.advanced(over: text.bytes(0..<lo))
        let value = String(decoding: text.bytes(lo..<hi), as: UTF8.self)
        var field = Field(key: key, source: node.sourceName, text: value,
                          location: loc(fieldStart), valueLocation: loc(valueStart))
        if node.valueType == .date, !value.isEmpty {
            field.day = layout.dateFormat.isISO ? Day(isoBytes: text.bytes(lo..<hi)) : layout.dateFormat.parse(value)
            if field.day == nil {
                let shown: Message = node.personal ? "\(personal: value)" : "\(value)"
                report("MAP003", .error,
                       "\(node.name.name) is not a valid date: '\(shown)' (expected \(layout.dateFormat.display))",
                       at: field.valueLocation, path: node.sourceName.name, field: key)
            }
        }
        if let side {
            group.addToSideRecord(side, field, agency: layout.agency)
            return
        }
        if !repeats, group.hasPendingField(key) {
            report("MAP004", .warning,
                   "\(node.name.name) appears more than once in this record; only the first is checked",
                   at: field.location, path: node.sourceName.name, field: key)
        }
        group.add(consume field)
    }

    private func unknown(_ name: Symbol, in parent: XMLLayout.Node?, at: TextPosition) {
        unknownDepth = 1
        let message: Message = parent.map { "unknown element <\(name.name)> in <\($0.name.name)>; it is not checked" }
            ?? "unexpected root element <\(name.name)> for a \(layout.title) file; the file is not checked"
        report("MAP001", .warning, message, at: loc(at))
    }

    /// Reports a value cut short at the size limit (keeping its first `maxValueBytes`).
    private func reportDropped(in node: XMLLayout.Node) {
        guard dropped > 0 else { return }
        report("LIM001", .error,
               "\(node.name.name) is \(text.count + dropped) bytes long, over the limit of \(maxValueBytes); only the first \(maxValueBytes) bytes are kept",
               at: loc(fieldStart))
        dropped = 0
    }

    /// Reports non-whitespace text directly inside a container or record element.
    private func flushStrayText() {
        guard !text.isEmpty || dropped != 0 else { return }
        defer {
            text.removeAll()
            dropped = 0
        }
        var first = 0
        while first < text.count, isSpace(text[first]) { first += 1 }
        guard first < text.count else { return }
        if let top = frames.last {
            switch top.node._withUnsafeGuaranteedRef({ $0.role }) {
            case .field, .valueRecord: return
            default: break
            }
        }
        let at = textStart.advanced(over: text.bytes(0..<first))
        let inside = frames.last.map { " inside <\($0.node.takeUnretainedValue().name.name)>" } ?? ""
        report("MAP002", .warning, "unexpected text\(inside); it is not checked", at: loc(at))
    }

    private func report(_ rule: String, _ severity: Severity, _ message: Message, at: SourceLocation,
                        path: String? = nil, field: FieldKey? = nil) {
        var d = Diagnostic(ruleID: rule, severity: severity, message: message, location: at)
        if inGroup {
            let g = group
            d.childID = g.childID
            let base = g.kind == .header ? "Header" : "\(g.source.name)[\(g.ordinal)]"
            d.path = [base, g.recordPath, path ?? ""].filter { !$0.isEmpty }.joined(separator: "/")
            d.recordKey = path.map { "\(g.recordPath)/\($0)" } ?? g.recordPath
        }
        sink.diagnostic(d)
    }
}

@inline(__always) private func isSpace(_ b: UInt8) -> Bool {
    b == 32 || b == 10 || b == 13 || b == 9
}
