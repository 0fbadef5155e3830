import Model

/// Describes an XML export's element tree and where each element lands in the model.
/// Built-in layouts (the CIN census) and user mapping profiles both become one of these,
/// and one mapper reads them all.
public final class XMLLayout: Sendable {
    public enum Role: Sendable {
        /// Groups elements; holds no value itself.
        case container
        /// The return's header: a record outside any child.
        case header
        /// One child: starts a person record.
        case child
        /// A record nested in the current child (an episode, an event).
        case record(RecordKind)
        /// A value of the enclosing record. A repeating field may occur more than once.
        case field(FieldKey, repeats: Bool)
        /// A record whose text is its one value (`<CPPreviewDate>` is a review and its date).
        case valueRecord(RecordKind, FieldKey)
        /// A value that belongs to a record of its own kind although the export writes it
        /// among the child's values (SSDA903 writes a care leaver's `IN_TOUCH` inside
        /// `HEADER`): one such record per child collects them.
        case sideField(RecordKind, FieldKey)
    }

    public final class Node: Sendable {
        public let name: Symbol
        public let role: Role
        public let children: [Symbol: Node]
        /// For fields: the element path from the enclosing record (`ChildIdentifiers/UPN`).
        public let sourceName: Symbol
        /// For fields: the model type, and whether the value is personal (looked up once).
        public let valueType: ValueType?
        public let personal: Bool
        /// The children again, for a linear search: a handful of integer compares beat
        /// hashing on every element of a large file.
        private let childNames: [UInt32]
        /// Borrowed from `children`: a mapper walks the tree for every element without
        /// counting references to its nodes.
        private let childNodes: [Unmanaged<Node>]

        init(name: Symbol, role: Role, children: [Node], sourceName: Symbol) {
            self.name = name
            self.role = role
            self.children = Dictionary(uniqueKeysWithValues: children.map { ($0.name, $0) })
            self.sourceName = sourceName
            childNames = children.map(\.name.rawValue)
            childNodes = children.map { Unmanaged.passUnretained($0) }
            let key: FieldKey?
            switch role {
            case .field(let k, _), .valueRecord(_, let k), .sideField(_, let k): key = k
            default: key = nil
            }
            valueType = key.flatMap { Schema.spec($0)?.type }
            personal = key.map(Schema.isPersonal) ?? false
        }

        /// The child element called `name`, if the layout has one.
        @inline(__always)
        public func child(_ name: Symbol) -> Unmanaged<Node>? {
            let raw = name.rawValue
            for i in childNames.indices where childNames[i] == raw { return childNodes[i] }
            return nil
        }
    }

    /// A node description before it is placed in a tree.
    public struct Spec: Sendable {
        let name: String
        let role: Role
        let children: [Spec]
        public init(_ name: String, _ role: Role, _ children: [Spec] = []) {
            self.name = name
            self.role = role
            self.children = children
        }
        public static func field(_ name: String, _ key: FieldKey, repeats: Bool = false) -> Spec {
            Spec(name, .field(key, repeats: repeats))
        }
    }

    public let root: Node
    public let agency: Agency
    /// A short name for messages ("CIN census").
    public let title: String
    /// How the export writes dates (ISO for the CIN census, dd/MM/yyyy for SSDA903).
    public let dateFormat: DateFormat

    public init(title: String, agency: Agency, dateFormat: DateFormat = .iso, root: Spec) {
        self.title = title
        self.agency = agency
        self.dateFormat = dateFormat
        self.root = XMLLayout.build(root, pathFromRecord: [])
    }

    /// True when the export has a header record (the CIN census `Header`); a file of such
    /// a layout without one is reported (MAP005).
    public var hasHeader: Bool {
        func find(_ n: Node) -> Bool {
            if case .header = n.role { return true }
            return n.children.values.contains { find($0) }
        }
        return find(root)
    }

    private static func build(_ spec: Spec, pathFromRecord: [String]) -> Node {
        let path: [String]
        switch spec.role {
        case .header, .child, .record, .valueRecord: path = []
        case .container, .field, .sideField: path = pathFromRecord + [spec.name]
        }
        let children = spec.children.map { build($0, pathFromRecord: path) }
        return Node(name: Symbol(spec.name), role: spec.role, children: children,
                    sourceName: Symbol(path.isEmpty ? spec.name : path.joined(separator: "/")))
    }
}
