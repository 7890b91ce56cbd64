/// How each style role looks: one table for every output (the ncurses adapter, recordings).
/// Colour is never the only carrier of meaning: without colour (`NO_COLOR`, monochrome
/// terminals) the roles that mean something keep it through attributes.
public enum RolePalette {
    /// The eight basic terminal colours, by their ANSI and curses number.
    public enum Colour: Int16, Sendable { case black = 0, red, green, yellow, blue, magenta, cyan, white }

    public struct Attributes: Sendable, Equatable {
        public var bold = false, underline = false, reverse = false, dim = false
    }

    /// The foreground colour of a role on the terminal's own background; nil keeps the default.
    public static func foreground(_ role: StyleRole) -> Colour? {
        switch role {
        case .normal, .quote, .selected, .tab, .status: nil
        case .dim, .confidenceUnknown: .white
        case .title, .heading, .selectedInactive, .tabActive: .cyan
        case .label: .blue
        case .match, .statusKey, .confidenceInferred: .yellow
        case .message, .confidenceStated: .green
        case .error: .red
        case .accent: .magenta
        }
    }

    /// The attributes a style has: its own, plus, without colour, those that carry its role.
    public static func attributes(_ style: Style, colour: Bool) -> Attributes {
        var a = Attributes(bold: style.bold, underline: style.underline, reverse: style.reverse)
        guard !colour else { return a }
        switch style.role {
        case .dim, .confidenceUnknown: a.dim = true
        case .tabActive, .selected, .status, .tab: a.reverse = true
        case .statusKey, .heading, .title, .confidenceStated: a.bold = true
        case .match: a.underline = true; a.bold = true
        default: break
        }
        return a
    }
}
