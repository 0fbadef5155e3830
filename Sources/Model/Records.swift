/// One value of a record, with where it came from.
public struct Field: Sendable {
    public var key: FieldKey
    /// The name the source used (element, column or key), for messages and logical paths.
    public var source: Symbol
    /// The value as written, trimmed of surrounding whitespace.
    public var text: String
    /// For date fields whose text is a valid date.
    public var day: Day?
    /// The element (or cell) that holds the value.
    public var location: SourceLocation
    /// Where the value's text starts.
    public var valueLocation: SourceLocation

    public init(key: FieldKey, source: Symbol, text: String, day: Day? = nil,
                location: SourceLocation, valueLocation: SourceLocation) {
        self.key = key
        self.source = source
        self.text = text
        self.day = day
        self.location = location
        self.valueLocation = valueLocation
    }

    /// True when the field is present but holds nothing.
    public var isEmpty: Bool { text.isEmpty }

    /// The field read as a boolean (true/false/TRUE/FALSE/1/0, Y/N); nil when it is neither.
    public var bool: Bool? { Field.parseBool(text) }

    public var integer: Int? { Int(text) }

    public static func parseBool(_ s: String) -> Bool? {
        // By length first: a value is compared with at most three spellings, not eighteen
        // (every yes/no cell of an export is read here).
        switch s.utf8.count {
        case 1:
            switch s {
            case "1", "Y", "y": return true
            case "0", "N", "n": return false
            default: return nil
            }
        case 2: return s == "no" || s == "No" || s == "NO" ? false : nil
        case 3: return s == "yes" || s == "Yes" || s == "YES" ? true : nil
        case 4: return s == "true" || s == "TRUE" || s == "True" ? true : nil
        case 5: return s == "false" || s == "FALSE" || s == "False" ? false : nil
        default: return nil
        }
    }
}

/// Which agency recorded a record.
public struct Agency: Hashable, Sendable, CustomStringConvertible {
    public let symbol: Symbol
    public init(_ name: String) { symbol = Symbol(name) }
    public var name: String { symbol.name }
    public var description: String { name }

    public static let socialCare = Agency("social-care")
}

/// A record: a person, an episode or an event, with its fields.
public struct Record: Sendable {
    public var kind: RecordKind
    /// The source's name for it (element or record type), for logical paths.
    public var source: Symbol
    /// Index of the enclosing record within the same child, or -1.
    public var parent: Int32
    /// 1-based position among siblings of the same source name (`CINdetails[2]`), or the
    /// row number for a tabular source.
    public var ordinal: Int32
    public var location: SourceLocation
    public var agency: Agency
    /// The record's fields, a range of `Child.fields`.
    public var fieldStart: Int32
    public var fieldEnd: Int32

    public init(kind: RecordKind, source: Symbol, parent: Int32, ordinal: Int32,
                location: SourceLocation, agency: Agency, fieldStart: Int32 = 0, fieldEnd: Int32 = 0) {
        self.kind = kind
        self.source = source
        self.parent = parent
        self.ordinal = ordinal
        self.location = location
        self.agency = agency
        self.fieldStart = fieldStart
        self.fieldEnd = fieldEnd
    }
}
