import CaseCore
import Foundation

/// The whole dataset built on another thread while the explorer shows the first screen from
/// the study's overview; then every coder's journal of the workspace read against it. The
/// runner looks at it between keys (`Runner.deliverLoad`) and hands the outcome to the state.
public final class BackgroundLoad: @unchecked Sendable {
    public let progress = LoadProgress()
    private let started = DispatchTime.now()
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var outcome: Result<LoadedStudy, any Error>?

    /// `build` makes the dataset (telling `progress` how far it has come); it runs at once, on
    /// a thread of its own.
    public init(workspace: Workspace, build: @escaping @Sendable (LoadProgress) throws -> Dataset) {
        let progress = self.progress
        let thread = Thread { [self] in
            LoadProgress.yieldToKeys()
            let result = Result { () throws -> LoadedStudy in
                let dataset = try build(progress)
                progress.readingJournals()
                return LoadedStudy(dataset: dataset, codings: Runner.codings(in: workspace, data: dataset))
            }
            lock.withLock { outcome = result }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The outcome once there is one (handed over once).
    func take() -> Result<LoadedStudy, any Error>? {
        lock.withLock {
            defer { if outcome != nil { outcome = nil; taken = true } }
            return outcome
        }
    }
    private var taken = false

    /// Blocks until the dataset is built (tests, snapshots).
    func wait() {
        if lock.withLock({ taken }) { return }
        done.wait()
        done.signal()
    }

    var elapsedTenths: Int { Int((DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 100_000_000) }
}
