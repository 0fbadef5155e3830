import Check
import Model

/// The DfE Children in Need census validation rules, as caselint rules `CIN<code>`.
public enum CINCensus {
    public static let all: [Rule] = identifiers + required + codes + dateOrder + timescales + plans
}

extension Rule {
    /// A DfE CIN census rule: id `CIN<code>`, severity from the code (a trailing Q is a
    /// query, reported as a warning), source the DfE specification.
    static func cin(_ code: String, _ name: String, _ category: Category, fields: [String],
                    years: ClosedRange<Int>? = nil, message: String, rationale: String,
                    examples: [Example], check: @escaping @Sendable (Child, inout Findings) -> Void) -> Rule {
        Rule(id: "CIN" + code, name: name, category: category,
             severity: code.hasSuffix("Q") ? .warning : .error, message: message, rationale: rationale,
             source: "DfE Children in Need census validation rule \(code) (CIN census specification 2026-27)",
             fields: fields, years: years, examples: examples, check: .child(check))
    }
}

extension Child {
    /// The child's CIN episodes (`CINdetails`).
    var episodes: [RecordRef] { records(.cinEpisode) }
}

/// The DfE boolean test the census validator applies: only `false` and `0` are false.
func isFalseFlag(_ field: Field?) -> Bool {
    guard let t = field?.text else { return false }
    return t == "false" || t == "0"
}

/// Only `true` and `1` are true.
func isTrueFlag(_ field: Field?) -> Bool {
    guard let t = field?.text else { return false }
    return t == "true" || t == "1"
}
