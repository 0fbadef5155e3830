import Check
import Model

/// The DfE Children in Need census validation rules, as caselint rules `CIN<code>`.
///
/// One rule per DfE code. A code whose meaning changed between collection years (4180,
/// 8750, 8770Q, 2886Q, 1530) is one rule that asks `out.context.ruleset` which year's
/// meaning applies; a code that exists only from some year on says so in `years`.
/// Where caselint and the public Python validator (`csc-validator-be-cin`) differ, the
/// rule follows the DfE's text and `docs/cin-peer-differences.md` says why.
public enum CINCensus {
    public static let all: [Rule] = returnLevel + identifiers + people + disabilities + codes + required
        + episodes + episodeActivity + assessments + factors + section47 + dateOrder + timescales + plans
        + planDates + cinPlans + cinPlanOverlaps

    /// Collection years from which a rule first applies: 2024-25 (`2025`) onwards.
    static let from2024to25 = 2025...Ruleset.supportedYears.upperBound
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

    /// A DfE CIN census rule about the return as a whole (duplicates, percentages, header).
    static func cinReturn(_ code: String, _ name: String, _ category: Category, fields: [String],
                          years: ClosedRange<Int>? = nil, message: String, rationale: String,
                          examples: [Example], make: @escaping @Sendable () -> any ReturnCheck) -> Rule {
        Rule(id: "CIN" + code, name: name, category: category,
             severity: code.hasSuffix("Q") ? .warning : .error, message: message, rationale: rationale,
             source: "DfE Children in Need census validation rule \(code) (CIN census specification 2026-27)",
             fields: fields, years: years, examples: examples, check: .whole(make))
    }
}

// MARK: Reading the census

extension Child {
    /// The child's CIN episodes (`CINdetails`).
    var episodes: RecordList { records(.cinEpisode) }

    /// True when the child has a record of `kind`, without collecting them.
    func has(_ kind: RecordKind) -> Bool { records.contains { $0.kind == kind } }
}

/// A DfE boolean (`ReferralNFA`, `ICPCnotRequired`): `true`/`1` or `false`/`0`, in any
/// letter case as the DfE's own guide writes them (`TRUE`, `False`); nil when the value is
/// missing or anything else. (Read byte by byte: it runs for every episode of every child.)
func dfeFlag(_ field: Field?) -> Bool? {
    guard let t = field?.text else { return nil }
    if t.utf8.count == 1 { return t == "1" ? true : t == "0" ? false : nil }
    // As returns write them, compared whole first (two words for a short string).
    if t == "true" { return true }
    if t == "false" { return false }
    if equalsIgnoringCase(t, "true") { return true }
    if equalsIgnoringCase(t, "false") { return false }
    return nil
}

/// True when `text` is `lower` in any letter case (`lower` is lower-case ASCII).
func equalsIgnoringCase(_ text: String, _ lower: StaticString) -> Bool {
    guard text.utf8.count == lower.utf8CodeUnitCount else { return false }
    var i = 0
    for b in text.utf8 {
        let want = lower.utf8Start[i]
        guard b == want || (b >= 65 && b <= 90 && b + 32 == want) else { return false }
        i += 1
    }
    return true
}

/// True when `text` holds `part` (ASCII), without the general string search's cost.
func containsASCII(_ text: String, _ part: StaticString) -> Bool {
    let n = part.utf8CodeUnitCount
    var text = text
    return text.withUTF8 { bytes in
        guard bytes.count >= n else { return false }
        outer: for start in 0...(bytes.count - n) {
            for j in 0..<n where bytes[start + j] != part.utf8Start[j] { continue outer }
            return true
        }
        return false
    }
}

/// The flag is present and false (`false`, `0`, `FALSE`).
func isFalseFlag(_ field: Field?) -> Bool { dfeFlag(field) == false }

/// The flag is present and true (`true`, `1`, `TRUE`).
func isTrueFlag(_ field: Field?) -> Bool { dfeFlag(field) == true }

/// How a date is shown in a message: the date, or why there is none.
func shown(_ field: Field?) -> String {
    guard let field, !field.isEmpty else { return "no date" }
    return field.day.map { "\($0)" } ?? "an invalid date"
}

// MARK: Examples

/// A `<Child>` for an example: LA child id A1, then `ids` inside `ChildIdentifiers`,
/// `characteristics` (a whole element) and one `CINdetails` per episode text.
func exampleChild(ids: String = "", characteristics: String = "", _ episodes: String...) -> String {
    var s = "<Child><ChildIdentifiers><LAchildID>A1</LAchildID>\(ids)</ChildIdentifiers>"
    if !characteristics.isEmpty { s += "\n" + characteristics }
    for e in episodes { s += "\n<CINdetails>\(e)</CINdetails>" }
    return s + "</Child>"
}
