import Check
import Foundation
import Model

/// What `caselint synth agencies` writes.
public struct AgencySynthOptions: Sendable {
    public var children = 100
    public var seed: UInt64 = 1
    /// Rule ids (`SUF006`, `HND004`) of the defects to inject; `all` for every one.
    public var defects: [String] = []
    /// Share of children given one defect.
    public var defectRate = 0.1
    /// Give children 1, 2, … one defect each, in the order given, instead of at random.
    public var oneOfEach = false
    public var lea = "201"
    /// Share of clean children whose social care records are written as interchange files
    /// instead of the census return.
    public var interchangeShare = 0.1

    public init() {}
}

/// Which child should trigger which rule: the tab-separated layout of `caselint synth cin`'s
/// truth (`child`, `LAchildID`, comma-separated rule ids; `-` for the data drop as a whole).
public struct AgencySynthTruth: Sendable {
    public struct Entry: Sendable, Equatable {
        public let child: Int
        public let laChildID: String
        public let rules: [String]
    }
    public var children: [Entry] = []
    public var returnRules: [String] = []
    /// Every child's LA child id, in order (clean children trigger nothing).
    public var ids: [String] = []

    public var tsv: String {
        var s = "# caselint synth agencies: which rules each child should trigger (children not listed: none)\n"
        s += "child\tLAchildID\trules\n"
        if !returnRules.isEmpty { s += "-\t-\t\(returnRules.joined(separator: ","))\n" }
        for e in children { s += "\(e.child)\t\(e.laChildID)\t\(e.rules.joined(separator: ","))\n" }
        return s
    }
}

public enum AgencySynthError: Error, CustomStringConvertible {
    case unknownDefect(String, suggestion: String?)
    case badOptions(String)
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .unknownDefect(let rule, let suggestion):
            "no defect can be injected for '\(rule)'\(suggestion.map { " (did you mean \($0)?)" } ?? ""); 'caselint synth agencies --list-defects' lists them"
        case .badOptions(let why): why
        case .cannotWrite(let why): why
        }
    }
}

/// Synthetic multi-agency data drops: a CIN census return, a police incidents CSV and a
/// health visiting JSON export with their mapping profiles, case notes, looked-after and
/// interchange files, and education's pupil records — deterministic for a seed, every
/// child clean except for the defects asked for.
public enum AgencySynth {
    /// Rule ids a defect can be injected for.
    public static var defectRules: [String] { AgencyDefects.table.map(\.rule) }

    /// The mix of clean children.
    static let mix: [(Archetype, Int)] = [
        (.protection, 28), (.infantProtection, 7), (.infant, 5), (.inNeed, 30), (.transferIn, 4), (.lookedAfter, 18),
        (.died, 3), (.unborn, 5),
    ]

    /// Writes the folder and returns the truth.
    public static func generate(_ options: AgencySynthOptions, to folder: String) throws -> AgencySynthTruth {
        guard options.children >= 1 else { throw AgencySynthError.badOptions("--children must be at least 1") }
        guard (0...1).contains(options.defectRate) else { throw AgencySynthError.badOptions("--defect-rate must be between 0 and 1") }
        var rules: [String] = []
        var requested = options.defects
        if requested.contains(where: { $0.lowercased() == "all" }) { requested = defectRules }
        for raw in requested {
            let rule = raw.uppercased()
            guard AgencyDefects.defect(rule) != nil else {
                throw AgencySynthError.unknownDefect(raw, suggestion: Suggest.closest(rule, among: defectRules))
            }
            if !rules.contains(rule) { rules.append(rule) }
        }
        let files: AgencyFiles
        do { files = try AgencyFiles(folder: folder, year: 2025, reference: Day(year: 2025, month: 3, day: 31)!, lea: options.lea) } catch {
            throw AgencySynthError.cannotWrite("cannot write \(folder): \(error.localizedDescription)")
        }
        let truth = stories(options, rules: rules) { files.write($0) }
        if let failure = files.finish(readme: readme(options, rules: rules)) { throw AgencySynthError.cannotWrite(failure) }
        return truth
    }

    /// Makes the stories one by one, handing each to `body`, and returns the truth.
    static func stories(_ options: AgencySynthOptions, rules: [String], _ body: (Story) -> Void) -> AgencySynthTruth {
        var cin = CINSynthOptions()
        cin.seed = options.seed
        cin.year = 2025
        cin.lea = options.lea
        cin.idPrefix = "MA"
        var maker = StoryMaker(options: cin)
        let childRules = rules.filter { !AgencyDefects.returnLevel.contains($0) }
        // The share defect: one child in 25 (4%, over the 2% allowed) has no recorded sex.
        let sexless = rules.contains("CON009")
        var truth = AgencySynthTruth()
        var next = 0
        for index in 1...options.children {
            var chosen: AgencyDefect?
            if sexless && index % 25 == 0 {
                chosen = AgencyDefects.defect("CON009")
            } else if !childRules.isEmpty {
                if options.oneOfEach {
                    if next < childRules.count { chosen = AgencyDefects.defect(childRules[next]); next += 1 }
                } else if maker.random.chance(options.defectRate) {
                    chosen = AgencyDefects.defect(childRules[next % childRules.count])
                    next += 1
                }
            }
            let story = make(index: index, defect: chosen, &maker, options)
            body(story)
            truth.ids.append(story.id)
            let own = story.expected.subtracting(AgencyDefects.returnLevel)
            if !own.isEmpty { truth.children.append(.init(child: index, laChildID: story.id, rules: own.sorted())) }
        }
        if sexless { truth.returnRules = ["CON009"] }
        return truth
    }

    /// One child: clean, or with `defect` (drawn again until a story takes it).
    static func make(index: Int, defect: AgencyDefect?, _ maker: inout StoryMaker, _ options: AgencySynthOptions) -> Story {
        if let defect {
            for _ in 0..<200 {
                var knobs = Knobs()
                defect.knobs(&knobs)
                let archetype = maker.random.pick(defect.archetypes)
                guard var story = maker.story(index: index, archetype, knobs) else { continue }
                guard defect.apply(&story, &maker) else { continue }
                story.expected = Set([defect.rule] + defect.also)
                return story
            }
        }
        while true {
            var knobs = Knobs()
            knobs.interchange = maker.random.chance(options.interchangeShare)
            let archetype = maker.random.weighted(mix)
            if let story = maker.story(index: index, archetype, knobs) { return story }
        }
    }

    static func readme(_ options: AgencySynthOptions, rules: [String]) -> String {
        """
        # A synthetic multi-agency data drop

        Written by `caselint synth agencies --children \(options.children) --seed \(options.seed)\
        \(rules.isEmpty ? "" : " --defects \(rules.joined(separator: ",")) --defect-rate \(options.defectRate)")`.
        No real person is in these files. One local authority (LEA \(options.lea)) and its partners:

        - `social-care/cin-census.xml`: the 2024-25 CIN census return.
        - `social-care/interchange/`: referrals, visits, strategy discussions, conferences, core groups,
          notifications, household members, worker allocations, transfers, the crosswalk of police and
          health ids, and — for some children — their CIN records, as caselint interchange CSV.
        - `social-care/looked-after.jsonl`: looked-after children's care episodes and reviews.
        - `social-care/case-notes.csv` with its profile; `police/incidents.csv` with its profile;
          `health/health-visiting.json` with its profile; `education/pupils.csv`.

        Every child is clean except for the defects injected; the truth file written beside the folder
        (`--truth`) says which child should trigger which rule.

        """
    }
}
