#if canImport(Glibc)
import Glibc
#endif

/// What a run has checked so far, kept where a signal handler can read it without
/// allocating or locking, so an interrupted run can still say which files were checked
/// and which were not. Only the command line turns it on (one run per process); library
/// users and tests leave it off.
enum RunBoard {
    nonisolated(unsafe) static var enabled = false
    /// The paths of the run's files as C strings, and a byte per file: 1 once checked.
    nonisolated(unsafe) private static var paths: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    nonisolated(unsafe) private static var done: UnsafeMutablePointer<UInt8>?
    nonisolated(unsafe) private static var count = 0

    /// A run is about to check these files.
    static func begin(_ files: [String]) {
        guard enabled, paths == nil else { return }
        let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: max(files.count, 1))
        let d = UnsafeMutablePointer<UInt8>.allocate(capacity: max(files.count, 1))
        d.initialize(repeating: 0, count: max(files.count, 1))
        for (i, f) in files.enumerated() { p[i] = strdup(f) }
        done = d
        count = files.count
        paths = p
    }

    /// File `i` has been checked.
    static func finished(_ i: Int) {
        guard enabled, let done, i < count else { return }
        done[i] = 1
    }

    /// Written from the signal handler: only write(2) on prepared memory.
    static func describeInterruption(_ sig: Int32) {
        guard enabled, let paths, let done else { return }
        var checked = 0
        for i in 0..<count where done[i] == 1 { checked += 1 }
        let name: StaticString = sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "a signal"
        say("caselint: interrupted by ")
        say(name)
        say(": ")
        sayNumber(checked)
        say(" of ")
        sayNumber(count)
        say(" files checked; no report was written")
        if checked < count { say("; not checked:") }
        say("\n")
        var listed = 0
        for i in 0..<count where done[i] == 0 {
            if listed == 20 {
                say("  and ")
                sayNumber(count - checked - listed)
                say(" more\n")
                break
            }
            say("  ")
            if let p = paths[i] { _ = write(2, p, strlen(p)) }
            say("\n")
            listed += 1
        }
    }

    private static func say(_ s: StaticString) {
        _ = write(2, s.utf8Start, s.utf8CodeUnitCount)
    }

    private static func sayNumber(_ n: Int) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var v = max(n, 0)
            var i = buffer.count
            repeat {
                i -= 1
                buffer[i] = UInt8(48 + v % 10)
                v /= 10
            } while v > 0 && i > 0
            _ = write(2, buffer.baseAddress! + i, buffer.count - i)
        }
    }
}
