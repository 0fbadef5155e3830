import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that a reader (or an interrupted run) never sees half of one: the text
/// goes to a temporary file in the same folder, is flushed to disk, and is renamed over the
/// destination in one step. An earlier report stays whole until the new one is complete; a
/// run stopped by SIGINT or SIGTERM removes its temporary file (`AtomicFile.cleanUpOnSignals`).
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes `text` to `path`, replacing it atomically.
    public static func write(_ text: String, to path: String) throws(WriteError) {
        let temp = try writeTemporary(text, near: path)
        defer { temp.release() }
        guard rename(temp.path, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp.path)
            throw WriteError(description: "cannot write \(path): \(reason)")
        }
    }

    /// Writes `text` to `path` only if nothing is there yet (`caselint init`): the file is
    /// linked into place, which fails rather than replace an existing file.
    public static func create(_ text: String, at path: String) throws(WriteError) {
        let temp = try writeTemporary(text, near: path)
        defer {
            unlink(temp.path)
            temp.release()
        }
        guard link(temp.path, path) == 0 else {
            let reason = errno == EEXIST ? "it already exists" : String(cString: strerror(errno))
            throw WriteError(description: "cannot write \(path): \(reason)")
        }
    }

    private static func writeTemporary(_ text: String, near path: String) throws(WriteError) -> PendingFile {
        // Beside the file: its path with a hidden name in place of its own.
        let name = SamePath.split(path).name
        let template = String(path.dropLast(name.count)) + ".\(name).caselint-XXXXXX"
        guard let temp = PendingFile(template: template) else {
            throw WriteError(description: "cannot write \(path): the path is too long")
        }
        let fd = mkstemp(temp.buffer)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            temp.release()
            throw WriteError(description: "cannot write \(path): \(reason)")
        }
        func fail() -> WriteError {
            let reason = String(cString: strerror(errno))
            close(fd)
            unlink(temp.path)
            temp.release()
            return WriteError(description: "cannot write \(path): \(reason)")
        }
        // mkstemp makes the file private; a report gets the usual permissions.
        let mask = umask(0)
        umask(mask)
        fchmod(fd, 0o666 & ~mask)
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw fail()
            }
            offset += n
        }
        guard fsync(fd) == 0 else { throw fail() }
        guard close(fd) == 0 else {
            unlink(temp.path)
            temp.release()
            throw WriteError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        return temp
    }

    /// On SIGINT, SIGTERM or SIGHUP: say which files were and were not checked, remove the
    /// temporary file being written, then die of the same signal, so the caller sees the usual status (130, 143) and no earlier
    /// report is touched. Installed once, before any report is written.
    public static func cleanUpOnSignals() {
        PendingFile.prepare()
        RunBoard.enabled = true
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            // A signal the parent chose to ignore (nohup, a background job) stays ignored.
            let previous = signal(sig, removePendingAndDie)
            if let previous, unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
                signal(sig, SIG_IGN)
            }
            sigaddset(&set, sig)
        }
        // A parent may have started us with these blocked (some process runners do):
        // a run must still stop when asked to.
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}

/// The name of a temporary file being written, kept in memory the signal handler can read
/// without allocating or locking: a fixed table of C strings, one slot per write in
/// progress. mkstemp writes the name into the slot itself, so the slot names the file
/// from the moment it exists.
struct PendingFile {
    static let slots = 8
    static let slotSize = 4096
    nonisolated(unsafe) static var table: UnsafeMutablePointer<CChar>?
    private static let used = Mutex<[Bool]>(Array(repeating: false, count: slots))

    let buffer: UnsafeMutablePointer<CChar>
    private let slot: Int?

    static func prepare() {
        guard table == nil else { return }
        let t = UnsafeMutablePointer<CChar>.allocate(capacity: slots * slotSize)
        t.initialize(repeating: 0, count: slots * slotSize)
        table = t
    }

    init?(template: String) {
        let bytes = Array(template.utf8CString)
        guard bytes.count <= PendingFile.slotSize else { return nil }
        PendingFile.prepare()
        let free = PendingFile.used.withLock { used -> Int? in
            guard let i = used.firstIndex(of: false) else { return nil }
            used[i] = true
            return i
        }
        slot = free
        if let free {
            buffer = PendingFile.table! + free * PendingFile.slotSize
        } else {
            // More writes at once than slots: this one is not cleaned up on a signal.
            buffer = UnsafeMutablePointer<CChar>.allocate(capacity: PendingFile.slotSize)
        }
        for (i, b) in bytes.enumerated() { buffer[i] = b }
    }

    var path: String { String(cString: buffer) }

    /// The write is over (renamed or abandoned): the slot no longer names a file.
    func release() {
        buffer[0] = 0
        if let slot { PendingFile.used.withLock { $0[slot] = false } } else { buffer.deallocate() }
    }
}

/// The signal handler: only async-signal-safe calls (unlink, write, signal, raise).
private func removePendingAndDie(_ sig: Int32) {
    RunBoard.describeInterruption(sig)
    if let table = PendingFile.table {
        for i in 0..<PendingFile.slots {
            let p = table + i * PendingFile.slotSize
            if p[0] != 0 { unlink(p) }
        }
    }
    signal(sig, SIG_DFL)
    raise(sig)
}

/// Paths compared by what they point at: an output that would overwrite an input is refused.
public enum SamePath {
    /// The canonical path of `path`; for a file that does not exist yet, its folder's
    /// canonical path and its name.
    public static func canonical(_ path: String) -> String {
        if let p = realpath(path, nil) {
            defer { free(p) }
            return String(cString: p)
        }
        let (folder, name) = split(path)
        guard let p = realpath(folder ?? ".", nil) else { return path }
        defer { free(p) }
        return String(cString: p) + "/" + name
    }

    /// A path's folder (nil when it names none) and its last part, split at the last `/`.
    /// By hand: Foundation's `deletingLastPathComponent` traps on a path of one character
    /// ("r", "-") on Linux.
    static func split(_ path: String) -> (folder: String?, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (nil, path) }
        return (slash == path.startIndex ? "/" : String(path[..<slash]), String(path[path.index(after: slash)...]))
    }
}
