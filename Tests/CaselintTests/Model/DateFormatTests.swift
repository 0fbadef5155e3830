import Model
import Testing

@Suite struct DateFormatTests {
    private func day(_ pattern: String, _ text: String) throws -> String? {
        try DateFormat(pattern: pattern).parse(text)?.description
    }

    @Test func readsFixedWidthPatterns() throws {
        #expect(try day("dd/MM/yyyy", "25/09/2024") == "2024-09-25")
        #expect(try day("dd/MM/yyyy", "29/02/2024") == "2024-02-29")
        #expect(try day("dd/MM/yyyy", "29/02/2023") == nil)   // no such day
        #expect(try day("dd/MM/yyyy", "25/13/2024") == nil)
        #expect(try day("dd/MM/yyyy", "5/09/2024") == nil)    // too short
        #expect(try day("dd/MM/yyyy", "25/09/20245") == nil)  // too long
        #expect(try day("dd/MM/yyyy", "25-09-2024") == nil)   // other punctuation
        #expect(try day("dd/MM/yyyy", "2a/09/2024") == nil)
        #expect(try day("dd/MM/yyyy", "") == nil)
        #expect(try day("yyyyMMdd", "20240925") == "2024-09-25")
        #expect(try day("dd/MM/yy", "01/02/69") == "2069-02-01")
        #expect(try day("dd/MM/yy", "01/02/70") == "1970-02-01")
        #expect(try day("dd/MM/yyyy HH:mm", "25/09/2024 13:45") == "2024-09-25")
        #expect(try day("dd/MM/yyyy HH:mm", "25/09/2024 1x:45") == nil)
        #expect(try day("'on' dd.MM.yyyy", "on 25.09.2024") == "2024-09-25")
        #expect(try day("'on' dd.MM.yyyy", "in 25.09.2024") == nil)
    }

    @Test func readsPatternsOfVaryingWidth() throws {
        #expect(try day("d/M/yyyy", "5/9/2024") == "2024-09-05")
        #expect(try day("d/M/yyyy", "25/12/2024") == "2024-12-25")
        #expect(try day("d/M/yyyy", "5/9/24") == nil)
        #expect(try day("dd-MMM-yy", "05-Sep-24") == "2024-09-05")
        #expect(try day("dd-MMM-yy", "05-SEP-24") == "2024-09-05")
        #expect(try day("dd-MMM-yy", "05-Spt-24") == nil)
        #expect(try day("yyyy-MM-dd", "2024-09-25") == "2024-09-25")
    }

    /// Every one-byte change to a valid date, read as `dd/MM/yyyy`, against an oracle that
    /// checks the shape itself and reads the date as ISO.
    @Test func agreesWithAnOracleOnEveryOneByteChange() throws {
        let format = try DateFormat(pattern: "dd/MM/yyyy")
        let base = Array("28/02/2024".utf8)
        let replacements = Array("0123456789/-. a".utf8)
        func oracle(_ b: [UInt8]) -> String? {
            guard b.count == 10, b[2] == UInt8(ascii: "/"), b[5] == UInt8(ascii: "/") else { return nil }
            let digits = [0, 1, 3, 4, 6, 7, 8, 9]
            guard digits.allSatisfy({ b[$0] >= 48 && b[$0] <= 57 }) else { return nil }
            let s = String(decoding: b, as: UTF8.self)
            let iso = "\(s.suffix(4))-\(s.dropFirst(3).prefix(2))-\(s.prefix(2))"
            return Day(iso: iso)?.description
        }
        var checked = 0
        for i in base.indices {
            for r in replacements {
                var b = base
                b[i] = r
                #expect(format.parse(String(decoding: b, as: UTF8.self))?.description == oracle(b), "\(String(decoding: b, as: UTF8.self))")
                checked += 1
            }
            var shorter = base
            shorter.remove(at: i)
            #expect(format.parse(String(decoding: shorter, as: UTF8.self)) == nil)
        }
        #expect(checked == 150)
    }
}
