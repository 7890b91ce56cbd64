import Foundation
import Testing
@testable import CaseCore

@Suite struct JSONParserTests {
    func parse(_ text: String) throws(JSONParseError) -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test func parsesEveryKindOfValueAndKeepsMemberOrder() throws {
        let v = try parse(#"{"b": [1, -2.5e2, true, false, null], "a": "æøå \u00e5 \ud83d\ude00 \n"}"#)
        guard case let .object(members) = v else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["b", "a"])
        #expect(v["b"] == .array([.number(1), .number(-250), .bool(true), .bool(false), .null]))
        #expect(v["a"] == .string("æøå å 😀 \n"))
    }

    @Test func toleratesAByteOrderMark() throws {
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == .array([.number(1)]))
    }

    @Test(arguments: [
        ("{\"a\": 1,", "line 1, column 9: the file ends inside an object (truncated?)"),
        ("{\n  \"a\": tru\n}", "line 2, column 8: unexpected character 't' where a value was expected"),
        ("[1 2]", "line 1, column 4: expected ',' or ']' in an array, found '2'"),
        ("{\"a\": 1, \"a\": 2}", "line 1, column 10: the member \"a\" appears twice in one object"),
        ("\"abc", "line 1, column 1: the file ends inside a string (truncated?)"),
        ("[01]", "line 1, column 2: a number may not start with 0"),
        ("[\"\\ud800\"]", "line 1, column 9: a lone UTF-16 surrogate in a \\u escape"),
        ("{} x", "line 1, column 4: unexpected text after the JSON value"),
        ("", "line 1, column 1: the file ends where a value was expected (truncated?)"),
        ("\"a\tb\"", "line 1, column 3: a control character (byte 0x9) inside a string must be escaped")
    ])
    func reportsWhereAndWhatIsWrong(text: String, expected: String) {
        #expect(throws: JSONParseError.self) { try parse(text) }
        do { _ = try parse(text) } catch { #expect(error.description == expected) }
    }

    @Test func rejectsInvalidUTF8InStrings() {
        let bytes: [UInt8] = Array("[\"ok\", \"".utf8) + [0xC3, 0x28] + Array("\"]".utf8)
        do {
            _ = try JSONParser.parse(bytes)
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.message == "a string is not valid UTF-8")
        }
    }

    @Test func boundsNestingDepthInsteadOfOverflowingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try parse(deep)
            Issue.record("deep nesting was accepted")
        } catch {
            #expect(error.message.contains("nesting deeper than"))
        }
    }

    @Test func writerRoundTripsThroughTheParser() throws {
        let value: JSONValue = .object([
            ("tekst", .string("«Kompetanseløftet» \"sitat\"\n\t\u{1}")), ("n", .number(2.5)), ("i", .number(3)),
            ("tom", .array([]))
        ])
        #expect(try JSONParser.parse(Array(JSONWriter.write(value).utf8)) == value)
        #expect(JSONWriter.write(.number(3)) == "3")
        #expect(JSONWriter.write(.string("æ"), pretty: false) == "\"æ\"")
    }

    // The tape: every hostile input still one sentence with its place, never a crash.

    @Test(arguments: [
        ("[1e400]", "line 1, column 2: the number 1e400 is out of range"),
        ("[-1e999]", "line 1, column 2: the number -1e999 is out of range"),
        ("{\"a\": 1, \"\\u0061\": 2}", "line 1, column 10: the member \"a\" appears twice in one object"),
        ("[\"\\x\"]", "line 1, column 3: unknown escape '\\x' in a string"),
        ("[\"\\u12\"]", "line 1, column 7: a \\u escape needs four hex digits"),
        ("[\"\\udc00\"]", "line 1, column 9: a lone UTF-16 surrogate in a \\u escape"),
        ("[\"abc\\", "line 1, column 2: the file ends inside a string (truncated?)"),
        ("[1.]", "line 1, column 2: a decimal point needs digits after it"),
        ("[1e+]", "line 1, column 2: an exponent needs digits"),
        ("[-]", "line 1, column 2: a number needs digits"),
        ("{\"a\" 1}", "line 1, column 6: expected ':' after the member name \"a\""),
        ("{\"a\": 1 \"b\"}", "line 1, column 9: expected ',' or '}' in an object, found '\"'"),
        ("[nul]", "line 1, column 2: unexpected character 'n' where a value was expected"),
        ("{1: 2}", "line 1, column 2: expected a member name in double quotes, found '1'"),
        (
            "[\"long enough to be read eight bytes at a time\u{1}\"]",
            "line 1, column 47: a control character (byte 0x1) inside a string must be escaped"
        )
    ])
    func hostileInputIsOneSentenceWithItsPlace(text: String, expected: String) {
        do {
            _ = try parse(text)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description == expected)
        }
    }

    /// Overlong forms, UTF-16 surrogates written as UTF-8, code points past U+10FFFF, stray and
    /// missing continuation bytes, at the start, middle and end of long and short strings.
    @Test(
        arguments: [
            [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
            [0x80], [0xBF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xFE], [0xFF], [0xC3, 0xC3, 0xA5]
        ] as [[UInt8]])
    func invalidUTF8IsRefusedWherever(_ bad: [UInt8]) {
        for (before, after) in [
            ("", ""), ("ab", "cd"), (String(repeating: "x", count: 21), String(repeating: "y", count: 9))
        ] {
            let bytes = Array("[\"\(before)".utf8) + bad + Array("\(after)\"]".utf8)
            do {
                _ = try JSONParser.parse(bytes)
                Issue.record("accepted \(bad)")
            } catch {
                #expect(error.description == "line 1, column 2: a string is not valid UTF-8")
            }
        }
    }

    /// Valid UTF-8 of every length the standard allows, at its limits, comes back as written.
    @Test func validUTF8AtItsLimitsIsKept() throws {
        let text = "\u{80}\u{7FF}\u{800}\u{D7FF}\u{E000}\u{FFFF}\u{10000}\u{10FFFF} æøå ÆØÅ 😀 e\u{301}"
        for pad in 0..<9 {
            let padded = String(repeating: "a", count: pad) + text
            #expect(try parse("[\"\(padded)\"]") == .array([.string(padded)]))
        }
    }

    @Test func numbersAreExactAndLargeOnesStillNumbers() throws {
        #expect(
            try parse("[0, -0, 123456789012345, -999999999999999, 1234567890123456789, 2.5e-3, 1E2]")
                == .array([
                    .number(0), .number(-0.0), .number(123_456_789_012_345), .number(-999_999_999_999_999),
                    .number(1_234_567_890_123_456_789), .number(0.0025), .number(100)
                ]))
    }

    /// Objects of more than 16 members find a duplicate by a set (a hostile object of many
    /// members stays linear); the message is the same.
    @Test func aDuplicateInALargeObjectIsFound() {
        let members = (0..<40).map { "\"k\($0)\": \($0)" } + ["\"k3\": 0"]
        do {
            _ = try parse("{" + members.joined(separator: ", ") + "}")
            Issue.record("a duplicate was accepted")
        } catch {
            #expect(error.message == "the member \"k3\" appears twice in one object")
        }
    }

    /// Random documents written by the writer (escapes, control characters, every width of
    /// UTF-8, long and short strings, nesting) are read back as they were, and as Foundation
    /// reads them.
    @Test func randomDocumentsReadBackAsWrittenAndAsFoundationReadsThem() throws {
        var rng = SeededGenerator(seed: 18)
        let alphabet: [String] = [
            "a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{1F}", "æ", "ø", "Å", "€",
            "😀", "e\u{301}", "\u{7F}", "\u{80}", "\u{FFFF}", "0", ":", "{", "]"
        ]
        func string() -> String {
            (0..<Int(rng.next() % 40)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
        }
        func value(_ depth: Int) -> JSONValue {
            switch rng.next() % (depth > 3 ? 4 : 6) {
            case 0: return .string(string())
            case 1: return .number(Double(Int64(bitPattern: rng.next()) % 10_000_000) / 8)
            case 2: return rng.next() % 2 == 0 ? .bool(true) : .null
            case 3: return .number(Double(Int64(bitPattern: rng.next()) % 1_000_000_000_000_000) / 1000)
            case 4: return .array((0..<Int(rng.next() % 6)).map { _ in value(depth + 1) })
            default:
                var seen = Set<String>()
                return .object(
                    (0..<Int(rng.next() % 20)).compactMap { _ in
                        let key = string()
                        return seen.insert(key).inserted ? (key, value(depth + 1)) : nil
                    })
            }
        }
        for _ in 0..<300 {
            let doc = JSONValue.array([value(0)])
            let text = JSONWriter.write(doc, pretty: rng.next() % 2 == 0)
            let parsed = try JSONParser.parse(Array(text.utf8))
            #expect(parsed == doc)
            let foundation = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            #expect(
                try JSONSerialization.data(withJSONObject: foundation, options: [.sortedKeys])
                    == JSONSerialization.data(withJSONObject: toFoundation(parsed), options: [.sortedKeys]))
        }
    }

    private func toFoundation(_ v: JSONValue) -> Any {
        switch v {
        case .null: return NSNull()
        case let .bool(b): return b
        case let .number(n): return n == n.rounded() && abs(n) < 1e15 ? Int(n) as Any : n as Any
        case let .string(s): return s
        case let .array(a): return a.map(toFoundation)
        case let .object(m):
            return Dictionary(m.map { ($0.key, toFoundation($0.value)) }, uniquingKeysWith: { a, _ in a })
        }
    }
}
