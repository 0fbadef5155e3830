import Model
import Read

/// One value of a row as a reader found it.
public struct RowCell {
    /// The source's name for it: CSV column, JSON key path (`child.nhs`), XML element path.
    public var name: Symbol
    public var text: String
    /// The cell, key or element.
    public var location: TextPosition
    /// Where the value's text starts.
    public var valuePosition: TextPosition
    /// A CSV cell may hold several values of a repeating field, split by the layout's
    /// separator; JSON arrays and repeated XML elements arrive as separate cells.
    public var splits: Bool

    public init(name: Symbol, text: String, location: TextPosition, valuePosition: TextPosition, splits: Bool = false) {
        self.name = name
        self.text = text
        self.location = location
        self.valuePosition = valuePosition
        self.splits = splits
    }
}

/// One row: a CSV record, a JSON record object, an XML record element. Its cells are
/// held by whoever made it (a `RowBatch`, a reader's buffer) and lent with it.
public struct Row {
    /// The row's own name and number in its source (`row` 42, `record` 7), for logical paths.
    public var name: Symbol
    public var number: Int32
    public var start: TextPosition

    public init(name: Symbol, number: Int32, start: TextPosition) {
        self.name = name
        self.number = number
        self.start = start
    }
}

/// Rows of a source in file order, with the source's own findings in their places among
/// them, handed on together. Every row's cells are in one array: a row of its own array
/// was an allocation per row, made on the reading thread and freed there after the
/// mapping thread had taken and dropped a reference to it.
public struct RowBatch {
    /// Rows a source gathers before handing them on.
    public static let size = 256

    /// A row with where its cells are in `cells`, or a finding by its place in `findings`.
    private enum Entry {
        case row(Row, cellStart: Int32, cellEnd: Int32)
        case finding(Int32)
    }

    private var entries: [Entry] = []
    private var findings: [Diagnostic] = []
    /// The cells of every row, and then those of the row being added.
    public private(set) var cells: [RowCell] = []
    private var rowStart = 0
    public private(set) var rowCount = 0

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }

    /// Adds a cell to the row being added.
    public mutating func append(_ cell: RowCell) { cells.append(cell) }

    /// Ends the row being added: the cells appended since the last row are its.
    public mutating func endRow(_ row: Row) {
        entries.append(.row(row, cellStart: Int32(rowStart), cellEnd: Int32(cells.count)))
        rowStart = cells.count
        rowCount += 1
    }

    /// Adds a finding of the source after the rows added so far.
    public mutating func append(_ finding: Diagnostic) {
        entries.append(.finding(Int32(findings.count)))
        findings.append(finding)
    }

    /// Hands the rows and findings to `consumer`, then empties the batch (or the one the
    /// consumer left in its place) for the next.
    public mutating func handOn(to consumer: RowConsumer) {
        guard !isEmpty else { return }
        consumer.map(&self)
        removeAll()
    }

    /// Empties the batch, keeping its room for the next rows.
    private mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
        findings.removeAll(keepingCapacity: true)
        cells.removeAll(keepingCapacity: true)
        rowStart = 0
        rowCount = 0
    }

    /// The rows with their cells, and the findings, in the order they were added.
    public func forEach(row: (Row, UnsafeBufferPointer<RowCell>) -> Void, finding: (Diagnostic) -> Void) {
        cells.withUnsafeBufferPointer { all in
            for entry in entries {
                switch entry {
                case .row(let r, let start, let end): row(r, UnsafeBufferPointer(rebasing: all[Int(start)..<Int(end)]))
                case .finding(let i): finding(findings[Int(i)])
                }
            }
        }
    }
}
