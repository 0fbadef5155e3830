import Check
import Model
import Read

/// Turns a CSV file's records into rows for a `RowMapper`: the header names the columns,
/// each later record is a row. Reader problems become diagnostics (CSV001–CSV004).
public final class CSVRows: CSVHandler {
    private let mapper: RowMapper
    private let file: FileID
    /// The mapper, or a stage that runs it on another thread: rows and findings go here.
    private let consumer: RowConsumer
    private var names: [Symbol] = []
    /// Columns the layout uses (or reports as unknown); the others are not decoded.
    private var wanted: [Bool] = []
    private var reportedEncoding = false
    /// Cells' strings found again by their bytes, per column (most values repeat).
    private let texts = ShortTexts()
    private let rowName = Symbol("row")
    /// Rows and findings not yet handed to `consumer`.
    private var batch = RowBatch()

    public convenience init(layout: RowLayout, file: FileID, sink: RecordSink) {
        self.init(mapper: RowMapper(layout: layout, file: file, sink: sink), file: file)
    }

    /// `consumer`: where rows go instead of straight to `mapper` (which it must run).
    public init(mapper: RowMapper, consumer: RowConsumer? = nil, file: FileID) {
        self.mapper = mapper
        self.consumer = consumer ?? mapper
        self.file = file
    }

    /// The header's column names, once read.
    public var header: [String] { names.map(\.name) }
    public var rowsMapped: Int { mapper.rowsMapped }

    public func record(_ record: CSVRecord) {
        if record.number == 1 {
            let layout = mapper.layout
            for i in 0..<record.count {
                let name = record.string(i).trimmingCharacters(in: " \t")
                names.append(Symbol(name))
                let known = layout.columns[name] != nil || name == layout.kindColumn || name == layout.agencyColumn
                wanted.append(known)
                if !known && layout.reportsUnknownColumns {
                    // A column the vocabulary does not know is reported once, at its header cell.
                    let hint = Suggest.closest(name, among: Array(layout.columns.keys)).map { "; did you mean '\($0)'?" } ?? ""
                    diagnostic("MAP007", .warning, "column '\(name)' is not a field of caselint's interchange vocabulary\(hint); it is not checked",
                               at: record.position(i))
                }
            }
            return
        }
        // A record of ASCII (most of any export) has no field to check for UTF-8.
        var checksText = !reportedEncoding && !record.isASCII
        for i in 0..<min(record.count, names.count) where wanted[i] {
            let bytes = record.bytes(i)
            if bytes.isEmpty { continue }
            if checksText && !record.isValidText(i) {
                reportedEncoding = true
                checksText = false
                diagnostic("CSV004", .warning,
                           "text that is not valid UTF-8 (the first such value in the file); if the file is Windows-1252, say so with `encoding: windows-1252` in its profile",
                           at: record.valuePosition(i))
            }
            batch.append(RowCell(name: names[i], text: texts.text(bytes, column: i) { record.string(i) }, location: record.position(i),
                                 valuePosition: record.valuePosition(i), splits: true))
        }
        batch.endRow(Row(name: rowName, number: Int32(record.number), start: record.position))
        if batch.rowCount >= RowBatch.size { batch.handOn(to: consumer) }
    }

    public func problem(_ problem: CSVProblem) {
        batch.append(CSVRows.diagnostic(problem, file: file))
    }

    /// The diagnostic for a reader problem (CSV001 ragged row, CSV002 stray quote, CSV003
    /// unterminated quote).
    public static func diagnostic(_ problem: CSVProblem, file: FileID) -> Diagnostic {
        let rule: String
        switch problem.kind {
        case .raggedRow: rule = "CSV001"
        case .strayQuote: rule = "CSV002"
        case .unterminatedQuote: rule = "CSV003"
        case .rowTooLong: rule = "LIM001"
        }
        return Diagnostic(ruleID: rule, severity: .error, message: "\(problem.message)",
                          location: SourceLocation(file: file, line: problem.position.line, column: problem.position.column))
    }

    public func finish() {
        batch.handOn(to: consumer)
        consumer.finish()
    }

    private func diagnostic(_ rule: String, _ severity: Severity, _ message: Message, at p: TextPosition) {
        batch.append(Diagnostic(ruleID: rule, severity: severity, message: message,
                                location: SourceLocation(file: file, line: p.line, column: p.column)))
    }
}
