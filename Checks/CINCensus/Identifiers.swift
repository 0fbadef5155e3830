import Check
import Model

extension CINCensus {
    /// Identifiers: the form of UPNs, former UPNs and LA child ids.
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
            // (A check letter is due only when characters 2-13 are ASCII digits, so the
            // first character is then the first byte.)
            guard let upn = person[.upn], let expected = UPN.checkLetter(upn.text),
                  upn.text.utf8.first != expected.asciiValue else { return }
            out.report("UPN \(personal: upn.text) has the wrong check letter at character 1 (expected \(personal: expected))",
                       at: upn, of: person)
        },
        .cin("1530", "upn-la-code", .format,
             fields: ["UPN"],
             message: "UPN invalid (characters 2-4 not a recognised LA code)",
             rationale: "Characters 2 to 4 of a UPN are the code of the local authority that issued it (a post-1998 LA code or a recognised pseudo-LA code); another number means the UPN was mistyped. Codes 942 and 943 are recognised from 2023-24.",
             examples: [
                .bad("LA code 999", exampleChild(ids: "<UPN>A999000000001</UPN>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                .good("LA code 201", exampleChild(ids: "<UPN>T201000224002</UPN>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                .good("LA code 201, with a full-width digit later (another rule's finding)", exampleChild(ids: "<UPN>T2010002２4002</UPN>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                .bad("LA code 999, with a full-width digit later", exampleChild(ids: "<UPN>T9990002２4002</UPN>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                .good("LA code 942, recognised since 2023-24", exampleChild(ids: "<UPN>A942000000001</UPN>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                .bad("LA code 942 in a 2022-23 return", exampleChild(ids: "<UPN>A942000000001</UPN>", "<CINreferralDate>2022-06-10</CINreferralDate>")).inYear(2023),
             ]) { child, out in
            let person = child.person
            guard let upn = person[.upn],
                  let code = UPN.withScalars(upn.text, { $0.count == 13 ? $0.text(1..<4) : nil }) else { return }
            guard !UPN.isLACode(code, year: out.context.ruleset.year) else { return }
            out.report("UPN \(personal: upn.text) has characters 2-4 '\(personal: code)', which are not a recognised local authority code",
                       at: upn, of: person)
        },
        .cin("1540", "upn-digits", .format,
             fields: ["UPN"],
             message: "UPN invalid (characters 5-12 not all numeric)",
             rationale: "Characters 5 to 12 of a UPN are digits; anything else, or a UPN too short to have them, is a mistyped UPN.",
             examples: [
                .bad("a letter at character 7", exampleChild(ids: "<UPN>T2010002X4002</UPN>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                .bad("a full-width digit at character 9", exampleChild(ids: "<UPN>T2010002２4002</UPN>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                .good("digits at characters 5-12", exampleChild(ids: "<UPN>T201000224002</UPN>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
             ]) { child, out in
            let person = child.person
            guard let upn = person[.upn], !upn.isEmpty else { return }
            // (Whether characters 5-12 are missing, and whether they are all digits.)
            let (missing, digits) = UPN.withScalars(upn.text) { s in
                (s.count <= 4, s.count > 4 && (4..<min(12, s.count)).allSatisfy { UPN.isDigit(s[$0]) })
            }
            guard missing || !digits else { return }
            let why = missing ? "is too short to have characters 5-12" : "has characters 5-12 that are not all digits"
            out.report("UPN \(personal: upn.text) \(why)", at: upn, of: person)
        },
        .cin("1550", "upn-last-character", .format,
             fields: ["UPN"],
             message: "UPN invalid (character 13 not a recognised value)",
             rationale: "The 13th character of a UPN is a digit, or a letter other than I, O and S for a temporary UPN.",
             examples: [
                .bad("ends in O", exampleChild(ids: "<UPN>T20100022400O</UPN>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                .good("ends in a digit", exampleChild(ids: "<UPN>T201000224002</UPN>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                .good("temporary UPN ending in a letter", exampleChild(ids: "<UPN>T20100022400A</UPN>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                .bad("ends in a full-width digit", exampleChild(ids: "<UPN>T20100022400２</UPN>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
             ]) { child, out in
            let person = child.person
            guard let upn = person[.upn] else { return }
            guard UPN.withScalars(upn.text, { $0.count == 13 && !UPN.isLastCharacter($0[12]) }) else { return }
            out.report("UPN \(personal: upn.text) ends in a character that is neither a digit nor a letter other than I, O and S",
                       at: upn, of: person)
        },
        .cin("1560Q", "former-upn-format", .format,
             fields: ["FormerUPN"],
             message: "Please check and either amend or provide a reason: Former UPN wrongly formatted",
             rationale: "A former UPN has the form of a UPN: a letter, eleven digits, then a digit (a permanent UPN) or a letter other than I, O and S (a temporary UPN, the most common kind of former UPN).",
             examples: [
                .bad("12 characters", exampleChild(ids: "<FormerUPN>T20100022400</FormerUPN>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                .bad("starts with a digit", exampleChild(ids: "<FormerUPN>1201000224002</FormerUPN>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                .good("permanent UPN", exampleChild(ids: "<FormerUPN>T201000224002</FormerUPN>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                .good("temporary UPN ending in a letter", exampleChild(ids: "<FormerUPN>X98765432123B</FormerUPN>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
             ]) { child, out in
            let person = child.person
            guard let former = person[.formerUPN], !former.isEmpty else { return }
            let c = Array(former.text)
            let why: String
            if c.count != 13 {
                why = "is \(c.count) characters long, not 13"
            } else if !c[0].isLetter {
                why = "does not start with a letter"
            } else if !c[1..<12].allSatisfy({ $0.isASCII && $0.isNumber }) {
                why = "has characters 2-12 that are not all digits"
            } else if let last = c[12].unicodeScalars.first, c[12].unicodeScalars.count == 1, UPN.isLastCharacter(last) {
                return
            } else {
                why = "ends in a character that is neither a digit nor a letter other than I, O and S"
            }
            out.report("former UPN \(personal: former.text) \(why)", at: former, of: person)
        },
        .cin("1570", "la-child-id-too-long", .format,
             fields: ["LAchildID"], years: from2024to25,
             message: "LA Child ID must not be longer than 20 characters",
             rationale: "From 2024-25 the DfE limits LA child ids to 20 characters so that they can be matched across returns.",
             examples: [
                .bad("21 characters", """
                    <Child><ChildIdentifiers><LAchildID>ABCDEFGHIJ0123456789K</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate></CINdetails></Child>
                    """),
                .good("20 characters", """
                    <Child><ChildIdentifiers><LAchildID>ABCDEFGHIJ0123456789</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate></CINdetails></Child>
                    """),
             ]) { child, out in
            let person = child.person
            // (No more scalars than bytes: a short id needs no counting.)
            guard let id = person[.laChildID], id.text.utf8.count > 20 else { return }
            let length = id.text.unicodeScalars.count
            guard length > 20 else { return }
            out.report("LA child id is \(length) characters long, more than 20", at: id, of: person)
        },
        .cin("1580", "la-child-id-not-alphanumeric", .format,
             fields: ["LAchildID"], years: from2024to25,
             message: "LA Child ID must not contain any non-alphanumeric characters",
             rationale: "From 2024-25 LA child ids are letters and digits only; punctuation and spaces break matching across returns.",
             examples: [
                .bad("an underscore", """
                    <Child><ChildIdentifiers><LAchildID>A_1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate></CINdetails></Child>
                    """),
                .good("letters and digits", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate></CINdetails></Child>
                    """),
             ]) { child, out in
            let person = child.person
            guard let id = person[.laChildID], !id.isEmpty,
                  !id.text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }),
                  let bad = id.text.first(where: { !($0.isLetter || $0.isNumber) }) else { return }
            let what = bad == " " ? "a space" : "'\(bad)'"
            out.report("LA child id contains \(what), which is not a letter or a digit", at: id, of: person)
        },
        .cin("8500", "la-child-id-missing", .sufficiency,
             fields: ["LAchildID"],
             message: "LA Child ID missing",
             rationale: "The LA child id identifies the child across the local authority's returns; without it the record cannot be linked or corrected.",
             examples: [
                .bad("no LA child id", """
                    <Child><ChildIdentifiers><UPN>T201000224002</UPN></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate></CINdetails></Child>
                    """),
                .bad("empty LA child id", """
                    <Child><ChildIdentifiers><LAchildID></LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-06-10</CINreferralDate></CINdetails></Child>
                    """),
                .good("LA child id present", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate>")),
             ]) { child, out in
            let person = child.person
            guard person.text(.laChildID) == nil else { return }
            out.report("the child has no LA child id", at: person[.laChildID], or: person, missing: "LAchildID")
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
        var text = upn
        let sum: Int? = text.withUTF8 { bytes in
            guard bytes.count == 13 else { return nil }
            var sum = 0
            for i in 1..<13 {
                let b = bytes[i]
                guard b >= 48, b <= 57 else { return nil }
                sum += Int(b - 48) * (i + 1)
            }
            return sum
        }
        return sum.map { letters[$0 % 23] }
    }

    /// A text's Unicode scalars, by position. The UPN rules run on every child: a text
    /// all ASCII (a UPN nearly always is) is read in place, each byte one scalar; any
    /// other is made an array.
    struct Scalars {
        private let ascii: UnsafeBufferPointer<UInt8>?
        private let scalars: [Unicode.Scalar]

        fileprivate init(ascii: UnsafeBufferPointer<UInt8>?, scalars: [Unicode.Scalar]) {
            self.ascii = ascii
            self.scalars = scalars
        }

        var count: Int { ascii?.count ?? scalars.count }
        subscript(i: Int) -> Unicode.Scalar { ascii.map { Unicode.Scalar($0[i]) } ?? scalars[i] }
        /// The scalars in `range` as text.
        func text(_ range: Range<Int>) -> String {
            if let ascii { return String(decoding: UnsafeBufferPointer(rebasing: ascii[range]), as: UTF8.self) }
            var view = String.UnicodeScalarView()
            for i in range { view.append(self[i]) }
            return String(view)
        }
    }

    /// `body` on `text`'s scalars (`Scalars`), valid only during the call.
    static func withScalars<R>(_ text: String, _ body: (Scalars) -> R) -> R {
        var bytes = text
        let ascii: R? = bytes.withUTF8 { $0.allSatisfy { $0 < 0x80 } ? body(Scalars(ascii: $0, scalars: [])) : nil }
        return ascii ?? body(Scalars(ascii: nil, scalars: Array(text.unicodeScalars)))
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }

    /// A UPN's 13th character: a digit, or a letter A–Z other than I, O and S.
    static func isLastCharacter(_ s: Unicode.Scalar) -> Bool {
        isDigit(s) || (s.value >= 65 && s.value <= 90 && s != "I" && s != "O" && s != "S")
    }

    /// Local authority codes a UPN may carry at characters 2–4: the post-April-1998 LA
    /// codes and the DfE's pseudo-LA codes; 942 and 943 from 2023-24 (`year` 2024).
    public static func isLACode(_ code: String, year: Int) -> Bool {
        if code == "942" || code == "943" { return year >= 2024 }
        return laCodes.contains(code)
    }

    private static let laCodes: CodeSet = {
        var ranges: [ClosedRange<Int>] = [
            1...5, 201...213, 301...320, 330...336, 340...344, 350...359, 370...373, 380...384, 390...394,
            660...681, 701...708, 800...803, 805...808, 810...813, 820...823, 835...839, 850...852, 855...857,
            865...896, 935...938, 940...941,
        ]
        for single in [420, 815, 816, 825, 826, 830, 831, 840, 841, 845, 846, 860, 861, 908, 909, 916, 919,
                       921, 925, 926, 928, 929, 931, 933] {
            ranges.append(single...single)
        }
        return CodeSet(ranges.flatMap { r in r.map { n in n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n)" } })
    }()
}
