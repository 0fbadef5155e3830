import Foundation
import Model
import Testing

/// docs/interchange.md documents the vocabulary of `Schema`, all of it and nothing else.
@Suite struct DocumentationTests {
    @Test func interchangeDocumentsEveryRecordTypeAndField() throws {
        let doc = try String(contentsOfFile: Repo.path("docs/interchange.md"), encoding: .utf8)
        let documentedKinds = Set(doc.components(separatedBy: "\n### `").dropFirst().map { $0.prefix { $0 != "`" } }.map(String.init))
        let kinds = Set(Schema.kinds.map(\.kind.name)).subtracting(["header"])
        #expect(documentedKinds == kinds)
        for spec in Schema.kinds where spec.kind != .header {
            let section = doc.components(separatedBy: "\n### `\(spec.kind.name)`").last!.components(separatedBy: "\n### ").first!
            for field in spec.fields {
                #expect(section.contains("| `\(field.name)` |"), "\(spec.kind.name).\(field.name) is not documented")
            }
        }
    }
}
