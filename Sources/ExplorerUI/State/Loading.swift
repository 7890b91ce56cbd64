import CaseCore
import Presentation

/// The explorer's first screen comes from an overview of the study (`Dataset.isOverview`: the
/// counties, chains and actors with their excerpt counts) while the whole dataset is built on
/// another thread. Until it arrives, keys that only move about the first screen, open the help
/// or quit are answered at once; every other key is kept, in order, and applied when the
/// excerpts are in — as if typed then — so nothing typed ahead is lost or applied to the
/// overview. The status line says how far the loading has come and how many keys wait.
public struct Loading: Sendable, Equatable {
    /// How many excerpts the study has.
    public var total: Int
    public var phase = LoadProgress.Phase.reading(0)
    /// Tenths of a second since the explorer started loading.
    public var elapsedTenths = 0
    /// Keys typed that need the excerpts, in the order typed.
    public var waiting: [Key] = []

    public init(total: Int) { self.total = total }
}

extension AppState {
    /// Whether a key is answered now, from the overview: nothing waits before it, and it moves
    /// about the first screen, opens or closes the help, repaints or quits.
    func answersWhileLoading(_ key: Key) -> Bool {
        guard let loading else { return true }
        guard loading.waiting.isEmpty else { return false }
        if key == .resize || isTooSmall { return true }
        if case .mouse = key { return false }
        guard [.chains, .help].contains(activeKind) else { return false }
        // A key bound to nothing here says so, with or without the excerpts.
        guard let action = Bindings.action(for: key, in: self) else { return true }
        switch action {
        case .moveDown, .moveUp, .pageDown, .pageUp, .halfPageDown, .halfPageUp, .top, .bottom, .toParent,
            .toChild, .switchPane, .selectCounty, .nextCounty, .nextChain, .previousChain, .help, .quit, .quitNow,
            .repaint:
            return true
        case .back:
            return activeKind == .help
        default:
            return false
        }
    }

    /// Keeps a key for when the excerpts are in (a click is answered instead: where it points
    /// depends on what is drawn when it is applied).
    mutating func keepWhileLoading(_ key: Key) {
        if case .mouse = key {
            message = loadingText + " " + t(.loadingMouse)
            return
        }
        loading?.waiting.append(key)
    }

    mutating func loadProgressed(_ phase: LoadProgress.Phase, elapsedTenths: Int) {
        loading?.phase = phase
        loading?.elapsedTenths = elapsedTenths
    }

    /// The whole dataset and the workspace's codings are in: they replace the overview. The
    /// keys that waited are handed to the runner (`takeWaitingKeys`), which applies them in order.
    mutating func datasetLoaded(_ dataset: Dataset, codings: [String: CodingState]) {
        data = dataset
        memo = Memo()
        searchesInBackground = dataset.excerptTotal >= AppState.backgroundSearchFrom
        if !codings.isEmpty { self.codings = codings }
        waitingKeys = loading?.waiting ?? []
        loading = nil
    }

    /// The keys typed while loading, once the excerpts are in (each handed over once).
    public mutating func takeWaitingKeys() -> [Key] {
        defer { waitingKeys = [] }
        return waitingKeys
    }

    /// "Loading the excerpts: 40 000 of 100 000 · 0.4 s · 3 keys wait", for the status line.
    public var loadingText: String { loadingText(fitting: Int.max) }

    /// The loading notice in at most `width` cells: the seconds give way first, then the long
    /// wording of the progress; how many keys wait is kept to the last, since it is the answer
    /// to "did my key count?".
    public func loadingText(fitting width: Int) -> String {
        guard let loading else { return "" }
        let total = NumberText.grouped(loading.total, language)
        let progress: (long: String, short: String)
        switch loading.phase {
        case let .reading(n):
            let read: KeyValuePairs = ["%r": NumberText.grouped(n, language), "%m": total]
            progress = (t(.loadingRead).filling(read), t(.loadingReadShort).filling(read))
        case .indexing:
            progress = (t(.loadingIndexing).filling(["%m": total]), t(.loadingIndexingShort))
        case .journals:
            progress = (t(.loadingJournals), t(.loadingJournalsShort))
        }
        let tenths = loading.elapsedTenths
        let seconds = t(.loadingSeconds).filling([
            "%s": String(tenths / 10) + (language == .nb ? "," : ".") + String(tenths % 10)
        ])
        let keys = loading.waiting.isEmpty ? [] : [t(.loadingKeysWait, count: loading.waiting.count)]
        let choices = [[progress.long, seconds] + keys, [progress.long] + keys, [progress.short] + keys]
        let texts = choices.map { $0.joined(separator: " · ") }
        return texts.first { DisplayWidth.of($0) <= width } ?? DisplayWidth.truncate(texts.last!, to: width)
    }
}

extension AppState {
    /// What works in the background, for the right of the status line: the load, else an
    /// export being written; nil when nothing does.
    public func workNotice(fitting width: Int) -> String? {
        if loading != nil { return loadingText(fitting: width) }
        guard let exporting else { return nil }
        let text = t(.exportWriting).filling(["%p": exporting])
        return DisplayWidth.of(text) <= width ? text : DisplayWidth.truncate(text, to: width)
    }
}
