import Model
import Pipeline
import Testing

/// The SSDA903 sample return (CSV tables and the XML form) loads into the model.
@Suite struct SSDA903Tests {
    @Test func everySampleTableAndTheXMLFormLoad() {
        let result = lint(["fixtures/samples/ssda903"])
        #expect(result.configErrors.isEmpty)
        #expect(result.unreadable == 0)
        // 13 CSV tables and the XML form: none skipped.
        #expect(result.filesChecked == 14)
        #expect(result.skipped.isEmpty)
        #expect(!result.ids().contains { $0.hasPrefix("CSV") || $0.hasPrefix("XML") || $0 == "MAP003" || $0 == "MAP001" })
    }

    @Test func episodesReviewsMissingAndWorkerEpisodesLandAsRecords() {
        let result = Linter(options: LintOptions(paths: [Repo.path("fixtures/samples/ssda903")]), catalogue: [linkedProbe]).run()
        let kinds = Set(result.diagnostics.flatMap { $0.message.redacted.components(separatedBy: "kinds=").last!.components(separatedBy: ",") })
        for kind in ["careEpisode", "lacReview", "missingEpisode", "workerAllocation", "careOutcomes", "careLeaver", "adoption",
                     "placedForAdoption", "previousPermanence", "libertyDeprivation", "person"] {
            #expect(kinds.contains(kind), "no \(kind)")
        }
    }

    @Test func theXMLFormMapsDatesAndNestedRecords() {
        let result = Linter(options: LintOptions(paths: [Repo.path("fixtures/samples/ssda903/fake_903.xml")]), catalogue: [linkedProbe]).run()
        #expect(result.children == 253)
        let first = result.diagnostics.first { $0.message.redacted.hasPrefix("907440 ") }
        #expect(first?.message.redacted.contains("careEpisode,careOutcomes,lacReview,person,previousPermanence") == true,
                "\(first?.message.redacted ?? "")")
    }
}
