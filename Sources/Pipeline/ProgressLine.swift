import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The progress line on a terminal: `checking 12/40 files, 38.5 MB/s`. It appears only on
/// a terminal (standard error), only once a run has lasted a second (a quick run should
/// print nothing extra), is redrawn in place a few times a second, and is erased when the
/// run ends, so it never ends up in a log or between findings.
public final class ProgressLine: @unchecked Sendable {
    public static let delay = 1.0
    public static let interval = 0.2

    private let progress: Progress
    private let fd: Int32
    private let start = Date()
    private let lock = NSLock()
    private var drawn = false
    private var stopped = false
    private var timer: DispatchSourceTimer?

    /// Starts drawing `progress` on `fd` (standard error) after the delay.
    public init(progress: Progress, fd: Int32 = STDERR_FILENO) {
        self.progress = progress
        self.fd = fd
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + ProgressLine.delay, repeating: ProgressLine.interval)
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
        self.timer = timer
    }

    /// Whether a progress line belongs on `fd`: only a terminal gets one.
    public static func wanted(fd: Int32 = STDERR_FILENO) -> Bool { isatty(fd) == 1 }

    /// `checking 12/40 files, 38.5 MB/s`.
    public static func text(files: Int, total: Int, bytes: Int, seconds: Double) -> String {
        let rate = seconds > 0 ? Double(bytes) / 1_000_000 / seconds : 0
        let mbs = (rate * 10).rounded() / 10
        return "checking \(files)/\(total) files, \(mbs) MB/s"
    }

    private func draw() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        let s = progress.snapshot
        write("\r" + ProgressLine.text(files: s.files, total: s.total, bytes: s.bytes, seconds: Date().timeIntervalSince(start)) + "\u{1B}[K")
        drawn = true
    }

    /// Stops drawing and erases the line.
    public func stop() {
        timer?.cancel()
        lock.lock()
        defer { lock.unlock() }
        stopped = true
        if drawn { write("\r\u{1B}[K") }
    }

    private func write(_ s: String) {
        _ = s.withCString { Glibc.write(fd, $0, strlen($0)) }
    }
}
