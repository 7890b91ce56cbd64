import Foundation

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
}
