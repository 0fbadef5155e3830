/// Identifies one input file of a run; an index into the run's `SourceFiles`.
public struct FileID: Hashable, Comparable, Sendable {
    public let rawValue: UInt32
    public init(_ rawValue: UInt32) { self.rawValue = rawValue }
    public static func < (a: FileID, b: FileID) -> Bool { a.rawValue < b.rawValue }
}

/// Where a value came from: file, line and column (both 1-based; column in characters).
/// Packed small because every field of every record carries one.
public struct SourceLocation: Hashable, Comparable, Sendable {
    public var file: FileID
    public var line: UInt32
    public var column: UInt32

    public init(file: FileID, line: UInt32, column: UInt32) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// A location for a whole file (line 0), used when no better position exists.
    public static func wholeFile(_ file: FileID) -> SourceLocation {
        SourceLocation(file: file, line: 0, column: 0)
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// The input files of one run, in the order they were discovered (sorted paths).
public struct SourceFile: Sendable, Hashable {
    public let id: FileID
    /// The path as the user will recognise it (relative when they gave a relative path).
    public let path: String
    public init(id: FileID, path: String) {
        self.id = id
        self.path = path
    }
}
