import Map
import Model
import Read
import Testing

/// The rows a JSON file's records become: each scalar a cell named by its key path.
@Suite struct JSONRowsTests {
    /// Keeps the rows instead of mapping them.
    final class Rows: RowConsumer {
        var cells: [[String]] = []
        func map(_ batch: inout RowBatch) {
            batch.forEach(row: { _, cells in self.cells.append(cells.map { "\($0.name.name)=\($0.text)" }) }, finding: { _ in })
        }
        func finish() {}
    }

    static func cells(_ json: String) throws -> [[String]] {
        let kept = Rows()
        let rows = JSONRows(mapper: RowMapper(layout: .interchange, file: FileID(0), sink: Collected()), consumer: kept, file: FileID(0))
        try JSONReader.read(.memory(Array(json.utf8)), records: .array, handler: rows)
        rows.finish()
        return kept.cells
    }

    @Test func keyPathsFollowEachRecordsOwnNesting() throws {
        // Records reuse the previous record's paths slot by slot; a record whose outer key
        // differs must not inherit the paths of the keys inside it.
        let json = #"""
        [{"record":"person","a":{"id":"1","n":[2,3]}},
         {"record":"person","b":{"id":"4","n":[5]}},
         {"record":"person","b":{"id":"6"},"a":{"id":"7"}},
         {"record":"person","b":{"x":{"id":"8"}}}]
        """#
        #expect(try JSONRowsTests.cells(json) == [
            ["record=person", "a.id=1", "a.n=2", "a.n=3"],
            ["record=person", "b.id=4", "b.n=5"],
            ["record=person", "b.id=6", "a.id=7"],
            ["record=person", "b.x.id=8"],
        ])
    }

    @Test func nullsAreLeftOutAndScalarsKeepTheirText() throws {
        let json = #"[{"record":"visit","done":true,"score":-0.5e3,"note":null,"who":["a","b"]}]"#
        #expect(try JSONRowsTests.cells(json) == [["record=visit", "done=true", "score=-0.5e3", "who=a", "who=b"]])
    }
}
