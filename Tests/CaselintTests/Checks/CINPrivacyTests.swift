import Foundation
import Model
import Pipeline
import Report
import Testing

/// No finding shows a personal value (a date of birth, death or expected birth, a UPN or a
/// former UPN) unless values are asked for.
@Suite struct CINPrivacyTests {
    @Test func findingsOnTheDemoReturnsShowNoPersonalValue() throws {
        let result = lint(["fixtures/cin-census"])
        let keys: Set<FieldKey> = [.birthDate, .deathDate, .expectedBirthDate, .upn, .formerUPN]
        var personal = Set<String>(), other = Set<String>()
        for name in ["demo-return", "synthetic-defects", "synthetic-return-level"] {
            let text = try String(contentsOfFile: Repo.path("fixtures/cin-census/\(name).xml"), encoding: .utf8)
            for child in mapCIN(text).children {
                for field in child.fields where field.text.count >= 8 {
                    if keys.contains(field.key) { personal.insert(field.text) } else { other.insert(field.text) }
                }
            }
        }
        // A date of death may also be the day an episode closes, an event date that is shown.
        personal.subtract(other)
        #expect(personal.count > 100)
        let hidden = TextRenderer(color: false, showValues: false).render(result)
        for value in personal { #expect(!hidden.contains(value), "\(value) is shown") }
        let shown = TextRenderer(color: false, showValues: true).render(result)
        #expect(personal.contains { shown.contains($0) }, "--show-values shows personal values")
    }
}
