import Check
import Foundation
import Model
import Pipeline
import Testing

/// `code-list` rules of a pack: a list written in the rule is compiled once into a set, a
/// list parameter is read for each child, and the message names the codes either way.
@Suite struct PackCodeListTests {
    static let pack = """
        pack: code-lists
        version: 1
        rules:
          - id: LOCAL001
            name: visit-type-local
            category: consistency
            kind: code-list
            record: visit
            field: visitType
            codes: [home, school]
            message: "'{value}' is not a {field} code here ({codes})"
            rationale: Local visit types.
            source: Local recording standards
          - id: LOCAL002
            name: notification-agency-local
            category: consistency
            kind: code-list
            record: notification
            field: toAgency
            codes: $agencies
            parameters:
              agencies:
                kind: codes
                of: agencies
                default: [police, health]
                summary: agencies notified here
                source: Local procedures
            message: "'{value}' is not an agency notified here ({codes})"
            rationale: Local notifications.
            source: Local procedures
          - id: LOCAL003
            name: present-standard
            category: consistency
            kind: code-list
            record: visit
            field: present
            codes: standard
            message: "'{value}' is not a standard {field} code"
            rationale: Standard codes.
            source: docs/interchange.md

        """

    static func rules() throws -> [Rule] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("code-lists-\(UUID().uuidString).yml").path
        try pack.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try RuleCatalogue.load(packs: [path]).get().packRules
    }

    static func messages(_ rule: Rule, _ records: String) -> [String] {
        ExampleRunner.run(.bad(.records, "records", records), of: rule).map(\.message.redacted)
    }

    @Test func listsWrittenInTheRuleAndListParametersNameTheirCodes() throws {
        let rules = try Self.rules()
        #expect(rules.map(\.id) == ["LOCAL001", "LOCAL002", "LOCAL003"])
        // Two children: the set built once serves every child.
        #expect(Self.messages(rules[0], """
            - { record: visit, laChildID: A1, date: 2024-06-03, visitType: home }
            - { record: visit, laChildID: A2, date: 2024-06-04, visitType: office }
            - { record: visit, laChildID: A2, date: 2024-06-05, visitType: school }
            """) == ["'office' is not a visitType code here (home and school)"])
        #expect(Self.messages(rules[1], """
            - { record: notification, laChildID: A1, subject: cp-plan-start, toAgency: police, sentDate: 2024-06-03 }
            - { record: notification, laChildID: A2, subject: cp-plan-start, toAgency: education, sentDate: 2024-06-03 }
            """) == ["'education' is not an agency notified here (police and health)"])
        #expect(Self.messages(rules[2], """
            - { record: visit, laChildID: A1, date: 2024-06-03, present: [mother, boyfriend] }
            """) == ["'boyfriend' is not a standard present code"])
        #expect(Self.messages(rules[0], "- { record: visit, laChildID: A1, date: 2024-06-03, visitType: school }\n").isEmpty)
    }
}
