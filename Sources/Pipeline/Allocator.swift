#if canImport(Glibc)
import Glibc
#endif

/// How the C allocator grows the heap, for runs that keep many children in memory.
enum Allocator {
    /// A run that keeps its fragments for linking grows by hundreds of megabytes. glibc
    /// grows each thread's heap a page at a time, with an `mprotect` call per step, while
    /// the other threads' page faults wait on the same lock: the 200 MB health JSON made
    /// 158,000 calls, and spent a fifth of its CPU in the kernel. With 64 MB of padding
    /// (a whole per-thread heap) it makes about fifty. The cost is that up to 64 MB freed at
    /// the top of each thread's heap stays with the process until it ends, so a streaming
    /// run, which keeps nothing, leaves the default.
    static func expectGrowth() {
        #if canImport(Glibc)
        // `mallopt` is glibc's (malloc.h, not in Swift's Glibc module); M_TOP_PAD is -2.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(-2, 64 << 20)
        #endif
    }
}
