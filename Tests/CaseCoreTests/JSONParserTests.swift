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
}
