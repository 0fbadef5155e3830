/// A column's value map, looked up for every cell (code lists, which only ask whether a
/// text is in them, are `CodeSet`s). Such maps hold a handful of codes: compared one by
/// one they are found sooner than by hashing each text (SipHash); a long map is hashed.
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
}

extension TextLookup: Sendable where Value: Sendable {}
