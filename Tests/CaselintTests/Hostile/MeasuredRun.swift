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

/// Runs caselint and measures its peak resident memory (wait4's
/// rusage, for this one child).
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

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return MeasuredRun(status: exit,
                       out: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                       err: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "",
                       peakMiB: Double(usage.ru_maxrss) / 1024)
}
