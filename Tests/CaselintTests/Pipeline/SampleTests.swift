import Checks
import Model
import Testing

/// The sample returns published with the DfE validators' Python peers, linted as they are.
/// How caselint's findings compare with the peer's is checked by `PeerAgreementTests`.
@Suite struct SampleTests {
    @Test func everyCensusSampleIsLintedWithoutTrouble() {
        let result = lint(["fixtures/samples/cin-census"])
        #expect(result.filesChecked == 9)
        // 342 children in the nine files; several samples are copies of one another, so
        // linked by their identifiers they are 334 children.
        #expect(result.children == 334)
        #expect(result.unreadable == 0)
        #expect(!result.ids().contains("XML001"))
    }

    /// csc-validator-be-cin 0.1.13 finds the same on its two-row sample, except 1560Q (it
    /// rejects the temporary former UPN) and 8565 (it never checks plan end dates).
    @Test func twoRowSample() {
        let result = lint(["fixtures/samples/cin-census/CIN2rows.xml"], select: ["CIN"], ruleset: "cin2024_25")
        #expect(result.findings == [
            "CIN100 -", "CIN1104 DfEX0000001", "CIN1105 DfEX0000001", "CIN1510 DfEX0000001", "CIN1530 DfEX0000001",
            "CIN2886Q -", "CIN2887Q -", "CIN2889 DfEX0000001", "CIN4013 DfEX0000001", "CIN4016 DfEX0000001",
            "CIN4180 DfEX0000001", "CIN8565 DfEX0000001", "CIN8620 DfEX0000001", "CIN8670Q DfEX0000001",
            "CIN8715 DfEX0000001", "CIN8736 DfEX0000001", "CIN8867 DfEX0000001", "CIN8930 DfEX0000001", "CIN8940 DfEX0000001",
        ])
    }

    /// The peer's large sample (332 children): findings per rule.
    @Test func fakeCINData() {
        let result = lint(["fixtures/samples/cin-census/fake_CIN_data.xml"], select: ["CIN"], ruleset: "cin2024_25")
        let counts = Dictionary(result.ids().map { ($0, 1) }, uniquingKeysWith: +)
        #expect(counts == [
            "CIN100": 1, "CIN1510": 320, "CIN1530": 271, "CIN2886Q": 1, "CIN2990": 28, "CIN4180": 332, "CIN8545Q": 20,
            "CIN8555Q": 30, "CIN8569Q": 321, "CIN8585Q": 35, "CIN8600": 8, "CIN8620": 204, "CIN8790": 3, "CIN8794": 5,
            "CIN8825Q": 30, "CIN8831": 350,
        ])
    }
}
