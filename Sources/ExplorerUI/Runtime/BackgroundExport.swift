import Foundation

/// An export written on a thread of its own, so the key that asks for it is answered at once
/// (a .qdpx of 100 000 excerpts takes seconds); its outcome is handed to the state as a reply
/// when the terminal loop next wakes. One at a time: the state refuses a second while one runs.
final class BackgroundExport: @unchecked Sendable {
    private let queue = DispatchQueue(label: "case-explorer.export", qos: .userInitiated)
    private let lock = NSLock()
    private var running = false
    private var outcome: Reply?

    func start(_ work: @escaping @Sendable () -> Reply) {
        lock.lock()
        running = true
        lock.unlock()
        queue.async { [self] in
            let reply = work()
            lock.lock()
            outcome = reply
            running = false
            lock.unlock()
        }
    }

    /// Whether an export is being written, or was written and its outcome not yet taken.
    var busy: Bool {
        lock.lock(); defer { lock.unlock() }
        return running || outcome != nil
    }

    /// The outcome of the export, once it is written (handed over once).
    func take() -> Reply? {
        lock.lock(); defer { lock.unlock() }
        defer { outcome = nil }
        return outcome
    }

    /// Blocks until the export started is written (quitting, tests).
    func wait() { queue.sync {} }
}
