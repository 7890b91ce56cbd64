import ArgumentParser
import CaseCore
import Foundation

struct DataOptions: ParsableArguments {
    @Option(
        name: .customLong("cases"),
        help: ArgumentHelp(
            "The data folder to read (default: the bundled Cases/, or $CASE_EXPLORER_CASES).", valueName: "DIR"))
    var cases: String?

    /// An empty value (`--cases "$DIR"` with DIR unset) would read the working folder and
    /// everything below it.
    func validate() throws {
        if cases?.isEmpty == true { throw ValidationError("--cases needs a folder; it was given an empty one.") }
    }

    func folder() throws -> URL {
        guard let url = DataLocator.locate(explicit: cases) else {
            throw CLIError(
                message: "cannot find the bundled Cases/ folder; give the data folder with --cases DIR.",
                exitCode: CLIError.noInput)
        }
        return url
    }

    /// Loads the data, or fails with one sentence that says where to look. `preparingSearch`
    /// when it is to be searched or an index written from it, `building` when an index is to be
    /// written (aside, while the data is checked; see `DataFolder.loadCollectingProblems`).
    func load(preparingSearch: Bool = false, building: IndexBuild? = nil) throws -> Dataset {
        try Self.load(from: try folder(), preparingSearch: preparingSearch, building: building)
    }

    static func load(from url: URL, preparingSearch: Bool = false, building: IndexBuild? = nil) throws -> Dataset {
        let (dataset, problems) = DataFolder.loadCollectingProblems(
            url, preparingSearch: preparingSearch, building: building)
        if let dataset, problems.isEmpty {
            // A command runs once: the exit returns the dataset's memory faster than freeing it.
            ProcessLifetime.keep(dataset)
            return dataset
        }
        if problems.count == 1 {
            throw CLIError(message: "\(problems[0])", exitCode: problems[0].kind.exitCode)
        }
        throw CLIError(
            message:
                "the data in \(url.path) has \(problems.count) problems; `case-explorer validate --cases \(url.path)` "
                + "lists them.",
            exitCode: CLIError.dataProblem)
    }
}

/// For the commands that read the study's index (`search`, `list`, `show`, `matrix`, `agreement`,
/// the explorer); `validate` always reads the JSON.
struct IndexOption: ParsableArguments {
    @Flag(
        name: .customLong("no-index"),
        help:
            ArgumentHelp(
                "Read and validate the JSON files instead of the index in the cache folder "
                    + "($XDG_CACHE_HOME/case-explorer, "
                    + "default ~/.cache/case-explorer; CASE_EXPLORER_NO_INDEX=1 does the same).")
    )
    var noIndex = false

    /// The index when it is fresh; else the data, read and validated, from which the index is
    /// rebuilt for next time.
    func catalog(_ data: DataOptions) throws -> Catalog {
        let url = try data.folder()
        let cache = noIndex ? nil : IndexCache.folder()
        // The index is written while the data is checked, when there is a cache to write it to.
        let opened = try IndexCache.open(
            dataFolder: url, cache: cache, building: { try data.load(preparingSearch: true, building: $0) })
        if let index = opened.index { return .index(index) }
        return .data(DatasetCatalog(opened.dataset!))
    }

    /// The whole dataset: from the index when it is fresh (no JSON parsed or validated), else
    /// read and validated, and the index rebuilt for next time.
    func dataset(_ data: DataOptions) throws -> Dataset {
        let cache = noIndex ? nil : IndexCache.folder()
        // Loaded only to rebuild the index when there is a cache: written on the way.
        return try IndexCache.dataset(
            dataFolder: try data.folder(), cache: cache,
            building: { try data.load(preparingSearch: $0 != nil, building: $0) })
    }

    /// Concrete types, so the commands' generic code is specialised for each.
    enum Catalog {
        case index(StudyIndex)
        case data(DatasetCatalog)
    }
}

struct FilterOptions: ParsableArguments {
    @Option(help: "Only excerpts attributed to this county (1, 2, 3).")
    var county: Int?
    @Option(help: ArgumentHelp("Only excerpts attributed to this chain (e.g. cf1-tk1).", valueName: "ID"))
    var chain: String?
    @Option(help: ArgumentHelp("Only excerpts attributed to this actor.", valueName: "ID"))
    var actor: String?
    @Option(
        help:
            ArgumentHelp(
                "Only excerpts from this level of the grant chain (1 statsforvalter, 2 samarbeidsforum, 3 "
                    + "kommune/eier, 4 "
                    + "PP-tjeneste/skole/barnehage).")
    )
    var level: Int?
    @Option(
        help: ArgumentHelp(
            "Only excerpts from this kind of actor.",
            valueName: "KIND"))
    var kind: ActorKind?
    @Option(help: ArgumentHelp("Only excerpts whose speaker's role contains this text.", valueName: "TEXT"))
    var role: String?
    @Option(help: ArgumentHelp("Only excerpts the report codes with this code.", valueName: "ID"))
    var code: String?
    @Option(help: ArgumentHelp("Only excerpts serving this research question (1–10).", valueName: "N"))
    var question: Int?
    @Option(help: "Only excerpts whose attribution has this confidence.")
    var confidence: Confidence?

    var filter: ExcerptFilter {
        ExcerptFilter(
            county: county, chain: chain, actor: actor, level: level, actorKind: kind, speakerRole: role,
            code: code, researchQuestion: question, confidence: confidence)
    }

    /// Unknown ids in a filter are a user's typo, not an empty result.
    func check(against data: Dataset) throws { try check(against: data.vocabulary) }

    func check(against data: FilterVocabulary) throws {
        if let county, !data.counties.contains(county) {
            throw CLIError(
                message:
                    "there is no county \(county) (the counties are "
                    + "\(data.counties.map { String($0) }.joined(separator: ", "))).",
                exitCode: ExitCode.validationFailure.rawValue)
        }
        if let chain, !data.chains.contains(chain) {
            throw CLIError(
                message: "there is no chain \"\(chain)\" (try `case-explorer list chains`).",
                exitCode: ExitCode.validationFailure.rawValue)
        }
        if let actor, !data.actors.contains(actor) {
            throw CLIError(
                message: "there is no actor \"\(actor)\" (try `case-explorer list actors`).",
                exitCode: ExitCode.validationFailure.rawValue)
        }
        if let code, !data.codes.contains(code) {
            throw CLIError(
                message: "there is no code \"\(code)\" (try `case-explorer list codes`).",
                exitCode: ExitCode.validationFailure.rawValue)
        }
        if let level, !(1...4).contains(level) {
            throw CLIError(
                message: "the level must be 1, 2, 3 or 4, not \(level).", exitCode: ExitCode.validationFailure.rawValue)
        }
        if let question, !data.researchQuestions.contains(question) {
            throw CLIError(
                message: "there is no research question \(question).", exitCode: ExitCode.validationFailure.rawValue)
        }
    }
}

extension ActorKind: ExpressibleByArgument {}
extension Confidence: ExpressibleByArgument {}

extension LoadError {
    /// The exit status a command ends with when loading fails this way (see `--help`): 66 when
    /// there is no data folder to read, 65 for everything wrong with the data in it.
    var exitCode: Int32 {
        switch self {
        case .missingFolder: return CLIError.noInput
        case .notAFolder, .noDataFiles, .fileTooLarge, .unreadable, .notARegularFile, .notJSON, .noStudy, .secondStudy,
            .malformed,
            .inconsistent:
            return CLIError.dataProblem
        }
    }
}
