import Check
import Discover
import Model

/// What the user asked a run to do.
public struct LintOptions: Sendable {
    public var paths: [String]
    /// Force a CIN ruleset instead of reading it from each file's header.
    public var ruleset: Ruleset?
    /// Rule ids or prefixes to run (empty: all) and to leave out.
    public var select: [String] = []
    public var ignore: [String] = []
    /// Files processed at once.
    public var jobs: Int = System.coreCount
    /// Bounds on field size, nesting and findings per file.
    public var limits: Limits = .defaults
    /// Severity overrides by rule id (configuration `rule-settings:`).
    public var severities: [String: Severity] = [:]
    /// Parameter values by rule (configuration `rule-settings:`), already validated.
    public var parameters = RuleParameters()
    /// Which files found in folders are checked (configuration `include:`/`exclude:`).
    public var pathFilter: PathFilter?
    /// Rule pack files of the run (configuration `rules:`, `--rules`), as given.
    public var rulePacks: [String] = []
    /// Their rules, loaded at start-up (`RuleCatalogue.load`): they run beside the catalogue.
    public var packRules: [Rule] = []
    /// Mapping profile files (configuration `profiles:`, and `--profile` on the command
    /// line); paths are checked to exist when the configuration is read. Profiles found
    /// among the files walked are used as well (`Linter`, `MappingProfileLoader`).
    public var profiles: [String] = []
    /// Counts files and bytes as they are checked, for a progress line.
    public var progress: Progress?
    /// Called with each linked child — every record of one child across the run's files —
    /// as linked rules see it (`caselint chronology` builds timelines from them). Setting it
    /// makes a run link and keep fragments even when no linked rule is active. Called from
    /// one thread at a time.
    public var linkedChildren: (@Sendable (Child) -> Void)?

    /// About how many bytes of records a run keeps in memory until linking (each
    /// source's records of each child). Past it, a file's records are let go and the file
    /// is read again when its children are linked: a large drop costs a second read
    /// instead of memory. 0 reads every linked file twice.
    public var fragmentMemory = 512 << 20
    /// A run whose one source is rows runs its linked rules as the file streams, on the
    /// guess that each child is one fragment (`InlineLinking`): when it holds, the file is
    /// not read again for linking. False links first, always (tests compare the two).
    public var guessLinking = true
    /// CSV and JSON files of at least this many bytes are mapped on a thread of their own
    /// while they are read (`MappingThread`), when `jobs` allows more than one thread.
    public var mappingThreadBytes = 4 << 20

    public init(paths: [String]) {
        self.paths = paths
    }
}

/// Chooses the rules a run uses from the catalogue.
public struct RuleSelection: Sendable {
    public let select: [String]
    public let ignore: [String]

    public init(select: [String], ignore: [String]) {
        self.select = select.map { $0.uppercased() }
        self.ignore = ignore.map { $0.uppercased() }
    }

    /// True when a rule id is selected (by id or prefix) and not ignored.
    public func includes(_ id: String) -> Bool {
        let id = id.uppercased()
        if ignore.contains(where: { id.hasPrefix($0) }) { return false }
        return select.isEmpty || select.contains(where: { id.hasPrefix($0) })
    }

    /// Entries of `select`/`ignore` that name no rule (neither an id nor a prefix of one),
    /// each with the closest id when one is near.
    public static func unknown(_ entries: [String], among ids: [String]) -> [(entry: String, suggestion: String?)] {
        entries.compactMap { entry in
            let e = entry.uppercased()
            if ids.contains(where: { $0.uppercased().hasPrefix(e) }) { return nil }
            return (entry, Suggest.closest(e, among: ids))
        }
    }
}

public enum System {
    public static var coreCount: Int {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 1
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#endif
