/// A shell-style path pattern for `include:` and `exclude:` in configuration:
/// `*` matches within one folder name, `**` matches any number of folders, `?` one
/// character, `[abc]` / `[a-z]` / `[!abc]` one of a set. A pattern without a `/` matches a
/// file name in any folder (`*.bak`), as in `.gitignore`.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let parts: [Character]
    private let anyFolder: Bool

    public init(_ pattern: String) {
        self.pattern = pattern
        var p = pattern
        while p.hasPrefix("./") { p.removeFirst(2) }
        anyFolder = !p.contains("/")
        if p.hasSuffix("/") { p += "**" }
        parts = Array(p)
    }

    public var description: String { pattern }

    /// True when `path` (relative, `/`-separated) matches.
    public func matches(_ path: String) -> Bool {
        let name = anyFolder ? String(path.split(separator: "/").last ?? "") : path
        return Glob.match(parts[...], Array(name)[...])
    }

    private static func match(_ p: ArraySlice<Character>, _ s: ArraySlice<Character>) -> Bool {
        var p = p, s = s
        while let c = p.first {
            switch c {
            case "*":
                if p.dropFirst().first == "*" {
                    // `**/` matches zero or more whole folders; a trailing `**` matches everything.
                    var rest = p.dropFirst(2)
                    if rest.first == "/" { rest = rest.dropFirst() }
                    if rest.isEmpty { return true }
                    var t = s
                    while true {
                        if match(rest, t) { return true }
                        guard let slash = t.firstIndex(of: "/") else { return false }
                        t = t[(slash + 1)...]
                    }
                }
                let rest = p.dropFirst()
                var t = s
                while true {
                    if match(rest, t) { return true }
                    guard let first = t.first, first != "/" else { return false }
                    t = t.dropFirst()
                }
            case "?":
                guard let first = s.first, first != "/" else { return false }
                p = p.dropFirst()
                s = s.dropFirst()
            case "[":
                guard let close = p.dropFirst(2).firstIndex(of: "]"), let first = s.first, first != "/" else {
                    guard s.first == "[" else { return false }
                    p = p.dropFirst(); s = s.dropFirst(); continue
                }
                var set = p[(p.startIndex + 1)..<close]
                let negate = set.first == "!" || set.first == "^"
                if negate { set = set.dropFirst() }
                var found = false
                var i = set.startIndex
                while i < set.endIndex {
                    if i + 2 < set.endIndex, set[i + 1] == "-" {
                        if set[i] <= first && first <= set[i + 2] { found = true }
                        i += 3
                    } else {
                        if set[i] == first { found = true }
                        i += 1
                    }
                }
                guard found != negate else { return false }
                p = p[(close + 1)...]
                s = s.dropFirst()
            default:
                guard s.first == c else { return false }
                p = p.dropFirst()
                s = s.dropFirst()
            }
        }
        return s.isEmpty
    }
}

/// Which files found in folders are checked: those matching an `include` pattern (all when
/// there is none) and no `exclude` pattern. Patterns are relative to `base` (the folder of
/// the configuration file). Files named on the command line are always checked, as in
/// ruff and SwiftLint: naming a file is asking for it.
public struct PathFilter: Sendable, Hashable {
    public let base: String
    public let include: [Glob]
    public let exclude: [Glob]

    public init(base: String, include: [Glob], exclude: [Glob]) {
        self.base = base
        self.include = include
        self.exclude = exclude
    }

    public var isEmpty: Bool { include.isEmpty && exclude.isEmpty }

    /// Nil when the file is checked, else the reason it is not.
    public func rejection(of path: String, workingDirectory: String) -> String? {
        let relative = PathFilter.relative(PathFilter.absolute(path, workingDirectory), to: base)
        if !include.isEmpty, !include.contains(where: { $0.matches(relative) }) {
            return "not matched by any include pattern in the configuration"
        }
        if let hit = exclude.first(where: { $0.matches(relative) }) {
            return "excluded by the pattern '\(hit.pattern)' in the configuration"
        }
        return nil
    }

    /// `path` made absolute and normalised (`.` and `..` resolved, no symlinks followed).
    public static func absolute(_ path: String, _ workingDirectory: String) -> String {
        let joined = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `path` relative to `base` when it is inside it, else unchanged.
    public static func relative(_ path: String, to base: String) -> String {
        let b = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(b) ? String(path.dropFirst(b.count)) : path
    }
}
