import Synchronization

/// Files and bytes checked so far, updated by the linter's workers and read by whoever
/// draws a progress line. Lock-free reads keep the line from slowing the run.
public final class Progress: Sendable {
    private let filesDone = Atomic<Int>(0)
    private let bytesDone = Atomic<Int>(0)
    private let filesTotal = Atomic<Int>(0)

    public init() {}

    public func start(files: Int) { filesTotal.store(files, ordering: .relaxed) }

    public func fileDone(bytes: Int) {
        bytesDone.add(bytes, ordering: .relaxed)
        filesDone.add(1, ordering: .relaxed)
    }

    public var snapshot: (files: Int, total: Int, bytes: Int) {
        (filesDone.load(ordering: .relaxed), filesTotal.load(ordering: .relaxed), bytesDone.load(ordering: .relaxed))
    }
}
