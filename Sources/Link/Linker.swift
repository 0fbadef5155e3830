import Model

/// The children of a run: which fragments (each source's records of one child) belong
/// together, and what linkage found wrong.
public struct Linkage: Sendable {
    /// For each identity given, the child it belongs to: children are numbered 0, 1, 2 …
    /// in the order of their first identity. (A list per child was millions of arrays for
    /// a large export of one-row children.)
    public let childOf: [Int32]
    public let childCount: Int
    public let diagnostics: [Diagnostic]
}

/// Joins fragments of one child across agencies and files by exact identifiers: LA child
/// id, UPN (check letter right), NHS number (modulus-11 right), police person id and
/// health id. A crosswalk is a file of rows whose identifiers belong to one child
/// (interchange `identity` rows); its rows join like any other fragment.
///
/// A join never merges two children: when an identifier would join fragments that carry
/// different LA child ids, UPNs or NHS numbers, it is reported (LNK003) with notes at
/// both children and not used. Linkage is deterministic: fragments are taken in input
/// order (files in path order, fragments in file order).
public enum Linker {
    public static func link(_ fragments: [FragmentIdentity]) -> Linkage {
        var builder = LinkBuilder()
        builder.add(ChunkedList(fragments))
        return builder.finish()
    }

    static func conflict(_ key: LinkKey, at location: SourceLocation, clash: LinkKey.Kind,
                         here: (value: String, location: SourceLocation), there: (value: String, location: SourceLocation),
                         keyOwner: SourceLocation) -> Diagnostic {
        let shown: Message = key.kind.personal ? "\(personal: key.value)" : "\(key.value)"
        let which: Message = clash == .laChildID
            ? "LA child ids \(there.value) and \(here.value)"
            : "different \(clash.title)s"
        var d = Diagnostic(ruleID: "LNK003", severity: .error,
                           message: "\(key.kind.title) \(shown) is recorded for two different children (\(which)); their records are not joined",
                           location: location)
        let thereValue: Message = clash.personal ? "\(personal: there.value)" : "\(there.value)"
        let hereValue: Message = clash.personal ? "\(personal: here.value)" : "\(here.value)"
        d.notes = [
            Note(location: keyOwner, message: "the same \(key.kind.title) is first recorded here"),
            Note(location: there.location, message: "for the child with \(clash.title) \(thereValue)"),
            Note(location: here.location, message: "and here for the child with \(clash.title) \(hereValue)"),
        ]
        return d
    }

    /// One diagnostic per source file for the fragments that `matches`, at the first.
    /// Fragments are passed by index: copying each (its arrays retained and released) cost
    /// more than the test.
    static func perSource(_ fragments: ChunkedList<FragmentIdentity>, matches: (Int) -> Bool,
                          report: (Int, FragmentIdentity) -> Diagnostic) -> [Diagnostic] {
        var first: [FileID: Int] = [:]
        var count: [FileID: Int] = [:]
        for i in fragments.indices where matches(i) {
            let file = fragments[i].file
            if first[file] == nil { first[file] = i }
            count[file, default: 0] += fragments[i].weight
        }
        return first.keys.sorted().map { report(count[$0]!, fragments[first[$0]!]) }
    }

    /// NHS numbers and UPNs whose check character is wrong are not used to link: one
    /// diagnostic per source, at the first.
    static func invalidIdentifiers(_ fragments: ChunkedList<FragmentIdentity>) -> [Diagnostic] {
        var first: [FileID: SourceLocation] = [:]
        var counts: [FileID: [LinkKey.Kind: Int]] = [:]
        for i in fragments.indices where !fragments[i].invalid.isEmpty {
            let f = fragments[i]
            for (kind, location) in f.invalid {
                if first[f.file] == nil { first[f.file] = location }
                counts[f.file, default: [:]][kind, default: 0] += f.weight
            }
        }
        return first.keys.sorted().map { file in
            let parts = counts[file]!.sorted { $0.key.rawValue < $1.key.rawValue }.map { kind, n in
                "\(n) \(kind.title)\(n == 1 ? "" : "s")"
            }
            let n = counts[file]!.values.reduce(0, +)
            return Diagnostic(ruleID: "LNK004", severity: .warning,
                              message: "\(parts.joined(separator: " and ")) in this source \(n == 1 ? "fails its" : "fail their") check character and \(n == 1 ? "is" : "are") not used to link records (the first is here)",
                              location: first[file]!)
        }
    }
}

/// Links fragments as they are added, in input order (a run adds each file's as soon as
/// the files before it are read, while later files are still being read): the result
/// is the same as linking them all at once.
public struct LinkBuilder: Sendable {
    private var state = UnionFind()
    /// Each identifier's first fragment: the fragment and the index of the key in it.
    private var owner = IndexTable()
    /// How many fragments, from the first, are not yet in `owner` (see `add`).
    private var unindexed = 0
    private var reported = Set<LinkKey>()
    private var conflicts: [Diagnostic] = []

    public init() {}

    public var fragments: ChunkedList<FragmentIdentity> { state.fragments }

    /// Adds one file's identities (or any list, in input order). `keysDistinct`: no two of
    /// them share an identifier (`IdentityCollector.keysDistinct`), so indexing them finds
    /// nothing to join until another file's arrive; they are indexed then, and a run of
    /// one such file (a police export of one-row children) never indexes them at all: a
    /// lookup per identity in a table too large for the cache, on one thread at the end.
    public mutating func add(_ added: ChunkedList<FragmentIdentity>, keysDistinct: Bool = false) {
        let first = state.append(added)
        let end = state.fragments.count
        if keysDistinct && first == 0 {
            unindexed = end
            return
        }
        // Fragments left unindexed are the ones just before these: indexed first, in input
        // order, they join as if they had been indexed when added.
        let start = first - unindexed
        unindexed = 0
        index(start..<end)
    }

    /// Looks up each identifier of the fragments in `range` among those before it, joining
    /// the fragments that share one.
    private mutating func index(_ range: Range<Int>) {
        // Read in place through one reference: copying a fragment retains its arrays.
        let fragments = state.fragments
        var keyCount = 0
        for i in range { keyCount += fragments[i].keys.count }
        owner.reserve(keyCount)
        // In batches whose slots are read first, all together (`IndexTable.touch`): the
        // table outgrows the cache, and one look-up after another each waited for memory.
        var hashes: [UInt64] = []
        var batchStart = range.lowerBound
        while batchStart < range.upperBound {
            let batch = batchStart..<min(batchStart + 256, range.upperBound)
            batchStart = batch.upperBound
            hashes.removeAll(keepingCapacity: true)
            for i in batch {
                for k in fragments[i].keys.indices { hashes.append(LinkBuilder.hash(fragments[i].keys[k].key)) }
            }
            owner.touch(hashes)
            var next = 0
            for i in batch { index(i, fragments, hashes: hashes, next: &next) }
        }
    }

    private static func hash(_ key: LinkKey) -> UInt64 {
        var hash = TextHash(UInt64(key.kind.rawValue) + 1)
        hash.add(key.value)
        return hash.value
    }

    /// Indexes fragment `i`'s identifiers, whose hashes are `hashes[next...]`.
    private mutating func index(_ i: Int, _ fragments: ChunkedList<FragmentIdentity>, hashes: [UInt64], next: inout Int) {
        for k in fragments[i].keys.indices {
            let key = fragments[i].keys[k].key
            let hash = hashes[next]
            next += 1
            let here = IndexTable.Position(index: Int32(i), part: Int32(k))
            guard let known = owner.findOrAdd(hash: hash, here, matches: {
                fragments[Int($0.index)].keys[Int($0.part)].key == key
            }) else { continue }
            let o = Int(known.index)
            let a = state.find(i), b = state.find(o)
            if a == b { continue }
            if let clash = state.clash(a, b) {
                if reported.insert(key).inserted {
                    conflicts.append(Linker.conflict(key, at: fragments[i].keys[k].location, clash: clash,
                                                     here: state.strong(a, clash)!, there: state.strong(b, clash)!,
                                                     keyOwner: fragments[o].keys[Int(known.part)].location))
                }
                continue
            }
            state.union(a, b)
        }
    }

    /// The children and the findings of linkage, once every fragment has been added.
    public mutating func finish() -> Linkage {
        let fragments = state.fragments
        var diagnostics = conflicts
        // Each set's child, by its root (an array, not a dictionary: one slot per fragment).
        var childOfRoot = [Int32](repeating: -1, count: fragments.count)
        var childOf = [Int32](repeating: 0, count: fragments.count)
        var childCount: Int32 = 0
        for i in fragments.indices {
            let r = state.find(i)
            if childOfRoot[r] < 0 {
                childOfRoot[r] = childCount
                childCount += 1
            }
            childOf[i] = childOfRoot[r]
        }
        let anyPerson = fragments.contains { $0.describesPerson }
        diagnostics += Linker.perSource(fragments) { fragments[$0].keys.isEmpty && (fragments[$0].hasEvents || fragments[$0].describesPerson) } report: { n, f in
            Diagnostic(ruleID: "LNK001", severity: .warning,
                       message: "\(n) \(n == 1 ? "record carries" : "records carry") no usable identifier of a child (LA child id, UPN or NHS number with a right check character, police person id, health id); \(n == 1 ? "it is" : "they are") checked on \(n == 1 ? "its" : "their") own but cannot be joined with other agencies' records (the first is here)",
                       location: f.location, childID: f.childID)
        }
        if anyPerson {
            var anchored = Set<Int>()
            for i in fragments.indices where fragments[i].describesPerson { anchored.insert(state.find(i)) }
            diagnostics += Linker.perSource(fragments) { i in
                !fragments[i].keys.isEmpty && fragments[i].hasEvents && !fragments[i].describesPerson && !anchored.contains(state.find(i))
            } report: { n, f in
                Diagnostic(ruleID: "LNK002", severity: .warning,
                           message: "\(n) \(n == 1 ? "record names a child" : "records name children") that no other source describes: no person record has \(n == 1 ? "its" : "their") identifiers, directly or through a crosswalk (the first is here)",
                           location: f.keys[0].location, childID: f.childID)
            }
        }
        diagnostics += Linker.invalidIdentifiers(fragments)
        return Linkage(childOf: childOf, childCount: Int(childCount), diagnostics: diagnostics)
    }

}

/// Union–find over fragments, each set knowing its strong identifiers.
struct UnionFind: Sendable {
    private(set) var fragments = ChunkedList<FragmentIdentity>()
    private var parent: [Int32] = []
    /// For each root and strong identifier (LA child id, UPN, NHS number): the fragment
    /// that holds the set's value, or -1. Indices, not values: there is one per fragment.
    private var holder: [(Int32, Int32, Int32)] = []

    /// Adds fragments, each a set of its own; returns the index of the first. A run's
    /// first file's list is taken as it is, not copied: a large file's millions of
    /// fragments would be copied, and each new page of the copy cleared by the kernel.
    mutating func append(_ added: ChunkedList<FragmentIdentity>) -> Int {
        let first = fragments.count
        fragments.append(contentsOf: added)
        // Grown once, not by doubling (geometrically after the first file).
        let room = first == 0 ? added.count : max(first + added.count, 2 * parent.capacity)
        if parent.capacity < first + added.count {
            parent.reserveCapacity(room)
            holder.reserveCapacity(room)
        }
        for i in first..<fragments.count {
            var h: (Int32, Int32, Int32) = (-1, -1, -1)
            for (key, _) in fragments[i].keys {
                switch key.kind {
                case .laChildID: if h.0 < 0 { h.0 = Int32(i) }
                case .upn: if h.1 < 0 { h.1 = Int32(i) }
                case .nhsNumber: if h.2 < 0 { h.2 = Int32(i) }
                default: break
                }
            }
            parent.append(Int32(i))
            holder.append(h)
        }
        return first
    }

    private func holderOf(_ root: Int, _ kind: LinkKey.Kind) -> Int32 {
        switch kind {
        case .laChildID: holder[root].0
        case .upn: holder[root].1
        case .nhsNumber: holder[root].2
        default: -1
        }
    }

    /// The set's value of a strong identifier, with where it is recorded.
    func strong(_ root: Int, _ kind: LinkKey.Kind) -> (value: String, location: SourceLocation)? {
        let h = holderOf(root, kind)
        guard h >= 0, let k = fragments[Int(h)].keys.first(where: { $0.key.kind == kind }) else { return nil }
        return (k.key.value, k.location)
    }

    mutating func find(_ i: Int) -> Int {
        var r = i
        while Int(parent[r]) != r { r = Int(parent[r]) }
        var j = i
        while Int(parent[j]) != r {
            let next = Int(parent[j])
            parent[j] = Int32(r)
            j = next
        }
        return r
    }

    /// The strong identifier the two sets disagree on, if any.
    func clash(_ a: Int, _ b: Int) -> LinkKey.Kind? {
        for kind in LinkKey.Kind.allCases where kind.isStrong {
            if let x = strong(a, kind), let y = strong(b, kind), x.value != y.value { return kind }
        }
        return nil
    }

    /// Joins two roots; the smaller index stays the root, so results follow input order.
    mutating func union(_ a: Int, _ b: Int) {
        let (root, other) = a < b ? (a, b) : (b, a)
        parent[other] = Int32(root)
        if holder[root].0 < 0 { holder[root].0 = holder[other].0 }
        if holder[root].1 < 0 { holder[root].1 = holder[other].1 }
        if holder[root].2 < 0 { holder[root].2 = holder[other].2 }
    }
}
