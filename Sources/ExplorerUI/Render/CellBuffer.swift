import CaseCore
import Presentation

/// What a cell means, not how it looks: the terminal adapter maps roles to colours and
/// attributes, and every role that carries meaning also has a non-colour attribute (or a
/// marker character) so monochrome terminals and NO_COLOR keep the meaning.
public enum StyleRole: UInt8, Sendable, CaseIterable {
    case normal, dim, title, heading, label, selected, selectedInactive, match, tab, tabActive, status, statusKey,
        message, error, accent, quote, confidenceStated, confidenceInferred, confidenceUnknown

    /// One letter a role for style snapshots ("." is normal text), in the order of the cases.
    static let letters: [Character] = Array(".dthlsimbwuknerqcfo")
}

public struct Style: Sendable, Hashable {
    public var role: StyleRole
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(_ role: StyleRole = .normal, bold: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.role = role
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
    }

    public static let normal = Style()
}

/// One terminal cell: a grapheme and its display width. A wide grapheme fills its cell with
/// width 2, and the cell to its right is a continuation (empty text, width 0).
public struct Cell: Sendable, Hashable {
    public var text: String
    public var width: UInt8
    public var style: Style

    public static let blank = Cell(text: " ", width: 1, style: .normal)
}

public struct Rect: Sendable, Hashable {
    public var x, y, width, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public func inset(left: Int = 0, top: Int = 0, right: Int = 0, bottom: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }
}

/// The program's own screen: screens render here; the ncurses adapter copies it to the
/// terminal, and tests read it back as text.
public struct CellBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    public mutating func fill(_ rect: Rect, style: Style = .normal) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) { self[x, y] = Cell(text: " ", width: 1, style: style) }
        }
    }

    /// Writes text from (x, y), clipped to `limit` cells and the buffer; returns the cells used.
    /// A wide grapheme that would straddle the limit is not drawn half. A control character is
    /// drawn as the sign the command line prints for it (InertText: ESC ␛), never sent and never
    /// left out unseen, whoever typed it (a memo, a colleague's journal, the data).
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .normal, limit: Int? = nil) -> Int {
        draw(text, x: x, y: y, style: style, limit: limit).used
    }

    /// `put`, and whether a character did not fit (the text was cut).
    mutating func draw(_ text: String, x: Int, y: Int, style: Style, limit: Int?) -> (used: Int, cut: Bool) {
        guard y >= 0, y < height, x < width else { return (0, false) }
        let end = min(width, limit.map { x + $0 } ?? width)
        var col = x
        for ch in InertText.visible(text) {
            if ch == "\n" || ch == "\r" || ch == "\t" {
                if col >= end { return (col - x, true) }
                if col >= 0 { self[col, y] = Cell(text: " ", width: 1, style: style) }
                col += 1
                continue
            }
            // An emoji sequence takes the cells its parts take (DisplayWidth.drawnPieces), so
            // the buffer, ncurses and the terminal agree on every column; all of it or nothing.
            let pieces = DisplayWidth.drawnPieces(ch)
            let w = pieces.reduce(0) { $0 + $1.width }
            if w == 0 { continue }
            if col + w > end { return (col - x, true) }
            for piece in pieces {
                if col >= 0 {
                    // Overwriting half of a wide character blanks its other half.
                    if self[col, y].width == 0, col > 0 {
                        self[col - 1, y] = Cell(text: " ", width: 1, style: self[col - 1, y].style)
                    }
                    self[col, y] = Cell(text: piece.text, width: UInt8(piece.width), style: style)
                    if piece.width == 2 { self[col + 1, y] = Cell(text: "", width: 0, style: style) }
                }
                col += piece.width
            }
        }
        return (col - x, false)
    }

    /// The rows as text, trailing spaces removed — what a test compares.
    public var lines: [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width { s += self[x, y].text }
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
    }

    public var text: String { lines.joined(separator: "\n") }

    /// The style roles as a second layer of text, one letter a cell (upper case or "#": bold; a wide
    /// character's second cell repeats it), trailing blanks removed — what a style snapshot compares.
    public var roles: String {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width {
                let style = self[x, y].style
                let letter = StyleRole.letters[Int(style.role.rawValue)]
                s.append(!style.bold ? letter : letter == "." ? "#" : Character(letter.uppercased()))
            }
            while s.hasSuffix(".") { s.removeLast() }
            return s
        }.joined(separator: "\n")
    }

    /// The style of the first cell of `needle` on row y, for tests of highlighting.
    public func style(of needle: String, row y: Int) -> Style? {
        let line = (0..<width).map { self[$0, y].text }
        let joined = line.joined()
        guard let range = joined.range(of: needle) else { return nil }
        var consumed = 0
        let offset = joined.distance(from: joined.startIndex, to: range.lowerBound)
        for (x, t) in line.enumerated() {
            if consumed >= offset && !t.isEmpty { return self[x, y].style }
            consumed += t.count
        }
        return nil
    }
}

/// A piece of styled text, the unit screens compose lines from.
public struct Span: Sendable, Hashable {
    public var text: String
    public var style: Style
    public init(_ text: String, _ style: Style = .normal) { self.text = text; self.style = style }
}

public typealias StyledLine = [Span]

extension CellBuffer {
    @discardableResult
    public mutating func put(_ line: StyledLine, x: Int, y: Int, limit: Int) -> Int {
        var used = 0
        for span in line where used < limit {
            used += put(span.text, x: x + used, y: y, style: span.style, limit: limit - used)
        }
        return used
    }

    /// The line within `limit` cells, its last cell "…" when not all of it fits: a quotation cut
    /// to its column must not read as the whole of it.
    @discardableResult
    public mutating func putMarkingCut(_ line: StyledLine, x: Int, y: Int, limit: Int) -> Int {
        guard limit > 0 else { return 0 }
        var used = 0
        for span in line where !span.text.isEmpty {
            let (width, cut) =
                used < limit
                ? draw(span.text, x: x + used, y: y, style: span.style, limit: limit - used) : (0, true)
            used += width
            if cut {
                let at = min(used, limit - 1)
                put("…", x: x + at, y: y, style: span.style)
                return at + 1
            }
        }
        return used
    }
}

/// Wraps styled text into lines of at most `width` cells, keeping each span's style. Spaces
/// inside a line are kept as written (so leading indentation survives); a space where a line
/// breaks is dropped; continuation lines start with `indent` spaces.
public enum StyledWrap {
    enum Token { case word([Span]), space(Span), newline }

    static func tokens(_ spans: StyledLine) -> [Token] {
        var out: [Token] = []
        var word: [Span] = []
        func endWord() { if !word.isEmpty { out.append(.word(word)); word = [] } }
        for span in spans {
            var piece = ""
            var inSpace = false
            func flushPiece() {
                guard !piece.isEmpty else { return }
                if inSpace { out.append(.space(Span(piece, span.style))) } else { word.append(Span(piece, span.style)) }
                piece = ""
            }
            for ch in span.text {
                if ch == "\n" { flushPiece(); endWord(); out.append(.newline); inSpace = false; continue }
                let isSpace = ch == " "
                if isSpace != inSpace {
                    flushPiece()
                    if isSpace { endWord() }
                    inSpace = isSpace
                }
                piece.append(ch)
            }
            flushPiece()
        }
        endWord()
        return out
    }

    public static func wrap(_ spans: StyledLine, width: Int, indent: Int = 0) -> [StyledLine] {
        guard width > indent + 1 else { return [spans] }
        var lines: [StyledLine] = []
        var line: StyledLine = []
        var used = 0
        var continuation = false
        func flush() {
            lines.append(line)
            line = indent > 0 ? [Span(String(repeating: " ", count: indent))] : []
            used = indent
            continuation = true
        }
        for token in tokens(spans) {
            switch token {
            case .newline: flush()
            case let .space(span):
                // Spaces at the start of a continuation line are dropped.
                if continuation && used == indent { continue }
                let w = DisplayWidth.of(span.text)
                if used + w > width { flush(); continue }
                line.append(span)
                used += w
            case let .word(parts):
                let w = parts.reduce(0) { $0 + DisplayWidth.of($1.text) }
                if used + w > width && used > (continuation ? indent : 0) {
                    // Drop trailing spaces of the line being closed.
                    while let last = line.last, last.text.allSatisfy({ $0 == " " }), line.count > (indent > 0 ? 1 : 0) {
                        line.removeLast()
                    }
                    flush()
                }
                if w > width - used {
                    for span in parts {
                        var piece = ""
                        for ch in span.text {
                            let cw = DisplayWidth.of(ch)
                            if used + cw > width { line.append(Span(piece, span.style)); piece = ""; flush() }
                            piece.append(ch)
                            used += cw
                        }
                        line.append(Span(piece, span.style))
                    }
                } else {
                    line.append(contentsOf: parts)
                    used += w
                }
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
