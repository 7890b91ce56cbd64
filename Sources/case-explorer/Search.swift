import ArgumentParser
import CaseCore
import Presentation

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search the excerpt texts.",
        discussion: """
            Case-insensitive; every word must occur (a "quoted phrase" counts as one word). A \
            whole-word match counts more than a word's start, which counts more than a part of a word; \
            more matches rank higher. With --fold, ø matches o, å matches a and æ matches ae, for keyboards \
            without Norwegian letters; without it "for" does not find "før". A word KEY:VALUE with a \
            filter's name narrows like the option (`search veileder kind:ppt`, `role:"leder i PP"`), \
            as in the explorer's search line; quote it ("kind:ppt") to search for the text.
            """
    )

    @Argument(help: "The words to find.")
    var words: [String]

    @Flag(help: "Fold the Norwegian letters: ø~o, å~a, æ~ae.")
    var fold = false

    @Option(help: "Show at most this many hits.")
    var limit: Int?

    @OptionGroup var data: DataOptions
    @OptionGroup var index: IndexOption
    @OptionGroup(title: "Filters") var filters: FilterOptions

    @Flag(help: "Print a JSON array of excerpts (with a `matches` member of [start, end) character offsets).")
    var json = false

    func validate() throws {
        if words.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) {
            throw ValidationError("Give at least one word to search for.")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
    }

    func run() throws {
        // The JSON output carries whole excerpts: it reads the data itself.
        if json { return try runJSON() }
        switch try index.catalog(data) {
        case let .index(i): try run(i)
        case let .data(d): try run(d)
        }
    }

    private func run<Catalog: ExcerptCatalog>(_ catalog: Catalog) throws {
        try filters.check(against: catalog.vocabulary)
        let (query, filter) = try parse(catalog.vocabulary)
        var hits = Matcher.rank(query, in: catalog, admit: filter.isEmpty ? nil : filter.admitter(catalog.facets))
        let total = hits.count
        if let limit { hits = Array(hits.prefix(limit)) }
        guard !hits.isEmpty else { throw notFound(query.text, filter) }
        HitTable(source: catalog, id: catalog.excerptID, county: catalog.county).write(hits, total: total)
    }

    private func runJSON() throws {
        let d = try index.dataset(data)
        try filters.check(against: d)
        let (query, filter) = try parse(d.vocabulary)
        var hits = Matcher.rank(query, in: d.searchIndex, admit: filter.isEmpty ? nil : filter.admitter(d.facets))
        if let limit { hits = Array(hits.prefix(limit)) }
        Output.json(
            .array(
                hits.map { h in
                    let e = d.excerpts[h.position]
                    return d.json(excerpt: e, matches: e.text.characterRanges(h.ranges))
                }))
    }

    /// The words to find and the filter, `key:value` words included.
    private func parse(_ vocabulary: FilterVocabulary) throws -> (SearchQuery, ExcerptFilter) {
        let parsed = InlineFilter.parse(words: words, base: filters.filter, vocabulary: vocabulary)
        if let problem = parsed.problems.first {
            throw CLIError(message: problem + ".", exitCode: ExitCode.validationFailure.rawValue)
        }
        guard !parsed.text.isEmpty else {
            throw CLIError(
                message:
                    "give at least one word to search for besides the filters (`case-explorer list excerpts` lists by "
                    + "filter alone).",
                exitCode: ExitCode.validationFailure.rawValue)
        }
        return (SearchQuery(parsed.text, foldNordic: fold), parsed.filter)
    }

    private func notFound(_ text: String, _ filter: ExcerptFilter) -> CLIError {
        let narrowed = filter.isEmpty ? "" : " (\(filter.summary))"
        let hint = fold ? "" : "; --fold also matches o for ø, a for å"
        return CLIError(
            message: "no excerpt contains \(text)\(narrowed)\(hint).",
            exitCode: CLIError.notFound)
    }
}

/// The table of hits, built on bytes: a window of each text around its first match with the
/// matches marked, written in large blocks.
struct HitTable<Source: SearchSource> {
    let source: Source
    let id: (Int) -> String
    /// -1 when not attributed.
    let county: (Int) -> Int

    func write(_ hits: [RankedHit], total: Int) {
        let terminal = Output.stdoutIsTerminal
        let (open, close) = terminal ? ("\u{1B}[1;4m", "\u{1B}[0m") : ("»", "«")
        let (openBytes, closeBytes) = (Array(open.utf8), Array(close.utf8))
        let markerWidth = terminal ? 0 : 1
        let numberWidth = max(1, String(hits.count).count)
        var idWidth = 2
        // Printable ASCII (ids, numbers) is one cell a byte; anything else is measured.
        func width(_ s: String) -> Int {
            s.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } ? s.utf8.count : DisplayWidth.of(s, as: .printed)
        }
        for h in hits { idWidth = max(idWidth, width(id(h.position))) }
        let countyWidth = 6
        let fixed = numberWidth + idWidth + countyWidth + 6
        let matchWidth = max(10, Output.width - fixed)
        var out = ByteOutput()
        func padded(_ s: String, _ w: Int) {
            out.cell(s)
            out.spaces(w - width(s) + 2)
        }
        padded("#", numberWidth); padded("ID", idWidth); padded("COUNTY", countyWidth); out.append("MATCH");
        out.newline()
        out.append(
            [numberWidth, idWidth, countyWidth, matchWidth].map { String(repeating: "─", count: $0) }.joined(
                separator: "  "))
        out.newline()
        for (n, h) in hits.enumerated() {
            padded(String(n + 1), numberWidth)
            padded(id(h.position), idWidth)
            let c = county(h.position)
            padded(c < 0 ? "–" : String(c), countyWidth)
            source.withOriginal(h.position) { text in
                snippet(
                    text, h.ranges, width: matchWidth, markerWidth: markerWidth, open: openBytes, close: closeBytes,
                    into: &out)
            }
            out.newline()
        }
        out.append(
            "\(total) excerpt\(total == 1 ? "" : "s") found\(hits.count < total ? ", \(hits.count) shown" : "").")
        out.newline()
        out.flush()
    }

    private let ellipsis = Array("…".utf8)

    /// A window of the text around the first match, at most `width` cells with its markers.
    private func snippet(
        _ t: UnsafeRawBufferPointer, _ ranges: [Range<Int>], width: Int, markerWidth: Int, open: [UInt8],
        close: [UInt8],
        into out: inout ByteOutput
    ) {
        let first = ranges.first?.lowerBound ?? 0
        // Back a third of the width, by characters (a mark goes with its letter).
        var start = first, back = 0
        while start > 0 && back < width / 3 {
            // ASCII is one character a byte and never a mark: most of the way back.
            if t[start - 1] < 0x80 { start -= 1; back += 1; continue }
            start = TextNormalizer.scalarStartBefore(start, in: t)
            if !TextNormalizer.isCombining(TextNormalizer.scalarAt(start, in: t).0) { back += 1 }
        }
        var used = start > 0 ? 1 : 0
        var end = start
        var r = 0
        while r < ranges.count && ranges[r].upperBound <= start { r += 1 }
        // The window's start is known: the text is written as the markers are placed.
        if start > 0 { out.append(ellipsis) }
        var at = start
        func mark(_ place: Int, open isOpen: Bool) {
            out.cell(UnsafeRawBufferPointer(rebasing: t[at..<place]))
            out.append(isOpen ? open : close)
            at = place
        }
        var inside = r < ranges.count && ranges[r].lowerBound < start
        if inside { used += markerWidth; mark(start, open: true) }
        while end < t.count {
            // A run of ASCII before the next marker's place: one cell a byte, nothing to mark.
            let boundary = r < ranges.count ? (inside ? ranges[r].upperBound : ranges[r].lowerBound) : t.count
            let room = width - 1 - (inside ? markerWidth : 0) - used
            let stop = min(boundary, t.count, end + max(0, room))
            let from = end
            while end < stop && t[end] < 0x80 { end += 1 }
            used += end - from
            if inside && r < ranges.count && ranges[r].upperBound <= end {
                mark(end, open: false); inside = false; used += markerWidth; r += 1
            }
            guard end < t.count else { break }
            var extra = 0
            if r < ranges.count && !inside && ranges[r].lowerBound == end { extra += markerWidth }
            let (w, length) = characterWidth(at: end, in: t)
            // Room for the closing marker and the "…".
            if used + extra + w + (inside || extra > 0 ? markerWidth : 0) > width - 1 { break }
            if extra > 0 || (r < ranges.count && !inside && ranges[r].lowerBound == end) {
                inside = true; mark(end, open: true)
            }
            used += extra + w
            end += length
            if inside && r < ranges.count && ranges[r].upperBound <= end {
                mark(end, open: false); inside = false; used += markerWidth; r += 1
            }
        }
        if inside { mark(end, open: false) }
        out.cell(UnsafeRawBufferPointer(rebasing: t[at..<end]))
        if end < t.count { out.append(ellipsis) }
    }
}
