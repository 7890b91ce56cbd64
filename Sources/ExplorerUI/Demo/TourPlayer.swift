import CaseCore
import Foundation

/// Plays a tour through the real explorer: each step sends its keys to a runner and shows its
/// caption. Stepping back replays the tour from the start, so what is shown never depends on a
/// clock — only on the steps. Coding decisions go to a throw-away coder in a throw-away workspace.
public final class TourPlayer {
    public let tour: Tour
    public private(set) var runner: Runner
    public private(set) var index = 0
    private let data: Dataset
    private let language: Language
    private var size: (width: Int, height: Int)
    private let scratch: URL
    private var generation = 0

    public static let demoCoder = "demo"

    public init(tour: Tour, data: Dataset, language: Language, width: Int, height: Int, scratch: URL) {
        self.tour = tour
        self.data = data
        self.language = language
        self.size = (width, height)
        self.scratch = scratch
        runner = TourPlayer.freshRunner(data, language, width, height, scratch.appendingPathComponent("0"))
        apply(0)
    }

    private static func freshRunner(_ data: Dataset, _ language: Language, _ width: Int, _ height: Int, _ root: URL)
        -> Runner
    {
        Runner(
            state: AppState(data: data, language: language, width: width, height: height),
            workspace: Workspace(root: root), coder: demoCoder)
    }

    public var state: AppState { runner.state }
    public func frame() -> CellBuffer { runner.frame() }
    public var isLast: Bool { index == tour.steps.count - 1 }

    private func apply(_ i: Int) {
        for key in tour.steps[i].keys where !runner.state.quitting {
            runner.press(key)
            _ = runner.frame()
        }
        // A tour never quits the explorer by itself; the presenter does.
        runner.send(.showCaption("\(i + 1)/\(tour.steps.count)  " + tour.steps[i].caption))
    }

    /// Goes on to the next step; false at the end.
    @discardableResult
    public func next() -> Bool {
        guard index + 1 < tour.steps.count else { return false }
        index += 1
        apply(index)
        return true
    }

    /// Goes back a step by replaying the tour from the start in a fresh explorer.
    public func previous() {
        guard index > 0 else { return }
        let target = index - 1
        generation += 1
        runner = TourPlayer.freshRunner(
            data, language, size.width, size.height, scratch.appendingPathComponent(String(generation)))
        index = 0
        apply(0)
        while index < target { next() }
        if paused { runner.send(.pauseCaption(true)) }
    }

    /// Says on screen, in words, whether the tour is paused (kept when stepping back).
    public func setPaused(_ paused: Bool) {
        self.paused = paused
        runner.send(.pauseCaption(paused))
    }
    public private(set) var paused = false

    public func resize(width: Int, height: Int) {
        size = (width, height)
        runner.resize(width: width, height: height)
    }
}
