/// Bounds on what one input may make caselint hold, so a hostile or broken file costs a
/// diagnostic, never a crash or unbounded memory. Each breach is reported at its position.
public struct Limits: Sendable, Hashable {
    /// Longest value (element text, CSV field, JSON string) kept, in bytes.
    public var maxValueBytes: Int = 1 << 20
    /// Deepest element or array/object nesting read.
    public var maxDepth: Int = 256
    /// Most columns in a CSV row.
    public var maxColumns: Int = 10_000
    /// Most findings kept for one file; the rest are counted, not stored.
    public var maxFindingsPerFile: Int = 10_000

    public init() {}

    public static let defaults = Limits()
}
