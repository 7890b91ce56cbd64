import Foundation

/// The excerpt texts of a dataset in memory as a search source: the normalised corpora are
/// built on first use; original texts are read from the strings themselves (not copied).
public final class SearchIndex: SearchSource, @unchecked Sendable {
    private let texts: [String]
    /// The original texts read in place, instead of `texts`, when every excerpt's text is read
    /// from the index in order (no string made for each).
    private let original: TextCorpus?
    private let lock = NSLock()
    private var plain: TextCorpus?
    private var folded: TextCorpus?
    private var pieces: [SearchPreparation.Piece]?
    private var snapshot: SnapshotJob?

    public init(texts: [String]) {
        self.texts = texts
        original = nil
    }

    init(original: TextCorpus) {
        texts = []
        self.original = original
    }

    public var textCount: Int { original?.count ?? texts.count }

    /// Takes corpora built elsewhere from these texts in this order (while the data was read, or
    /// read in place from the index on disk).
    func adopt(plain: TextCorpus, folded: TextCorpus) {
        guard plain.count == textCount, folded.count == textCount else { return }
        lock.lock()
        defer { lock.unlock() }
        self.plain = plain
        self.folded = folded
    }

    /// Takes corpora built elsewhere in pieces (one per data file, while the data was read):
    /// the index is written from the pieces as they are; a search in memory joins them once.
    func adopt(pieces: [SearchPreparation.Piece]) {
        guard pieces.reduce(0, { $0 + $1.plain.count }) == textCount else { return }
        lock.lock()
        defer { lock.unlock() }
        self.pieces = pieces
    }

    /// The corpora's pieces when they were built while the data was read (what the index is
    /// written from without joining them).
    func preparedPieces(fold: Bool) -> [TextCorpus]? {
        lock.lock()
        defer { lock.unlock() }
        return pieces.map { $0.map { fold ? $0.folded : $0.plain } }
    }

    /// Keeps the index's dataset section (`DatasetSnapshot`) being encoded on another thread
    /// for the dataset this index belongs to; the index writer takes it (`IndexCache.write`).
    func adopt(snapshot job: SnapshotJob?) {
        lock.lock()
        defer { lock.unlock() }
        snapshot = job
    }

    /// The snapshot adopted, once: the writer holds it from then on.
    func takeSnapshot() -> SnapshotJob? {
        lock.lock()
        defer { lock.unlock() }
        defer { snapshot = nil }
        return snapshot
    }

    /// Builds a corpus now (for benchmarks and warm-up; searches build it on demand).
    public func prepare(fold: Bool) { _ = corpus(fold: fold) }

    public func corpus(fold: Bool) -> TextCorpus {
        lock.lock()
        defer { lock.unlock() }
        if let c = fold ? folded : plain { return c }
        if let pieces {
            let c = TextCorpus.joining(pieces.map { fold ? $0.folded : $0.plain })
            if fold { folded = c } else { plain = c }
            return c
        }
        let capacity = original?.bytes.count ?? texts.reduce(0) { $0 + $1.utf8.count + 1 }
        let c = TextCorpus.build(count: textCount, capacity: capacity) { i, out in
            withOriginal(i) { TextNormalizer.normalize($0, fold: fold, into: &out) }
        }
        if fold { folded = c } else { plain = c }
        return c
    }

    public func withOriginal<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        if let original { return body(original.text(i)) }
        var t = texts[i]
        return t.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }

    /// Positions of the texts holding every term, in order (the explorer's hits). `givingBack`:
    /// the pages of a corpus read from the index are given back as they are scanned (the
    /// explorer's background searches; see `Matcher.positions`).
    public func matching(_ query: SearchQuery, givingBack: Bool = false) -> [Int] {
        Matcher.positions(query, in: self, givingBackEvery: givingBack ? Matcher.givingBackChunk : nil)
    }
}

/// One excerpt found, with a score for ranking and the matched stretches of its text.
public struct SearchHit: Sendable {
    public let excerpt: Excerpt
    public let position: Int
    public let score: Int
    /// UTF-8 byte offsets into `excerpt.text`, sorted, merged.
    public let byteMatches: [Range<Int>]
    /// Character offsets into `excerpt.text`, sorted, non-overlapping.
    public var matches: [Range<Int>] { excerpt.text.characterRanges(byteMatches) }
}

extension Dataset {
    /// Excerpts containing every term, best first (see `Matcher.rank`), narrowed by the filter.
    public func search(_ query: SearchQuery, filter: ExcerptFilter = ExcerptFilter()) -> [SearchHit] {
        let admitted = filter.isEmpty ? nil : filter.admitter(facets)
        return Matcher.rank(query, in: searchIndex, admit: admitted).map {
            SearchHit(excerpt: excerpts[$0.position], position: $0.position, score: $0.score, byteMatches: $0.ranges)
        }
    }

    /// The matched stretches of one excerpt in character offsets, or nil when it is no hit.
    public func matchRanges(_ query: SearchQuery, excerptAt i: Int) -> [Range<Int>]? {
        Matcher.ranges(query, position: i, in: searchIndex).map { excerpts[i].text.characterRanges($0) }
    }
}

/// A single text as a search source (tests, and readers of one excerpt).
public struct SingleText: SearchSource {
    let index: SearchIndex
    public init(_ text: String) { index = SearchIndex(texts: [text]) }
    public var textCount: Int { 1 }
    public func corpus(fold: Bool) -> TextCorpus { index.corpus(fold: fold) }
    public func withOriginal<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R { index.withOriginal(i, body) }
}
