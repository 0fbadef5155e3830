import Check
import Model

/// Findings of identity linkage (`Link`): records that cannot be joined to a child, and
/// identifiers that would join two children. Their examples are interchange records;
/// each YAML document is a separate source file.
public enum LinkRules {
    static func link(_ id: String, _ name: String, _ severity: Severity, message: String, rationale: String,
                     examples: [Example]) -> Rule {
        Rule(id: id, name: name, category: .consistency, severity: severity, message: message, rationale: rationale,
             source: "caselint linkage (docs/interchange.md, \"Linking\")", examples: examples, check: .reader)
    }

    public static let all: [Rule] = [
        link("LNK001", "record-without-identifier", .warning,
             message: "Records that carry no usable identifier of a child cannot be joined with other agencies' records (reported once per source)",
             rationale: "A police or health record with no LA child id, UPN, NHS number or agency person id is checked alone: nothing it says reaches the child's multi-agency picture.",
             examples: [
                .bad(.records, "an incident with no identifier", """
                    - { record: person, laChildID: A1, birthDate: 2024-01-05 }
                    ---
                    - { record: policeIncident, incidentID: I1, date: 2024-05-01, domesticAbuse: true }
                    """),
                .good(.records, "an incident that names the child", """
                    - { record: person, laChildID: A1, birthDate: 2024-01-05 }
                    ---
                    - { record: policeIncident, laChildID: A1, incidentID: I1, date: 2024-05-01, domesticAbuse: true }
                    """),
             ]),
        link("LNK002", "unlinked-record", .warning,
             message: "Records whose identifiers match no child that another source describes (reported once per source)",
             rationale: "A police person id that no crosswalk maps, or an NHS number no social care record holds, leaves the record outside every child's timeline.",
             examples: [
                .bad(.records, "a police id no crosswalk maps", """
                    - { record: person, laChildID: A1, birthDate: 2024-01-05 }
                    ---
                    - { record: policeIncident, policePersonID: P9, incidentID: I1, date: 2024-05-01 }
                    """),
                .good(.records, "the crosswalk maps the police id to the child", """
                    - { record: person, laChildID: A1, birthDate: 2024-01-05 }
                    - { record: identity, laChildID: A1, policePersonID: P9 }
                    ---
                    - { record: policeIncident, policePersonID: P9, incidentID: I1, date: 2024-05-01 }
                    """),
             ]),
        link("LNK003", "identifier-conflict", .error,
             message: "One identifier is recorded for two different children; their records are not joined",
             rationale: "An NHS number or police id shared by two children (different LA child ids) is a data-entry error that would mix two children's histories; caselint refuses the join and points at both.",
             examples: [
                .bad(.records, "one NHS number on two LA children", """
                    - { record: person, laChildID: A1, nhsNumber: "9434765919" }
                    - { record: person, laChildID: B7, birthDate: 2023-02-01 }
                    ---
                    - { record: healthContact, laChildID: B7, nhsNumber: "9434765919", date: 2024-05-01, practitionerRole: health-visitor }
                    """),
                .good(.records, "the NHS number on one child only", """
                    - { record: person, laChildID: A1, nhsNumber: "9434765919" }
                    ---
                    - { record: healthContact, nhsNumber: "943 476 5919", date: 2024-05-01, practitionerRole: health-visitor }
                    """),
             ]),
        link("LNK004", "invalid-identifier", .warning,
             message: "NHS numbers or UPNs whose check character is wrong are not used to link records (reported once per source)",
             rationale: "A mistyped identifier could join the wrong child; linkage uses only NHS numbers whose modulus-11 check digit and UPNs whose check letter are right.",
             examples: [
                .bad(.records, "an NHS number with a wrong check digit", """
                    - { record: person, laChildID: A1 }
                    ---
                    - { record: healthContact, laChildID: A1, nhsNumber: "9434765910", date: 2024-05-01 }
                    """),
                .good(.records, "a valid NHS number", """
                    - { record: person, laChildID: A1 }
                    ---
                    - { record: healthContact, laChildID: A1, nhsNumber: "9434765919", date: 2024-05-01 }
                    """),
             ]),
    ]
}
