import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The result of running the `caselint` binary with its peak memory.
struct MeasuredRun {
    let status: Int32
    let out: String
    let err: String
    /// Peak resident set size of the process, in MiB.
    let peakMiB: Double
}

/// Runs caselint and measures its peak resident memory.
///
/// Through `/usr/bin/time` when it is there: posix_spawn starts the child sharing this test
/// process's memory until it execs, and Linux then counts this process's high-water mark as
/// the child's (`ru_maxrss`), so a large test process would look like a hungry caselint.
/// `time` forks caselint from its own small process and reports that child's peak alone.
/// Without it, wait4's rusage is used (an upper bound).
func runMeasured(_ arguments: [String]) throws -> MeasuredRun {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("caselint").path
    let executable = FileManager.default.isExecutableFile(atPath: binary) ? binary : Repo.path(".build/debug/caselint")
    let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("caselint-run-\(UUID())")
    try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: tmp) }
    let outPath = tmp.appendingPathComponent("out").path, errPath = tmp.appendingPathComponent("err").path

    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

    let timer = "/usr/bin/time", rssPath = tmp.appendingPathComponent("rss").path
    let timed = FileManager.default.isExecutableFile(atPath: timer)
    let command = timed ? [timer, "-f", "%M", "-o", rssPath, executable] + arguments : [executable] + arguments
    let argv = command.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
    guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    var peakKiB = Double(usage.ru_maxrss)
    if timed, let text = try? String(contentsOfFile: rssPath, encoding: .utf8),
       let kib = text.split(whereSeparator: \.isNewline).last.flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }) {
        peakKiB = kib
    }
    return MeasuredRun(status: exit,
                       out: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                       err: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "",
                       peakMiB: peakKiB / 1024)
}
