import Model

/// One record of a synthetic multi-agency story, by its interchange type and field names.
/// Writers put it in its agency's file and layout (interchange CSV, the police CSV, the
/// health JSON, the case notes CSV). Repeating fields hold `;`-separated values.
struct Row {
    var kind: String
    var fields: [String: String]

    init(_ kind: String, _ fields: [String: String]) {
        self.kind = kind
        self.fields = fields
    }

    subscript(_ key: String) -> String? {
        get { fields[key] }
        set { fields[key] = newValue }
    }

    /// The date in `key`.
    func day(_ key: String) -> Day? { fields[key].flatMap { Day(iso: $0) } }
}

/// What kind of child a story is about: it decides the shape of the CIN part and which
/// agencies' records follow.
enum Archetype: String, CaseIterable {
    /// A child protection plan (strategy discussion, section 47, initial conference).
    case protection
    /// An infant (born in the period) on a child protection plan.
    case infantProtection
    /// An infant not on a plan: midwife and health visitor handover.
    case infant
    /// Assessment, child in need plan or enquiry without a conference.
    case inNeed
    /// A plan taken over at a transfer-in conference after a move into the area.
    case transferIn
    /// Looked after: care episodes, placements, visits, reviews.
    case lookedAfter
    /// Died during the year (episode closed RC2).
    case died
    /// Not yet born (expected birth after the end of the data).
    case unborn
}

/// One synthetic child: identifiers, the CIN part (written to the census return or, for
/// children `census` is false for, as interchange records), and every other agency's rows.
struct Story {
    let index: Int
    var archetype: Archetype
    var census: Bool
    /// The CIN part, in the census layout's terms (dates as `yyyy-mm-dd`).
    var cin: SynthChild
    var nhs: String?
    var policeID: String
    var healthID: String
    /// Rows of every agency, in the order they are made.
    var rows: [Row] = []
    /// Rules this child should trigger (its defects'), and those of the return as a whole.
    var expected: Set<String> = []

    var id: String { cin.id ?? "" }
    var birth: Day? { cin.birth.flatMap { Day(iso: $0) } }
    var death: Day? { cin.death.flatMap { Day(iso: $0) } }

    /// Rows of a kind, with their positions in `rows`.
    func indices(_ kind: String, where keep: (Row) -> Bool = { _ in true }) -> [Int] {
        rows.indices.filter { rows[$0].kind == kind && keep(rows[$0]) }
    }

    /// The child's child protection plans: (episode index, plan index, start, end).
    var plans: [(episode: Int, plan: Int, start: Day, end: Day?)] {
        var out: [(Int, Int, Day, Day?)] = []
        for (e, episode) in cin.episodes.enumerated() {
            for (p, plan) in episode.cpPlans.enumerated() {
                guard let s = plan.start.flatMap({ Day(iso: $0) }) else { continue }
                out.append((e, p, s, plan.end.flatMap { Day(iso: $0) }))
            }
        }
        return out
    }

    /// Age in whole years on `day` (nil when unborn).
    func age(on day: Day) -> Int? {
        guard let birth else { return nil }
        var years = day.year - birth.year
        let c = day.components, b = birth.components
        if (c.month, c.day) < (b.month, b.day) { years -= 1 }
        return years
    }
}
