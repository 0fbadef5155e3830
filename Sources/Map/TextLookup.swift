/// A column's value map or code list, looked up for every cell (or a rule's code list, for
/// every value). Such lists hold a handful of codes: compared one by one they are found
/// sooner than by hashing each text (SipHash); a long list is hashed.
public struct TextLookup<Value> {
    private let pairs: [(key: String, value: Value)]
    private let table: [String: Value]?

    public init(_ entries: [(key: String, value: Value)]) {
        if entries.count <= 8 {
            pairs = entries
            table = nil
        } else {
            pairs = []
            table = Dictionary(entries, uniquingKeysWith: { first, _ in first })
        }
    }

    public subscript(_ text: String) -> Value? {
        if let table { return table[text] }
        for p in pairs where p.key == text { return p.value }
        return nil
    }

    public func contains(_ text: String) -> Bool { self[text] != nil }
}

extension TextLookup: Sendable where Value: Sendable {}
