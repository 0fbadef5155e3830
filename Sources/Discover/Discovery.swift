import Model
import Read
#if canImport(Glibc)
import Glibc
#endif

/// What a file looks like from its first bytes, whatever its name.
public enum Sniffed: Sendable, Equatable {
    /// XML; `root` is the first element's name when it could be read.
    case xml(root: String?)
    /// CSV: the header's column names and the delimiter (comma, semicolon, tab or pipe).
    case csv(header: [String], delimiter: UInt8)
    /// JSON: where the records are and the keys of the first record (for profile matching).
    case json(records: JSONRecords, keys: [String])
    /// A caselint mapping profile (YAML whose first key is `profile:`).
    case profile
    /// Nothing but whitespace (or nothing at all).
    case empty
    /// Not a format caselint reads.
    case other
}

/// A file found under the paths given.
public struct FoundFile: Sendable, Equatable {
    public let path: String
    /// True when the user named this file, false when it was found in a folder.
    public let explicit: Bool
    public let sniffed: Sniffed

    public init(path: String, explicit: Bool, sniffed: Sniffed) {
        self.path = path
        self.explicit = explicit
        self.sniffed = sniffed
    }
}

/// A path that could not be walked or read.
public struct Unreadable: Sendable, Equatable {
    public let path: String
    public let reason: String
}

/// The files under a set of paths: folders walked recursively in sorted order, symbolic
/// links followed once (a loop is walked only once), each file's format sniffed.
public struct Discovery: Sendable {
    public private(set) var files: [FoundFile] = []
    public private(set) var unreadable: [Unreadable] = []

    public init(paths: [String]) {
        var visited = Set<DirectoryID>()
        var seenFiles = Set<String>()
        for path in paths {
            walk(path, explicit: true, visited: &visited, seen: &seenFiles)
        }
    }

    private struct DirectoryID: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    private mutating func walk(_ path: String, explicit: Bool, visited: inout Set<DirectoryID>, seen: inout Set<String>) {
        var st = stat()
        guard stat(path, &st) == 0 else {
            let reason = String(cString: strerror(errno))
            // A dangling link found in a folder is not an input the user asked for.
            if explicit || lstat(path, &st) != 0 {
                unreadable.append(Unreadable(path: path, reason: explicit ? reason : "\(reason) (found while walking a folder)"))
            }
            return
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            let id = DirectoryID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
            guard visited.insert(id).inserted else { return }
            guard let dir = opendir(path) else {
                unreadable.append(Unreadable(path: path, reason: String(cString: strerror(errno))))
                return
            }
            var names: [String] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
                }
                if name == "." || name == ".." || name.hasPrefix(".") { continue }
                names.append(name)
            }
            closedir(dir)
            let base = path.hasSuffix("/") ? path : path + "/"
            for name in names.sorted() {
                walk(base + name, explicit: false, visited: &visited, seen: &seen)
            }
        } else if (st.st_mode & S_IFMT) == S_IFREG {
            guard seen.insert(canonical(path)).inserted else { return }
            switch Discovery.sniff(path: path) {
            case .success(let sniffed): files.append(FoundFile(path: path, explicit: explicit, sniffed: sniffed))
            case .failure(let failure): unreadable.append(Unreadable(path: path, reason: failure.reason))
            }
        } else if explicit {
            unreadable.append(Unreadable(path: path, reason: "not a regular file or folder"))
        }
    }

    private func canonical(_ path: String) -> String {
        guard let p = realpath(path, nil) else { return path }
        defer { free(p) }
        return String(cString: p)
    }

    /// Reads the start of a file and says what it looks like.
    public static func sniff(path: String) -> Result<Sniffed, SniffFailure> {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(SniffFailure(String(cString: strerror(errno)))) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: sampleSize)
        var n = 0
        while n < buffer.count {
            let got = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + n, $0.count - n) }
            guard got >= 0 else { return .failure(SniffFailure(String(cString: strerror(errno)))) }
            if got == 0 { break }
            n += got
        }
        let lines = path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson")
        let sniffed = sniff(bytes: buffer[0..<n], jsonLines: lines, complete: n < buffer.count)
        // Notes and configuration beside the data are never tables, whatever their commas say.
        if case .csv = sniffed, [".md", ".markdown", ".yml", ".yaml", ".html", ".htm"].contains(where: { path.lowercased().hasSuffix($0) }) {
            return .success(.other)
        }
        return .success(sniffed)
    }

    /// How much of a file is read to say what it is: enough for a long CSV header or the
    /// first record of a JSON export.
    public static let sampleSize = 64 * 1024

    /// Says what a file's first bytes look like. `jsonLines`: the name says JSON Lines;
    /// `complete`: the bytes are the whole file.
    public static func sniff(bytes: ArraySlice<UInt8>, jsonLines: Bool = false, complete: Bool = false) -> Sniffed {
        var b = Array(bytes)
        // UTF-16 (with BOM): keep the low bytes, enough to find the root element's name.
        if b.count >= 2, (b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF) {
            let little = b[0] == 0xFF
            var narrowed: [UInt8] = []
            var i = 2
            while i + 1 < b.count {
                let (lo, hi) = little ? (b[i], b[i + 1]) : (b[i + 1], b[i])
                narrowed.append(hi == 0 ? lo : 0x3F)
                i += 2
            }
            b = narrowed
        } else if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF {
            b.removeFirst(3)
        }
        var i = 0
        func skipSpace() { while i < b.count, b[i] == 32 || b[i] == 9 || b[i] == 10 || b[i] == 13 { i += 1 } }
        skipSpace()
        if i == b.count { return .empty }
        guard b[i] == UInt8(ascii: "<") else {
            return TextSniffer.sniff(Array(bytes), jsonLines: jsonLines, complete: complete)
        }
        // Skip the declaration, processing instructions, comments and the doctype.
        while i < b.count, b[i] == UInt8(ascii: "<") {
            guard i + 1 < b.count else { return .xml(root: nil) }
            let next = b[i + 1]
            if next == UInt8(ascii: "?") {
                guard let end = find(b, "?>", from: i) else { return .xml(root: nil) }
                i = end + 2
            } else if next == UInt8(ascii: "!") {
                if b[i...].starts(with: Array("<!--".utf8)) {
                    guard let end = find(b, "-->", from: i) else { return .xml(root: nil) }
                    i = end + 3
                } else {
                    // <!DOCTYPE …> possibly with an internal subset in brackets.
                    var depth = 0
                    var j = i + 2
                    while j < b.count {
                        if b[j] == UInt8(ascii: "[") { depth += 1 }
                        if b[j] == UInt8(ascii: "]") { depth -= 1 }
                        if b[j] == UInt8(ascii: ">") && depth <= 0 { break }
                        j += 1
                    }
                    guard j < b.count else { return .xml(root: nil) }
                    i = j + 1
                }
            } else {
                var j = i + 1
                while j < b.count, !(b[j] == 32 || b[j] == 9 || b[j] == 10 || b[j] == 13 || b[j] == UInt8(ascii: ">") || b[j] == UInt8(ascii: "/")) {
                    j += 1
                }
                guard j < b.count, j > i + 1 else { return .xml(root: nil) }
                var name = String(decoding: b[(i + 1)..<j], as: UTF8.self)
                if let colon = name.lastIndex(of: ":") { name = String(name[name.index(after: colon)...]) }
                return .xml(root: name)
            }
            skipSpace()
        }
        return .xml(root: nil)
    }

    private static func find(_ b: [UInt8], _ s: String, from: Int) -> Int? {
        let needle = Array(s.utf8)
        guard b.count >= needle.count else { return nil }
        var i = from
        while i + needle.count <= b.count {
            if b[i] == needle[0] && Array(b[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}

public struct SniffFailure: Error, Sendable, Equatable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
}
