import Model
import Testing

/// `CodeSet` answers as `Set<String>` would: every code in, everything else out, whatever
/// its length (codes of one to seven bytes are words in a table; others are in a `Set`).
struct CodeSetTests {
    static let lists: [[String]] = [
        ["1A", "1B", "4", "10", "RC1", "NONE", "WBRI", "ABCDEFGH", "ABCDEFG"],
        ["", "A", "LONGER THAN EIGHT", "é", "12345678", "123456789"],
        (1...400).map { String($0) },
        [],
    ]

    @Test(arguments: lists)
    func answersAsASetOfStringsWould(_ codes: [String]) {
        let set = CodeSet(codes), reference = Set(codes)
        var probes = codes
        for c in codes { probes += [c + "X", String(c.dropLast()), c.lowercased(), " " + c, c + "\u{0}"] }
        probes += ["", "0", "00000000", "\u{0}", "ZZZZZZZZ", "ZZZZZZZZZ", "1a", "rc1"]
        for p in probes {
            #expect(set.contains(p) == reference.contains(p), "\(p.debugDescription) in \(codes.prefix(3))…")
        }
    }
}
