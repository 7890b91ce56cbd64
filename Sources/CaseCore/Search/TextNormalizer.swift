/// The one normalisation of search: texts and query terms alike go through it, on UTF-8 bytes.
/// Letters are lowered (ASCII and every two-byte letter whose lowercase has the same length:
/// Latin-1, Latin Extended with the Sami letters, Greek, Cyrillic); with `fold` the Nordic and
/// accented letters become plain ones (æ→ae, ø/ö→o, å/ä/á/à→a, é/è/ê→e, ü→u). Lowering keeps
/// every byte offset, so plain matches are offsets into the original text; folding can shorten a
/// letter, so folded matches are mapped back through `origins`.
public enum TextNormalizer {
    /// lower[s] for the scalars U+0000…U+07FF (one- and two-byte UTF-8).
    private static let lower: [UInt16] = (0..<0x800).map { v in
        guard let s = Unicode.Scalar(UInt32(v)) else { return UInt16(v) }
        let l = s.properties.lowercaseMapping.unicodeScalars
        guard l.count == 1, let m = l.first, (m.value < 0x80) == (v < 0x80), m.value < 0x800 else { return UInt16(v) }
        return UInt16(m.value)
    }
    /// Letters among U+0000…U+07FF, for whole-word ranking.
    private static let letters: [Bool] = (0..<0x800).map { v in
        Unicode.Scalar(UInt32(v)).map { isLetter($0) } ?? false
    }
    /// Combining marks among U+0000…U+07FF: they belong to the letter before them.
    private static let marks: [Bool] = (0..<0x800).map { v in
        Unicode.Scalar(UInt32(v)).map { isMark($0) } ?? false
    }

    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    static func isMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return s.value == 0x200D || (0xFE00...0xFE0F).contains(s.value)
        }
    }

    /// Appends the normalised bytes of `src` to `out`; with `origins`, also the offset in `src`
    /// of the scalar behind each byte appended.
    public static func normalize(
        _ src: UnsafeRawBufferPointer, fold: Bool, into out: inout [UInt8],
        origins: UnsafeMutablePointer<[Int32]>? = nil
    ) {
        let n = src.count
        var i = 0
        @inline(__always) func emit(_ b: UInt8, _ from: Int) {
            out.append(b)
            origins?.pointee.append(Int32(truncatingIfNeeded: from))
        }
        while i < n {
            let b = src[i]
            if b < 0x80 && origins == nil {
                // A run of ASCII (most of a Norwegian text) is copied at once and lowered in place.
                var j = i + 1
                while j < n && src[j] < 0x80 { j += 1 }
                let from = out.count
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: src[i..<j]))
                out.withUnsafeMutableBufferPointer { o in
                    for k in from..<o.count where o[k] &- 0x41 < 26 { o[k] |= 0x20 }
                }
                i = j
                continue
            }
            if b < 0x80 {
                emit(b >= 0x41 && b <= 0x5A ? b | 0x20 : b, i)
                i += 1
                continue
            }
            if b >= 0xC2 && b < 0xE0 && i + 1 < n && src[i + 1] & 0xC0 == 0x80 {
                let v = Int(b & 0x1F) << 6 | Int(src[i + 1] & 0x3F)
                let l = Int(lower[v])
                if fold, let plain = folded(l) {
                    emit(plain.0, i)
                    if let second = plain.1 { emit(second, i) }
                } else {
                    emit(UInt8(0xC0 | l >> 6), i)
                    emit(UInt8(0x80 | l & 0x3F), i)
                }
                i += 2
                continue
            }
            emit(b, i)
            i += 1
        }
    }

    /// What `normalize` gives without and with `fold`, in one pass: the lowered bytes to
    /// `plain` (exactly `src.count` of them: lowering keeps every offset) and the folded ones to
    /// `folded` (at most as many); returns how many went to `folded`. Eight bytes of ASCII (most
    /// of a Norwegian text) are lowered at once; the corpora of a whole study are built this way.
    static func normalizeBoth(
        _ src: UnsafeRawBufferPointer, plain: UnsafeMutablePointer<UInt8>, folded: UnsafeMutablePointer<UInt8>
    ) -> Int {
        let n = src.count
        guard let s = src.baseAddress else { return 0 }
        let bytes = s.assumingMemoryBound(to: UInt8.self)
        var i = 0, f = 0
        let high: UInt64 = 0x8080_8080_8080_8080
        while i < n {
            if i + 8 <= n {
                let w = s.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if w & high == 0 {
                    // Bytes 0x41…0x5A get their 0x20 bit: the sum with 0x3F reaches 0x80 from
                    // 'A' on, the sum with 0x25 from '[' on; no sum carries into the next byte.
                    let upper = (w &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(w &+ 0x2525_2525_2525_2525) & high
                    let lowered = w | (upper >> 2)
                    UnsafeMutableRawPointer(plain + i).storeBytes(of: lowered, as: UInt64.self)
                    UnsafeMutableRawPointer(folded + f).storeBytes(of: lowered, as: UInt64.self)
                    i += 8
                    f += 8
                    continue
                }
            }
            let b = bytes[i]
            if b < 0x80 {
                let l = b &- 0x41 < 26 ? b | 0x20 : b
                plain[i] = l
                folded[f] = l
                i += 1
                f += 1
                continue
            }
            if b >= 0xC2 && b < 0xE0 && i + 1 < n && bytes[i + 1] & 0xC0 == 0x80 {
                let l = Int(lower[Int(b & 0x1F) << 6 | Int(bytes[i + 1] & 0x3F)])
                let first = UInt8(0xC0 | l >> 6), second = UInt8(0x80 | l & 0x3F)
                plain[i] = first
                plain[i + 1] = second
                if let simple = Self.folded(l) {
                    folded[f] = simple.0
                    f += 1
                    if let more = simple.1 {
                        folded[f] = more
                        f += 1
                    }
                } else {
                    folded[f] = first
                    folded[f + 1] = second
                    f += 2
                }
                i += 2
                continue
            }
            plain[i] = b
            folded[f] = b
            i += 1
            f += 1
        }
        return f
    }

    @inline(__always) static func folded(_ v: Int) -> (UInt8, UInt8?)? {
        switch v {
        case 0xE6: return (0x61, 0x65) // æ → ae
        case 0xF8, 0xF6: return (0x6F, nil) // ø ö → o
        case 0xE5, 0xE4, 0xE1, 0xE0: return (0x61, nil) // å ä á à → a
        case 0xE9, 0xE8, 0xEA: return (0x65, nil) // é è ê → e
        case 0xFC: return (0x75, nil) // ü → u
        default: return nil
        }
    }

    public static func normalize(_ text: String, fold: Bool) -> [UInt8] {
        var out: [UInt8] = []
        var copy = text
        copy.withUTF8 { normalize(UnsafeRawBufferPointer($0), fold: fold, into: &out) }
        return out
    }

    /// The scalar that starts at `i` (its value and length); U+FFFD for a stray byte.
    @inline(__always) static func scalar(at i: Int, in b: UnsafeRawBufferPointer) -> (UInt32, Int) {
        let x = b[i]
        if x < 0x80 { return (UInt32(x), 1) }
        var length = 0, value = UInt32(0)
        if x & 0xE0 == 0xC0 {
            length = 2; value = UInt32(x & 0x1F)
        } else if x & 0xF0 == 0xE0 {
            length = 3; value = UInt32(x & 0x0F)
        } else if x & 0xF8 == 0xF0 {
            length = 4; value = UInt32(x & 0x07)
        } else {
            return (0xFFFD, 1)
        }
        guard i + length <= b.count else { return (0xFFFD, 1) }
        for k in 1..<length {
            let c = b[i + k]
            guard c & 0xC0 == 0x80 else { return (0xFFFD, 1) }
            value = value << 6 | UInt32(c & 0x3F)
        }
        return (value, length)
    }

    /// Where the scalar holding byte i-1 starts.
    @inline(__always) static func scalarStart(before i: Int, in b: UnsafeRawBufferPointer) -> Int {
        var j = i - 1
        while j > 0 && b[j] & 0xC0 == 0x80 && i - j < 4 { j -= 1 }
        return j
    }

    @inline(__always) static func isLetter(_ v: UInt32) -> Bool {
        if v < 0x800 { return letters[Int(v)] }
        return Unicode.Scalar(v).map { isLetter($0) } ?? false
    }

    @inline(__always) static func isMark(_ v: UInt32) -> Bool {
        if v < 0x80 { return false }
        if v < 0x800 { return marks[Int(v)] }
        return Unicode.Scalar(v).map { isMark($0) } ?? false
    }

    /// Whether the letter before byte i (in normalised text) is a letter.
    @inline(__always) static func letterBefore(_ i: Int, in b: UnsafeRawBufferPointer) -> Bool {
        guard i > 0 else { return false }
        let p = b[i - 1]
        if p < 0x80 { return (p | 0x20) >= 0x61 && (p | 0x20) <= 0x7A }
        return isLetter(scalar(at: scalarStart(before: i, in: b), in: b).0)
    }

    @inline(__always) static func letterAt(_ i: Int, in b: UnsafeRawBufferPointer) -> Bool {
        guard i < b.count else { return false }
        let p = b[i]
        if p < 0x80 { return (p | 0x20) >= 0x61 && (p | 0x20) <= 0x7A }
        return isLetter(scalar(at: i, in: b).0)
    }

    /// A byte range of an original text widened to whole characters: a combining mark after it
    /// (or at its start) belongs to the letter it follows.
    static func widened(_ r: Range<Int>, in text: UnsafeRawBufferPointer) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        // ASCII on both sides (most matches): nothing to widen.
        if (lo == 0 || lo >= text.count || text[lo] < 0x80) && (hi >= text.count || text[hi] < 0x80) {
            return lo..<hi
        }
        while lo > 0 && lo < text.count && isMark(scalar(at: lo, in: text).0) { lo = scalarStart(before: lo, in: text) }
        while hi < text.count {
            let (v, length) = scalar(at: hi, in: text)
            guard isMark(v) else { break }
            hi += length
        }
        return lo..<hi
    }
}

extension TextNormalizer {
    /// The scalar value starting at byte i and its length in bytes (U+FFFD, 1 for a stray byte).
    public static func scalarAt(_ i: Int, in b: UnsafeRawBufferPointer) -> (UInt32, Int) { scalar(at: i, in: b) }
    /// Whether a scalar joins the character before it (combining marks, joiners, selectors).
    @inline(__always) public static func isCombining(_ v: UInt32) -> Bool { isMark(v) }
}

extension TextNormalizer {
    /// Where the scalar before byte i starts.
    public static func scalarStartBefore(_ i: Int, in b: UnsafeRawBufferPointer) -> Int {
        scalarStart(before: i, in: b)
    }
}
