/// Text made safe for a terminal: control characters from the data (a colleague's memo, a
/// hostile file) would otherwise move the cursor, set the window title, write the clipboard
/// or clear the screen. Each becomes a visible sign instead — ESC ␛, BEL ␇, BS ␈, CR ␍, other
/// C0 controls their control picture, DEL ␡, the 8-bit controls U+0080–U+009F the
/// replacement character — so the reader sees that something was there and nothing acts.
/// Line feed and tab are kept: they only move to the next line or column — unless the text
/// must stay on one line (`singleLine`: a path inside a sentence), where they become signs too.
/// In CaseCore, not the presentation layer: the core's own last-resort messages (a signal
/// handler's sentence) need it before any terminal code runs.
public enum InertText {
    public static func visible(_ text: String, singleLine: Bool = false) -> String {
        guard text.utf8.contains(where: { needsWork($0) || (singleLine && ($0 == 0x0A || $0 == 0x09)) }) else {
            return text
        }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x0A where !singleLine, 0x09 where !singleLine: out.append(scalar)
            case 0x00..<0x20: out.append(Unicode.Scalar(0x2400 + v)!)
            case 0x7F: out.append("\u{2421}")
            case 0x80...0x9F: out.append("\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether a UTF-8 byte may start something to replace: a C0 control (not LF or tab), DEL,
    /// or the lead byte 0xC2 of U+0080–U+009F (checked properly above).
    @inline(__always) static func needsWork(_ b: UInt8) -> Bool {
        (b < 0x20 && b != 0x0A && b != 0x09) || b == 0x7F || b == 0xC2
    }
}
