import CaseCore
import Foundation
import Presentation

/// Runs the explorer: feeds keys to the state, then performs the effects the state asks for —
/// journal writes above all — and reports the outcome back through `update`. The terminal loop
/// and the tests drive the same runner; only the runner touches the file system.
public final class Runner {
    public private(set) var state: AppState
    public let workspace: Workspace
    public let coder: String
    public let compareCoder: String
    public private(set) var session: CodingSession?
    /// The consensus coder's session while resolving disagreements.
    public private(set) var consensusSession: CodingSession?

    private let searches = BackgroundSearch()

    /// The coder resolutions go to when none is named (`case-explorer resolve --into`).
    public static let consensusCoder = "consensus"

    /// `load`: the whole dataset being built while `state` shows the overview (its journals are
    /// read there too); nil when `state.data` is the whole dataset.
    public init(
        state: AppState, workspace: Workspace, coder: String, compareCoder: String = Dataset.referenceCoder,
        load: BackgroundLoad? = nil
    ) {
        self.state = state
        self.workspace = workspace
        self.coder = coder
        self.compareCoder = compareCoder
        self.load = state.loading == nil ? nil : load
        if self.load == nil {
            loadCodings()
            Runner.warmUp(state)
        }
    }

    /// Reads every coder's journal of the workspace (read-only, without the lock), so the
    /// explorer can filter and count by a colleague's coding. A journal that cannot be read is
    /// left out; opening the review says why.
    public func loadCodings() {
        let codings = Runner.codings(in: workspace, data: state.data)
        if !codings.isEmpty { state.receive(.codingsLoaded(codings)) }
    }

    static func codings(in workspace: Workspace, data: Dataset) -> [String: CodingState] {
        var codings: [String: CodingState] = [:]
        for name in workspace.coders() {
            if let s = try? workspace.coding(of: name, data: data) { codings[name] = s }
        }
        return codings
    }

    // MARK: the whole dataset, built in the background

    private var load: BackgroundLoad?
    private var progressShown = -1
    /// Why the whole dataset could not be built (the program then ends with it).
    public private(set) var loadFailure: (any Error)?
    /// Whether the whole dataset is still being built: the terminal loop then wakes often to
    /// show the progress and take the dataset as soon as it is there.
    public var loading: Bool { load != nil }

    /// Hands the state the progress (every half second: the status line counts without
    /// drawing on every excerpt) or the whole dataset, then applies the keys that waited for
    /// it, each followed by its frame as if typed now. True when the screen changed.
    @discardableResult public func deliverLoad() -> Bool {
        guard let load else { return false }
        guard let outcome = load.take() else {
            let tenths = load.elapsedTenths
            guard tenths >= progressShown + 5 else { return false }
            progressShown = tenths
            send(.loadProgressed(load.progress.phase, elapsedTenths: tenths))
            return true
        }
        self.load = nil
        switch outcome {
        case let .success(loaded):
            send(.datasetLoaded(loaded))
            Runner.warmUp(state)
            for key in state.takeWaitingKeys() where !state.quitting {
                press(key)
                _ = frame()
            }
        case let .failure(error):
            loadFailure = error
        }
        return true
    }

    /// Waits for the whole dataset and hands it over (tests, snapshots).
    public func finishLoading() {
        guard let load else { return }
        load.wait()
        deliverLoad()
    }

    /// Builds the search index, the report's matrices, the codebook's counts, the speakers'
    /// roles and the codings by position in the background, so the first search, matrix or
    /// codebook does not wait for them — at every size: at 10 000 excerpts a matrix took
    /// 10–21 ms on its key. Only caches are filled: what is shown never depends on whether this
    /// has finished.
    /// On a thread of its own at a lower priority (as the loader's): at 1 000 000 excerpts this
    /// is seconds of work, and keys typed meanwhile waited for a core behind it.
    static func warmUp(_ state: AppState) {
        guard state.loading == nil, !state.data.excerpts.isEmpty else { return }
        let snapshot = state
        let thread = Thread {
            LoadProgress.yieldToKeys()
            snapshot.data.searchIndex.prepare(fold: false)
            for tab in 0..<MatrixScreen.tabs.count { _ = MatrixScreen.matrix(snapshot, MatrixState(tab: tab)) }
            _ = CodebookScreen.counts(snapshot)
            _ = snapshot.speakerRoles
            // Each colleague's coding by position, for the code filters in their coding (50 ms
            // at 100 000 excerpts on the key that first chose a coder).
            for (coder, coding) in snapshot.codings { _ = snapshot.codePositions(coding, coder: coder) }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    public func press(_ key: Key) {
        deliverSearch()
        state.handle(key)
        drain()
    }

    /// The frame to show, with the offsets rendering decided kept in the state (`Frame.draw`).
    /// Whatever presses keys draws after each, as the terminal does, so the next key moves from
    /// what was shown.
    public func frame() -> CellBuffer {
        let buffer = Frame.draw(&state)
        startPendingSearch()
        builds.start(from: state.memo)
        return buffer
    }

    private let builds = BackgroundBuilds()

    /// A search a key asked for, started once that key's frame is made: on two cores the scan
    /// (one thread per core) would otherwise slow the frame the key is waiting for.
    private var pendingSearch: SearchQuery?

    private func startPendingSearch() {
        guard let query = pendingSearch else { return }
        pendingSearch = nil
        searches.start(query, in: state.data)
    }

    /// Whether a background search is under way or its answer waits: the terminal loop then
    /// waits for a key with a timeout, to show the answer when it comes.
    public var searching: Bool { pendingSearch != nil || searches.busy || builds.busy || exports.busy }

    /// Hands a finished background search to the state; true when the screen changed.
    @discardableResult public func deliverSearch() -> Bool {
        // A value built in the background (a κ figure) changes the screen without an action.
        var built = builds.takeReady()
        if let outcome = exports.take() {
            send(outcome)
            built = true
        }
        guard let (query, matches) = searches.take() else { return built }
        send(.searchFound(query, matches))
        return true
    }

    /// Waits for the background searches and hands over the answer (snapshots, scripts, tests).
    public func finishSearches() {
        startPendingSearch()
        searches.wait()
        deliverSearch()
        builds.start(from: state.memo)
        builds.wait()
        _ = builds.takeReady()
        finishExport()
    }

    /// An intent as if from its key (tests, the demo).
    public func send(_ action: Action) {
        state.update(action)
        drain()
    }

    /// A request from the program or the demo (open a review, show a caption).
    public func send(_ reply: Reply) {
        state.receive(reply)
        drain()
    }

    public func resize(width: Int, height: Int) {
        state.width = width
        state.height = height
    }

    private func drain() {
        var effects = state.takeEffects()
        while !effects.isEmpty {
            perform(effects.removeFirst())
            effects += state.takeEffects()
        }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case let .search(query): pendingSearch = query
        case let .openReview(queue): openReview(queue)
        case let .openResolve(a, b, into, code, disagreements):
            openResolve(a, b, into, code: code, disagreements: disagreements)
        case let .record(event) where event.coder == consensusSession?.journal.coder:
            report(consensusSession) { () throws(JournalError) -> CodingEvent? in
                try self.writable(self.consensusSession).record(event)
            }
        case let .record(event):
            report(session) { () throws(JournalError) -> CodingEvent? in try self.writable(self.session).record(event) }
        case let .undo(coder) where coder == consensusSession?.journal.coder:
            report(consensusSession) { () throws(JournalError) -> CodingEvent? in
                try self.writable(self.consensusSession).undo()
            }
        case let .redo(coder) where coder == consensusSession?.journal.coder:
            report(consensusSession) { () throws(JournalError) -> CodingEvent? in
                try self.writable(self.consensusSession).redo()
            }
        case .undo:
            report(session) { () throws(JournalError) -> CodingEvent? in try self.writable(self.session).undo() }
        case .redo:
            report(session) { () throws(JournalError) -> CodingEvent? in try self.writable(self.session).redo() }
        case let .export(format, path, overwrite):
            let url = URL(fileURLWithPath: path)
            if !overwrite && FileManager.default.fileExists(atPath: url.path) {
                state.receive(.exportExists(format, path: path))
                return
            }
            // Written off the key path: the status line says so until it is done.
            state.receive(.exportStarted(path))
            let data = state.data, workspace = self.workspace
            exports.start {
                do throws(ExportError) {
                    if format == .qdpx {
                        // Written as it is made: a large study's archive is never held whole.
                        try RefiExport(data: data, codings: Runner.exportCodings(data, workspace)).writeQDPX(
                            to: url, overwrite: overwrite)
                    } else {
                        try AtomicFile.write(
                            Runner.exportBytes(format, data, workspace), to: url, overwrite: overwrite)
                    }
                    return .exported(url.path)
                } catch {
                    return .exportFailed(error.message)
                }
            }
        case let .savePins(pins):
            do {
                try Pins.save(pins, workspace: workspace, coder: coder)
                state.receive(.pinsChanged(pins))
            } catch {
                state.receive(.failed(error.message))
            }
        }
    }

    /// What an export from the explorer writes: the report's coding and every coder of the workspace.
    private static func exportBytes(_ format: ExportFormat, _ d: Dataset, _ workspace: Workspace) -> [UInt8] {
        switch format {
        case .qdpx: return RefiExport(data: d, codings: exportCodings(d, workspace)).qdpx()
        case .qdc: return Array(RefiExport(data: d, codings: []).codebook().utf8)
        case .csvExcerpts: return Array(CSV.excerpts(d).utf8)
        case .csvCodebook: return Array(CSV.codebook(d).utf8)
        case .markdown: return Array(MarkdownReport.render(d).utf8)
        }
    }

    /// The codings a .qdpx carries: the report's and every coder's of the workspace.
    private static func exportCodings(_ data: Dataset, _ workspace: Workspace) -> [(
        coder: String, state: CodingState
    )] {
        var codings: [(coder: String, state: CodingState)] = []
        for name in [Dataset.referenceCoder] + workspace.coders() {
            if let s = try? workspace.coding(of: name, data: data) { codings.append((name, s)) }
        }
        return codings
    }

    private let exports = BackgroundExport()

    /// Waits for an export being written and hands its outcome to the state (quitting: a file
    /// asked for is finished, never left half-made; tests).
    public func finishExport() {
        exports.wait()
        if let outcome = exports.take() { send(outcome) }
    }

    private func writable(_ session: CodingSession?) throws(JournalError) -> CodingSession {
        guard let session, !session.journal.readOnly else { throw JournalError(state.t(.readOnlyNothingSaved)) }
        return session
    }

    /// Tells the state what the journal answered: saved (with the coding as now on disk), or why not.
    private func report(_ session: @autoclosure () -> CodingSession?, _ body: () throws(JournalError) -> CodingEvent?) {
        do {
            guard let event = try body(), let s = session() else { return }
            state.receive(.saved(event, s.state, canUndo: s.canUndo, canRedo: s.canRedo))
        } catch {
            state.receive(.failed(error.message))
        }
    }

    /// A coder's journal for writing, or read-only with the sentence that says why when another
    /// process is writing it.
    private func openJournal(_ name: String) throws(JournalError) -> (Journal, note: String?) {
        do {
            return (try Journal(workspace: workspace, coder: name), nil)
        } catch let locked where locked.reason == .locked {
            return (
                try Journal(workspace: workspace, coder: name, mode: .readOnly),
                state.t(.reviewOpenedReadOnly).replacingOccurrences(of: "%e", with: locked.message)
            )
        }
    }

    /// A coder's coding as the explorer knows it (read when it started, followed since: the
    /// journal watch replays what changes on disk), so opening a queue does not read and replay
    /// the journals again on the key (half a second at 100 000 excerpts); read from the
    /// workspace when the explorer does not know it (a journal it could not read says why).
    private func knownCoding(_ name: String) throws(JournalError) -> CodingState {
        if name == Dataset.referenceCoder { return state.memo.reference(state.data) }
        // The review's or resolve's own state of a coder is the freshest (`AppState.coding(of:)`).
        if let known = state.codings[name] { return state.coding(of: name) ?? known }
        return try workspace.coding(of: name, data: state.data)
    }

    /// Opens the consensus journal (or read-only when another process holds it), loads both
    /// coders' coding, and opens the queue of their disagreements.
    private func openResolve(_ a: String, _ b: String, _ into: String, code: String?, disagreements: [String]?) {
        do {
            try Workspace.checkCoderName(into)
            let aCoding = try knownCoding(a), bCoding = try knownCoding(b)
            // A journal this explorer already writes is used as it is: opened a second time, it
            // would be refused by this process's own lock and the screen would open read-only
            // (a second resolve after the first, for another code or pair, did).
            let open = [consensusSession, self.session].compactMap { $0 }.first {
                $0.journal.coder == into && !$0.journal.readOnly
            }
            var note: String?
            let session: CodingSession
            if let open {
                session = open
            } else {
                consensusSession = nil // its lock goes before the journal is opened again
                let journal: Journal
                (journal, note) = try openJournal(into)
                session = CodingSession(journal: journal, data: state.data)
            }
            consensusSession = session
            let queue = ResolveModel.queue(
                aCoding, bCoding, consensus: session.state, data: state.data, code: code, disagreements: disagreements)
            var model = ResolveModel(
                a: a, b: b, into: into, resolver: coder, aCoding: aCoding, bCoding: bCoding, consensus: session.state,
                queue: queue, readOnly: session.journal.readOnly)
            model.canUndo = session.canUndo
            model.canRedo = session.canRedo
            let opened = model
            model.index = queue.firstIndex { !opened.isSettled($0) } ?? 0
            state.receive(
                .resolveOpened(
                    model,
                    note: note
                        ?? state.t(.resolveOpened, count: queue.count)
                        .replacingOccurrences(of: "%a", with: a).replacingOccurrences(of: "%b", with: b)))
        } catch {
            state.receive(.failed(error.message))
        }
    }

    /// Opens the coder's journal for writing, or read-only with a clear sentence when another
    /// process holds it; loads the other coding to compare with; opens the review screen.
    private func openReview(_ queue: [String]) {
        guard !queue.isEmpty else { state.receive(.failed(state.t(.noExcerptsMatch))); return }
        var note: String?
        if session == nil {
            do {
                try Workspace.checkCoderName(coder)
                let journal: Journal
                (journal, note) = try openJournal(coder)
                if !journal.damage.isEmpty && note == nil {
                    note = state.t(.journalDamaged).replacingOccurrences(
                        of: "%n", with: journal.damage.map(\.description).joined(separator: "; "))
                }
                session = CodingSession(journal: journal, data: state.data)
            } catch {
                state.receive(.failed(error.message))
                return
            }
        }
        guard let session else { return }
        let compare: CodingState
        do {
            compare = try workspace.coding(of: compareCoder, data: state.data)
        } catch {
            state.receive(.failed(error.message))
            return
        }
        let pins =
            Pins.load(workspace: workspace, coder: coder, data: state.data) ?? ReviewModel.defaultPins(state.data)
        let model = ReviewModel(
            coder: coder, compareCoder: compareCoder, compare: compare, mine: session.state,
            readOnly: session.journal.readOnly, queue: queue, pins: pins)
        var opening = model
        // Start where the coder stopped: the first excerpt of the queue not yet reviewed.
        opening.index = queue.firstIndex { session.state[$0].status == .unreviewed } ?? 0
        opening.canUndo = session.canUndo
        opening.canRedo = session.canRedo
        state.receive(
            .reviewOpened(
                opening,
                note: note ?? state.t(.reviewOpened, count: queue.count).replacingOccurrences(of: "%c", with: coder)))
    }

}

/// A coder's pinned codes (a preference, not a decision): `<workspace>/pins/<coder>.json`.
enum Pins {
    /// The slots as saved (null for a free digit); a code no longer in the codebook frees its
    /// slot without moving the others.
    static func load(workspace: Workspace, coder: String, data: Dataset) -> [String?]? {
        guard let bytes = try? Data(contentsOf: workspace.pins(of: coder)),
            let value = try? JSONParser.parse(Array(bytes)), case let .array(items) = value
        else { return nil }
        let pins = items.prefix(9).map { item -> String? in
            if case let .string(s) = item, data.code(s) != nil { return s } else { return nil }
        }
        return pins.contains { $0 != nil } ? ReviewModel.trimmed(Array(pins)) : nil
    }

    static func save(_ pins: [String?], workspace: Workspace, coder: String) throws(JournalError) {
        try workspace.prepare(workspace.pinsFolder)
        let items = pins.map { $0.map(JSONValue.string) ?? .null }
        do {
            try AtomicFile.write(
                Array((JSONWriter.write(.array(items)) + "\n").utf8), to: workspace.pins(of: coder), overwrite: true)
        } catch { throw JournalError(error.message) }
    }
}
