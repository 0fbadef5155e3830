/// A JSON value with the position of its first character. Records are small, so each
/// record is parsed into one of these while the file around it streams.
public struct JSONNode: Sendable {
    public var value: JSONValue
    public var position: TextPosition

    public init(value: JSONValue, position: TextPosition) {
        self.value = value
        self.position = position
    }

    /// The member of an object with this key.
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }
}

public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// The number as written (`12`, `-0.5e3`): mapping needs the text, not a Double.
    case number(String)
    case string(String)
    case array([JSONNode])
    case object([JSONMember])

    /// The scalar as text (`true`, `12`, `abc`); nil for null, arrays and objects.
    public var scalarText: String? {
        switch self {
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n
        case .string(let s): return s
        case .null, .array, .object: return nil
        }
    }
}

public struct JSONMember: Sendable {
    public var key: String
    public var keyPosition: TextPosition
    public var value: JSONNode
}

/// A problem in a JSON file at its position. `syntax` stops the reading there; the others
/// do not.
public struct JSONProblem: Sendable {
    public enum Kind: Sendable, Hashable {
        case syntax
        /// A key that occurs twice in one object; `first` is the earlier one.
        case duplicateKey(first: TextPosition)
        /// Nesting deeper than `Limits.maxDepth`; reading stops.
        case tooDeep
        /// A record far larger than `Limits.maxValueBytes`; reading stops.
        case tooLarge
    }
    public var kind: Kind
    public var message: String
    public var position: TextPosition
}

/// Where a file keeps its records.
public enum JSONRecords: Sendable, Equatable {
    /// The elements of a top-level array.
    case array
    /// One value per line (JSON Lines, `.jsonl`, `.ndjson`).
    case lines
    /// The elements of the array at a path of keys inside the top-level object
    /// (`["data", "incidents"]`); an empty path means the first member whose value is an array.
    case member([String])
}

/// Receives records as the JSON reader finds them.
public protocol JSONHandler: AnyObject {
    /// One record. Return false to stop reading (a sniffer that has seen enough).
    func record(_ node: JSONNode) -> Bool
    /// A member of the top-level object that is not the records array (`"agency": "police"`).
    func topLevelMember(_ member: JSONMember)
    func problem(_ problem: JSONProblem)
}

extension JSONHandler {
    public func topLevelMember(_ member: JSONMember) {}
}
