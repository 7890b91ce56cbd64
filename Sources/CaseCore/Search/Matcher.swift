import CSearch
import Foundation

/// A search as typed: words and "quoted phrases"; every one must occur. Case-insensitive;
/// folding of the Norwegian letters (ø→o, å→a, æ→ae) only when asked for: a researcher searching
/// "for" does not want "før".
public struct SearchQuery: Sendable, Hashable {
    public var text: String
    public var foldNordic: Bool

    public init(_ text: String, foldNordic: Bool = false) {
        self.text = text
        self.foldNordic = foldNordic
    }

    /// The words and "quoted phrases" as typed.
    public var rawTerms: [String] {
        var terms: [String] = []
        var current = ""
        var inQuotes = false
        for ch in text {
            if ch == "\"" {
                if !current.isEmpty { terms.append(current) }
                current = ""
                inQuotes.toggle()
            } else if ch.isWhitespace && !inQuotes {
                if !current.isEmpty { terms.append(current) }
                current = ""
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { terms.append(current) }
        return terms
    }

    /// The terms as normalised bytes (TextNormalizer), empty ones dropped.
    public var needles: [[UInt8]] {
        rawTerms.map { TextNormalizer.normalize($0, fold: foldNordic) }.filter { !$0.isEmpty }
    }

    public var isEmpty: Bool { needles.isEmpty }
}

/// Where a search reads texts: the normalised corpora, and each original text's bytes.
/// The dataset in memory and the index on disk both are one; the matcher is the same for both.
public protocol SearchSource: Sendable {
    var textCount: Int { get }
    func corpus(fold: Bool) -> TextCorpus
    func withOriginal<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R
}

/// One excerpt found: its position, a score for ranking, and the matched stretches as UTF-8
/// byte offsets into its original text (sorted, merged, whole characters).
public struct RankedHit: Sendable, Equatable {
    public let position: Int
    public let score: Int
    public let ranges: [Range<Int>]
}

/// The one matcher: the explorer, the command line and the index all find, rank and mark hits here.
public enum Matcher {
    /// Positions of the texts holding every term, in order. The first term is looked for in the
    /// whole corpus (in two halves at once, one per core); each further term only in the texts
    /// still in the running. `givingBackEvery`: the texts are scanned for every term a chunk of
    /// that many bytes at a time, each chunk's pages given back after it when the corpus is read
    /// from the index's file mapping (`TextCorpus.giveBack`; they are read from the file again
    /// when next touched): a search then adds at most a chunk per core to the resident memory.
    public static func positions(_ query: SearchQuery, in source: some SearchSource, givingBackEvery chunk: Int? = nil)
        -> [Int]
    {
        let needles = query.needles
        guard let first = needles.first else { return [] }
        let c = source.corpus(fold: query.foldNordic)
        guard c.count > 0 else { return [] }
        let parts = c.count > 2000 ? 2 : 1
        let bounds = (0...parts).map { $0 * c.count / parts }
        let found = Slots(count: parts)
        defer { found.free() }
        DispatchQueue.concurrentPerform(iterations: parts) { p in
            if let chunk {
                found.pointer[p] = scanGivingBack(c, from: bounds[p], to: bounds[p + 1], for: needles, chunk: chunk)
            } else {
                found.pointer[p] = scan(c, from: bounds[p], to: bounds[p + 1], for: first)
            }
        }
        if chunk != nil {
            // The pages astride two chunks (each chunk gives back only its whole pages).
            c.giveBack(0..<c.count)
            return (0..<parts).flatMap { found.pointer[$0] }
        }
        var candidates = (0..<parts).flatMap { found.pointer[$0] }
        for needle in needles.dropFirst() where !candidates.isEmpty {
            candidates = candidates.filter { contains(c.text($0), needle) }
        }
        return candidates
    }

    /// The hits ranked best first: whole-word matches outrank word starts, which outrank parts of
    /// words; more matches outrank fewer; ties keep the report's order. `admit` narrows by filter.
    public static func rank(_ query: SearchQuery, in source: some SearchSource, admit: ((Int) -> Bool)? = nil)
        -> [RankedHit]
    {
        let needles = query.needles
        guard !needles.isEmpty else { return [] }
        let c = source.corpus(fold: query.foldNordic)
        var hits: [RankedHit] = []
        for i in positions(query, in: source) where admit?(i) ?? true {
            let (score, found) = examine(c.text(i), needles)
            hits.append(
                RankedHit(
                    position: i, score: score,
                    ranges: originalRanges(found, position: i, fold: query.foldNordic, source)))
        }
        return hits.sorted { $0.score != $1.score ? $0.score > $1.score : $0.position < $1.position }
    }

    /// The marked stretches of one text (empty when it is not a hit), for a reader showing it.
    public static func ranges(_ query: SearchQuery, position i: Int, in source: some SearchSource) -> [Range<Int>]? {
        let needles = query.needles
        guard !needles.isEmpty else { return nil }
        let text = source.corpus(fold: query.foldNordic).text(i)
        guard needles.allSatisfy({ contains(text, $0) }) else { return nil }
        return originalRanges(examine(text, needles).ranges, position: i, fold: query.foldNordic, source)
    }

    /// Score and normalised ranges of a text that holds every term.
    static func examine(_ text: UnsafeRawBufferPointer, _ needles: [[UInt8]]) -> (score: Int, ranges: [Range<Int>]) {
        var score = 0
        var ranges: [Range<Int>] = []
        for needle in needles {
            var at = 0
            while let p = find(needle, in: text, from: at) {
                let end = p + needle.count
                let startsWord = !TextNormalizer.letterBefore(p, in: text)
                let endsWord = !TextNormalizer.letterAt(end, in: text)
                score += 1 + (startsWord ? 2 : 0) + (startsWord && endsWord ? 3 : 0)
                ranges.append(p..<end)
                at = end
            }
        }
        return (score, ranges)
    }

    /// Maps normalised ranges to the original text (folding may shorten letters), widens them to
    /// whole characters and merges them.
    static func originalRanges(_ found: [Range<Int>], position i: Int, fold: Bool, _ source: some SearchSource)
        -> [Range<Int>]
    {
        source.withOriginal(i) { original in
            var mapped = found
            if fold {
                var out: [UInt8] = []
                var origins: [Int32] = []
                out.reserveCapacity(original.count)
                origins.reserveCapacity(original.count)
                TextNormalizer.normalize(original, fold: true, into: &out, origins: &origins)
                mapped = found.map { r in
                    let lo = Int(origins[r.lowerBound]), last = Int(origins[r.upperBound - 1])
                    return lo..<(last + TextNormalizer.scalar(at: last, in: original).1)
                }
            }
            return mergeWidened(mapped, in: original)
        }
    }

    /// `merge` of the ranges widened to whole characters, without the intermediate arrays when
    /// they come in order (one term's matches, as most hits have): widening keeps the order.
    static func mergeWidened(_ ranges: [Range<Int>], in original: UnsafeRawBufferPointer) -> [Range<Int>] {
        var inOrder = true
        for k in ranges.indices.dropFirst() where ranges[k - 1].lowerBound > ranges[k].lowerBound {
            inOrder = false
            break
        }
        guard inOrder else { return merge(ranges.map { TextNormalizer.widened($0, in: original) }) }
        var out: [Range<Int>] = []
        out.reserveCapacity(ranges.count)
        for range in ranges {
            let r = TextNormalizer.widened(range, in: original)
            if let last = out.last, r.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
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

    @inline(__always) static func find(_ needle: [UInt8], in text: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard from + needle.count <= text.count, let base = text.baseAddress else { return nil }
        return needle.withUnsafeBytes { nd in
            ce_memmem(base + from, text.count - from, nd.baseAddress!, nd.count).map {
                base.distance(to: UnsafeRawPointer($0))
            }
        }
    }

    @inline(__always) static func contains(_ text: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        find(needle, in: text, from: 0) != nil
    }

    /// The bytes of corpus the explorer's searches scan between two givings back of its pages.
    public static let givingBackChunk = 1 << 20

    /// The texts first..<last holding every needle, a chunk of about `chunk` bytes of texts at a
    /// time: the first needle scanned for, the others looked for in its hits, then the chunk's
    /// pages given back.
    private static func scanGivingBack(
        _ c: TextCorpus, from first: Int, to last: Int, for needles: [[UInt8]], chunk: Int
    ) -> [Int] {
        var result: [Int] = []
        var lo = first
        while lo < last {
            // The chunk ends at the first text starting `chunk` bytes or more after its own start.
            let limit = Int(c.starts[lo]) + max(chunk, 1)
            var hi = lo + 1, top = last
            while hi < top {
                let mid = (hi + top) / 2
                if Int(c.starts[mid]) < limit { hi = mid + 1 } else { top = mid }
            }
            var hits = scan(c, from: lo, to: hi, for: needles[0])
            for needle in needles.dropFirst() where !hits.isEmpty {
                hits = hits.filter { contains(c.text($0), needle) }
            }
            result += hits
            c.giveBack(lo..<hi)
            lo = hi
        }
        return result
    }

    /// The texts first..<last that hold the needle: one memmem run over their bytes, jumping to
    /// the next text after each hit. A hit running over a text's end (into the next) is no hit.
    private static func scan(_ c: TextCorpus, from first: Int, to last: Int, for needle: [UInt8]) -> [Int] {
        guard first < last, let base = c.bytes.baseAddress else { return [] }
        var result: [Int] = []
        let end = Int(c.starts[last])
        var offset = Int(c.starts[first])
        var text = first
        needle.withUnsafeBytes { nd in
            while offset < end {
                guard let hit = ce_memmem(base + offset, end - offset, nd.baseAddress!, nd.count) else { break }
                let at = base.distance(to: UnsafeRawPointer(hit))
                var lo = text, hi = last - 1
                while lo < hi {
                    let mid = (lo + hi + 1) / 2
                    if Int(c.starts[mid]) <= at { lo = mid } else { hi = mid - 1 }
                }
                if at + nd.count <= Int(c.starts[lo + 1]) - 1 {
                    result.append(lo)
                    text = lo + 1
                    offset = Int(c.starts[text])
                } else {
                    text = lo
                    offset = at + 1
                }
            }
        }
        return result
    }
}

/// One result slot per half of a parallel scan; each half writes only its own slot.
private struct Slots: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<[Int]>
    let count: Int
    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: [], count: count)
    }
    func free() {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }
}

extension String {
    /// Character (grapheme cluster) offsets for UTF-8 byte ranges of this string.
    public func characterRanges(_ byteRanges: [Range<Int>]) -> [Range<Int>] {
        let u = utf8
        var result: [Range<Int>] = []
        var lastByte = 0, lastIndex = startIndex, lastChar = 0
        for r in byteRanges {
            func chars(_ b: Int) -> Int {
                let idx = u.index(lastIndex, offsetBy: b - lastByte)
                lastChar += distance(from: lastIndex, to: idx)
                lastIndex = idx
                lastByte = b
                return lastChar
            }
            let lo = chars(r.lowerBound), hi = chars(r.upperBound)
            result.append(lo..<hi)
        }
        return result
    }
}
