import Check
import Model

/// A condition's value, compiled once when the pack loads: a closure of the right type,
/// with names resolved to field keys and parameter slots and literals parsed. Evaluating
/// it for a record parses and looks up nothing.
enum Compiled {
    case bool(Pred)
    /// A yes/no field or literal: nil when the field is missing (so `seenAlone = false`
    /// does not hold for a visit that does not say).
    case flag(@Sendable (Env) -> Bool?)
    case number(@Sendable (Env) -> Double?)
    case date(@Sendable (Env) -> Day?)
    case text(@Sendable (Env) -> String?)
    /// A field that may repeat (`attendingAgency`, `present`): every value of it.
    case values(FieldAccess)
    case list(@Sendable (Env) -> [String])

    var typeName: String {
        switch self {
        case .bool: "a condition"
        case .flag: "true or false"
        case .number: "a number"
        case .date: "a date"
        case .text: "text"
        case .values, .list: "a list"
        }
    }
}

/// Compiles parsed conditions (`Node`) against what names mean where the condition is
/// written (`Names`). Comparisons with a missing value do not hold, whatever the operator:
/// `fromAgency != 'other'` is false for a referral that names no agency.
struct Compiler {
    let names: Names

    static func predicate(_ text: String, _ names: Names) throws(ExpressionError) -> Pred {
        try Compiler(names: names).predicate(try Parser.parse(text))
    }

    /// A node read as a condition (a bare field holds when it is true or present).
    func predicate(_ node: Node) throws(ExpressionError) -> Pred {
        switch try compile(node) {
        case .bool(let p): return p
        case .flag(let f): return { f($0) == true }
        case .number(let f): return { (f($0) ?? 0) != 0 }
        case .date(let f): return { f($0) != nil }
        case .text(let f): return { !(f($0) ?? "").isEmpty }
        case .values(let f): return { env in f.any(env) { _ in true } }
        case .list(let f): return { !f($0).isEmpty }
        }
    }

    func compile(_ node: Node) throws(ExpressionError) -> Compiled {
        switch node {
        case .and(let a, let b):
            let (p, q) = (try predicate(a), try predicate(b))
            return .bool { p($0) && q($0) }
        case .or(let a, let b):
            let (p, q) = (try predicate(a), try predicate(b))
            return .bool { p($0) || q($0) }
        case .not(let a, _):
            let p = try predicate(a)
            return .bool { !p($0) }
        case .compare(let a, let op, let b, let at):
            return .bool(try compare(a, op, b, at: at))
        case .member(let a, let negated, let b, let at):
            let test = try member(a, b, at: at)
            if negated { return .bool { !test($0) } }
            return .bool(test)
        case .name(let parts, let at):
            if parts == ["true"] || parts == ["false"] {
                let b = parts[0] == "true"
                return .flag { _ in b }
            }
            return access(try names.field(parts, at: at))
        case .parameter(let name, let at):
            guard let p = names.parameter(name) else {
                let hint = Suggest.closest(name, among: names.parameters.map(\.name)).map { "; did you mean '$\($0)'?" } ?? ""
                throw ExpressionError(message: "unknown parameter '$\(name)'\(hint): declare it under the rule's parameters", offset: at)
            }
            let slot = p.slot
            switch p.kind {
            case .integer:
                return .number { env in
                    guard case .integer(let n) = env.shared.param(slot) else { return nil }
                    return Double(n)
                }
            case .share:
                return .number { env in
                    guard case .share(let v) = env.shared.param(slot) else { return nil }
                    return v
                }
            case .flag:
                return .flag { env in
                    guard case .flag(let b) = env.shared.param(slot) else { return nil }
                    return b
                }
            case .codes, .list:
                return .list { env in
                    guard case .list(let l) = env.shared.param(slot) else { return [] }
                    return l
                }
            case .text, .choice:
                return .text { env in
                    guard case .text(let t) = env.shared.param(slot) else { return nil }
                    return t
                }
            case .interval:
                throw ExpressionError(message: "$\(name) is a span of time; conditions compare dates with days(), weeks(), months() or working_days()", offset: at)
            }
        case .string(let s, _): return .text { _ in s }
        case .number(let n, _): return .number { _ in n }
        case .date(let text, let at):
            guard let d = Day(iso: text) else { throw ExpressionError(message: "'\(text)' is not a valid date (yyyy-mm-dd)", offset: at) }
            return .date { _ in d }
        case .list(let items, _):
            var texts: [String] = []
            for item in items {
                switch item {
                case .string(let s, _): texts.append(s)
                case .number(let n, _): texts.append(n == n.rounded() ? "\(Int(n))" : "\(n)")
                default: throw ExpressionError(message: "a list holds quoted codes or numbers: ['police', 'health']", offset: item.offset)
                }
            }
            let fixed = texts
            return .list { _ in fixed }
        case .call(let name, let args, let filter, let at):
            return try Functions(compiler: self).call(name, args, filter: filter, at: at)
        }
    }

    private func access(_ f: FieldAccess) -> Compiled {
        if f.repeats { return .values(f) }
        switch f.type {
        case .date, .dateTime: return .date { f.day($0) }
        case .bool: return .flag { f.flag($0) }
        case .integer: return .number { env in f.text(env).flatMap(Double.init) }
        default: return .text { f.text($0) }
        }
    }

    private func compare(_ a: Node, _ op: String, _ b: Node, at: Int) throws(ExpressionError) -> Pred {
        var (x, y) = (try compile(a), try compile(b))
        // A quoted date beside a date field is a date; a quoted code beside a coded field
        // must be one of its codes.
        if case .date = x, case .string(let s, let sat) = b { y = try dateLiteral(s, at: sat) }
        if case .date = y, case .string(let s, let sat) = a { x = try dateLiteral(s, at: sat) }
        try checkCode(a, against: b)
        try checkCode(b, against: a)
        let ordered = Compiler.test(op)
        let equality = op == "=" || op == "!="
        switch (x, y) {
        case (.date(let f), .date(let g)):
            return { env in guard let p = f(env), let q = g(env) else { return false }; return ordered(Compiler.sign(p, q)) }
        case (.number(let f), .number(let g)):
            return { env in guard let p = f(env), let q = g(env) else { return false }; return ordered(Compiler.sign(p, q)) }
        case (.text(let f), .text(let g)):
            return { env in guard let p = f(env), let q = g(env) else { return false }; return ordered(Compiler.sign(p, q)) }
        case (.flag(let f), .flag(let g)) where equality:
            return { env in guard let p = f(env), let q = g(env) else { return false }; return (p == q) == (op == "=") }
        case (.values(let f), .text(let g)) where equality, (.text(let g), .values(let f)) where equality:
            // A repeating field equals a code when one of its values does.
            return { env in
                guard let q = g(env) else { return false }
                var present = false
                let hit = f.any(env) { present = true; return $0 == q }
                return op == "=" ? hit : (present && !hit)
            }
        default:
            throw ExpressionError(message: "cannot compare \(x.typeName) with \(y.typeName) using '\(op)'", offset: at)
        }
    }

    /// What an operator asks of the sign of a comparison (-1, 0, 1).
    static func test(_ op: String) -> @Sendable (Int) -> Bool {
        switch op {
        case "=": { $0 == 0 }
        case "!=": { $0 != 0 }
        case "<": { $0 < 0 }
        case "<=": { $0 <= 0 }
        case ">": { $0 > 0 }
        default: { $0 >= 0 }
        }
    }

    static func sign<T: Comparable>(_ p: T, _ q: T) -> Int { p < q ? -1 : (p == q ? 0 : 1) }

    private func member(_ a: Node, _ b: Node, at: Int) throws(ExpressionError) -> Pred {
        let (x, y) = (try compile(a), try compile(b))
        let haystack: @Sendable (Env) -> [String]?
        switch y {
        case .list(let g): haystack = { g($0) }
        case .values(let f):
            haystack = { env in
                var out: [String] = []
                _ = f.any(env) { out.append($0); return false }
                return out
            }
        default: throw ExpressionError(message: "'in' needs a list after it: ['a', 'b'], a list parameter or a repeating field, not \(y.typeName)", offset: b.offset)
        }
        if case .list(let items, _) = b { for item in items { try checkCode(item, against: a) } }
        switch x {
        case .text(let f):
            return { env in guard let v = f(env), let list = haystack(env) else { return false }; return list.contains(v) }
        case .values(let f):
            return { env in guard let list = haystack(env) else { return false }; return f.any(env) { list.contains($0) } }
        case .number(let f):
            return { env in
                guard let v = f(env), let list = haystack(env) else { return false }
                return list.contains { Double($0) == v }
            }
        default:
            throw ExpressionError(message: "'in' tests a code, a number or a repeating field, not \(x.typeName)", offset: at)
        }
    }

    private func dateLiteral(_ s: String, at: Int) throws(ExpressionError) -> Compiled {
        guard let d = Day(iso: s) else { throw ExpressionError(message: "'\(s)' is not a valid date (yyyy-mm-dd)", offset: at) }
        return .date { _ in d }
    }

    /// A quoted code compared with a field that has standard codes must be one of them.
    private func checkCode(_ literal: Node, against other: Node) throws(ExpressionError) {
        guard case .string(let s, let at) = literal, case .name(let parts, let fat) = other,
              let codes = try names.field(parts, at: fat).codes, !codes.contains(s) else { return }
        throw ExpressionError(message: Compiler.notACode(s, of: parts.joined(separator: "."), codes), offset: at)
    }

    static func notACode(_ s: String, of what: String, _ codes: [String]) -> String {
        let hint = Suggest.closest(s, among: codes).map { "; did you mean '\($0)'?" } ?? ""
        return "'\(s)' is not a standard code of \(what)\(hint) (codes: \(codes.joined(separator: ", ")))"
    }
}
