import CaseCore
import Presentation
#if canImport(Glibc)
    import Glibc
#endif

/// Standard output as one buffer of bytes, written in large blocks: long results (tens of
/// thousands of lines) cost a handful of writes. Text from the data goes in through `cell`,
/// which makes control characters harmless (a raw one could drive the terminal).
struct ByteOutput {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 16) }

    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ b: UInt8) { bytes.append(b) }

    mutating func append(_ b: [UInt8]) { bytes.append(contentsOf: b) }

    mutating func spaces(_ n: Int) { if n > 0 { bytes.append(contentsOf: repeatElement(0x20, count: n)) } }

    /// Data text, with C0 and C1 control characters and DEL shown as a space (tab, newline) or
    /// as U+FFFD, so a hostile file cannot send escape sequences to the terminal.
    mutating func cell(_ text: UnsafeRawBufferPointer) {
        var i = 0
        // Harmless bytes go in as runs, one copy each (this is most of a table's output).
        var run = 0
        let n = text.count
        while i < n {
            let b = text[i]
            if b >= 0x20 && b != 0x7F && b != 0xC2 { i += 1; continue }
            if b == 0xC2, !(i + 1 < n && text[i + 1] >= 0x80 && text[i + 1] <= 0x9F) { i += 1; continue }
            if run < i { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[run..<i])) }
            if b == 0xC2 {
                bytes.append(contentsOf: [0xEF, 0xBF, 0xBD]); i += 2
            } else {
                if b == 0x09 || b == 0x0A || b == 0x0D {
                    bytes.append(0x20)
                } else {
                    bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])
                }
                i += 1
            }
            run = i
        }
        if run < n { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[run..<n])) }
    }

    mutating func cell(_ text: String) {
        var t = text
        t.withUTF8 { cell(UnsafeRawBufferPointer($0)) }
    }

    /// Ends a line, dropping trailing spaces.
    mutating func newline() {
        while bytes.last == 0x20 { bytes.removeLast() }
        bytes.append(0x0A)
        if bytes.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        bytes.withUnsafeBytes { StandardStreams.write(STDOUT_FILENO, $0) }
        bytes.removeAll(keepingCapacity: true)
    }
}

/// Display width of the character starting at byte i, printed as it is (`DisplayWidth.printed`),
/// and its length: the scalar, its marks and variation selectors, and each scalar a zero-width
/// joiner joins to it (👩‍🔬), so a cut never falls inside an emoji sequence.
@inline(__always) func characterWidth(at i: Int, in t: UnsafeRawBufferPointer) -> (width: Int, length: Int) {
    let b = t[i]
    if b < 0x80 { return (1, 1) } // controls become one cell in `cell`
    let (v, n) = TextNormalizer.scalarAt(i, in: t)
    var width = (0x80...0x9F).contains(v) ? 1 : Unicode.Scalar(v).map { DisplayWidth.of($0) } ?? 1
    var length = n
    var afterJoiner = false
    while i + length < t.count {
        let (m, k) = TextNormalizer.scalarAt(i + length, in: t)
        if afterJoiner {
            // As `DisplayWidth.printed`: an emoji joined to the one before takes no cells of its own.
            let w = Unicode.Scalar(m).map { DisplayWidth.of($0) } ?? 1
            if w != 2 { width += w }
        } else if !TextNormalizer.isCombining(m) {
            break
        }
        afterJoiner = m == 0x200D
        length += k
    }
    return (width, length)
}
