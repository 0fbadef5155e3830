import Check
import Checks
import Model

/// What `caselint synth cin` writes.
public struct CINSynthOptions: Sendable {
    /// Children in the return.
    public var children = 100
    public var seed: UInt64 = 1
    /// The collection year: 2025 is cin2024_25, reference date 2025-03-31.
    public var year = 2025
    /// DfE codes (`8925`, `2886Q`) of the rules to inject defects for.
    public var defects: [String] = []
    /// Share of children given one defect.
    public var defectRate = 0.05
    /// Instead of drawing defects at random, give children 2, 3, … one defect each, in the
    /// order the defects are given (child 1 stays clean): a small return that breaks every
    /// rule asked for.
    public var oneOfEach = false
    /// The local authority code in the header and in most UPNs.
    public var lea = "201"
    /// The letters LA child ids start with (`SYN0000001`): returns meant to be checked
    /// together need different ones, or their children are one child to the linker.
    public var idPrefix = "SYN"

    public init() {}
}

/// Which children should trigger which rules: the defects injected, with the rules each
/// one sets off. Children not listed trigger nothing.
public struct CINSynthTruth: Sendable {
    public struct Entry: Sendable, Equatable {
        /// 1-based position of the child in the file.
        public let child: Int
        public let laChildID: String?
        /// Rule ids (`CIN8925`).
        public let rules: [String]
    }
    public var children: [Entry] = []
    /// Rule ids reported for the return as a whole (header, duplicates' totals, shares).
    public var returnRules: [String] = []

    /// Tab-separated: `child`, `LAchildID`, comma-separated rule ids; `-` for the return.
    public var tsv: String {
        var s = "# caselint synth cin: which rules each child should trigger (children not listed: none)\n"
        s += "child\tLAchildID\trules\n"
        if !returnRules.isEmpty { s += "-\t-\t\(returnRules.joined(separator: ","))\n" }
        for e in children { s += "\(e.child)\t\(e.laChildID ?? "")\t\(e.rules.joined(separator: ","))\n" }
        return s
    }
}

public enum CINSynthError: Error, CustomStringConvertible {
    case unknownDefect(String, suggestion: String?)
    case notInYear(String, year: Int)
    case badOptions(String)

    public var description: String {
        switch self {
        case .unknownDefect(let code, let suggestion):
            return "no defect can be injected for '\(code)'\(suggestion.map { " (did you mean \($0)?)" } ?? ""); 'caselint synth cin --list-defects' lists them"
        case .notInYear(let code, let year):
            return "CIN\(code) is not a rule of the \(year - 1)-\(year % 100) collection (cin\(year - 1)_\(year % 100))"
        case .badOptions(let why):
            return why
        }
    }
}

/// Synthetic CIN census returns: realistic, deterministic for a seed, and clean except for
/// the defects asked for. The file is written child by child as it is made.
public enum CINSynth {
    /// DfE codes a defect can be injected for.
    public static var defectCodes: [String] { Defects.table.map(\.code) }

    /// Writes a return through `write` (called with large chunks) and returns the truth.
    public static func generate(_ options: CINSynthOptions,
                                write: @escaping (UnsafeRawBufferPointer) -> Void) throws -> CINSynthTruth {
        guard options.children >= 1 else { throw CINSynthError.badOptions("--children must be at least 1") }
        guard !options.idPrefix.isEmpty, options.idPrefix.count <= 12,
              options.idPrefix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw CINSynthError.badOptions("--id-prefix must be 1 to 12 letters or digits")
        }
        guard (0...1).contains(options.defectRate) else { throw CINSynthError.badOptions("--defect-rate must be between 0 and 1") }
        guard Ruleset(year: options.year) != nil else {
            throw CINSynthError.badOptions("--year must be a collection year caselint knows: \(Ruleset.supportedYears.lowerBound)-\(Ruleset.supportedYears.upperBound)")
        }
        var codes: [String] = []
        var requested = options.defects
        if requested.contains(where: { $0.lowercased() == "all" }) {
            requested = Defects.table.filter { $0.years?.contains(options.year) ?? true }.map(\.code)
        }
        for raw in requested {
            var code = raw.uppercased()
            if code.hasPrefix("CIN") { code.removeFirst(3) }
            guard let defect = Defects.table.first(where: { $0.code == code }) else {
                throw CINSynthError.unknownDefect(raw, suggestion: Suggest.closest(code, among: defectCodes).map { "CIN" + $0 })
            }
            if let years = defect.years, !years.contains(options.year) { throw CINSynthError.notInYear(code, year: options.year) }
            if !codes.contains(code) { codes.append(code) }
        }
        var gen = Generator(options: options, returnDefects: Set(codes))
        let writer = CINWriter(year: options.year, sink: write)
        writer.header(year: options.year, referenceDate: gen.reference.description, lea: options.lea,
                      generated: "\(gen.reference + 2)T09:00:00")
        var childDefects = codes.filter { Defects.returnOnly[$0] == nil }
        // Defects that would undo a requested return-level one are left out.
        if codes.contains("2888Q") { childDefects.removeAll { $0 == "8794" } }
        if codes.contains("2887Q") { childDefects.removeAll { $0 == "8790" } }
        var truth: [Int: (id: String?, rules: Set<String>)] = [:]
        func expect(_ child: Int, _ id: String?, _ rules: [String]) {
            var entry = truth[child] ?? (id, [])
            entry.rules.formUnion(rules.map { "CIN" + $0 })
            truth[child] = entry
        }
        // Plans starting in the year and initial conferences held in it (rule 2883).
        var plans = 0, conferences = 0
        func count(_ c: SynthChild) {
            func inYear(_ text: String?) -> Bool {
                guard let text, let d = Day(iso: text) else { return false }
                return d >= gen.start && d <= gen.reference
            }
            for e in c.episodes {
                if inYear(e.icpc) { conferences += 1 }
                conferences += e.enquiries.count { inYear($0.icpc) }
                plans += e.cpPlans.count { inYear($0.start) }
            }
        }
        var index = 1
        var nextDefect = 0
        while index <= options.children {
            var child: SynthChild
            let chosen: String?
            if options.oneOfEach {
                chosen = index >= 2 && nextDefect < childDefects.count ? childDefects[nextDefect] : nil
                if chosen != nil { nextDefect += 1 }
            } else {
                chosen = !childDefects.isEmpty && gen.random.chance(options.defectRate) ? gen.random.pick(childDefects) : nil
            }
            if let code = chosen {
                switch code {
                case "8510" where index < options.children:
                    // A twin with the same id follows: both children share one truth line.
                    let (first, twin) = gen.duplicateIDPair(index: index)
                    writer.child(first)
                    writer.child(twin)
                    count(first)
                    count(twin)
                    expect(index, first.id, ["8510"])
                    expect(index + 1, twin.id, ["8510"])
                    index += 2
                    continue
                case "1520" where gen.lastUPN != nil:
                    child = gen.clean(index: index)
                    let (earlier, earlierID, upn) = gen.lastUPN!
                    child.upn = upn
                    expect(earlier, earlierID, ["1520"])
                    expect(index, child.id, ["1520"])
                case "8500" where !gen.missingIDUsed:
                    // One child without an id, its one episode an assessment, closed:
                    // validators that join on the id tie such children together, and match
                    // plans to conferences by id (the peer's 2885 misfires for a missing one).
                    gen.missingIDUsed = true
                    child = gen.assessOnly(index: index).0
                    child.id = nil
                    expect(index, nil, ["8500"])
                case "8510", "1520", "8500":
                    child = gen.clean(index: index)
                default:
                    let made = Defects.apply(code, &gen, index: index)
                    child = made.child
                    expect(index, child.id, made.rules)
                }
            } else if options.oneOfEach && index == 1 {
                // A clean school-age child with a UPN, for a duplicate-UPN defect to copy.
                child = gen.fullChild(index: index).0
            } else {
                child = gen.clean(index: index)
            }
            if let upn = child.upn, truth[index] == nil { gen.lastUPN = (index, child.id, upn) }
            writer.child(child)
            count(child)
            index += 1
        }
        writer.footer()
        var out = CINSynthTruth()
        out.children = truth.keys.sorted().map { CINSynthTruth.Entry(child: $0, laChildID: truth[$0]!.id, rules: truth[$0]!.rules.sorted()) }
        out.returnRules = codes.filter { Defects.returnOnly[$0] != nil }.map { "CIN" + $0 }.sorted()
        if plans > conferences {
            // Children given plans without conferences (defect 2883) tip the totals, unless
            // other defects add conferences without plans.
            out.returnRules = (out.returnRules + ["CIN2883"]).sorted()
        }
        return out
    }
}
