/// An excerpt's text: a string of its own (loaded from JSON, or set), or its place among the
/// original texts of the index on disk, read from the memory map each time it is asked for —
/// the same bytes the index was written from, so the same string.
enum ExcerptText: Sendable, Hashable {
    case owned(String)
    case mapped(MappedTexts, Int)

    var string: String {
        switch self {
        case let .owned(s): return s
        case let .mapped(texts, i): return String(decoding: texts.corpus.text(i), as: UTF8.self)
        }
    }

    /// The text's place in `texts` when it is read from there.
    func position(in texts: MappedTexts) -> Int? {
        if case let .mapped(t, i) = self, t === texts { return i }
        return nil
    }

    // As the text: two excerpts are equal when their texts are, wherever they are kept.
    static func == (a: ExcerptText, b: ExcerptText) -> Bool {
        if case let .mapped(t, i) = a, case let .mapped(u, k) = b, t === u, i == k { return true }
        return a.string == b.string
    }

    func hash(into hasher: inout Hasher) { hasher.combine(string) }
}

/// The index's original texts (kept mapped by the corpus's owner), shared by the excerpts
/// read from it.
final class MappedTexts: Sendable {
    let corpus: TextCorpus
    init(_ corpus: TextCorpus) { self.corpus = corpus }
}
