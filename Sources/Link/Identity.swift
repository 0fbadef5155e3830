import Model

/// One identifier of a child that linkage joins on.
public struct LinkKey: Hashable, Sendable {
    public enum Kind: UInt8, Sendable, CaseIterable {
        case laChildID, upn, nhsNumber, policePersonID, healthID

        /// One child has one value of a strong identifier: two values in one linked
        /// child mean two children were joined by mistake.
        var isStrong: Bool { self == .laChildID || self == .upn || self == .nhsNumber }

        var field: FieldKey {
            switch self {
            case .laChildID: .laChildID
            case .upn: .upn
            case .nhsNumber: .nhsNumber
            case .policePersonID: .policePersonID
            case .healthID: .healthID
            }
        }

        /// The kind a field holds, if it is an identifier linkage uses.
        init?(field: FieldKey) {
            switch field {
            case .laChildID: self = .laChildID
            case .upn: self = .upn
            case .nhsNumber: self = .nhsNumber
            case .policePersonID: self = .policePersonID
            case .healthID: self = .healthID
            default: return nil
            }
        }

        /// How messages name it.
        var title: String {
            switch self {
            case .laChildID: "LA child id"
            case .upn: "UPN"
            case .nhsNumber: "NHS number"
            case .policePersonID: "police person id"
            case .healthID: "health id"
            }
        }

        /// The LA child id is not a personal value (diagnostics identify children by it).
        var personal: Bool { self != .laChildID }
    }
    public let kind: Kind
    public let value: String
}

/// What linkage needs to know of one fragment (a source's records of one child): its
/// identifiers and where they are. Small, so a run keeps one per fragment of every file
/// without keeping the records.
public struct FragmentIdentity: Sendable {
    public let file: FileID
    public let location: SourceLocation
    public let childID: String?
    /// Valid identifiers, each with the location of its first occurrence.
    public let keys: LinkKeys
    /// Identifiers that fail their check character: not used to link.
    public let invalid: [(kind: LinkKey.Kind, location: SourceLocation)]
    /// The fragment describes the child (a CIN census child, an SSDA903 header row, an
    /// interchange `person` row), rather than only naming them on an event.
    public internal(set) var describesPerson: Bool
    /// The fragment holds records besides its person record (a crosswalk row holds none).
    public internal(set) var hasEvents: Bool
    /// How many fragments of its file this entry stands for: fragments with the same
    /// identifiers are kept once (`IdentityCollector`), so linking keeps one entry per
    /// child and file, not one per row.
    public internal(set) var weight = 1

    /// `quietInvalid`: kinds whose failing check character the source's own rules already
    /// report (CIN1510 for a census file's UPNs): still not used to link, not counted.
    public init(_ child: Child, file: FileID, quietInvalid: Set<LinkKey.Kind> = []) {
        self.file = file
        location = child.location
        var childID: String?
        var keys = LinkKeys()
        var invalid: [(kind: LinkKey.Kind, location: SourceLocation)] = []
        var person = false, events = false
        // Fields are read in place, and each root record's searched once for all kinds:
        // this runs for every fragment of a file (every row of a police export).
        child.fields.withUnsafeBufferPointer { fields in
            for record in child.records {
                guard record.parent < 0 else {
                    events = true
                    continue
                }
                if record.kind == .person { person = true }
                // The first field of each kind, by `LinkKey.Kind` (a SIMD vector: a
                // fixed-size array on the stack, with room for eight kinds).
                precondition(record.fieldStart >= 0 && Int(record.fieldEnd) <= fields.count)
                var first = SIMD8<Int32>(repeating: -1)
                for j in Int(record.fieldStart)..<Int(record.fieldEnd) {
                    guard let kind = LinkKey.Kind(field: fields[j].key) else { continue }
                    if first[Int(kind.rawValue)] < 0 { first[Int(kind.rawValue)] = Int32(j) }
                }
                // The child's LA child id as `Child.laChildID` gives it: the first root
                // record's that has the field.
                let la = Int(first[Int(LinkKey.Kind.laChildID.rawValue)])
                if childID == nil && la >= 0 { childID = fields[la].text }
                for kind in LinkKey.Kind.allCases {
                    let j = Int(first[Int(kind.rawValue)])
                    guard j >= 0 && !fields[j].text.isEmpty else { continue }
                    var value = fields[j].text
                    switch kind {
                    case .nhsNumber:
                        guard let normalised = CheckCharacters.normalisedNHSNumber(value), CheckCharacters.isValidNHSNumber(normalised) else {
                            if !quietInvalid.contains(kind) { invalid.append((kind, fields[j].valueLocation)) }
                            continue
                        }
                        value = normalised
                    case .upn:
                        value = value.uppercased()
                        guard CheckCharacters.isValidUPN(value) else {
                            if !quietInvalid.contains(kind) { invalid.append((kind, fields[j].valueLocation)) }
                            continue
                        }
                    default:
                        break
                    }
                    let key = LinkKey(kind: kind, value: value)
                    if !keys.contains(where: { $0.key == key }) { keys.append((key, fields[j].valueLocation)) }
                }
            }
        }
        self.childID = childID
        self.keys = keys
        self.invalid = invalid
        describesPerson = person
        hasEvents = events
    }
}

/// A fragment's identifiers in kind order, each with where it is first recorded. The
/// first is kept inline: most fragments have one (each row of a police export is one), and
/// an array for each was a heap allocation per fragment, kept to the end of the run.
public struct LinkKeys: RandomAccessCollection, Sendable {
    public typealias Element = (key: LinkKey, location: SourceLocation)
    private var head: Element?
    private var rest: [Element] = []

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { head == nil ? 0 : 1 + rest.count }
    public subscript(position: Int) -> Element { position == 0 ? head! : rest[position - 1] }

    mutating func append(_ element: Element) {
        if head == nil { head = element } else { rest.append(element) }
    }
}

/// Collects the identities of one file's fragments, keeping fragments with the same
/// identifiers once: memory grows with the children of a file, not with its rows.
public struct IdentityCollector: Sendable {
    /// In chunks: a large file has millions, and an array's doubling copied them all.
    public private(set) var identities = ChunkedList<FragmentIdentity>()
    /// For each fragment, in order, the index of its identity (kept when `tracksFragments`).
    public private(set) var fragmentIdentity: [Int32] = []
    /// The identities by a hash of all their identifiers. Keyed by every identifier, not
    /// the first: rows of many children can share one (an NHS number recorded with
    /// different local ids).
    private var bySignature = IndexTable()
    /// True while no two identities share an identifier: each has at most one and, if
    /// one, no invalid ones (its signature is then its identifier's, and identities with
    /// the same signature are kept once). `LinkBuilder` need not index such a file alone.
    public private(set) var keysDistinct = true
    private let tracksFragments: Bool
    private let quietInvalid: Set<LinkKey.Kind>

    public init(tracksFragments: Bool, quietInvalid: Set<LinkKey.Kind> = []) {
        self.tracksFragments = tracksFragments
        self.quietInvalid = quietInvalid
    }

    /// A fragment's identity and its signature, ready to add.
    public struct Prepared {
        let identity: FragmentIdentity
        let signature: UInt64
    }

    /// Adds one fragment, prepared here (see `add(_: Prepared)`).
    public mutating func add(_ child: Child, file: FileID) -> Bool {
        add(prepare(child, file: file))
    }

    /// The identities of fragments to `add` in order, their look-ups' slots read first, all
    /// together: in a table of millions of identities (a police export's) nearly every
    /// look-up missed the cache, and each waited for memory in turn.
    public mutating func prepare(_ children: [Child], file: FileID) -> [Prepared] {
        let prepared = children.map { prepare($0, file: file) }
        bySignature.reserve(prepared.count)
        bySignature.touch(prepared.lazy.filter { !$0.identity.keys.isEmpty }.map(\.signature))
        return prepared
    }

    private func prepare(_ child: Child, file: FileID) -> Prepared {
        let identity = FragmentIdentity(child, file: file, quietInvalid: quietInvalid)
        return Prepared(identity: identity, signature: identity.keys.isEmpty ? 0 : identity.signature)
    }

    /// True when the fragment has the identifiers of an earlier one (the same child again).
    public mutating func add(_ prepared: Prepared) -> Bool {
        let identity = prepared.identity
        var i = identities.count
        var joined = false
        if !identity.keys.isEmpty {
            if identity.keys.count > 1 || !identity.invalid.isEmpty { keysDistinct = false }
            let known = bySignature.findOrAdd(hash: prepared.signature, IndexTable.Position(index: Int32(i), part: 0)) {
                identities[Int($0.index)].sameIdentifiers(as: identity)
            }
            if let known {
                i = Int(known.index)
                joined = true
                identities[i].weight += 1
                identities[i].describesPerson = identities[i].describesPerson || identity.describesPerson
                identities[i].hasEvents = identities[i].hasEvents || identity.hasEvents
            } else {
                identities.append(identity)
            }
        } else {
            // Without identifiers, fragments are not the same child: each stays alone.
            identities.append(identity)
        }
        if tracksFragments { fragmentIdentity.append(Int32(i)) }
        return joined
    }
}

extension FragmentIdentity {
    /// A hash of the identifiers (`sameIdentifiers` decides).
    var signature: UInt64 {
        var h = TextHash()
        for k in keys {
            h.add(UInt64(k.key.kind.rawValue))
            h.add(k.key.value)
        }
        for k in invalid { h.add(UInt64(k.kind.rawValue) | 0x100) }
        return h.value
    }

    /// The same valid and invalid identifiers: fragments of one child in one file.
    func sameIdentifiers(as other: FragmentIdentity) -> Bool {
        keys.count == other.keys.count && invalid.count == other.invalid.count
            && zip(keys, other.keys).allSatisfy { $0.key == $1.key }
            && zip(invalid, other.invalid).allSatisfy { $0.kind == $1.kind }
    }
}
