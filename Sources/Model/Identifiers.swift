/// Check characters of the identifiers that link a child's records across agencies.
/// Linkage uses an identifier only when its check character is right: a mistyped NHS
/// number must not join two children.
public enum CheckCharacters {
    /// An NHS number: 10 digits (spaces allowed between groups), the last a modulus-11
    /// check digit (NHS Data Dictionary, "NHS Number"). A remainder giving 10 is never issued.
    public static func isValidNHSNumber(_ text: String) -> Bool {
        guard let digits = nhsDigits(text) else { return false }
        var sum = 0
        for i in 0..<9 { sum += Int(digits.digit(i)) * (10 - i) }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        return check != 10 && check == Int(digits.digit(9))
    }

    /// The NHS number's ten digits without spaces, or nil when it is not 10 digits.
    public static func normalisedNHSNumber(_ text: String) -> String? {
        guard let digits = nhsDigits(text) else { return nil }
        // Ten ASCII bytes make a small string: nothing is allocated.
        return String(unsafeUninitializedCapacity: 10) { buffer in
            for i in 0..<10 { buffer[i] = 48 + digits.digit(i) }
            return 10
        }
    }

    /// Ten decimal digits packed four bits each, read without allocating: linkage checks
    /// and normalises an NHS number on every row that has one.
    private struct TenDigits {
        var packed: UInt64 = 0
        func digit(_ i: Int) -> UInt8 { UInt8(truncatingIfNeeded: packed >> (4 * UInt64(i))) & 0xF }
    }

    /// Read from the string's bytes in place: walking its `utf8` view a byte at a time
    /// cost about fifty instructions a byte.
    private static func nhsDigits(_ text: String) -> TenDigits? {
        var text = text
        return text.withUTF8 { digits(of: $0) }
    }

    private static func digits(of bytes: UnsafeBufferPointer<UInt8>) -> TenDigits? {
        var digits = TenDigits()
        var count = 0
        for b in bytes {
            if b == 32 || b == UInt8(ascii: "-") { continue }
            guard b >= 48, b <= 57, count < 10 else { return nil }
            digits.packed |= UInt64(b - 48) << (4 * UInt64(count))
            count += 1
        }
        return count == 10 ? digits : nil
    }

    /// The check letters in order of their remainder (I, O, S are never used).
    private static let upnLetters: [UInt8] = Array("ABCDEFGHJKLMNPQRTUVWXYZ".utf8)

    /// True for a 13-character UPN whose first character is the check letter due for
    /// characters 2–13 (DfE, "Unique Pupil Numbers (UPN): a guide for schools and local
    /// authorities"). Characters 2–12 are digits; 13 is a digit or, for a temporary UPN,
    /// a letter (which the check then treats by its position in the alphabet).
    public static func isValidUPN(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count == 13 else { return false }
            var sum = 0
            for i in 1..<13 {
                let b = bytes[i]
                let v: Int
                if b >= 48, b <= 57 {
                    v = Int(b - 48)
                } else if i == 12, let idx = upnLetters.firstIndex(of: b) {
                    v = idx
                } else {
                    return false
                }
                sum += v * (i + 1)
            }
            return bytes[0] == upnLetters[sum % 23]
        }
    }
}
