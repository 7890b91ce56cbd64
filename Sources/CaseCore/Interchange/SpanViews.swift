/// Where an excerpt stands in a source, counted as the other program may have counted: code
/// points from the start of the text, with or without a byte-order mark, CRLF as one or two.
struct SpanViews {
    enum Fit { case whole, partial(Range<Int>), outside }
    private var ranges: [Range<Int>] = []

    init?(source: String, bom: Bool, excerpt: String) {
        let plain = Array(source.unicodeScalars)
        var candidates: [([Unicode.Scalar], String)] = [(plain, excerpt)]
        if source.contains("\r\n") {
            candidates.append((Array(source.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars), excerpt))
            candidates[0].1 = excerpt.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(
                of: "\n", with: "\r\n")
        }
        // Every place the excerpt's text stands (a lead-in may quote it before the excerpt).
        for (text, needle) in candidates {
            for r in Self.occurrences(Array(needle.unicodeScalars), in: text) {
                ranges.append(r)
                if bom { ranges.append((r.lowerBound + 1)..<(r.upperBound + 1)) }
            }
        }
        if ranges.isEmpty { return nil }
    }

    func classify(_ s: Range<Int>) -> Fit {
        if ranges.contains(where: { s.lowerBound <= $0.lowerBound && s.upperBound >= $0.upperBound }) { return .whole }
        if let r = ranges.first(where: { s.overlaps($0) }) { return .partial(r) }
        return .outside
    }

    static func occurrences(_ needle: [Unicode.Scalar], in hay: [Unicode.Scalar], limit: Int = 16) -> [Range<Int>] {
        guard !needle.isEmpty, needle.count <= hay.count else { return [] }
        let first = needle[0]
        var found: [Range<Int>] = []
        var i = 0
        while i + needle.count <= hay.count, found.count < limit {
            if hay[i] == first, hay[i..<(i + needle.count)].elementsEqual(needle) {
                found.append(i..<(i + needle.count))
            }
            i += 1
        }
        return found
    }
}
