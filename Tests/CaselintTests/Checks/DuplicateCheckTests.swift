import Model
import Testing

/// CIN8510 looks values up in batches: duplicates must be found whether the two children
/// fall in one batch, in different batches, or in the last, partial one.
@Suite struct DuplicateCheckTests {
    @Test func duplicatesAreFoundAcrossBatches() throws {
        var ids = (0..<100).map { "C\($0)" }
        ids[70] = "C5"   // two batches after its first use
        ids[71] = "C5"
        ids[41] = "C40"  // in the same batch
        ids[99] = "C98"  // in the last, partial batch
        let episode = "<CINreferralDate>2024-06-10</CINreferralDate>"
        let found = try lintText(censusReturn(year: 2025, ids.map { censusChild($0, episode) }.joined(separator: "\n")),
                                 select: ["CIN8510"])
        #expect(found.map { $0.childID ?? "-" }.sorted() == ["C40", "C5", "C98"])
        #expect(found.first { $0.childID == "C5" }?.notes.count == 2)
        // Reported at the first use, with notes at the others.
        #expect(found.first { $0.childID == "C5" }?.path == "Child[6]/ChildIdentifiers/LAchildID")
    }
}
