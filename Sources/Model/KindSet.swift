/// A set of record kinds as one word of bits (a kind's symbol number modulo 64), for asking
/// cheaply whether a child may hold a record a rule is about before running the rule.
///
/// Two kinds can share a bit, so `overlaps` may say yes wrongly (the rule then runs and
/// finds nothing), never no wrongly. The empty set stands for "any kind" in `Rule.triggers`.
public struct KindSet: Sendable, Equatable {
    public var bits: UInt64

    @inlinable public init() { bits = 0 }

    public init(_ kinds: some Sequence<RecordKind>) {
        bits = 0
        for k in kinds { insert(k) }
    }

    @inlinable
    public mutating func insert(_ kind: RecordKind) { bits |= 1 << UInt64(kind.symbol.rawValue & 63) }

    @inlinable public var isEmpty: Bool { bits == 0 }

    /// True when the sets may share a kind.
    @inlinable public func overlaps(_ other: KindSet) -> Bool { bits & other.bits != 0 }
}
