import CSearch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The excerpt texts lowered (and, for the folded variant, with ø→o, å→a, æ→ae …) as one
/// contiguous run of UTF-8 bytes, so a query is a few `memmem` scans instead of a walk over
/// every character of every excerpt. Built once per dataset, on first use.
public final class SearchIndex: @unchecked Sendable {
    private let texts: [String]
    private let lock = NSLock()
    private var plain: Corpus?
    private var folded: Corpus?

    struct Corpus {
        var bytes: [UInt8]
        /// starts[i]: where excerpt i begins in `bytes`; each text is followed by a 0 byte.
        var starts: [Int]
    }

    public init(texts: [String]) { self.texts = texts }

    /// Builds the corpus now (for benchmarks; searches build it on demand).
    public func prepare(fold: Bool) { _ = corpus(fold: fold) }

    private func corpus(fold: Bool) -> Corpus {
        lock.lock()
        defer { lock.unlock() }
        if let c = fold ? folded : plain { return c }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(texts.reduce(0) { $0 + $1.utf8.count + 1 })
        var starts: [Int] = []
        starts.reserveCapacity(texts.count)
        for t in texts {
            starts.append(bytes.count)
            SearchIndex.normalize(t.utf8, fold: fold, into: &bytes)
            bytes.append(0)
        }
        let c = Corpus(bytes: bytes, starts: starts)
        if fold { folded = c } else { plain = c }
        return c
    }

    /// Lowercases ASCII and Latin-1 letters and, with `fold`, maps the Nordic and accented
    /// letters to plain ones — the same rules as `FoldedText`, on bytes.
    static func normalize(_ utf8: some Sequence<UInt8>, fold: Bool, into out: inout [UInt8]) {
        var pendingC3 = false
        for b in utf8 {
            if pendingC3 {
                pendingC3 = false
                var x = b
                if (0x80...0x9E).contains(x) && x != 0x97 { x += 0x20 }
                if fold {
                    switch x {
                    case 0xA6: out += [0x61, 0x65]; continue // æ → ae
                    case 0xB8, 0xB6: out.append(0x6F); continue // ø ö → o
                    case 0xA5, 0xA4, 0xA1, 0xA0: out.append(0x61); continue // å ä á à → a
                    case 0xA9, 0xA8, 0xAA: out.append(0x65); continue // é è ê → e
                    case 0xBC: out.append(0x75); continue // ü → u
                    default: break
                    }
                }
                out += [0xC3, x]
                continue
            }
            if b == 0xC3 { pendingC3 = true; continue }
            out.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
        }
        if pendingC3 { out.append(0xC3) }
    }

    /// Indices of the texts that contain every term of the query.
    public func matching(_ query: SearchQuery) -> [Int] {
        let words = query.rawTerms
        guard !words.isEmpty else { return [] }
        let c = corpus(fold: query.foldNordic)
        var result: Set<Int>?
        for word in words {
            var needle: [UInt8] = []
            SearchIndex.normalize(Array(word.lowercased().utf8), fold: query.foldNordic, into: &needle)
            guard !needle.isEmpty else { continue }
            var found: Set<Int> = []
            c.bytes.withUnsafeBufferPointer { hay in
                needle.withUnsafeBufferPointer { nd in
                    var offset = 0
                    while offset < hay.count {
                        guard let hit = ce_memmem(hay.baseAddress! + offset, hay.count - offset, nd.baseAddress!, nd.count) else { break }
                        let at = hay.baseAddress!.distance(to: UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)))
                        // The excerpt holding the hit: the last start at or before it.
                        var lo = 0, hi = c.starts.count - 1
                        while lo < hi {
                            let mid = (lo + hi + 1) / 2
                            if c.starts[mid] <= at { lo = mid } else { hi = mid - 1 }
                        }
                        found.insert(lo)
                        offset = lo + 1 < c.starts.count ? c.starts[lo + 1] : hay.count
                    }
                }
            }
            result = result.map { $0.intersection(found) } ?? found
            if result?.isEmpty == true { break }
        }
        return (result ?? []).sorted()
    }
}

extension SearchQuery {
    /// The words and "quoted phrases" as typed.
    var rawTerms: [String] {
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
}
