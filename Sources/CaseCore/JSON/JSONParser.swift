import Foundation

/// A strict JSON parser (RFC 8259) over UTF-8 bytes. It exists instead of Foundation's so that
/// errors name a line and column, invalid UTF-8 and duplicate keys are caught, nesting depth is
/// bounded (hostile input cannot overflow the stack), and large data folders load quickly.
///
/// It parses into a `JSONTape`: one flat array of nodes over the file's bytes, with no
/// allocation per value. Strings are checked (escapes, UTF-8) while parsing but made into
/// `String`s only when a reader asks for them, so a data file is decoded straight into its
/// entities without a tree of values to build and free.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let message: String
    public var description: String { "line \(line), column \(column): \(message)" }
}

public struct JSONParser {
    public static let maximumDepth = 256

    /// The whole document as a tree of values (journal lines, pins, small files).
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let tape = try tape(bytes)
        return tape.value(at: 0)
    }

    /// The whole document as a tape (data files: read without a tree).
    public static func tape(_ bytes: [UInt8]) throws(JSONParseError) -> JSONTape {
        var nodes: [JSONTape.Node] = []
        nodes.reserveCapacity(bytes.count / 16)
        let result: JSONParseError? = bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer)
            do throws(JSONParseError) {
                // A byte-order mark is tolerated at the very start, as editors on some systems write one.
                if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
                parser.skipWhitespace()
                try parser.parseValue()
                parser.skipWhitespace()
                if parser.index < buffer.count { throw parser.error("unexpected text after the JSON value") }
            } catch {
                return error
            }
            nodes = parser.nodes
            return nil
        }
        if let result { throw result }
        return JSONTape(bytes: bytes, nodes: nodes)
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    private var nodes: [JSONTape.Node] = []

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private func error(_ message: String, at position: Int? = nil) -> JSONParseError {
        let end = min(position ?? index, bytes.count)
        var line = 1, lineStart = 0
        for i in 0..<end where bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
        // Columns count characters, not bytes: skip UTF-8 continuation bytes.
        let column = bytes[lineStart..<end].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return JSONParseError(line: line, column: column, message: message)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func append(_ kind: JSONTape.Kind, _ a: UInt32 = 0, _ b: UInt32 = 0, flags: UInt8 = 0) {
        nodes.append(JSONTape.Node(kind: kind, flags: flags, a: a, b: b))
    }

    private mutating func parseValue() throws(JSONParseError) {
        guard index < bytes.count else { throw error("the file ends where a value was expected (truncated?)") }
        switch bytes[index] {
        case UInt8(ascii: "{"): try parseObject()
        case UInt8(ascii: "["): try parseArray()
        case UInt8(ascii: "\""): try parseString()
        case UInt8(ascii: "t"): try expectLiteral("true"); append(.true)
        case UInt8(ascii: "f"): try expectLiteral("false"); append(.false)
        case UInt8(ascii: "n"): try expectLiteral("null"); append(.null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let bits = try parseNumber().bitPattern
            append(.number, UInt32(truncatingIfNeeded: bits >> 32), UInt32(truncatingIfNeeded: bits))
        default: throw error("unexpected character \(describe(byteAt: index)) where a value was expected")
        }
    }

    private func describe(byteAt i: Int) -> String {
        let b = bytes[i]
        if b >= 0x20 && b < 0x7F { return "'\(Character(UnicodeScalar(b)))'" }
        return "byte 0x" + String(b, radix: 16, uppercase: true)
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        let text = literal.utf8Start
        let matches = index + count <= bytes.count && (0..<count).allSatisfy { bytes[index + $0] == text[$0] }
        guard matches else { throw error("unexpected character \(describe(byteAt: index)) where a value was expected") }
        index += count
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > JSONParser.maximumDepth { throw error("nesting deeper than \(JSONParser.maximumDepth) levels") }
    }

    /// An object's node holds its member count and the index after its last node; members
    /// follow as key, value, key, value.
    private mutating func parseObject() throws(JSONParseError) {
        try enter()
        defer { depth -= 1 }
        index += 1
        let me = nodes.count
        append(.object)
        var count: UInt32 = 0
        // Objects in data files are small: a linear scan of the keys so far finds duplicates
        // without allocating; a set takes over for large objects so hostile input cannot make
        // this quadratic.
        var seen: Set<String>? = nil
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            nodes[me].b = UInt32(nodes.count)
            return
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw error("the file ends inside an object (truncated?)") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw error("expected a member name in double quotes, found \(describe(byteAt: index))")
            }
            let keyStart = index
            let keyNode = nodes.count
            try parseString()
            if seen == nil && count >= 16 {
                var set = Set<String>()
                var k = me + 1
                while k < keyNode { set.insert(tapeString(k)); k = after(k + 1) }
                seen = set
            }
            if var set = seen {
                let key = tapeString(keyNode)
                let duplicate = !set.insert(key).inserted
                seen = set
                if duplicate {
                    throw error("the member \"\(key)\" appears twice in one object", at: keyStart)
                }
            } else {
                var k = me + 1
                while k < keyNode {
                    if sameKey(k, keyNode) {
                        throw error("the member \"\(tapeString(keyNode))\" appears twice in one object", at: keyStart)
                    }
                    k = after(k + 1)
                }
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw index < bytes.count
                    ? error("expected ':' after the member name \"\(tapeString(keyNode))\"")
                    : error("the file ends inside an object (truncated?)")
            }
            index += 1
            skipWhitespace()
            try parseValue()
            count += 1
            skipWhitespace()
            guard index < bytes.count else { throw error("the file ends inside an object (truncated?)") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                nodes[me].a = count
                nodes[me].b = UInt32(nodes.count)
                return
            }
            throw error("expected ',' or '}' in an object, found \(describe(byteAt: index))")
        }
    }

    /// The node after the value at `i` and everything inside it.
    private func after(_ i: Int) -> Int { nodes[i].kind.isContainer ? Int(nodes[i].b) : i + 1 }

    private func tapeString(_ i: Int) -> String { JSONTape.string(nodes[i], in: bytes) }

    /// Whether two keys are the same string. Plain ASCII keys are compared as bytes; any other
    /// as `String`s, which compares canonically equivalent text as equal (as before).
    private func sameKey(_ i: Int, _ j: Int) -> Bool {
        let x = nodes[i], y = nodes[j]
        if x.flags == 0 && y.flags == 0 {
            let n = Int(x.b - x.a)
            guard n == Int(y.b - y.a) else { return false }
            return memcmp(bytes.baseAddress! + Int(x.a), bytes.baseAddress! + Int(y.a), n) == 0
        }
        return tapeString(i) == tapeString(j)
    }

    private mutating func parseArray() throws(JSONParseError) {
        try enter()
        defer { depth -= 1 }
        index += 1
        let me = nodes.count
        append(.array)
        var count: UInt32 = 0
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            index += 1
            nodes[me].b = UInt32(nodes.count)
            return
        }
        while true {
            skipWhitespace()
            try parseValue()
            count += 1
            skipWhitespace()
            guard index < bytes.count else { throw error("the file ends inside an array (truncated?)") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                nodes[me].a = count
                nodes[me].b = UInt32(nodes.count)
                return
            }
            throw error("expected ',' or ']' in an array, found \(describe(byteAt: index))")
        }
    }

    private mutating func parseNumber() throws(JSONParseError) -> Double {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") { index += 1; negative = true }
        func digits(_ p: inout JSONParser) -> Int {
            let s = p.index
            while p.index < p.bytes.count, p.bytes[p.index] &- UInt8(ascii: "0") < 10 { p.index += 1 }
            return p.index - s
        }
        let intStart = index
        let intDigits = digits(&self)
        if intDigits == 0 { throw error("a number needs digits", at: start) }
        if intDigits > 1 && bytes[intStart] == UInt8(ascii: "0") {
            throw error("a number may not start with 0", at: start)
        }
        var whole = true
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            whole = false
            if digits(&self) == 0 { throw error("a decimal point needs digits after it", at: start) }
        }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            whole = false
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                index += 1
            }
            if digits(&self) == 0 { throw error("an exponent needs digits", at: start) }
        }
        // Whole numbers of up to 15 digits are exact in a Double: no text to build.
        if whole && intDigits <= 15 {
            var value: Int64 = 0
            for i in intStart..<index { value = value * 10 + Int64(bytes[i] &- UInt8(ascii: "0")) }
            return negative ? -Double(value) : Double(value)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw error("the number \(text) is out of range", at: start)
        }
        return value
    }

    /// A string's node holds the byte range between its quotes, and flags: escaped (the bytes
    /// hold escapes), not ASCII.
    private mutating func parseString() throws(JSONParseError) {
        let open = index
        index += 1
        let start = index
        var flags: UInt8 = 0
        let count = bytes.count
        let base = bytes.baseAddress!
        while true {
            // Eight bytes at a time while none is a quote, a backslash, a control or non-ASCII byte.
            while index + 8 <= count {
                let w = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if JSONParser.needsAttention(w) { break }
                index += 8
            }
            guard index < count else { throw error("the file ends inside a string (truncated?)", at: open) }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") { break }
            if b == UInt8(ascii: "\\") {
                flags |= JSONTape.escaped
                index += 1
                guard index < count else { continue }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    break
                case UInt8(ascii: "u"):
                    let scalar = try parseHex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard index + 1 < count, bytes[index] == UInt8(ascii: "\\"),
                            bytes[index + 1] == UInt8(ascii: "u")
                        else {
                            throw error("a lone UTF-16 surrogate in a \\u escape")
                        }
                        index += 2
                        let low = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw error("a lone UTF-16 surrogate in a \\u escape")
                        }
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw error("a lone UTF-16 surrogate in a \\u escape")
                    }
                default:
                    throw error("unknown escape '\\\(Character(UnicodeScalar(escape)))' in a string", at: index - 2)
                }
                continue
            }
            if b < 0x20 {
                throw error(
                    "a control character (byte 0x\(String(b, radix: 16, uppercase: true))) inside a string "
                        + "must be escaped")
            }
            if b >= 0x80 { flags |= JSONTape.nonASCII }
            index += 1
        }
        let end = index
        index += 1
        // Escapes are ASCII and decode to whole characters, so the bytes between the quotes are
        // valid UTF-8 exactly when the decoded string is.
        if flags & JSONTape.nonASCII != 0 && !JSONParser.isValidUTF8(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        {
            throw error("a string is not valid UTF-8", at: open)
        }
        append(.string, UInt32(start), UInt32(end), flags: flags)
    }

    /// Whether any of eight bytes is a quote, a backslash, below 0x20 or above 0x7F.
    @inline(__always)
    private static func needsAttention(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        func zeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & high }
        let quote = zeroByte(w ^ (ones &* 0x22)), backslash = zeroByte(w ^ (ones &* 0x5C))
        let control = (w &- ones &* 0x20) & ~w & high
        return (quote | backslash | control | (w & high)) != 0
    }

    /// UTF-8 as the Unicode standard defines it (table 3-7): no overlong forms, no surrogates,
    /// nothing above U+10FFFF.
    static func isValidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            func continuation(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
                i + k < n && range.contains(b[i + k])
            }
            switch c {
            case 0xC2...0xDF:
                guard continuation(1) else { return false }
                i += 2
            case 0xE0...0xEF:
                let second: ClosedRange<UInt8> = c == 0xE0 ? 0xA0...0xBF : c == 0xED ? 0x80...0x9F : 0x80...0xBF
                guard continuation(1, second), continuation(2) else { return false }
                i += 3
            case 0xF0...0xF4:
                let second: ClosedRange<UInt8> = c == 0xF0 ? 0x90...0xBF : c == 0xF4 ? 0x80...0x8F : 0x80...0xBF
                guard continuation(1, second), continuation(2), continuation(3) else { return false }
                i += 4
            default: return false
            }
        }
        return true
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = JSONTape.hexDigit(bytes[index]) else { throw error("a \\u escape needs four hex digits") }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}
