import ArgumentParser
import CaseCore

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search the excerpt texts.",
        discussion: """
        Case-insensitive; every word must occur (a "quoted phrase" counts as one word). Whole-word \
        matches rank first. With --fold, ø matches o, å matches a and æ matches ae, for keyboards \
        without Norwegian letters; without it "for" does not find "før".
        """
    )

    @Argument(help: "The words to find.")
    var words: [String]

    @Flag(help: "Fold the Norwegian letters: ø~o, å~a, æ~ae.")
    var fold = false

    @Option(help: "Show at most this many hits.")
    var limit: Int?

    @OptionGroup var data: DataOptions
    @OptionGroup(title: "Filters") var filters: FilterOptions

    @Flag(help: "Print a JSON array of excerpts (with a `matches` member of [start, end) character offsets).")
    var json = false

    func validate() throws {
        if words.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { throw ValidationError("Give at least one word to search for.") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
    }

    func run() throws {
        let d = try data.load()
        try filters.check(against: d)
        var hits = d.search(SearchQuery(words.joined(separator: " "), foldNordic: fold), filter: filters.filter)
        let total = hits.count
        if let limit { hits = Array(hits.prefix(limit)) }
        if json { return Output.json(.array(hits.map { d.json(excerpt: $0.excerpt, matches: $0.matches) })) }
        guard !hits.isEmpty else {
            throw CLIError(message: "no excerpt contains \(words.joined(separator: " "))\(filters.filter.isEmpty ? "" : " (\(filters.filter.summary))")\(fold ? "" : "; --fold also matches o for ø, a for å").", exitCode: CLIError.notFound)
        }
        let snippetWidth = max(30, Output.width - 26)
        Output.table(["#", "ID", "COUNTY", "MATCH"], hits.enumerated().map { n, hit in
            [String(n + 1), hit.excerpt.id, hit.excerpt.attribution.county.map(String.init) ?? "–", snippet(hit, width: snippetWidth)]
        }.map { $0 })
        Output.print("\(total) excerpt\(total == 1 ? "" : "s") found\(hits.count < total ? ", \(hits.count) shown" : "").")
    }

    /// A window of the text around the first match, highlighted.
    private func snippet(_ hit: SearchHit, width: Int) -> String {
        let chars = Array(hit.excerpt.text)
        guard let first = hit.matches.first else { return DisplayWidth.truncate(hit.excerpt.text, to: width) }
        let start = max(0, first.lowerBound - width / 3)
        var end = start
        var used = start > 0 ? 1 : 0
        while end < chars.count && used + DisplayWidth.of(chars[end]) <= width - 1 { used += DisplayWidth.of(chars[end]); end += 1 }
        let window = String(chars[start..<end])
        let shifted = hit.matches.compactMap { m -> Range<Int>? in
            let lo = max(m.lowerBound, start) - start, hi = min(m.upperBound, end) - start
            return lo < hi ? lo..<hi : nil
        }
        return (start > 0 ? "…" : "") + Output.highlight(window, shifted) + (end < chars.count ? "…" : "")
    }
}
