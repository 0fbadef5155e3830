import Map
import Model
import Read
import Testing

/// Rows handed on in batches: each row gets exactly its own cells, and a source's findings
/// stay where they were among the rows.
@Suite struct RowBatchTests {
    /// Writes down what it is handed, and leaves the batch to be emptied.
    final class Log: RowConsumer {
        var lines: [String] = []
        var batches = 0
        func map(_ batch: inout RowBatch) {
            batches += 1
            batch.forEach(row: { row, cells in
                self.lines.append("\(row.name.name) \(row.number): " + cells.map(\.text).joined(separator: ","))
            }, finding: { self.lines.append("finding \($0.ruleID)") })
        }
        func finish() {}
    }

    static func cell(_ text: String) -> RowCell {
        RowCell(name: Symbol("c"), text: text, location: TextPosition(line: 1, column: 1), valuePosition: TextPosition(line: 1, column: 1))
    }

    static func finding(_ rule: String) -> Diagnostic {
        Diagnostic(ruleID: rule, severity: .warning, message: "m", location: SourceLocation(file: FileID(0), line: 1, column: 1))
    }

    @Test func rowsKeepTheirOwnCellsAndFindingsTheirPlace() {
        var batch = RowBatch()
        batch.append(RowBatchTests.finding("A001"))
        batch.append(RowBatchTests.cell("a"))
        batch.append(RowBatchTests.cell("b"))
        batch.endRow(Row(name: Symbol("row"), number: 2, start: TextPosition(line: 2, column: 1)))
        batch.endRow(Row(name: Symbol("row"), number: 3, start: TextPosition(line: 3, column: 1)))
        batch.append(RowBatchTests.finding("B002"))
        batch.append(RowBatchTests.cell("c"))
        batch.endRow(Row(name: Symbol("row"), number: 4, start: TextPosition(line: 4, column: 1)))
        #expect(batch.rowCount == 3)
        let log = Log()
        batch.handOn(to: log)
        #expect(log.lines == ["finding A001", "row 2: a,b", "row 3: ", "finding B002", "row 4: c"])
        #expect(batch.isEmpty && batch.rowCount == 0)
        // An empty batch is not handed on; a refilled one starts its cells afresh.
        batch.handOn(to: log)
        #expect(log.batches == 1)
        batch.append(RowBatchTests.cell("d"))
        batch.endRow(Row(name: Symbol("row"), number: 5, start: TextPosition(line: 5, column: 1)))
        batch.handOn(to: log)
        #expect(log.lines.last == "row 5: d")
    }

    /// A JSON source hands its rows on in batches of `RowBatch.size`, the last one at `finish`.
    @Test func aSourceHandsOnFullBatchesThenTheRest() throws {
        let log = Log()
        let rows = JSONRows(mapper: RowMapper(layout: .interchange, file: FileID(0), sink: Collected()), consumer: log, file: FileID(0))
        let records = (1...(RowBatch.size + 10)).map { #"{"n": "\#($0)"}"# }
        try JSONReader.read(.memory(Array(("[" + records.joined(separator: ",") + "]").utf8)), records: .array, handler: rows)
        #expect(log.batches == 1)
        rows.finish()
        #expect(log.batches == 2)
        #expect(log.lines.count == RowBatch.size + 10)
        #expect(log.lines.last == "record \(RowBatch.size + 10): \(RowBatch.size + 10)")
    }
}
