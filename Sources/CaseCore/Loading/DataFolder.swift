import Foundation

/// Loads a data folder: every `*.json` file below it (sorted by path) is one object whose
/// members are collections — `study`, `counties`, `chains`, `actors`, `informants`, `excerpts`,
/// `codes`, `codings`, `researchQuestions`, `attentionPoints`, `surveyTables`, `sources`,
/// `relatedReports`. How the collections
/// are spread over files is up to the data's authors; the bundled data keeps one file per county.
public enum DataFolder {
    static let collectionKeys: [StaticString] = [
        "format", "study", "counties", "chains", "actors", "informants", "excerpts", "codes", "codings",
        "researchQuestions", "attentionPoints", "surveyTables", "sources", "relatedReports"
    ]
    public static let collections: [String] = collectionKeys.map(\.description)
    public static let formatVersion = "case-explorer-data/1"

    /// Loads and validates. Throws a `DataFolderError` with every problem when the folder cannot
    /// be used as it is.
    public static func load(_ folder: URL) throws(DataFolderError) -> Dataset {
        let (dataset, problems) = loadCollectingProblems(folder)
        guard let dataset, problems.isEmpty else { throw DataFolderError(problems: problems) }
        return dataset
    }

    /// Loads what can be loaded and reports every problem: decoding and integrity alike.
    /// `preparingSearch` builds the search corpora (what an index is written from) on another
    /// thread while the files are read and checked, for a command that rebuilds the index.
    /// `preparingIndex` also encodes the index's dataset section on the other core while the
    /// dataset is built and validated (for a command that writes the index: it takes it).
    /// `building` writes the index aside while the checks run (it implies `preparingIndex`);
    /// it is discarded when they find a problem, and put in place by its owner otherwise.
    public static func loadCollectingProblems(
        _ folder: URL, preparingSearch: Bool = false, preparingIndex: Bool = false, building: IndexBuild? = nil
    )
        -> (Dataset?, [Problem])
    {
        let display = folder.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            return (nil, [Problem(file: display, path: "$", .missingFolder)])
        }
        guard isDirectory.boolValue else {
            return (nil, [Problem(file: display, path: "$", .notAFolder)])
        }
        let files = jsonFiles(in: folder)
        guard !files.isEmpty else {
            return (nil, [Problem(file: display, path: "$", .noDataFiles)])
        }
        // The files are decoded on every core at once, each into its own parts; they are joined
        // in the files' order, so the dataset and the problems (and their order) are the same as
        // when the files are read one by one.
        let names = files.map { relativePath(of: $0, in: folder) }
        let decoded = FileResults(count: files.count)
        defer { decoded.free() }
        DispatchQueue.concurrentPerform(iterations: files.count) { k in
            var own = Parts()
            let problems = decodeFile(at: files[k], name: names[k], into: &own)
            let search = preparingSearch ? SearchPreparation.Piece(own.excerpts) : nil
            decoded.pointer[k] = FileResult(parts: own, problems: problems, search: search)
        }
        var parts = Parts()
        var problems: [Problem] = []
        var search: [SearchPreparation.Piece] = []
        parts.excerpts.reserveCapacity((0..<files.count).reduce(0) { $0 + decoded.pointer[$1]!.parts.excerpts.count })
        parts.codings.reserveCapacity((0..<files.count).reduce(0) { $0 + decoded.pointer[$1]!.parts.codings.count })
        for k in files.indices {
            var result = decoded.take(k)
            parts.append(&result.parts)
            problems += result.problems
            if let piece = result.search { search.append(piece) }
        }
        guard let studyEntry = parts.study.first else {
            problems.append(Problem(file: display, path: "$", .noStudy))
            return (nil, problems)
        }
        for extra in parts.study.dropFirst() {
            problems.append(
                Problem(file: extra.file, path: "$.study", .secondStudy(firstIn: studyEntry.file)))
        }
        let collections = Collections(study: studyEntry.value, parts)
        // The other core's work, in order: the index's dataset section (for a command that
        // writes the index), then the integrity checks, which read only the entities' lookups;
        // this core meanwhile builds the excerpts' lookups and, when an index is being built,
        // writes it aside.
        let otherCore = DispatchQueue(label: "case-explorer.load")
        let snapshot = preparingIndex || building != nil ? SnapshotJob(collections, on: otherCore) : nil
        var dataset = Dataset(loading: collections)
        let (entities, decodedParts) = (dataset, parts)
        let checks = BackgroundJob(on: otherCore) { Validator(parts: decodedParts, dataset: entities).problems() }
        dataset.indexExcerpts()
        if preparingSearch { dataset.searchIndex.adopt(pieces: search) }
        if let snapshot { dataset.searchIndex.adopt(snapshot: snapshot) }
        if problems.isEmpty { building?.writeAside(dataset) }
        problems += checks.wait()
        // An index of data with problems is never put in place.
        if !problems.isEmpty { building?.discard() }
        return (dataset, problems)
    }

    static func jsonFiles(in folder: URL) -> [URL] {
        // A data folder given as a symbolic link is read where it points (the enumerator would
        // not enter it); the files keep their names under the folder as given.
        let root = folder.resolvingSymlinksInPath().standardizedFileURL
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        var files: [URL] = []
        // Everything named *.json but a folder: a link, pipe or device is reported when it is
        // decoded (`notRegular`), not skipped in silence — data would go missing unseen.
        for case let url as URL in enumerator where url.pathExtension == "json" {
            var st = stat()
            guard lstat(url.path, &st) == 0, st.st_mode & S_IFMT != S_IFDIR else { continue }
            let path = url.standardizedFileURL.path
            files.append(
                path.hasPrefix(prefix) ? folder.appendingPathComponent(String(path.dropFirst(prefix.count))) : url)
        }
        return files.sorted { $0.path < $1.path }
    }

    static func relativePath(of file: URL, in folder: URL) -> String {
        let base = folder.standardizedFileURL.path
        let path = file.standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        let relative = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        return (folder.lastPathComponent as NSString).appendingPathComponent(relative)
    }

    /// Largest data file accepted; a bigger one is almost surely not a data file.
    public static let maximumFileSize = 512 * 1024 * 1024

    /// What a directory entry is when it is not a regular file (nil for a regular file), by
    /// `lstat`: a link is never followed, and a pipe or device is never read (it could block or
    /// never end).
    static func notRegular(_ url: URL) -> String? {
        var st = stat()
        guard lstat(url.path, &st) == 0 else { return nil }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFLNK: return "a symbolic link"
        case S_IFIFO: return "a named pipe"
        case S_IFSOCK: return "a socket"
        default: return "a device"
        }
    }

    static func decodeFile(at url: URL, name: String, into parts: inout Parts) -> [Problem] {
        if let what = notRegular(url) { return [Problem(file: name, path: "$", .notARegularFile(what: what))] }
        let bytes: [UInt8]
        do {
            let size = (try url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
            if size > maximumFileSize {
                return [
                    Problem(
                        file: name, path: "$",
                        .fileTooLarge(mebibytes: size / 1_048_576, limit: maximumFileSize / 1_048_576))
                ]
            }
            bytes = try readBytes(url, size: size)
        } catch {
            return [Problem(file: name, path: "$", .unreadable(reason: error.localizedDescription))]
        }
        let tape: JSONTape
        do {
            tape = try JSONParser.tape(bytes)
        } catch {
            return [Problem(file: name, path: "$", .notJSON(error))]
        }
        let reader = FieldReader(file: name, tape: tape)
        guard let top = reader.object(reader.root, at: "$", allowed: collectionKeys) else { return reader.problems }
        if let format = top.string("format", required: false), format != formatVersion {
            reader.report(
                "$.format", "\"\(format)\" is not a format this program reads (it reads \"\(formatVersion)\")")
        }
        if let v = top.members["study"], let s = reader.study(v, at: "$.study") {
            parts.study.append(.init(file: name, path: "$.study", value: s))
        }
        func collect<T>(_ key: StaticString, _ decode: (JSONNode, JSONPath) -> T?) -> [Located<T>] {
            top.objects(key).compactMap { value, path in
                decode(value, path).map { Located(file: name, path: path.description, value: $0) }
            }
        }
        parts.counties += collect("counties", reader.county)
        parts.chains += collect("chains", reader.chain)
        parts.actors += collect("actors", reader.actor)
        parts.informants += collect("informants", reader.informant)
        // The two big collections keep their values in one array (shared with the dataset, not
        // copied) and their places compactly, for problem reports.
        func collectLarge<T>(
            _ key: StaticString, _ decode: (JSONNode, JSONPath) -> T?, into values: inout [T], _ origins: inout Origins
        ) {
            origins.runs.append((name, values.count))
            for (n, (value, path)) in top.objects(key).enumerated() {
                if let v = decode(value, path) { values.append(v); origins.indices.append(Int32(n)) }
            }
        }
        collectLarge("excerpts", reader.excerpt, into: &parts.excerpts, &parts.excerptOrigins)
        parts.codes += collect("codes", reader.code)
        collectLarge("codings", reader.coding, into: &parts.codings, &parts.codingOrigins)
        parts.researchQuestions += collect("researchQuestions", reader.researchQuestion)
        parts.attentionPoints += collect("attentionPoints", reader.attentionPoint)
        parts.surveyTables += collect("surveyTables", reader.surveyTable)
        parts.sources += collect("sources", reader.sourceDocument)
        parts.relatedReports += collect("relatedReports", reader.relatedReport)
        return reader.problems
    }
}

extension DataFolder {
    /// A file's bytes read straight into the array, not through `Data` and a second copy. When
    /// the file cannot be opened or read, Foundation reads it to say why in its words.
    static func readBytes(_ url: URL, size: Int) throws -> [UInt8] {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return Array(try Data(contentsOf: url)) }
        defer { close(fd) }
        struct ReadFailed: Error {}
        /// Reads until the buffer is full or the file ends; the count read.
        func fill(_ buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            var total = 0
            while total < buffer.count {
                let n = read(fd, buffer.baseAddress! + total, buffer.count - total)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { throw ReadFailed() }
                if n == 0 { break }
                total += n
            }
            return total
        }
        do {
            // One byte more than the size: a file that grew since is read to its end below.
            var bytes = try [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
                count = try fill(UnsafeMutableRawBufferPointer(buffer))
            }
            var more = bytes.count == size + 1
            while more {
                var chunk = [UInt8](repeating: 0, count: 1 << 20)
                let n = try chunk.withUnsafeMutableBytes { try fill($0) }
                bytes.append(contentsOf: chunk[..<n])
                more = n == chunk.count
            }
            return bytes
        } catch {
            return Array(try Data(contentsOf: url))
        }
    }
}

/// The search corpora (texts lowered, and folded) of one file's excerpts, built by the thread
/// that decoded the file: what the index is written from, with no second pass over the texts.
enum SearchPreparation {
    struct Piece: Sendable {
        let plain: TextCorpus
        let folded: TextCorpus

        init(_ excerpts: [Excerpt]) {
            let capacity = excerpts.reduce(0) { $0 + $1.text.utf8.count + 1 }
            var plain = TextCorpus.Builder(capacity: capacity, count: excerpts.count)
            var folded = TextCorpus.Builder(capacity: capacity, count: excerpts.count)
            for e in excerpts {
                var text = e.text
                text.withUTF8 { utf8 in
                    // Both forms in one pass, straight into the corpora's memory.
                    plain.add(maxCount: utf8.count) { p in
                        folded.add(maxCount: utf8.count) { f in
                            TextNormalizer.normalizeBoth(UnsafeRawBufferPointer(utf8), plain: p, folded: f)
                        }
                        return utf8.count
                    }
                }
            }
            self.plain = plain.finish()
            self.folded = folded.finish()
        }
    }
}

/// What one data file gave.
struct FileResult {
    var parts: Parts
    var problems: [Problem]
    var search: SearchPreparation.Piece?
}

/// One result slot per file of a parallel decoding; each file's work writes only its own slot.
private struct FileResults: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<FileResult?>
    let count: Int

    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: nil, count: count)
    }

    /// The file's result, moved out of its slot (its memory is not held twice while joining).
    func take(_ k: Int) -> FileResult {
        let result = pointer[k]!
        pointer[k] = nil
        return result
    }

    func free() {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }
}

/// The collections of a dataset as the loader makes it, in the dataset's order: counties and
/// research questions sorted by id as `Dataset.init` sorts them (the index written from these
/// is compared byte for byte with the index of the dataset in `IndexWritingTests`).
struct Collections: SnapshotSource {
    let study: Study
    let counties: [County], chains: [Chain], actors: [Actor], informants: [Informant], excerpts: [Excerpt]
    let codes: [Code], codings: [Coding], researchQuestions: [ResearchQuestion]
    let attentionPoints: [AttentionPoint], surveyTables: [SurveyTable], sources: [SourceDocument]
    let relatedReports: [RelatedReport]

    init(study: Study, _ parts: Parts) {
        self.study = study
        counties = parts.counties.map(\.value).sorted { $0.id < $1.id }
        chains = parts.chains.map(\.value)
        actors = parts.actors.map(\.value)
        informants = parts.informants.map(\.value)
        excerpts = parts.excerpts
        codes = parts.codes.map(\.value)
        codings = parts.codings
        researchQuestions = parts.researchQuestions.map(\.value).sorted { $0.id < $1.id }
        attentionPoints = parts.attentionPoints.map(\.value)
        surveyTables = parts.surveyTables.map(\.value)
        sources = parts.sources.map(\.value)
        relatedReports = parts.relatedReports.map(\.value)
    }
}

/// A decoded entity with the place it came from, for problem reports.
struct Located<T: Sendable>: Sendable {
    let file: String
    let path: String
    let value: T
}

/// Where the elements of a large collection came from: runs of (file, first element) and each
/// element's index in its file's array.
struct Origins: Sendable {
    let collection: String
    var runs: [(file: String, start: Int)] = []
    var indices: [Int32] = []

    init(collection: String) { self.collection = collection }

    mutating func append(_ other: Origins, offset: Int) {
        runs += other.runs.map { ($0.file, $0.start + offset) }
        indices += other.indices
    }

    func location(_ i: Int) -> (file: String, path: String) {
        var lo = 0, hi = runs.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if runs[mid].start <= i { lo = mid } else { hi = mid - 1 }
        }
        return (runs[lo].file, "$.\(collection)[\(indices[i])]")
    }
}

struct Parts: Sendable {
    /// Appends the parts of the next file (its places kept, its large collections' runs moved
    /// to where its elements now start).
    mutating func append(_ other: inout Parts) {
        study += other.study
        counties += other.counties
        chains += other.chains
        actors += other.actors
        informants += other.informants
        excerptOrigins.append(other.excerptOrigins, offset: excerpts.count)
        excerpts.appendMoving(&other.excerpts, leaving: .movedOut)
        codes += other.codes
        codingOrigins.append(other.codingOrigins, offset: codings.count)
        codings.appendMoving(&other.codings, leaving: .movedOut)
        researchQuestions += other.researchQuestions
        attentionPoints += other.attentionPoints
        surveyTables += other.surveyTables
        sources += other.sources
        relatedReports += other.relatedReports
    }

    var study: [Located<Study>] = []
    var counties: [Located<County>] = []
    var chains: [Located<Chain>] = []
    var actors: [Located<Actor>] = []
    var informants: [Located<Informant>] = []
    var excerpts: [Excerpt] = []
    var excerptOrigins = Origins(collection: "excerpts")
    var codes: [Located<Code>] = []
    var codings: [Coding] = []
    var codingOrigins = Origins(collection: "codings")
    var researchQuestions: [Located<ResearchQuestion>] = []
    var attentionPoints: [Located<AttentionPoint>] = []
    var surveyTables: [Located<SurveyTable>] = []
    var sources: [Located<SourceDocument>] = []
    var relatedReports: [Located<RelatedReport>] = []
}

extension Array {
    /// Appends the elements of `other` by moving them: nothing they hold is retained here or
    /// released when `other` goes (at 100 000 excerpts, copying them into the joined array and
    /// freeing the files' arrays took as long as building the dataset's lookups). Each slot of
    /// `other` is left holding `filler`, a value that holds nothing on the heap.
    mutating func appendMoving(_ other: inout [Element], leaving filler: Element) {
        other.withUnsafeMutableBufferPointer { source in
            guard let base = source.baseAddress, !source.isEmpty else { return }
            append(contentsOf: MovingOut(position: base, end: base + source.count))
            base.initialize(repeating: filler, count: source.count)
        }
    }
}

/// The elements of a buffer, each moved out as it is read (the buffer is left uninitialised).
private struct MovingOut<Element>: Sequence, IteratorProtocol {
    var position: UnsafeMutablePointer<Element>
    let end: UnsafeMutablePointer<Element>

    var underestimatedCount: Int { end - position }

    mutating func next() -> Element? {
        guard position < end else { return nil }
        defer { position += 1 }
        return position.move()
    }
}

extension Excerpt {
    /// What a moved-out slot holds: no string or array of its own.
    static let movedOut = Excerpt(
        id: "", kind: .interview, form: .block, text: "", source: SourceLocation(section: "", lines: LineRange(0, 0)),
        speaker: Speaker(role: ""), attribution: Attribution(confidence: .unknown))
}

extension Coding {
    static let movedOut = Coding(coder: "", excerpt: "", codes: [])
}
