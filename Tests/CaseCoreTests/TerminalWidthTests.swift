import CaseCore
import Foundation
import Testing
import Presentation
#if canImport(Glibc)
    import Glibc
#endif

/// Display width must be what the terminal draws (issue 12 item 17): ncurses places every
/// scalar by the C library's wcwidth, so the table agrees with it; emoji sequences whose width
/// terminals disagree on are drawn as their parts (tested against tmux in the end-to-end tests).
@Suite struct TerminalWidthTests {
    /// The emoji a coder may type in a memo, with the cells tmux 3 draws for them.
    static let typed: [(String, Int)] = [
        ("✅", 2), ("❌", 2), ("⭐", 2), ("⚡", 2), ("🚀", 2), ("✨", 2), ("☕", 2), ("⏳", 2),
        ("🇳🇴", 2), ("❤️", 1), ("👍🏽", 4), ("👩‍💻", 4), ("1️⃣", 1), ("å", 1), ("å", 1), ("中", 2)
    ]

    @Test func typedEmojiTakeTheCellsTheyAreDrawnIn() {
        for (text, cells) in Self.typed {
            #expect(DisplayWidth.of(text) == cells, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            let drawn = text.flatMap { DisplayWidth.drawnPieces($0) }
            #expect(drawn.reduce(0) { $0 + $1.width } == cells)
            #expect(drawn.allSatisfy { !$0.text.unicodeScalars.contains { DisplayWidth.isDroppedWhenDrawn($0) } })
        }
    }

    /// Printed as it is (the command line), as tmux 3.3a shows it: the column of its cursor after
    /// `printf '%s' TEXT` in a new pane (TableWidthEndToEndTests checks the tables in tmux itself).
    /// A joined emoji takes no cells of its own; VS16 does not widen and a skin tone is two cells
    /// more there, where terminals drawing whole graphemes (kitty, WezTerm) show ❤️ and 👍🏽 two wide.
    static let printedByTmux: [(String, Int)] = [
        ("👩‍🔬", 2), ("👨‍👩‍👧", 2), ("🧑‍🤝‍🧑", 2), ("🇳🇴", 2), ("🇳", 1), ("🇳🇴🇸🇪", 4), ("e\u{301}", 1),
        ("a\u{308}\u{308}", 1), ("中文", 4), ("가", 2), ("❤️", 1), ("1️⃣", 1), ("👍🏽", 4), ("✌🏽", 3),
        ("👩🏽‍🔬", 4), ("🏳️‍🌈", 1), ("a\u{200D}b", 2), ("✅", 2)
    ]

    @Test func printedTextTakesTheCellsTmuxGivesIt() {
        for (text, cells) in Self.printedByTmux {
            #expect(
                DisplayWidth.of(text, as: .printed) == cells,
                "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        // A cut or a pad never splits a sequence, and pads to the cells tmux counts.
        #expect(DisplayWidth.truncate("ab👩‍🔬cd", to: 5, as: .printed) == "ab👩‍🔬…")
        #expect(DisplayWidth.pad("👩‍🔬", to: 4, as: .printed) == "👩‍🔬  ")
        #expect(DisplayWidth.truncate("👩‍🔬 forsker", to: 5, as: .printed) == "👩‍🔬 f…")
    }

    @Test func agreesWithTheCLibraryForEveryScalarNcursesPlaces() throws {
        let saved = String(cString: setlocale(LC_CTYPE, nil))
        defer { setlocale(LC_CTYPE, saved) }
        try #require(setlocale(LC_CTYPE, "C.UTF-8") != nil, "the C.UTF-8 locale is needed")
        // wcwidth is not in the Glibc module Swift imports; it is in the C library all the same.
        let symbol = try #require(dlsym(nil, "wcwidth"))
        let wcwidth = unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
        var differ: [String] = []
        // Latin, Greek, Cyrillic, punctuation, arrows, symbols, dingbats, CJK, Hangul, emoji.
        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0xA0...0x24F, 0x370...0x4FF, 0x2000...0x2BFF, 0x3000...0x30FF, 0x4E00...0x4E80,
            0xAC00...0xAC80, 0xFF00...0xFFEF, 0x1F000...0x1FAFF
        ]
        for range in ranges {
            for v in range {
                guard let s = Unicode.Scalar(v), s.properties.generalCategory != .unassigned,
                    s.properties.generalCategory != .privateUse, !DisplayWidth.isDroppedWhenDrawn(s)
                else { continue }
                let c = Int(wcwidth(Int32(bitPattern: v)))
                guard c >= 0 else { continue }
                if DisplayWidth.of(s) != c {
                    differ.append("U+\(String(v, radix: 16, uppercase: true)) ours \(DisplayWidth.of(s)) libc \(c)")
                }
            }
        }
        #expect(differ.isEmpty, "\(differ.count) scalars differ: \(differ.prefix(40).joined(separator: ", "))")
    }

    @Test func verbatimTextWithEmojiWrapsWhole() {
        let text = "Vi har fått til mye ✅ men ikke alt ❌ — 🚀 neste år ⏳ og ☕ ✨ ⭐ ⚡ 🇳🇴 👩‍💻 slutt."
        for width in [10, 17, 23, 40] {
            let lines = DisplayWidth.wrap(text, width: width)
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= width }, "\(width): \(lines)")
            #expect(lines.joined(separator: " ") == text, "nothing is cut or lost at \(width)")
        }
    }
}
