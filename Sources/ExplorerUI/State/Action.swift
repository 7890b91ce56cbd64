import CaseCore

/// What a key asks for (an intent). Keys map to actions only through the binding tables; the
/// update function is the only place that changes state in response. What comes from elsewhere
/// — the runner's replies, the program's and the demo's requests — is a `Reply`.
public enum Action: Equatable, Sendable {
    // movement
    case moveDown, moveUp, pageDown, pageUp, halfPageDown, halfPageUp, top, bottom
    case toParent, toChild
    case switchPane
    // navigation between screens
    case open, back, quit, quitNow
    case showChains, showExcerpts, showCodebook, showContext
    case help, commandLine
    // chains
    case selectCounty(Int), nextCounty, nextChain, previousChain
    case showCountyExcerpts
    // excerpts
    case nextExcerpt, previousExcerpt
    case search, nextHit, previousHit, toggleFold, clearSearch
    case filter, clearFilter
    // filter panel
    case nextValue, previousValue, clearValue
    // context
    case nextTab, previousTab
    // review
    case showMatrix, toggleCoder
    // agreement
    case showAgreement, cycleSort, cycleCoderA, cycleCoderB, resolveCode
    case exportMenu
    /// The export menu's keys, and the answer when the file exists.
    case exportAs(ExportFormat), overwrite(Bool)
    /// Text editing in a prompt, the picker or a memo: consumed before dispatch, named in help.
    case typing
    /// The demo's controls (`case-explorer demo`), handled by its loop.
    case demoPause, demoNext, demoPrevious
    case startReview
    case togglePin(Int), toggleCode, pickCode, pinCode, acceptProposed
    case mark(ReviewStatus)
    case memo, codeMemo, saveMemo
    case undo, redo
    case nextUnreviewed, previousUnreviewed
    // resolving disagreements
    case takeA, takeB, takeUnion
    /// Review: mark reviewed and go on; which part of the queue n/p walk; go to an excerpt.
    case reviewedNext, cycleQueueView, goToExcerpt
    /// Ctrl-L: paint the whole terminal again. Tab in the `:` line: complete a name or id.
    case repaint, complete
}

/// What reaches the state other than from a key: the runner's replies to effects, and what the
/// program (a subcommand) or the demo asks for. Never bound to a key; taken by `AppState.receive`.
public enum Reply: Equatable, Sendable {
    /// Review a given queue (the `review` subcommand).
    case startReviewOf([String])
    /// Settle two coders' disagreements (the `resolve` subcommand).
    case startResolve(a: String, b: String, into: String)
    /// The demo's caption (set by the tour player), and whether the tour is paused.
    case showCaption(String)
    case pauseCaption(Bool)
    case reviewOpened(ReviewModel, note: String?)
    case resolveOpened(ResolveModel, note: String?)
    /// A decision is on disk: the coding after it.
    case saved(CodingEvent, CodingState, canUndo: Bool, canRedo: Bool)
    case failed(String)
    case pinsChanged([String?])
    /// The runner's answers to an export: being written (off the key path), written, failed.
    case exportStarted(String)
    case exported(String)
    case exportFailed(String)
    case exportExists(ExportFormat, path: String)
    /// Colleagues' codings, read from the workspace when the explorer starts.
    case codingsLoaded([String: CodingState])
    /// Journals that changed on disk (a sync, another machine), replayed by the runner: the new
    /// coding of each, and the sentence that says what came in.
    case journalsChanged([String: CodingState], note: String?)
    /// The texts holding a query, found in the background (see `Effect.search`).
    case searchFound(SearchQuery, BitSet)
    /// How far the whole dataset has come, and the time since the start (State/Loading.swift).
    case loadProgressed(LoadProgress.Phase, elapsedTenths: Int)
    /// The whole dataset and the workspace's codings, which replace the first screen's overview.
    case datasetLoaded(LoadedStudy)
}

/// What the background load built (a reference: a reply is compared by identity, not by its
/// hundred thousand excerpts).
public final class LoadedStudy: Sendable, Equatable {
    public let dataset: Dataset
    public let codings: [String: CodingState]
    public init(dataset: Dataset, codings: [String: CodingState]) {
        self.dataset = dataset
        self.codings = codings
    }
    public static func == (a: LoadedStudy, b: LoadedStudy) -> Bool { a === b }
}

/// The screens, for binding tables and help.
public enum ScreenKind: String, Sendable, CaseIterable {
    case chains, node, reader, excerpts, codebook, context, matrix, agreement, review, resolve, filter, help, prompt,
        picker, memo, choice, confirm
}
