import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// How far a dataset being built on another thread has come, for the explorer's status line:
/// written by the builder, read by the screen's thread.
public final class LoadProgress: @unchecked Sendable {
    public enum Phase: Sendable, Equatable {
        /// Reading the excerpts: how many so far.
        case reading(Int)
        /// Every excerpt read: building the lookup tables.
        case indexing
        /// Reading the coders' journals of the workspace.
        case journals
    }

    private let lock = NSLock()
    private var current = Phase.reading(0)

    public init() {}

    public var phase: Phase { lock.withLock { current } }

    func excerptsRead(_ n: Int) { lock.withLock { current = .reading(n) } }
    func indexing() { lock.withLock { current = .indexing } }
    public func readingJournals() { lock.withLock { current = .journals } }

    /// Lowers the calling thread's priority (its own nice value on Linux): a thread that loads
    /// while the screen answers keys yields the cores to the keys. Only for a thread of its own
    /// — the priority cannot be raised again.
    public static func yieldToKeys() {
        #if canImport(Glibc)
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }
}
