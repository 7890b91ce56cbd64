/// Case-insensitive search over excerpt texts. Folding of the Norwegian letters (ø→o, å→a,
/// æ→ae) happens only when asked for: a researcher searching "for" does not want "før".
public struct SearchQuery: Sendable, Hashable {
    public var text: String
    public var foldNordic: Bool

    public init(_ text: String, foldNordic: Bool = false) {
        self.text = text
        self.foldNordic = foldNordic
    }

    /// The terms to find, lowered and folded as asked: words, or "quoted phrases" kept whole.
    public var terms: [[Character]] {
        rawTerms.map { FoldedText($0, foldNordic: foldNordic).characters }.filter { !$0.isEmpty }
    }
}

/// A text lowered (and optionally folded) character by character, remembering for each folded
/// character which original character it came from, so matches can be highlighted in the original.
public struct FoldedText: Sendable {
    public private(set) var characters: [Character] = []
    /// origin[i] is the offset (in Characters) of the original character behind characters[i].
    public private(set) var origin: [Int] = []

    public init(_ text: String, foldNordic: Bool) {
        characters.reserveCapacity(text.utf8.count)
        for (offset, ch) in text.enumerated() {
            for folded in FoldedText.fold(ch, nordic: foldNordic) {
                characters.append(folded)
                origin.append(offset)
            }
        }
    }

    static func fold(_ ch: Character, nordic: Bool) -> [Character] {
        let lower = ch.lowercased()
        guard nordic else { return Array(lower) }
        switch lower {
        case "æ": return ["a", "e"]
        case "ø", "ö": return ["o"]
        case "å", "ä", "á", "à": return ["a"]
        case "é", "è", "ê": return ["e"]
        case "ü": return ["u"]
        default: return Array(lower)
        }
    }
}

/// One excerpt found, with a score for ranking and the matched stretches of its text.
public struct SearchHit: Sendable {
    public let excerpt: Excerpt
    public let score: Int
    /// Character offsets into `excerpt.text`, sorted, non-overlapping.
    public let matches: [Range<Int>]
}

extension Dataset {
    /// Excerpts containing every term, best first: whole-word matches outrank parts of words,
    /// more matches outrank fewer; ties keep the report's order.
    public func search(_ query: SearchQuery, filter: ExcerptFilter = ExcerptFilter()) -> [SearchHit] {
        let terms = query.terms
        guard !terms.isEmpty else { return [] }
        var hits: [(hit: SearchHit, order: Int)] = []
        // The index finds the candidates; the matcher scores them and finds the stretches.
        for i in searchIndex.matching(query) where filter.isEmpty || matches(excerpts[i], filter) {
            if let hit = TextMatcher.match(excerpts[i], terms: terms, foldNordic: query.foldNordic) {
                hits.append((hit, i))
            }
        }
        return hits.sorted { $0.hit.score != $1.hit.score ? $0.hit.score > $1.hit.score : $0.order < $1.order }.map(\.hit)
    }
}

public enum TextMatcher {
    public static func match(_ excerpt: Excerpt, terms: [[Character]], foldNordic: Bool) -> SearchHit? {
        let folded = FoldedText(excerpt.text, foldNordic: foldNordic)
        let chars = folded.characters
        var score = 0
        var ranges: [Range<Int>] = []
        for term in terms {
            var found = false
            var i = 0
            while i + term.count <= chars.count {
                if chars[i] == term[0] && chars[i..<(i + term.count)].elementsEqual(term) {
                    found = true
                    let startsWord = i == 0 || !chars[i - 1].isLetter
                    let endsWord = i + term.count == chars.count || !chars[i + term.count].isLetter
                    score += 1 + (startsWord ? 2 : 0) + (startsWord && endsWord ? 3 : 0)
                    let lower = folded.origin[i], upper = folded.origin[i + term.count - 1] + 1
                    ranges.append(lower..<upper)
                    i += term.count
                } else {
                    i += 1
                }
            }
            if !found { return nil }
        }
        return SearchHit(excerpt: excerpt, score: score, matches: merge(ranges))
    }

    static func merge(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, r.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }
}
