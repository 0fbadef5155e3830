import Check
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
    /// Mapping profiles given on the command line (`--profile`) or in `.caselint.yml`
    /// (`profiles:`). Profiles found among the files walked are used as well.
    public var profiles: [String] = []
    /// Bounds on field size, nesting and findings per file.
    public var limits: Limits = .defaults

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
