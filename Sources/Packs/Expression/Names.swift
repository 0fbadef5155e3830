import Check
import Model

/// What names mean where a condition is written: the record types its bare field names
/// belong to, those `outer.` names belong to, and the rule's parameters. Every name is
/// checked against the model (`Schema`) when the pack loads.
struct Names {
    /// Record types of the record the condition is about.
    let kinds: [RecordKind]
    /// Record types of the record it is matched against (`outer.`), if any.
    let outerKinds: [RecordKind]?
    let parameters: [PackParameter]

    func inner(_ kinds: [RecordKind]) -> Names { Names(kinds: kinds, outerKinds: self.kinds, parameters: parameters) }

    func parameter(_ name: String) -> PackParameter? { parameters.first { $0.name == name } }

    /// Resolves `seenAlone`, `child.birthDate`, `parent.referralDate`, `outer.date`, `agency`.
    func field(_ parts: [String], at offset: Int) throws(ExpressionError) -> FieldAccess {
        var scope = RecordScope.this
        var name = parts[0]
        if parts.count == 2 {
            switch parts[0] {
            case "child": scope = .child
            case "parent": scope = .parent
            case "outer": scope = .outer
            default:
                let hint = Suggest.closest(parts[0], among: ["child", "parent", "outer"]).map { "; did you mean '\($0)'?" } ?? ""
                throw ExpressionError(message: "'\(parts[0]).' does not name a record\(hint) (write child., parent. or outer. before a field)", offset: offset)
            }
            name = parts[1]
        } else if parts.count > 2 {
            throw ExpressionError(message: "'\(parts.joined(separator: "."))' has too many parts: write child., parent. or outer. and one field", offset: offset)
        }
        if name == "agency" {
            return FieldAccess(scope: scope == .child ? .this : scope, key: .agency, type: .code, repeats: false, personal: false,
                               codes: Vocabulary.agencies, isAgency: true)
        }
        let kinds: [RecordKind]?
        switch scope {
        case .this: kinds = self.kinds
        case .outer:
            guard let outer = outerKinds else {
                throw ExpressionError(message: "'outer.' names the record this one is matched against, and there is none here", offset: offset)
            }
            kinds = outer
        case .child: kinds = [.person]
        case .parent: kinds = nil
        }
        guard let spec = Schema.field(named: name) else {
            if name.contains("-") {
                throw ExpressionError(message: "'\(name)' is not a field; write a code in quotes: '\(name)'", offset: offset)
            }
            let candidates = kinds.map { Names.fieldNames(of: $0) } ?? Schema.fields.map(\.key.name)
            let hint = Suggest.closest(name, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
            throw ExpressionError(message: "unknown field '\(name)'\(hint)", offset: offset)
        }
        if let kinds, !kinds.contains(where: { Schema.kind($0, has: spec.key) }) {
            let names = Names.fieldNames(of: kinds)
            let hint = Suggest.closest(name, among: names).map { "; did you mean '\($0)'?" } ?? ""
            let what = kinds.map(\.name).joined(separator: " or ")
            throw ExpressionError(message: "'\(name)' is not a field of a \(what) record\(hint) (its fields: \(names.joined(separator: ", ")))", offset: offset)
        }
        return FieldAccess(scope: scope, key: spec.key, type: spec.type, repeats: spec.repeats, personal: spec.personal,
                           codes: spec.codes, isAgency: false)
    }

    static func fieldNames(of kinds: [RecordKind]) -> [String] {
        var out: [String] = []
        for k in kinds { for f in Schema.spec(k)?.fields ?? [] where !out.contains(f.name) { out.append(f.name) } }
        return out
    }

    /// A record type named in a condition or a kind's keys.
    static func kind(_ name: String) -> RecordKind? {
        guard let spec = Schema.kind(named: name), spec.kind != .header else { return nil }
        return spec.kind
    }

    static var kindNames: [String] { Schema.kinds.map(\.kind.name).filter { $0 != "header" } }

    static func unknownKind(_ name: String) -> String {
        let hint = Suggest.closest(name, among: kindNames).map { "; did you mean '\($0)'?" } ?? ""
        return "unknown record type '\(name)'\(hint)"
    }
}
