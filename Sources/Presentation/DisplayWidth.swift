/// Terminal display width of text, in cells — the unit for wrapping and aligning, never
/// `String.count`. A pure Swift table (no locale needed) that agrees with what ncurses and the
/// terminal do: ncurses places each scalar by the C library's wcwidth (combining marks and
/// zero-width characters 0, East Asian wide and emoji presentation 2, else 1), so a grapheme is
/// as wide as its scalars together. Joiners and variation selectors, which terminals treat in
/// different ways, are left out when drawing (`drawnPieces`), so every terminal agrees.
/// The command line prints text as it is, joiners and all: there the terminal's rule counts
/// (`Medium.printed`).
public enum DisplayWidth {
    /// Where the text is shown, which decides how wide an emoji sequence is.
    public enum Medium: Sendable {
        /// In the explorer's cells, drawn in its parts without joiners (`drawnPieces`).
        case drawn
        /// Printed as it is to a terminal (the command line's tables), as tmux 3 shows it.
        case printed
    }

    public static func of(_ ch: Character, as medium: Medium = .drawn) -> Int {
        switch medium {
        case .drawn:
            var total = 0
            for s in ch.unicodeScalars where !isDroppedWhenDrawn(s) { total += of(s) }
            return total
        case .printed:
            return printed(ch.unicodeScalars)
        }
    }

    /// Cells a terminal gives a grapheme printed as it is: each scalar by wcwidth, except that a
    /// wide scalar after a zero-width joiner joins the emoji before it (👩‍🔬 and 👨‍👩‍👧 two cells;
    /// a letter after a joiner still takes its cell). This is what tmux 3 draws. It also leaves
    /// variation selector-16 without effect (❤️ one cell) and gives an emoji modifier its own
    /// two cells (👍🏽 four); terminals that draw whole graphemes (kitty, WezTerm) make both two.
    public static func printed(_ scalars: some Sequence<Unicode.Scalar>) -> Int {
        var total = 0
        var afterJoiner = false
        for s in scalars {
            let w = of(s)
            if !(afterJoiner && w == 2) { total += w }
            afterJoiner = s.value == 0x200D
        }
        return total
    }

    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        // A control character is shown as one sign (InertText: ESC ␛), on the command line and in
        // the explorer alike; line feed and tab only move on.
        if v == 0x0A || v == 0x09 { return 0 }
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 1 }
        if v < 0x300 { return 1 }
        if (0x1160...0x11FF).contains(v) || v == 0x200B { return 0 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if isWide(v) { return 2 }
        // Emoji drawn as pictures (✅ ⭐ ⚡ ☕ ⏳ 🚀 …) are wide; a lone regional indicator is not.
        if s.properties.isEmojiPresentation && !(0x1F1E6...0x1F1FF).contains(v) { return 2 }
        return 1
    }

    public static func of(_ text: some StringProtocol, as medium: Medium = .drawn) -> Int {
        text.reduce(0) { $0 + of($1, as: medium) }
    }

    /// Zero-width joiner and variation selectors: tmux joins a ZWJ sequence into one cell while
    /// ncurses and other terminals draw its parts, and VS16 widens a symbol in some terminals
    /// only. Drawn without them, an emoji sequence shows its parts side by side everywhere.
    public static func isDroppedWhenDrawn(_ s: Unicode.Scalar) -> Bool {
        s.value == 0x200D || s.value == 0xFE0E || s.value == 0xFE0F
    }

    /// A grapheme as the cells it is drawn in: each scalar that takes room starts a cell (with
    /// the zero-width marks after it), joiners and variation selectors are left out.
    public static func drawnPieces(_ ch: Character) -> [(text: String, width: Int)] {
        var pieces: [(text: String, width: Int)] = []
        for s in ch.unicodeScalars where !isDroppedWhenDrawn(s) {
            let w = of(s)
            if w == 0 {
                if !pieces.isEmpty { pieces[pieces.count - 1].text.unicodeScalars.append(s) }
            } else {
                pieces.append((String(s), w))
            }
        }
        return pieces
    }

    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || v == 0x2329 || v == 0x232A
            || (0x1F200...0x1F265).contains(v) || (0x20000...0x3FFFD).contains(v)
    }

    /// The text cut to at most `width` cells, with "…" when something was cut.
    public static func truncate(_ text: String, to width: Int, as medium: Medium = .drawn) -> String {
        guard width > 0 else { return "" }
        if of(text, as: medium) <= width { return text }
        var out = ""
        var used = 0
        for ch in text {
            let w = of(ch, as: medium)
            if used + w > width - 1 { break }
            out.append(ch)
            used += w
        }
        return out + "…"
    }

    /// The text padded with spaces to exactly `width` cells (cut first if longer).
    public static func pad(_ text: String, to width: Int, as medium: Medium = .drawn) -> String {
        let cut = truncate(text, to: width, as: medium)
        return cut + String(repeating: " ", count: max(0, width - of(cut, as: medium)))
    }

    /// Splits text into lines of at most `width` cells, breaking at spaces where it can and
    /// inside a word only when the word alone is wider than the line.
    public static func wrap(_ text: String, width: Int, as medium: Medium = .drawn) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                let w = of(word, as: medium)
                if lineWidth > 0 && lineWidth + 1 + w <= width {
                    line += " " + word
                    lineWidth += 1 + w
                    continue
                }
                if lineWidth > 0 { lines.append(line); line = ""; lineWidth = 0 }
                if w <= width {
                    line = String(word)
                    lineWidth = w
                } else {
                    for ch in word {
                        let cw = of(ch, as: medium)
                        if lineWidth + cw > width { lines.append(line); line = ""; lineWidth = 0 }
                        line.append(ch)
                        lineWidth += cw
                    }
                }
            }
            lines.append(line)
        }
        return lines
    }
}
