import Foundation

/// Values a screen asked for while drawing (`Memo.derivedIfBuilt`: the resolve screen's κ
/// figures on large studies), built one at a time on a queue of their own and kept in the memo;
/// the terminal loop draws again when one is in (`Runner.deliverSearch`).
final class BackgroundBuilds: @unchecked Sendable {
    private let queue = DispatchQueue(label: "case-explorer.builds", qos: .userInitiated)
    private let lock = NSLock()
    private var running = 0
    private var ready = false
    private var started = Set<String>()

    /// Starts what the memo was asked for and is not already being built.
    func start(from memo: Memo) {
        for (key, make) in memo.takeWanted() {
            lock.lock()
            let fresh = started.insert(key).inserted
            if fresh { running += 1 }
            lock.unlock()
            guard fresh else { continue }
            queue.async { [self] in
                memo.keep(key, make())
                lock.lock()
                running -= 1
                started.remove(key)
                ready = true
                lock.unlock()
            }
        }
    }

    /// Whether something is being built, or was built and not yet shown.
    var busy: Bool {
        lock.lock(); defer { lock.unlock() }
        return running > 0 || ready
    }

    /// Whether something was built since last asked (once).
    func takeReady() -> Bool {
        lock.lock(); defer { lock.unlock() }
        defer { ready = false }
        return ready
    }

    /// Blocks until everything started so far is built (snapshots, scripted runs, tests).
    func wait() { queue.sync {} }
}
