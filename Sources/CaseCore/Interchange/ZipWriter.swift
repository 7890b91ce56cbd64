/// A minimal ZIP writer (entries stored, not compressed) with fixed timestamps, so the same
/// content always gives the same bytes. REFI-QDA readers accept stored entries.
public struct ZipWriter {
    private var data: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0

    public init() {}

    public mutating func add(_ name: String, _ content: [UInt8]) {
        let nameBytes = Array(name.utf8)
        let crc = CRC32.checksum(content)
        let offset = UInt32(data.count)
        // Local file header. Flag bit 11: names are UTF-8. Time/date: 1980-01-01 00:00.
        data += le32(0x04034b50) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21)
        data += le32(crc) + le32(UInt32(content.count)) + le32(UInt32(content.count)) + le16(UInt16(nameBytes.count)) + le16(0)
        data += nameBytes + content
        central += le32(0x02014b50) + le16(20) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21)
        central += le32(crc) + le32(UInt32(content.count)) + le32(UInt32(content.count)) + le16(UInt16(nameBytes.count))
        central += le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + nameBytes
        count += 1
    }

    public func finish() -> [UInt8] {
        data + central + le32(0x06054b50) + le16(0) + le16(0) + le16(UInt16(count)) + le16(UInt16(count))
            + le32(UInt32(central.count)) + le32(UInt32(data.count)) + le16(0)
    }

    private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (UInt32($0) * 8)) & 0xFF) } }
}

enum CRC32 {
    static let table: [UInt32] = (0..<256).map { i -> UInt32 in
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFFFFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFFFFFF
    }
}

/// Writes XML with escaped text and attributes, indented, in a fixed order.
public struct XMLBuilder {
    public private(set) var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var stack: [String] = []

    public init() {}

    public static func escape(_ s: String, attribute: Bool = false) -> String {
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

    public mutating func element(_ name: String, _ content: String, _ attrs: [(String, String?)] = []) {
        text += "\(indent)<\(name)\(attributes(attrs))>\(XMLBuilder.escape(content))</\(name)>\n"
    }
}
