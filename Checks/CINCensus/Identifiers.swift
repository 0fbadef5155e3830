import Check
import Model

extension CINCensus {
    /// Identifiers: form and check characters.
    static let identifiers: [Rule] = [
        .cin("1510", "upn-check-letter", .consistency,
             fields: ["UPN"],
             message: "UPN invalid (wrong check letter at character 1)",
             rationale: "A unique pupil number's first character is a check letter computed from the other twelve; a wrong one means the UPN was mistyped and the child cannot be matched to school records.",
             examples: [
                .bad("check letter A where T is due", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID><UPN>A850728973744</UPN></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate></CINdetails></Child>
                    """),
                .good("valid UPN", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID><UPN>T850728973744</UPN></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate></CINdetails></Child>
                    """),
             ]) { child, out in
            let person = child.person
            guard let upn = person[.upn], let expected = UPN.checkLetter(upn.text),
                  upn.text.first != expected else { return }
            out.report("UPN \(personal: upn.text) has the wrong check letter at character 1 (expected \(personal: expected))",
                       at: upn, of: person)
        },
    ]
}

/// Unique pupil numbers (DfE, "Unique Pupil Numbers (UPN): a guide for schools and local
/// authorities").
public enum UPN {
    private static let letters = Array("ABCDEFGHJKLMNPQRTUVWXYZ")

    /// The check letter due for a 13-character UPN whose characters 2–13 are digits; nil
    /// when the UPN does not have that form (other rules report the form).
    public static func checkLetter(_ upn: String) -> Character? {
        let bytes = Array(upn.utf8)
        guard bytes.count == 13 else { return nil }
        var sum = 0
        for i in 1..<13 {
            let b = bytes[i]
            guard b >= 48, b <= 57 else { return nil }
            sum += Int(b - 48) * (i + 1)
        }
        return letters[sum % 23]
    }
}
