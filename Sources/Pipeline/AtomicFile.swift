import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that a reader (or an interrupted run) never sees half of one: the text
/// goes to a temporary file in the same folder, is flushed to disk, and is renamed over the
/// destination in one step. An earlier report stays whole until the new one is complete; a
/// run stopped by SIGINT or SIGTERM removes its temporary files (`AtomicFile.cleanUpOnSignals`).
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Temporary files being written, removed if the run is interrupted.
    private static let pending = Mutex<Set<String>>([])

    /// Writes `text` to `path`, replacing it atomically.
    public static func write(_ text: String, to path: String) throws(WriteError) {
        let temp = try writeTemporary(text, near: path)
        defer { forget(temp) }
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw WriteError(description: "cannot write \(path): \(reason)")
        }
    }

    /// Writes `text` to `path` only if nothing is there yet (`caselint init`): the file is
    /// linked into place, which fails rather than replace an existing file.
    public static func create(_ text: String, at path: String) throws(WriteError) {
        let temp = try writeTemporary(text, near: path)
        defer {
            unlink(temp)
            forget(temp)
        }
        guard link(temp, path) == 0 else {
            let reason = errno == EEXIST ? "it already exists" : String(cString: strerror(errno))
            throw WriteError(description: "cannot write \(path): \(reason)")
        }
    }

    private static func writeTemporary(_ text: String, near path: String) throws(WriteError) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var template = Array(((folder.isEmpty ? "" : folder + "/") + ".\(name).caselint-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw WriteError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        let temp = String(cString: template)
        pending.withLock { _ = $0.insert(temp) }
        // mkstemp makes the file private; a report gets the usual permissions.
        let mask = umask(0)
        umask(mask)
        fchmod(fd, 0o666 & ~mask)
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(temp)
                forget(temp)
                throw WriteError(description: "cannot write \(path): \(reason)")
            }
            offset += n
        }
        bytes = []
        guard fsync(fd) == 0, close(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            forget(temp)
            throw WriteError(description: "cannot write \(path): \(reason)")
        }
        return temp
    }

    private static func forget(_ temp: String) {
        pending.withLock { _ = $0.remove(temp) }
    }

    /// Removes the temporary files of writes in progress.
    public static func removePending() {
        for p in pending.withLock({ $0 }) { unlink(p) }
    }

    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// On SIGINT or SIGTERM: remove temporary files, then die of the same signal, so the
    /// caller sees the usual status (130, 143) and no earlier report is touched.
    public static func cleanUpOnSignals() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                removePending()
                signal(sig, SIG_DFL)
                raise(sig)
            }
            source.resume()
            sources.append(source)
        }
    }
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
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        guard let p = realpath(folder.isEmpty ? "." : folder, nil) else { return path }
        defer { free(p) }
        return String(cString: p) + "/" + name
    }
}
