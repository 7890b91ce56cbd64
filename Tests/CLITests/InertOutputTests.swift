import Foundation
import Testing

/// Issue 12 item 16: nothing the command line prints may drive the terminal. Text from the
/// data, a colleague's journal, an imported file or a mistyped option is shown with visible
/// signs (␛ ␇ ␈ ␍ �); JSON escapes control characters as JSON does.
@Suite struct InertOutputTests {
    /// Title, colour, backspace, carriage return, an 8-bit CSI and a clipboard write (OSC 52).
    static let attack = "\u{1B}]0;PWNED\u{07}\u{1B}[31mRED\u{08}\u{08}X\rCR\u{9B}2J\u{1B}]52;c;aGk=\u{07}\u{7F}"

    func expectInert(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let raw = text.unicodeScalars.filter {
            ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value)
        }
        #expect(
            raw.isEmpty, "\(what) printed raw control characters \(raw.map { String($0.value, radix: 16) })",
            sourceLocation: sourceLocation)
    }

    /// The bundled data with the attack in a code name, an excerpt's text and its speaker's role.
    func hostileData() throws -> URL {
        let dir = try CLI.scratchCopy()
        func edit(_ file: String, _ change: (inout [String: Any]) -> Void) throws {
            let url = dir.appendingPathComponent(file)
            var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            change(&object)
            try JSONSerialization.data(withJSONObject: object).write(to: url)
        }
        try edit("codebook.json") { o in
            var codes = o["codes"] as! [[String: Any]]
            codes[0]["name"] = "Programteori" + Self.attack
            o["codes"] = codes
        }
        try edit("excerpts.json") { o in
            var excerpts = o["excerpts"] as! [[String: Any]]
            excerpts[0]["text"] = (excerpts[0]["text"] as! String) + Self.attack
            var speaker = excerpts[0]["speaker"] as! [String: Any]
            speaker["role"] = (speaker["role"] as! String) + Self.attack
            excerpts[0]["speaker"] = speaker
            o["excerpts"] = excerpts
        }
        return dir
    }

    @Test func listShowSearchAndMatrixShowControlCharactersWithoutSendingThem() throws {
        let dir = try hostileData()
        defer { try? FileManager.default.removeItem(at: dir) }
        for args in [
            ["list", "excerpts"], ["list", "codes"], ["list", "informants"], ["show", "ex-4-01"],
            ["show", "programteori"],
            ["search", "PWNED"], ["matrix", "cooccurrence"], ["matrix", "cases", "--by", "county"]
        ] {
            let r = try CLI.run(args + ["--cases", dir.path])
            #expect(r.status == 0, "\(args): \(r.stderr)")
            expectInert(r.stdout + r.stderr, args.joined(separator: " "))
        }
        let show = try CLI.run(["show", "ex-4-01", "--cases", dir.path])
        #expect(
            show.stdout.contains("␛]0;PWNED␇␛[31mRED␈␈X␍CR�2J␛]52;c;aGk=␇␡"),
            "the signs say what was there:\n\(show.stdout)")
    }

    @Test func jsonEscapesControlCharactersAndKeepsTheValue() throws {
        let dir = try hostileData()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["list", "codes", "--json", "--cases", dir.path])
        expectInert(r.stdout, "list codes --json")
        #expect(
            r.stdout.contains(#"\u001b]0;PWNED\u0007"#) && r.stdout.contains(#"\u009b2J"#)
                && r.stdout.contains(#"\u007f"#))
        let codes = try #require(r.json as? [[String: Any]])
        #expect(codes.first?["name"] as? String == "Programteori" + Self.attack, "the same string after parsing")
    }

    @Test func validationMessagesShowWhatTheFileSaysInertly() throws {
        let dir = try CLI.scratchCopy()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("excerpts.json")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var excerpts = object["excerpts"] as! [[String: Any]]
        var attribution = excerpts[0]["attribution"] as! [String: Any]
        attribution["actor"] = "x" + Self.attack
        excerpts[0]["attribution"] = attribution
        object["excerpts"] = excerpts
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        let r = try CLI.run(["validate", "--cases", dir.path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("x␛]0;PWNED␇"), "\(r.stderr)")
        expectInert(r.stdout + r.stderr, "validate")
    }

    @Test func aColleaguesMemoInTheCodingLogIsShownInertly() throws {
        let ws = FileManager.default.temporaryDirectory.appendingPathComponent("inert-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: ws) }
        let common = ["--workspace", ws, "--coder", "bo"]
        #expect(
            try CLI.run(["coding", "memo", "--excerpt", "ex-5.3-02", "--text", "se her" + Self.attack] + common).status
                == 0)
        let log = try CLI.run(["coding", "log"] + common)
        #expect(log.status == 0)
        #expect(log.stdout.contains("se her␛]0;PWNED␇"), "\(log.stdout)")
        expectInert(log.stdout + log.stderr, "coding log")
        let export = try CLI.run(["coding", "export"] + common)
        expectInert(export.stdout + export.stderr, "coding export")
    }

    @Test func anImportedCodebookTableIsShownInertly() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("inert-qdc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // XML 1.0 allows the 8-bit controls, DEL and a carriage return as a character reference.
        let qdc = """
            <?xml version="1.0" encoding="UTF-8"?>
            <CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
            <Code guid="8d2166af-b315-538d-b177-289cee030d10" name="Navn\u{9B}31m&#13;skjult\u{7F}" isCodable="true"/>
            </Codes></CodeBook>
            """
        let file = dir.appendingPathComponent("k.qdc")
        try Data(qdc.utf8).write(to: file)
        let r = try CLI.run(["import", "qdc", file.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Navn�31m␍skjult␡"), "\(r.stdout)")
        expectInert(r.stdout + r.stderr, "import qdc")
    }

    @Test func aMistypedValueIsEchoedInertly() throws {
        let coder = try CLI.run(["coding", "log", "--coder", "a" + Self.attack])
        #expect(coder.status != 0)
        #expect(coder.stderr.contains("a␛]0;PWNED␇"), "\(coder.stderr)")
        expectInert(coder.stdout + coder.stderr, "a bad --coder")
        let what = try CLI.run(["list", Self.attack])
        #expect(what.status == 64)
        #expect(what.stderr.contains("␛]0;PWNED␇"), "\(what.stderr)")
        expectInert(what.stdout + what.stderr, "a bad argument")
        let help = try CLI.run(["list", "--help"])
        #expect(
            help.status == 0 && help.stdout.contains("USAGE: case-explorer list"), "help still goes to standard output")
    }
}
