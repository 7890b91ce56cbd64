import Foundation
import Testing
@testable import CaseCore

/// The corpora of a loaded study are built in one pass, eight ASCII bytes at a time
/// (`TextNormalizer.normalizeBoth`); they must be byte for byte what `normalize` gives, which
/// queries and the dataset's own corpora go through.
@Suite struct NormalizeBothTests {
    /// Letters and signs of every width, runs of ASCII of every length around them.
    static let alphabet: [String] = [
        "a", "Z", "M", "@", "[", "`", "{", " ", "\n", "\t", "0", "9", "Æ", "æ", "Ø", "ø", "Å", "å", "Ä", "ö", "Ü", "é",
        "È", "Ê", "á", "À", "Ŋ", "Š", "Đ", "Ž", "Σ", "ς", "Д", "я", "\u{0301}", "—", "€", "«", "»", "𝄞", "😀", "ß",
        "İ", "ẞ", "Ǆ", "\u{00A0}", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz", "Kompetanseløftet",
        "INKLUDERING", "Laget Rundt"
    ]

    static func check(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { utf8 in
            let src = UnsafeRawBufferPointer(utf8)
            var plain = [UInt8](repeating: 0xFF, count: src.count + 8)
            var folded = [UInt8](repeating: 0xFF, count: src.count + 8)
            let count = plain.withUnsafeMutableBufferPointer { p in
                folded.withUnsafeMutableBufferPointer { f in
                    TextNormalizer.normalizeBoth(src, plain: p.baseAddress!, folded: f.baseAddress!)
                }
            }
            var expectedPlain: [UInt8] = []
            var expectedFolded: [UInt8] = []
            TextNormalizer.normalize(src, fold: false, into: &expectedPlain)
            TextNormalizer.normalize(src, fold: true, into: &expectedFolded)
            // Nothing is written past what is returned (the corpus's next text starts there).
            return Array(plain[..<src.count]) == expectedPlain && plain[src.count...].allSatisfy { $0 == 0xFF }
                && Array(folded[..<count]) == expectedFolded && folded[count...].allSatisfy { $0 == 0xFF }
        }
    }

    @Test func bothFormsInOnePassAreWhatNormaliseGives() {
        var rng = SeededGenerator(seed: 41)
        for length in 0..<400 {
            var text = ""
            for _ in 0..<(length % 40) { text += Self.alphabet[Int(rng.next() % UInt64(Self.alphabet.count))] }
            #expect(Self.check(text), "\(Array(text.unicodeScalars).map { $0.value })")
        }
        // Every one- and two-byte scalar, alone and between ASCII on both sides.
        for v in 0..<0x800 {
            guard let s = Unicode.Scalar(UInt32(v)) else { continue }
            #expect(Self.check(String(s)) && Self.check("ABCDEFG" + String(s) + "HIJKLMNOPQ"), "U+\(v)")
        }
    }

    @Test func theCorporaBuiltWhileLoadingAreThoseOfTheDataset() throws {
        let d = try DataFolder.load(Fixtures.cases)
        let piece = SearchPreparation.Piece(d.excerpts)
        let reference = SearchIndex(texts: d.excerpts.map(\.text))
        for fold in [false, true] {
            let built = fold ? piece.folded : piece.plain, expected = reference.corpus(fold: fold)
            #expect(Array(built.bytes) == Array(expected.bytes) && Array(built.starts) == Array(expected.starts))
        }
    }
}
