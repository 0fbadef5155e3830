/// Check characters of the identifiers that link a child's records across agencies.
/// Linkage uses an identifier only when its check character is right: a mistyped NHS
/// number must not join two children.
public enum CheckCharacters {
    /// An NHS number: 10 digits (spaces allowed between groups), the last a modulus-11
    /// check digit (NHS Data Dictionary, "NHS Number"). A remainder giving 10 is never issued.
    public static func isValidNHSNumber(_ text: String) -> Bool {
        guard let digits = nhsDigits(text) else { return false }
        var sum = 0
        for i in 0..<9 { sum += digits[i] * (10 - i) }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        return check != 10 && check == digits[9]
    }

    /// The NHS number's ten digits without spaces, or nil when it is not 10 digits.
    public static func normalisedNHSNumber(_ text: String) -> String? {
        nhsDigits(text).map { $0.map(String.init).joined() }
    }

    private static func nhsDigits(_ text: String) -> [Int]? {
        var digits: [Int] = []
        for b in text.utf8 {
            if b == 32 || b == UInt8(ascii: "-") { continue }
            guard b >= 48, b <= 57 else { return nil }
            digits.append(Int(b - 48))
        }
        return digits.count == 10 ? digits : nil
    }

    private static let upnLetters = Array("ABCDEFGHJKLMNPQRTUVWXYZ")

    /// True for a 13-character UPN whose first character is the check letter due for
    /// characters 2–13 (DfE, "Unique Pupil Numbers (UPN): a guide for schools and local
    /// authorities"). Characters 2–12 are digits; 13 is a digit or, for a temporary UPN,
    /// a letter (which the check then treats by its position in the alphabet).
    public static func isValidUPN(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 13 else { return false }
        var sum = 0
        for i in 1..<13 {
            let b = bytes[i]
            let v: Int
            if b >= 48, b <= 57 {
                v = Int(b - 48)
            } else if i == 12, let idx = upnLetters.firstIndex(of: Character(UnicodeScalar(b))) {
                v = idx
            } else {
                return false
            }
            sum += v * (i + 1)
        }
        return bytes[0] == UInt8(ascii: upnLetters[sum % 23].unicodeScalars.first!)
    }
}
