/// Writes XML with escaped text and attributes, indented, in a fixed order.
public struct XMLBuilder {
    public private(set) var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var stack: [String] = []

    public init() {}

    public static func escape(_ s: String, attribute: Bool = false) -> String {
        // Most values (GUIDs, times, names) need nothing: returned as they are, not rebuilt.
        let plain = !s.utf8.contains { b in
            b < 0x20 || b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">")
                || (attribute && b == UInt8(ascii: "\""))
        }
        if plain { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t" where attribute: out += "&#9;"
            default:
                // Characters XML 1.0 forbids are dropped rather than written invalid.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private var indent: String { String(repeating: "  ", count: stack.count) }

    private func attributes(_ attrs: [(String, String?)]) -> String {
        attrs.compactMap { k, v in v.map { " \(k)=\"\(XMLBuilder.escape($0, attribute: true))\"" } }.joined()
    }

    public mutating func open(_ name: String, _ attrs: [(String, String?)] = []) {
        text += "\(indent)<\(name)\(attributes(attrs))>\n"
        stack.append(name)
    }

    public mutating func close() {
        let name = stack.removeLast()
        text += "\(indent)</\(name)>\n"
    }

    public mutating func empty(_ name: String, _ attrs: [(String, String?)] = []) {
        text += "\(indent)<\(name)\(attributes(attrs))/>\n"
    }

    /// The text written since the last `take`, handed over and forgotten (an export written to
    /// a file piece by piece); the open elements stay open.
    public mutating func take() -> String {
        defer { text = "" }
        return text
    }

    /// Bytes of text not yet taken.
    public var pendingBytes: Int { text.utf8.count }

    public mutating func element(_ name: String, _ content: String, _ attrs: [(String, String?)] = []) {
        text += "\(indent)<\(name)\(attributes(attrs))>\(XMLBuilder.escape(content))</\(name)>\n"
    }
}
