/// The words of a condition expression (docs/rule-packs.md, "Conditions"), each with its
/// offset in the expression's text so a mistake is reported at its column.
struct Token: Equatable {
    enum Kind: Equatable {
        /// A field, a function or a record type: `seenAlone`, `child.birthDate`, `during`.
        case name(String)
        /// `$notify-agencies`: a parameter of the rule.
        case parameter(String)
        case string(String)
        case number(Double)
        /// `2024-03-01`.
        case date(String)
        /// `=`, `!=`, `<`, `<=`, `>`, `>=`, `(`, `)`, `[`, `]`, `,`, `.`.
        case symbol(String)
        case end
    }
    let kind: Kind
    /// Offset of the token's first character in the expression (characters, 0-based).
    let offset: Int
}

/// A mistake in an expression, at a character offset.
struct ExpressionError: Error {
    let message: String
    let offset: Int
}

enum Lexer {
    /// The tokens of `text`, ending with `.end`.
    static func tokens(_ text: String) throws(ExpressionError) -> [Token] {
        let chars = Array(text)
        var out: [Token] = []
        var i = 0
        func isNameStart(_ c: Character) -> Bool { c.isLetter || c == "_" }
        func isNamePart(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1; continue }
            let start = i
            if isNameStart(c) {
                // Names are letters, digits and `_`; a hyphenated word (a code written
                // without quotes) is read whole so the error can say to quote it.
                while i < chars.count, isNamePart(chars[i]) || (chars[i] == "-" && i + 1 < chars.count && isNamePart(chars[i + 1])) { i += 1 }
                out.append(Token(kind: .name(String(chars[start..<i])), offset: start))
                continue
            }
            if c == "$" {
                i += 1
                while i < chars.count, isNamePart(chars[i]) || chars[i] == "-" { i += 1 }
                guard i > start + 1 else { throw ExpressionError(message: "'$' must be followed by a parameter name", offset: start) }
                out.append(Token(kind: .parameter(String(chars[(start + 1)..<i])), offset: start))
                continue
            }
            if c == "'" || c == "\"" {
                i += 1
                var s = ""
                while i < chars.count, chars[i] != c {
                    s.append(chars[i])
                    i += 1
                }
                guard i < chars.count else { throw ExpressionError(message: "text started with \(c) is not closed", offset: start) }
                i += 1
                out.append(Token(kind: .string(s), offset: start))
                continue
            }
            if isDigit(c) || (c == "-" && i + 1 < chars.count && isDigit(chars[i + 1]) && !(out.last.map(endsOperand) ?? false)) {
                i += 1
                while i < chars.count, isDigit(chars[i]) || chars[i] == "." || chars[i] == "-" { i += 1 }
                let word = String(chars[start..<i])
                if word.count == 10, Array(word)[4] == "-", Array(word)[7] == "-" {
                    out.append(Token(kind: .date(word), offset: start))
                } else if let n = Double(word) {
                    out.append(Token(kind: .number(n), offset: start))
                } else {
                    throw ExpressionError(message: "'\(word)' is neither a number nor a date (yyyy-mm-dd)", offset: start)
                }
                continue
            }
            let two = i + 1 < chars.count ? String(chars[i...(i + 1)]) : ""
            if ["!=", "<=", ">=", "=="].contains(two) {
                out.append(Token(kind: .symbol(two == "==" ? "=" : two), offset: start))
                i += 2
                continue
            }
            if "=<>()[],.".contains(c) {
                out.append(Token(kind: .symbol(String(c)), offset: start))
                i += 1
                continue
            }
            throw ExpressionError(message: "unexpected '\(c)'", offset: start)
        }
        out.append(Token(kind: .end, offset: chars.count))
        return out
    }

    /// True when a token ends an operand (so a following `-` is not a sign).
    private static func endsOperand(_ t: Token) -> Bool {
        switch t.kind {
        case .name, .parameter, .string, .number, .date: return true
        case .symbol(let s): return s == ")" || s == "]"
        case .end: return false
        }
    }
}
