/// The program's cell buffer as ANSI/ECMA-48 text, for outputs that are not a live terminal
/// (recordings). Rows that did not change since the previous frame are not written again.
public struct AnsiScreen {
    public let colour: Bool
    private var previous: CellBuffer?

    public init(colour: Bool) { self.colour = colour }

    /// The bytes that turn what was last drawn into `buffer` (the whole screen the first time,
    /// or after a change of size).
    public mutating func draw(_ buffer: CellBuffer) -> String {
        var out = ""
        let full = previous.map { $0.width != buffer.width || $0.height != buffer.height } ?? true
        if full { out += "\u{1B}[0m\u{1B}[?25l\u{1B}[2J" }
        for y in 0..<buffer.height where full || !sameRow(y, buffer) {
            out += "\u{1B}[\(y + 1);1H"
            var current: Style?
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if cell.width == 0 { continue }
                if cell.style != current {
                    out += sgr(cell.style)
                    current = cell.style
                }
                out += cell.text
            }
            out += "\u{1B}[0m"
        }
        previous = buffer
        return out
    }

    /// Leaves the terminal as it was found: attributes off, cursor shown, below the last row.
    public func finish() -> String {
        "\u{1B}[0m\u{1B}[\((previous?.height ?? 0) + 1);1H\u{1B}[?25h"
    }

    private func sameRow(_ y: Int, _ buffer: CellBuffer) -> Bool {
        guard let previous else { return false }
        return (0..<buffer.width).allSatisfy { previous[$0, y] == buffer[$0, y] }
    }

    private func sgr(_ style: Style) -> String {
        let a = RolePalette.attributes(style, colour: colour)
        var codes = ["0"]
        if a.bold { codes.append("1") }
        if a.dim { codes.append("2") }
        if a.underline { codes.append("4") }
        if a.reverse { codes.append("7") }
        if colour, let fg = RolePalette.foreground(style.role) { codes.append(String(30 + Int(fg.rawValue))) }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
