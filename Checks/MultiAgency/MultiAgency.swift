import Check
import Model

/// The multi-agency rules written in Swift (docs/multi-agency-rules.md, rules marked
/// **swift**): those that walk a child's whole timeline — plan periods, placements, runs of
/// visits, chains of incidents — which no single rule-pack kind expresses. The others of
/// the SUF, HND, PRC and CON families are the built-in rule pack's.
///
/// Every rule here runs on the linked child (`RuleScope.linked`): all its records from every
/// agency's files, each keeping its own file, position and agency. Findings say what is
/// not recorded, never what a practitioner did or failed to do (Munro, 2011): a record
/// missing from the data drop and an event that never happened look the same to a linter.
public enum MultiAgency {
    public static let all: [Rule] = (sufficiency + handover + procedure + lookedAfter + consistency).sorted { $0.id < $1.id }
}

extension Rule {
    /// A multi-agency rule: linked scope, a cited source, parameters with defaults.
    static func multiAgency(_ id: String, _ name: String, _ category: Category, _ severity: Severity = .warning,
                            fields: [String], message: String, rationale: String, source: String,
                            parameters: [Parameter] = [], examples: [Example], triggers: [RecordKind] = [],
                            check: @escaping @Sendable (Child, inout Findings) -> Void) -> Rule {
        Rule(id: id, name: name, category: category, severity: severity, message: message, rationale: rationale,
             source: source, fields: fields, parameters: parameters, examples: examples, scope: .linked,
             triggers: triggers, check: .child(check))
    }
}

/// Fields of the multi-agency vocabulary that `Model` does not name as constants (their
/// numbers are `ModelName`'s, so each is a constant too).
enum Keys {
    static var dashScore: FieldKey { FieldKey(.dashScore) }
    static var maracReferralDate: FieldKey { FieldKey(.maracReferralDate) }
    static var workerRole: FieldKey { FieldKey(.workerRole) }
    static var conferenceType: FieldKey { FieldKey(.conferenceType) }
    static var attended: FieldKey { FieldKey(.attended) }
    static var reasonNewEpisode: FieldKey { FieldKey(.reasonNewEpisode) }
    static var noticeDate: FieldKey { FieldKey(.noticeDate) }
}
