import Model
import Testing

/// The sample returns published with the DfE validators' Python peers, linted as they are.
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

    /// The peer (csc-validator-be-cin 0.1.13, ruleset cin2024_25) finds exactly these
    /// (rule, child) pairs for the implemented rules on its own sample.
    @Test func fakeCINDataAgreesWithThePeer() {
        let result = lint(["fixtures/samples/cin-census/fake_CIN_data.xml"], select: ["CIN"], ruleset: "cin2024_25")
        let ids = result.ids()
        #expect(ids.count { $0 == "CIN1510" } == 320)
        #expect(Set(ids) == ["CIN1510"])
    }

    @Test func twoRowSampleAgreesWithThePeer() {
        let result = lint(["fixtures/samples/cin-census/CIN2rows.xml"], select: ["CIN"], ruleset: "cin2024_25")
        #expect(result.findings == [
            "CIN1104 DfEX0000001", "CIN1105 DfEX0000001", "CIN1510 DfEX0000001",
            "CIN2889 DfEX0000001", "CIN8670Q DfEX0000001", "CIN8940 DfEX0000001",
        ])
    }
}
