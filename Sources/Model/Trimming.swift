extension String {
    /// The text without the given characters at either end (`" \t"`): what readers and
    /// loaders trim from names and values, without Foundation's character sets.
    public func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }

    /// The text without spaces at either end.
    public var trimmingSpaces: String { trimmingCharacters(in: " ") }
}
