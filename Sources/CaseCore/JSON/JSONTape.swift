import Foundation

/// A parsed JSON document as one flat array of nodes over the document's bytes, in document
/// order (after simdjson's "tape"). A container's node holds its count and the index after its
/// last node, so readers skip whole values without looking inside; a string's node holds where
/// its text lies, and the `String` is made only when asked for. The parser has checked every
/// node: reading one cannot fail.
public final class JSONTape: @unchecked Sendable {
    public enum Kind: UInt8, Sendable {
        case null, `false`, `true`, number, string, array, object

        var isContainer: Bool { self == .array || self == .object }

        /// A short name of the type for error messages ("a string", "an array").
        public var typeDescription: String {
            switch self {
            case .null: return "null"
            case .false, .true: return "a boolean"
            case .number: return "a number"
            case .string: return "a string"
            case .array: return "an array"
            case .object: return "an object"
            }
        }
    }

    /// string: `a..<b` are the bytes between the quotes; number: the Double's bits (a high, b
    /// low); array and object: `a` is the count, `b` the index after the last node inside.
    struct Node {
        var kind: Kind
        var flags: UInt8
        var a: UInt32
        var b: UInt32
    }
    static let escaped: UInt8 = 1
    static let nonASCII: UInt8 = 2

    let bytes: [UInt8]
    let nodes: [Node]

    init(bytes: [UInt8], nodes: [Node]) {
        self.bytes = bytes
        self.nodes = nodes
    }

    func kind(_ i: Int) -> Kind { nodes[i].kind }

    /// The node after the value at `i` and everything inside it.
    func after(_ i: Int) -> Int { nodes[i].kind.isContainer ? Int(nodes[i].b) : i + 1 }

    func count(_ i: Int) -> Int { Int(nodes[i].a) }

    func number(_ i: Int) -> Double {
        let n = nodes[i]
        return Double(bitPattern: UInt64(n.a) << 32 | UInt64(n.b))
    }

    func string(_ i: Int) -> String { bytes.withUnsafeBufferPointer { JSONTape.string(nodes[i], in: $0) } }

    /// Whether the string at `i` is `key`: as bytes for plain ASCII, else as `String`s (which
    /// compare canonically equivalent text as equal).
    func stringEquals(_ i: Int, _ key: String) -> Bool {
        let n = nodes[i]
        guard n.flags == 0 else { return string(i) == key }
        var key = key
        return key.withUTF8 { k in
            k.count == Int(n.b - n.a)
                && bytes.withUnsafeBufferPointer { b in
                    k.isEmpty || memcmp(b.baseAddress! + Int(n.a), k.baseAddress!, k.count) == 0
                }
        }
    }

    func stringEquals(_ i: Int, _ key: StaticString) -> Bool {
        let n = nodes[i]
        guard n.flags == 0 else { return string(i) == key.description }
        let count = key.utf8CodeUnitCount
        return count == Int(n.b - n.a)
            && bytes.withUnsafeBufferPointer { b in memcmp(b.baseAddress! + Int(n.a), key.utf8Start, count) == 0 }
    }

    /// Whether the string at `i` is empty or only whitespace (as `Character.isWhitespace` says),
    /// read from the bytes: the first ASCII letter answers; other text is asked as a `String`.
    func isBlank(_ i: Int) -> Bool {
        let n = nodes[i]
        if n.flags & JSONTape.escaped == 0 {
            let answer: Bool? = bytes.withUnsafeBufferPointer { b in
                for k in Int(n.a)..<Int(n.b) {
                    switch b[k] {
                    case 0x09...0x0D, 0x20: continue
                    case 0x80...: return nil
                    default: return false
                    }
                }
                return true
            }
            if let answer { return answer }
        }
        return string(i).allSatisfy(\.isWhitespace)
    }

    /// The elements of the array at `i` (the values of an object's members are at every
    /// second position from `i + 2`).
    func elements(_ i: Int) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(count(i))
        var k = i + 1
        let end = Int(nodes[i].b)
        while k < end {
            out.append(k)
            k = after(k)
        }
        return out
    }

    /// The members of the object at `i` as (key node, value node).
    func members(_ i: Int) -> [(key: Int, value: Int)] {
        var out: [(key: Int, value: Int)] = []
        out.reserveCapacity(count(i))
        var k = i + 1
        let end = Int(nodes[i].b)
        while k < end {
            out.append((k, k + 1))
            k = after(k + 1)
        }
        return out
    }

    /// The value at `i` as a tree.
    func value(at i: Int) -> JSONValue {
        switch nodes[i].kind {
        case .null: return .null
        case .false: return .bool(false)
        case .true: return .bool(true)
        case .number: return .number(number(i))
        case .string: return .string(string(i))
        case .array: return .array(elements(i).map { value(at: $0) })
        case .object: return .object(members(i).map { (string($0.key), value(at: $0.value)) })
        }
    }

    static func string(_ n: Node, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        let raw = UnsafeBufferPointer(rebasing: bytes[Int(n.a)..<Int(n.b)])
        guard n.flags & escaped != 0 else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        func hex4(_ at: Int) -> UInt32 {
            (0..<4).reduce(0) { $0 << 4 | UInt32(hexDigit(raw[at + $1]) ?? 0) }
        }
        while i < raw.count {
            let b = raw[i]
            guard b == UInt8(ascii: "\\") else { out.append(b); i += 1; continue }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(i)
                i += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (hex4(i + 2) - 0xDC00)
                    i += 6
                }
                out.append(contentsOf: String(Character(UnicodeScalar(scalar) ?? "\u{FFFD}")).utf8)
            default: out.append(e) // \" \\ \/
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hexDigit(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
