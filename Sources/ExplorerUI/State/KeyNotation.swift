/// A plain-text notation for key sequences, for `case-explorer snapshot`, tests and tour
/// scripts: tokens separated by spaces; a named key (`Enter`, `Esc`, `Tab`, `BTab`, `Up`, `Down`,
/// `Left`, `Right`, `PgUp`, `PgDn`, `Home`, `End`, `Space`, `BSpace`, `C-x`) or else literal
/// characters, each one key (`jjj` is three presses of j; æøå allowed).
public enum KeyNotation {
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let token: String
        public var description: String { "unknown key name \"\(token)\"" }
    }

    static let named: [String: Key] = [
        "Enter": .enter, "Esc": .escape, "Tab": .tab, "BTab": .backTab, "Up": .up, "Down": .down,
        "Left": .left, "Right": .right, "PgUp": .pageUp, "PgDn": .pageDown, "Home": .home, "End": .end,
        "Space": .char(" "), "BSpace": .backspace, "Delete": .delete
    ]

    public static func parse(_ text: String) throws(ParseError) -> [Key] {
        var keys: [Key] = []
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) {
            if let key = named[token] { keys.append(key); continue }
            if token.hasPrefix("C-"), token.count == 3, let c = token.last, c.isLetter {
                keys.append(.ctrl(Character(c.lowercased()))); continue
            }
            if token.count > 1, token.first!.isUppercase, token.dropFirst().allSatisfy({ $0.isLetter }),
                named[token] == nil,
                token.unicodeScalars.allSatisfy({ $0.isASCII }), token.count > 2
            {
                throw ParseError(token: token)
            }
            keys += token.map { Key.char($0) }
        }
        return keys
    }
}
