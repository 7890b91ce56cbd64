import CaseCore
import Foundation

/// The explorer's searches on large studies, off the key path: one scan at a time on a queue of
/// its own; a newer query makes an older one moot (skipped if it has not started, its answer
/// dropped if it has). The terminal loop collects answers between keys (`Runner.deliverSearch`).
final class BackgroundSearch: @unchecked Sendable {
    private let queue = DispatchQueue(label: "case-explorer.search", qos: .userInitiated)
    private let lock = NSLock()
    private var latest = 0
    private var running = 0
    private var answer: (SearchQuery, BitSet)?

    /// Starts a scan of the dataset's texts for the query.
    func start(_ query: SearchQuery, in data: Dataset) {
        lock.lock()
        latest += 1
        running += 1
        let generation = latest
        lock.unlock()
        queue.async { [self] in
            let moot = {
                self.lock.lock(); defer { self.lock.unlock() }; return generation != self.latest
            }
            var matches: BitSet?
            // The corpus's pages are given back as they are scanned: after a search the process
            // holds no more of the index than before it (the next search reads them again).
            if !moot() {
                matches = BitSet(
                    count: data.excerpts.count, members: data.searchIndex.matching(query, givingBack: true))
            }
            lock.lock()
            running -= 1
            if let matches, generation == latest { answer = (query, matches) }
            lock.unlock()
        }
    }

    /// Whether a scan is queued or running, or an answer waits to be collected.
    var busy: Bool {
        lock.lock(); defer { lock.unlock() }
        return running > 0 || answer != nil
    }

    /// The latest query's answer, once.
    func take() -> (SearchQuery, BitSet)? {
        lock.lock(); defer { lock.unlock() }
        defer { answer = nil }
        return answer
    }

    /// Blocks until every scan started so far has ended (snapshots, scripted runs, tests).
    func wait() { queue.sync {} }
}
