import ArgumentParser
import CaseCore
import ExplorerUI
import Foundation
import NcursesTerminal
import Presentation

extension Language: ExpressibleByArgument {}

struct LanguageOption: ParsableArguments {
    @Option(help: "Interface language: nb (bokmål) or en (default: from LANG).")
    var lang: Language?

    var language: Language { lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment) }
}

/// The mouse in the explorer (on unless asked off: then the terminal's own text selection works
/// without Shift, for copying a quote).
struct MouseOption: ParsableArguments {
    @Flag(help: "Leave the mouse to the terminal (text selection without Shift); the keyboard does everything.")
    var noMouse = false
}

struct Explore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Browse the case counties, grant chains and excerpts in the terminal (the default).",
        discussion:
            "Press ? in the explorer for every key; Docs/KEYS.md lists them. q quits from the home screen, Ctrl-C at "
            + "once."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var index: IndexOption
    @OptionGroup var language: LanguageOption
    @OptionGroup var mouse: MouseOption
    @OptionGroup(title: "Coding review (R in the explorer)") var coder: CoderOptions
    @Option(
        help: ArgumentHelp(
            "The coding shown beside yours in review: rapport (the report's own) or a coder's name.",
            valueName: "NAME"))
    var compare = Dataset.referenceCoder

    func run() throws {
        try ExplorerSession(
            data: data, index: index, language: language.language, coder: coder, compare: compare,
            mouse: !mouse.noMouse
        ).run(start: nil)
    }
}

/// `case-explorer review`: the explorer opened straight on the review of a queue of excerpts.
struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Review the coding of excerpts from the keyboard (the explorer's review screen).",
        discussion: """
            The queue is every excerpt, or those the filters select. Only r, R (reviewed, next), d and D give an \
            excerpt a status; codes never do, and an excerpt counts as done once it has one. Decisions go to your \
            journal in the workspace and are on disk before the screen shows them saved. If another process is \
            writing your journal, the review opens read-only. Keys: Docs/KEYS.md, or ? in the program.
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var index: IndexOption
    @OptionGroup var language: LanguageOption
    @OptionGroup var mouse: MouseOption
    @OptionGroup var coder: CoderOptions
    @Option(
        help: ArgumentHelp(
            "The coding shown beside yours: rapport (the report's own) or a coder's name.", valueName: "NAME"))
    var compare = Dataset.referenceCoder
    @OptionGroup(title: "Filters") var filters: FilterOptions

    func run() throws {
        let dataset = try index.dataset(data)
        try filters.check(against: dataset)
        let queue = dataset.excerpts(matching: filters.filter).map(\.id)
        guard !queue.isEmpty else {
            throw CLIError(message: "no excerpt matches \(filters.filter.summary).", exitCode: CLIError.notFound)
        }
        try ExplorerSession(
            data: data, index: index, language: language.language, coder: coder, compare: compare,
            mouse: !mouse.noMouse
        ).run(start: .startReviewOf(queue), loaded: dataset)
    }
}

/// `case-explorer resolve`: the disagreement queue of two coders.
struct Resolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Settle two coders' disagreements from the keyboard, into a consensus coder's journal.",
        discussion:
            "Each excerpt both coders reviewed with different codes, side by side: a takes A's codes, b B's, U both, "
            + "e edits, m writes a memo, u undoes. Every resolution records the resolving coder (--coder) and both "
            + "source decisions."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var index: IndexOption
    @OptionGroup var language: LanguageOption
    @OptionGroup var mouse: MouseOption
    @Option(help: CoderOptions.workspaceHelp) var workspace: String?
    // Not CoderOptions' "whose coding": here the coder is the one who settles, named in each resolution.
    @Option(
        help: ArgumentHelp(
            "Who resolves, recorded in each resolution (default: the login name).", valueName: "NAME"))
    var coder: String?
    @Option(help: ArgumentHelp("The two coders, A,B (rapport is the report's coding).", valueName: "A,B")) var coders:
        String
    @Option(help: ArgumentHelp("The consensus coder the resolutions are written to.", valueName: "NAME")) var into =
        Runner.consensusCoder

    // Here, not in run(): a ValidationError from run() is followed by the root command's usage.
    func validate() throws {
        guard names.count == 2, names[0] != names[1] else {
            throw ValidationError("--coders takes two different coders, e.g. --coders anna,bo.")
        }
        guard !names.contains(into) else { throw ValidationError("--into must be a third coder, not \(into).") }
    }

    private var names: [String] { coders.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

    func run() throws {
        let dataset = try index.dataset(data)
        let resolver = CoderOptions(workspace: workspace, coder: coder)
        let ws = try resolver.resolvedWorkspace(data: try data.folder())
        for name in names {
            do { _ = try ws.coding(of: name, data: dataset) } catch {
                throw CLIError(message: error.message, exitCode: CLIError.notFound)
            }
        }
        do { try Workspace.checkCoderName(into) } catch {
            throw CLIError(message: error.message, exitCode: ExitCode.validationFailure.rawValue)
        }
        try ExplorerSession(
            data: data, index: index, language: language.language, coder: resolver, compare: Dataset.referenceCoder,
            mouse: !mouse.noMouse
        )
        .run(start: .startResolve(a: names[0], b: names[1], into: into), loaded: dataset)
    }
}

/// The terminal loop around a runner.
struct ExplorerSession {
    let data: DataOptions
    let index: IndexOption
    let language: Language
    let coder: CoderOptions
    let compare: String
    let mouse: Bool

    /// From this many excerpts on, the explorer draws its first screen from the index's
    /// overview and builds the whole dataset on another thread (`BackgroundLoad`); below it the
    /// dataset is built first (a few tens of milliseconds). `CASE_EXPLORER_BACKGROUND_LOAD_FROM`
    /// sets another threshold (tests load the bundled study in the background with 1).
    static func backgroundLoadFrom(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        environment["CASE_EXPLORER_BACKGROUND_LOAD_FROM"].flatMap { Int($0) } ?? 20_000
    }

    /// `loaded`: the dataset when the command has read it already (not read twice).
    func run(start: Reply?, loaded: Dataset? = nil) throws {
        let workspace = try coder.resolvedWorkspace(data: try data.folder())
        do { try Workspace.checkCoderName(coder.coderName) } catch {
            throw CLIError(message: error.message, exitCode: ExitCode.validationFailure.rawValue)
        }
        // Another coder to compare with is checked against the whole dataset before the terminal opens.
        let (dataset, load) =
            try loaded.map { ($0, nil) } ?? open(workspace, whole: compare != Dataset.referenceCoder)
        if compare != Dataset.referenceCoder {
            do { _ = try workspace.coding(of: compare, data: dataset) } catch {
                throw CLIError(message: error.message, exitCode: CLIError.notFound)
            }
        }
        let terminal: Terminal
        do { terminal = try Terminal(mouse: mouse) } catch let e as TerminalError {
            throw CLIError(message: e.message, exitCode: 1)
        }
        let (ending, failure) = loop(terminal, dataset: dataset, load: load, workspace: workspace, start: start)
        terminal.end()
        if let ending { Terminal.end(bySignal: ending) }
        if let failure { throw failure }
    }

    /// The overview of a large study from its fresh index, with the whole dataset building on
    /// another thread; else (a small study, no or a stale index, `whole`) the whole dataset.
    private func open(_ workspace: Workspace, whole: Bool) throws -> (Dataset, BackgroundLoad?) {
        let folder = try data.folder()
        let cache = index.noIndex ? nil : IndexCache.folder()
        let opened = try IndexCache.open(
            dataFolder: folder, cache: cache, givingBack: true,
            building: { try data.load(preparingSearch: $0 != nil, building: $0) })
        if let dataset = opened.dataset { return (dataset, nil) }
        guard let study = opened.index, !whole, study.excerptCount >= Self.backgroundLoadFrom(),
            let overview = try? study.overview()
        else { return (try index.dataset(data), nil) }
        let load = BackgroundLoad(workspace: workspace) { progress in
            do {
                return try study.dataset(progress: progress)
            } catch {
                // Damaged where the overview did not look: never trusted, read from the JSON.
                return try IndexCache.dataset(
                    dataFolder: folder, cache: cache, load: { try DataOptions.load(from: folder) })
            }
        }
        return (overview, load)
    }

    /// Keys to the runner until it quits; returns the signal that ends the program, if one does.
    /// Signals are noted and answered here, between keys: never in the middle of a journal
    /// write, and Ctrl-C over a changed memo asks first like the key would.
    private func loop(
        _ terminal: Terminal, dataset: Dataset, load: BackgroundLoad?, workspace: Workspace, start: Reply?
    ) -> (signal: Int32?, failure: CLIError?) {
        terminal.deferEndingSignals()
        let size = terminal.size
        let runner = Runner(
            state: AppState(data: dataset, language: language, width: size.width, height: size.height),
            workspace: workspace, coder: coder.coderName, compareCoder: compare, load: load)
        if let start { runner.send(start) }
        terminal.draw(runner.frame())
        // An export being written is finished before the program ends, whatever ends it: a file
        // asked for is never left half-made (the status line says it is being written).
        defer {
            if runner.searching { terminal.draw(runner.frame()) }
            runner.finishExport()
        }
        // Journals changed on disk (a sync, another machine) are replayed: a stat of each
        // journal once a second while waiting for a key.
        var watch = JournalWatch(workspace: workspace)
        var failures = 0
        while !runner.state.quitting {
            if let signal = terminal.pendingSignal {
                guard signal == SIGINT, runner.state.memoNeedsAsking else { return (signal, nil) }
                terminal.clearPendingSignal()
                runner.press(.ctrl("c"))
                terminal.draw(runner.frame())
                continue
            }
            // Wait a second at most for a key, so journals that change on disk are followed;
            // while a search runs in the background, wake every 15 ms to show its answer.
            // While the whole dataset is built, every 50 ms, to show the progress and take it.
            let waiting = runner.searching || runner.loading
            let waited = DispatchTime.now()
            let key = terminal.readKey(timeout: runner.loading ? 50 : waiting ? 15 : 1000)
            if runner.loading, runner.deliverLoad() {
                if let failure = runner.loadFailure {
                    let said = (failure as? CLIError)?.message ?? String(describing: failure)
                    return (nil, CLIError(message: "the excerpts could not be loaded: \(said)", exitCode: 1))
                }
                terminal.draw(runner.frame())
            }
            if runner.searching, runner.deliverSearch() { terminal.draw(runner.frame()) }
            if runner.follow(&watch) { terminal.draw(runner.frame()) }
            guard let key else {
                // A read ended by a signal is seen above; one that fails at once (not after its
                // timeout) means the input is gone: do not spin.
                if terminal.pendingSignal != nil || waiting { continue }
                if DispatchTime.now().uptimeNanoseconds - waited.uptimeNanoseconds < 500_000_000 {
                    failures += 1
                } else {
                    failures = 0
                }
                if failures > 20 { break }
                continue
            }
            failures = 0
            if key == .resize {
                let size = terminal.size
                runner.resize(width: size.width, height: size.height)
                terminal.invalidate()
            }
            let repaints = runner.state.repaints
            runner.press(key)
            if runner.state.repaints != repaints { terminal.repaint() }
            terminal.draw(runner.frame())
        }
        // A journal replaced on disk after the last look gets this session's decisions again.
        _ = runner.follow(&watch)
        return (nil, nil)
    }
}

/// Prints a screen of the explorer as text after a sequence of keys — for documentation,
/// bug reports and scripted checks, with no terminal involved.
struct Snapshot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print an explorer screen as text after replaying keys.",
        discussion: "Keys use the notation of tour scripts: `j j Enter`, `/ søk`, `Esc`, `C-c` (Docs/USER-GUIDE.md)."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var language: LanguageOption

    @Option(
        help: ArgumentHelp(
            "Workspace for review keys (default: a new empty temporary folder, so a snapshot never touches real "
                + "journals).",
            valueName: "DIR"))
    var workspace: String?

    @Option(help: ArgumentHelp("Coder for review keys.", valueName: "NAME"))
    var coder = "snapshot"

    @Option(help: ArgumentHelp("Screen size as COLUMNSxROWS.", valueName: "WxH"))
    var size = "100x30"

    @Option(help: "Keys to replay before printing.")
    var keys = ""

    func run() throws {
        let parts = size.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, (1...1000).contains(parts[0]), (1...1000).contains(parts[1]) else {
            throw ValidationError("--size takes COLUMNSxROWS, e.g. 100x30.")
        }
        let keyList: [Key]
        do { keyList = try KeyNotation.parse(keys) } catch { throw ValidationError("--keys: \(error.description).") }
        let folder =
            workspace.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                "case-explorer-snapshot-\(UUID().uuidString)")
        defer { if workspace == nil { try? FileManager.default.removeItem(at: folder) } }
        let runner = Runner(
            state: AppState(data: try data.load(), language: language.language, width: parts[0], height: parts[1]),
            workspace: Workspace(root: folder), coder: coder)
        for key in keyList where !runner.state.quitting {
            runner.press(key)
            // What the key's frame asked for in the background (a search, an agreement table)
            // is in before the next key, as it would be for a person reading the screen.
            _ = runner.frame()
            runner.finishSearches()
        }
        Output.print(runner.frame().text)
    }
}

/// Prints Docs/KEYS.md from the binding tables.
struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the key reference (Docs/KEYS.md) from the binding tables.")

    func run() throws {
        StandardStreams.write(STDOUT_FILENO, KeysDocument.markdown())
    }
}
