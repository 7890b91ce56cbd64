import CaseCore
import Foundation
import Presentation
import Testing
@testable import ExplorerUI

/// A large study starts from the index's overview while the whole dataset is built on another
/// thread. The first screen is the one the whole dataset gives; keys that move about it are
/// answered at once; every other key waits, in order, and is applied when the excerpts are in,
/// to the same screens as if typed then; the status line says how far it has come.
@Suite(.serialized) struct LoadingTests {
    /// The bundled study's index in a scratch folder, its overview, and a load of the whole
    /// dataset that waits for `gate` (the test decides when the excerpts arrive).
    final class Scratch {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("loading-\(UUID().uuidString)")
        let index: StudyIndex
        let gate = DispatchSemaphore(value: 0)
        var workspace: Workspace { Workspace(root: root.appendingPathComponent("ws")) }

        init() throws {
            let file = root.appendingPathComponent("cases.index")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            let fingerprint = DataFingerprint.of(folder: UIFixtures.repository.appendingPathComponent("Cases"))
            try IndexCache.write(UIFixtures.data, fingerprint: fingerprint, to: file)
            index = try StudyIndex.open(file, expecting: fingerprint)
        }

        func runner(width: Int = 100, height: Int = 30) throws -> Runner {
            let index = self.index, gate = self.gate
            let load = BackgroundLoad(workspace: workspace) { progress in
                gate.wait()
                return try index.dataset(progress: progress)
            }
            return Runner(
                state: AppState(data: try index.overview(), language: .en, width: width, height: height),
                workspace: workspace, coder: "test", load: load)
        }

        /// The explorer as it was: the whole dataset from the start.
        func whole(width: Int = 100, height: Int = 30) -> Runner {
            Runner(
                state: AppState(data: UIFixtures.data, language: .en, width: width, height: height),
                workspace: workspace, coder: "test")
        }

        deinit { try? FileManager.default.removeItem(at: root) }
    }

    static func body(_ r: Runner) -> [String] {
        Array(r.frame().text.split(separator: "\n").dropLast().map(String.init))
    }
    static func status(_ r: Runner) -> String { String(r.frame().text.split(separator: "\n").last ?? "") }
    static func press(_ keys: String, _ runners: Runner...) throws {
        for key in try KeyNotation.parse(keys) {
            for r in runners {
                r.press(key)
                _ = r.frame()
            }
        }
    }

    @Test func theFirstScreenFromTheOverviewIsTheWholeDatasetsAndSaysItIsLoading() throws {
        let s = try Scratch()
        let loading = try s.runner(), whole = s.whole()
        #expect(loading.loading && loading.state.data.isOverview && loading.state.data.excerpts.isEmpty)
        #expect(Self.body(loading) == Self.body(whole))
        #expect(Self.status(loading).contains("Loading the excerpts: 0 of 62"), "\(Self.status(loading))")
        #expect(Self.status(loading).contains("? help") && Self.status(loading).contains("q quit"))
        // Moving about the first screen needs no excerpt: answered at once, the same screens.
        try Self.press("j j ] Tab j Tab G k", loading, whole)
        #expect(Self.body(loading) == Self.body(whole))
        #expect(loading.state.loading?.waiting == [])
        s.gate.signal()
        loading.finishLoading()
        #expect(!loading.loading && loading.state.loading == nil && !loading.state.data.isOverview)
        #expect(loading.frame().text == whole.frame().text)
    }

    /// What a user typing ahead expects: Enter on a node, a move in its list, Enter on an
    /// excerpt, a search — kept while the excerpts load (the screen says how many keys wait
    /// and does not change under them), then applied in order: the screens are those the
    /// whole dataset gives for the same keys.
    @Test func keysThatNeedTheExcerptsWaitAndAreAppliedInOrder() throws {
        let s = try Scratch()
        let loading = try s.runner(), whole = s.whole()
        try Self.press("j", loading)
        let before = Self.body(loading)
        try Self.press("Enter j j Enter n", loading)
        #expect(loading.state.loading?.waiting.count == 5)
        #expect(Self.body(loading) == before, "a waiting key changes nothing yet")
        #expect(Self.status(loading).contains("5 keys wait"), "\(Self.status(loading))")
        // A move after a waiting key waits too: keys are applied in the order typed.
        try Self.press("Esc Esc e / s k o l e Enter", loading)
        #expect(loading.state.loading?.waiting.count == 15 && Self.body(loading) == before)
        s.gate.signal()
        loading.finishLoading()
        try Self.press("j Enter j j Enter n Esc Esc e / s k o l e Enter", whole)
        #expect(loading.state.loading == nil)
        #expect(loading.frame().text == whole.frame().text)
        #expect(loading.state.screen.kind == .excerpts && loading.state.search.query == "skole")
    }

    /// At 80 and 60 columns the notice gives way by parts — the seconds, then the long wording —
    /// and how many keys wait stays whole (it was cut to "3 keys…" at 80 columns).
    @Test(arguments: [(80, "Loading the excerpts: 0 of 62 · 0.0 s · 3 keys wait"), (60, "Loading 0/62 · 3 keys wait")])
    func theWaitingKeysStayWholeOnANarrowStatusLine(width: Int, expected: String) throws {
        let s = try Scratch()
        let loading = try s.runner(width: width, height: 24)
        try Self.press("j Enter j Enter", loading)
        #expect(loading.state.loading?.waiting.count == 3)
        let status = Self.status(loading)
        #expect(status.hasSuffix(expected), "\(status)")
        #expect(status.contains("? help"), "help stays in the hints: \(status)")
        // Each part gives way in turn (at 100 000 excerpts the first form takes 63 cells).
        let notice = loading.state.loadingText
        #expect(notice == "Loading the excerpts: 0 of 62 · 0.0 s · 3 keys wait")
        #expect(loading.state.loadingText(fitting: 50) == "Loading the excerpts: 0 of 62 · 3 keys wait")
        #expect(loading.state.loadingText(fitting: 40) == "Loading 0/62 · 3 keys wait")
        #expect(DisplayWidth.of(loading.state.loadingText(fitting: 10)) <= 10)
        s.gate.signal()
        loading.finishLoading()
    }

    /// q on the first screen quits at once; a click is answered in words (where it points
    /// depends on what is drawn when it would be applied); a key bound to nothing says so.
    @Test func quittingClicksAndUnboundKeysAreAnsweredWhileLoading() throws {
        let s = try Scratch()
        let loading = try s.runner()
        loading.press(.mouse(MouseEvent(.click, x: 5, y: 5)))
        #expect(loading.state.message?.contains("The mouse works once they are in") == true)
        #expect(loading.state.loading?.waiting == [])
        loading.press(.char("Z"))
        #expect(loading.state.message != nil && loading.state.loading?.waiting == [], "Z is answered, not kept")
        loading.press(.char("q"))
        #expect(loading.state.quitting)
        s.gate.signal()
    }

    /// The progress the status line shows, phase by phase, in both languages.
    @Test func theStatusLineSaysHowFarTheLoadingHasCome() throws {
        let s = try Scratch()
        let loading = try s.runner()
        loading.send(.loadProgressed(.reading(40), elapsedTenths: 3))
        #expect(Self.status(loading).contains("Loading the excerpts: 40 of 62 · 0.3 s"), "\(Self.status(loading))")
        loading.send(.loadProgressed(.indexing, elapsedTenths: 12))
        try Self.press("Enter", loading)
        #expect(Self.status(loading).contains("62 read, indexing · 1.2 s · 1 key waits"), "\(Self.status(loading))")
        loading.send(.loadProgressed(.journals, elapsedTenths: 15))
        #expect(Self.status(loading).contains("Loading the coders' journals · 1.5 s"))
        var nb = loading.state
        nb.language = .nb
        #expect(Frame.render(nb).text.contains("Leser kodernes journaler · 1,5 s · 1 tast venter"))
        s.gate.signal()
        loading.finishLoading()
        #expect(!Self.status(loading).contains("Loading"))
    }

    /// The coders' journals are read with the whole dataset, off the first screen's path, and
    /// reach the state with it: counts by a colleague's coding are the same as before.
    @Test func theJournalsAreReadWithTheWholeDataset() throws {
        let s = try Scratch()
        try UIFixtures.annaAndBoDisagree(in: s.workspace)
        let loading = try s.runner(), whole = s.whole()
        #expect(loading.state.codings.isEmpty)
        s.gate.signal()
        loading.finishLoading()
        #expect(loading.state.codings.keys.sorted() == ["anna", "bo"])
        #expect(loading.state.codings == whole.state.codings)
        try Self.press("b", loading, whole)
        #expect(loading.frame().text == whole.frame().text)
    }
}
