/// A key press, independent of the terminal library.
public enum Key: Hashable, Sendable {
    case char(Character)
    case ctrl(Character)
    case up, down, left, right
    case enter, escape, tab, backTab, backspace, delete
    case pageUp, pageDown, home, end
    case function(Int)
    case resize
    /// A click, double click or wheel turn at a cell (decoded by the terminal adapter).
    case mouse(MouseEvent)

    /// The digits 1 to 9 (a county on the chains screen, a pinned code in the review).
    static let digits: [Key] = (1...9).map { .char(Character(String($0))) }

    /// How the key is written in help, hints and Docs/KEYS.md.
    public var label: String {
        switch self {
        case .char(" "): return "Space"
        case let .char(c): return String(c)
        case let .ctrl(c): return "Ctrl-\(c.uppercased())"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case let .function(n): return "F\(n)"
        case .resize: return "(resize)"
        case let .mouse(m): return "(mouse \(m.kind) \(m.x),\(m.y))"
        }
    }
}

/// A mouse event at a cell of the screen (column x, row y from the top left).
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case click, doubleClick, wheelUp, wheelDown }
    public let kind: Kind
    public let x: Int
    public let y: Int
    public init(_ kind: Kind, x: Int, y: Int) { (self.kind, self.x, self.y) = (kind, x, y) }
}
