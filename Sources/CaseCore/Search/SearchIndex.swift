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

    /// Indices of the texts that contain every term of the query. The first term is looked
    /// for in the whole corpus (in two halves at once, one per core); each further term only in
    /// the texts that are still candidates.
    public func matching(_ query: SearchQuery) -> [Int] {
        let needles: [[UInt8]] = query.rawTerms.compactMap { word in
            var needle: [UInt8] = []
            SearchIndex.normalize(Array(word.lowercased().utf8), fold: query.foldNordic, into: &needle)
            return needle.isEmpty ? nil : needle
        }
        guard let first = needles.first else { return [] }
        let c = corpus(fold: query.foldNordic)
        guard !c.starts.isEmpty else { return [] }
        let parts = c.starts.count > 2000 ? 2 : 1
        let bounds = (0...parts).map { $0 * c.starts.count / parts }
        let found = Slots(count: parts)
        defer { found.free() }
        c.bytes.withUnsafeBufferPointer { hay in
            let haystack = Haystack(bytes: hay)
            // Each half writes only its own slot.
            DispatchQueue.concurrentPerform(iterations: parts) { p in
                found.pointer[p] = SearchIndex.scan(haystack.bytes, c.starts, from: bounds[p], to: bounds[p + 1], for: first)
            }
        }
        var candidates = (0..<parts).flatMap { found.pointer[$0] }
        for needle in needles.dropFirst() where !candidates.isEmpty {
            candidates = c.bytes.withUnsafeBufferPointer { hay in
                candidates.filter { i in
                    let start = c.starts[i], end = i + 1 < c.starts.count ? c.starts[i + 1] : hay.count
                    return needle.withUnsafeBufferPointer { nd in
                        ce_memmem(hay.baseAddress! + start, end - start, nd.baseAddress!, nd.count) != nil
                    }
                }
            }
        }
        return candidates
    }

    /// The texts first...<last that contain the needle: one memmem run over their bytes,
    /// jumping to the next text after each hit.
    private static func scan(_ hay: UnsafeBufferPointer<UInt8>, _ starts: [Int], from first: Int, to last: Int, for needle: [UInt8]) -> [Int] {
        guard first < last else { return [] }
        var result: [Int] = []
        let end = last < starts.count ? starts[last] : hay.count
        var offset = starts[first]
        var text = first
        needle.withUnsafeBufferPointer { nd in
            while offset < end {
                guard let hit = ce_memmem(hay.baseAddress! + offset, end - offset, nd.baseAddress!, nd.count) else { break }
                let at = hay.baseAddress!.distance(to: UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)))
                // The text holding the hit: search forward from the current one (hits come in order).
                var lo = text, hi = last - 1
                while lo < hi {
                    let mid = (lo + hi + 1) / 2
                    if starts[mid] <= at { lo = mid } else { hi = mid - 1 }
                }
                result.append(lo)
                text = lo + 1
                offset = text < starts.count ? starts[text] : hay.count
            }
        }
        return result
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

/// The corpus bytes, read by both halves at once (never written while they run).
private struct Haystack: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
}
