import CaseCore
import Foundation
import Presentation
#if canImport(Glibc)
    import Glibc
#endif

enum Output {
    /// Human-readable text: control characters from the data are shown, never sent (InertText).
    static func print(_ text: String) {
        StandardStreams.write(STDOUT_FILENO, InertText.visible(text) + "\n")
    }

    /// A file format (CSV, Markdown, a tour script) as it is; made inert only on a terminal.
    static func raw(_ text: String) {
        StandardStreams.write(STDOUT_FILENO, stdoutIsTerminal ? InertText.visible(text) : text)
    }

    static func error(_ text: String) {
        StandardStreams.write(STDERR_FILENO, "case-explorer: \(InertText.visible(text))\n")
    }

    /// A message of the argument parser (help, usage errors): it may echo a bad value as typed.
    static func parserMessage(_ text: String, toError: Bool) {
        guard !text.isEmpty else { return }
        StandardStreams.write(toError ? STDERR_FILENO : STDOUT_FILENO, InertText.visible(text) + "\n")
    }

    static func json(_ value: JSONValue) {
        print(JSONWriter.write(value))
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Columns available for a table: the terminal's width, else $COLUMNS, else 120.
    static var width: Int {
        var size = winsize()
        if stdoutIsTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        if let c = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(c), n > 20 { return n }
        return 120
    }

    /// A table with a header row, columns sized by display width; the last column is cut to what
    /// is left of the width (at least 10 cells).
    static func table(_ header: [String], _ rows: [[String]]) {
        guard !header.isEmpty else { return }
        let all = [header] + rows
        var widths = (0..<header.count).map { col in all.map { DisplayWidth.of($0[col], as: .printed) }.max() ?? 0 }
        let fixed = widths.dropLast().reduce(0, +) + 2 * (header.count - 1)
        widths[widths.count - 1] = max(10, min(widths[widths.count - 1], width - fixed))
        for (i, row) in all.enumerated() {
            let line = row.enumerated().map { col, cell in
                col == row.count - 1
                    ? DisplayWidth.truncate(cell, to: widths[col], as: .printed)
                    : DisplayWidth.pad(cell, to: widths[col], as: .printed)
            }.joined(separator: "  ")
            print(withoutTrailingSpaces(line))
            if i == 0 {
                print(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
            }
        }
    }

    /// The line without the spaces that pad its last cells (a linear scan from the end: a
    /// regular expression here took time quadratic in a cell's width).
    static func withoutTrailingSpaces(_ line: String) -> String {
        var utf8 = Substring(line).utf8
        while utf8.last == 0x20 { utf8 = utf8.dropLast() }
        return String(Substring(utf8))
    }

    /// A labelled block for `show`: "label  value" with the value wrapped under itself.
    static func field(_ label: String, _ value: String?, labelWidth: Int = 14) {
        guard let value, !value.isEmpty else { return }
        let wrapWidth = max(20, width - labelWidth - 2)
        for (i, line) in DisplayWidth.wrap(value, width: wrapWidth, as: .printed).enumerated() {
            print(
                (i == 0
                    ? DisplayWidth.pad(label, to: labelWidth, as: .printed) : String(repeating: " ", count: labelWidth))
                    + "  "
                    + line)
        }
    }

    static func heading(_ text: String) {
        print(text)
        print(String(repeating: "═", count: min(width, DisplayWidth.of(text, as: .printed))))
    }

    /// Marks matched stretches: bold+underline on a terminal (not colour, so NO_COLOR and
    /// monochrome terminals keep the meaning), »…« when the output goes to a file or pipe.
    static func highlight(_ text: String, _ matches: [Range<Int>]) -> String {
        let chars = Array(text)
        let (open, close) = stdoutIsTerminal ? ("\u{1B}[1;4m", "\u{1B}[0m") : ("»", "«")
        var out = ""
        var last = 0
        for m in matches where m.lowerBound >= last && m.upperBound <= chars.count {
            out += String(chars[last..<m.lowerBound]) + open + String(chars[m]) + close
            last = m.upperBound
        }
        return out + String(chars[last...])
    }
}

extension LineRange {
    var plain: String { start == end ? "\(start)" : "\(start)-\(end)" }
}
