/// A parsed condition, before names are checked against the model and compiled.
indirect enum Node {
    case and(Node, Node)
    case or(Node, Node)
    case not(Node, at: Int)
    /// `a = b`, `a < b` …
    case compare(Node, String, Node, at: Int)
    /// `a in [..]`, `a in $list`, `a not in …`.
    case member(Node, negated: Bool, Node, at: Int)
    /// `seenAlone`, `child.birthDate`, `parent.referralDate`, `outer.date`.
    case name([String], at: Int)
    case parameter(String, at: Int)
    case string(String, at: Int)
    case number(Double, at: Int)
    case date(String, at: Int)
    case list([Node], at: Int)
    /// `has(x)`, `age(months)`, `during(cpPlan where …)`, `exists(…)`, `count(…)`,
    /// `days(a, b)`, `from_census()`.
    case call(String, [Node], filter: Node?, at: Int)

    var offset: Int {
        switch self {
        case .and(let a, _), .or(let a, _): a.offset
        case .not(_, let at), .compare(_, _, _, let at), .member(_, _, _, let at), .name(_, let at),
             .parameter(_, let at), .string(_, let at), .number(_, let at), .date(_, let at), .list(_, let at),
             .call(_, _, _, let at): at
        }
    }
}

/// Recursive descent over the grammar of docs/rule-packs.md:
///
///     expr    := and ('or' and)*
///     and     := not ('and' not)*
///     not     := 'not' not | test
///     test    := value [ ('=' | '!=' | '<' | '<=' | '>' | '>=') value
///                      | ['not'] 'in' (list | $parameter) ]
///     value   := name ('.' name)* | name '(' args ')' | $parameter | 'text' | number | date
///              | list | '(' expr ')'
///     args    := [expr (',' expr)*] ['where' expr]
struct Parser {
    private var tokens: [Token]
    private var i = 0

    init(_ tokens: [Token]) { self.tokens = tokens }

    static func parse(_ text: String) throws(ExpressionError) -> Node {
        var p = Parser(try Lexer.tokens(text))
        let node = try p.expression()
        guard case .end = p.peek.kind else {
            throw ExpressionError(message: "unexpected \(p.describe(p.peek)) after a complete condition; join conditions with 'and' or 'or'", offset: p.peek.offset)
        }
        return node
    }

    private var peek: Token { tokens[i] }

    private mutating func next() -> Token {
        let t = tokens[i]
        if i < tokens.count - 1 { i += 1 }
        return t
    }

    private func isWord(_ w: String) -> Bool {
        if case .name(let n) = peek.kind { return n == w }
        return false
    }

    private func isSymbol(_ s: String) -> Bool {
        if case .symbol(let x) = peek.kind { return x == s }
        return false
    }

    private mutating func expect(_ s: String, _ what: String) throws(ExpressionError) {
        guard isSymbol(s) else { throw ExpressionError(message: "expected '\(s)' \(what), found \(describe(peek))", offset: peek.offset) }
        _ = next()
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .name(let n): "'\(n)'"
        case .parameter(let n): "'$\(n)'"
        case .string(let s): "'\(s)'"
        case .number(let n): "\(n)"
        case .date(let d): d
        case .symbol(let s): "'\(s)'"
        case .end: "the end"
        }
    }

    mutating func expression() throws(ExpressionError) -> Node {
        var left = try conjunction()
        while isWord("or") {
            _ = next()
            left = .or(left, try conjunction())
        }
        return left
    }

    private mutating func conjunction() throws(ExpressionError) -> Node {
        var left = try negation()
        while isWord("and") {
            _ = next()
            left = .and(left, try negation())
        }
        return left
    }

    private mutating func negation() throws(ExpressionError) -> Node {
        if isWord("not") {
            let at = next().offset
            return .not(try negation(), at: at)
        }
        return try test()
    }

    private mutating func test() throws(ExpressionError) -> Node {
        let left = try value()
        if case .symbol(let op) = peek.kind, ["=", "!=", "<", "<=", ">", ">="].contains(op) {
            let at = next().offset
            return .compare(left, op, try value(), at: at)
        }
        if isWord("in") {
            let at = next().offset
            return .member(left, negated: false, try value(), at: at)
        }
        if isWord("not"), case .name("in") = tokens[min(i + 1, tokens.count - 1)].kind {
            let at = next().offset
            _ = next()
            return .member(left, negated: true, try value(), at: at)
        }
        return left
    }

    private mutating func value() throws(ExpressionError) -> Node {
        let t = next()
        switch t.kind {
        case .parameter(let n): return .parameter(n, at: t.offset)
        case .string(let s): return .string(s, at: t.offset)
        case .number(let n): return .number(n, at: t.offset)
        case .date(let d): return .date(d, at: t.offset)
        case .symbol("("):
            let inner = try expression()
            try expect(")", "to close '('")
            return inner
        case .symbol("["):
            var items: [Node] = []
            if !isSymbol("]") {
                items.append(try value())
                while isSymbol(",") {
                    _ = next()
                    items.append(try value())
                }
            }
            try expect("]", "to close the list")
            return .list(items, at: t.offset)
        case .name(let n):
            if ["and", "or", "in", "where"].contains(n) {
                throw ExpressionError(message: "expected a field, a value or a function before '\(n)'", offset: t.offset)
            }
            if isSymbol("(") {
                _ = next()
                var args: [Node] = []
                var filter: Node?
                if !isSymbol(")") && !isWord("where") {
                    args.append(try expression())
                    while isSymbol(",") {
                        _ = next()
                        args.append(try expression())
                    }
                }
                if isWord("where") {
                    _ = next()
                    filter = try expression()
                }
                try expect(")", "to close \(n)(")
                return .call(n, args, filter: filter, at: t.offset)
            }
            var parts = [n]
            while isSymbol(".") {
                _ = next()
                guard case .name(let part) = next().kind else {
                    throw ExpressionError(message: "expected a field name after '.'", offset: tokens[max(0, i - 1)].offset)
                }
                parts.append(part)
            }
            return .name(parts, at: t.offset)
        case .symbol(let s):
            throw ExpressionError(message: "expected a field, a value or a function, found '\(s)'", offset: t.offset)
        case .end:
            throw ExpressionError(message: "the condition ends too soon: expected a field, a value or a function", offset: t.offset)
        }
    }
}
