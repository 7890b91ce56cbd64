import Foundation
import Testing

/// The command line's tables in a real terminal, with emoji sequences, flags, skin tones,
/// combining accents and CJK in the data: every column starts where the header's does, as tmux
/// places it, and no row runs past the window's edge (field test, item 2).
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed (.ci/run installs it)"))
struct TableWidthEndToEndTests {
    let binary = ExplorerEndToEndTests.binary

    /// Texts whose width terminals get wrong most often, each with a plain word after it.
    static let texts = [
        "forsker 👩‍🔬 i PPT", "fra 🇳🇴 Norge", "👍🏽 rektor", "Rene\u{301} e\u{301}", "中文 leder", "❤️ lærer",
        "👨‍👩‍👧 familie", "🏳️‍🌈 flagg"
    ]

    /// A generated study with the texts as speakers' roles (and at the start of the excerpts) and
    /// as county names.
    func study() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-widths-\(UUID().uuidString)")
        let generate = Spawn.run(
            binary,
            [
                "generate", "--excerpts", String(Self.texts.count), "--coders", "0",
                "-o", dir.path
            ])
        try #require(generate.status == 0)
        let cases = dir.appendingPathComponent("cases")
        try edit(cases.appendingPathComponent("excerpts-0001.json"), "excerpts") { i, excerpt in
            var speaker = excerpt["speaker"] as? [String: Any] ?? [:]
            speaker["role"] = Self.texts[i % Self.texts.count]
            excerpt["speaker"] = speaker
            excerpt["text"] = Self.texts[i % Self.texts.count] + " " + (excerpt["text"] as? String ?? "")
        }
        for county in 1...3 {
            try edit(cases.appendingPathComponent("county-000\(county).json"), "counties") { _, c in
                c["name"] = Self.texts[county - 1]
            }
        }
        return cases.path
    }

    func edit(_ file: URL, _ key: String, _ change: (Int, inout [String: Any]) -> Void) throws {
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var items = json[key] as? [[String: Any]] ?? []
        for i in items.indices { change(i, &items[i]) }
        json[key] = items
        try JSONSerialization.data(withJSONObject: json).write(to: file)
    }

    /// The column tmux's cursor stands in after printing `text` from the left edge: the cells
    /// tmux gives it.
    func tmuxWidth(_ text: String) -> Int {
        let t = TmuxSession("printf '%s' \"$TEXT\"; sleep 600", width: 200, height: 5, environment: ["TEXT": text])
        #expect(t.waitFor(String(text.split(separator: " ").first ?? "")), "\(text)")
        usleep(100_000)
        return Int(t.tmux(["display-message", "-p", "#{cursor_x}"]).trimmingCharacters(in: .whitespacesAndNewlines))
            ?? -1
    }

    /// Where each column of a row starts in the printed line: after a run of two spaces or more.
    static func columnStarts(_ row: String) -> [String.Index] {
        var starts = [row.startIndex]
        var spaces = 0
        for i in row.indices {
            if row[i] == " " {
                spaces += 1
            } else {
                if spaces >= 2 { starts.append(i) }
                spaces = 0
            }
        }
        return starts
    }

    /// Runs the command in a window `width` wide and checks, through tmux, that each of the
    /// `rows` data rows starts its `columns` in the header's columns, and that the window shows
    /// the header, the rows and `summary` lines (a summary under the table) — a wrapped row
    /// would add a line.
    func expectAligned(_ arguments: [String], columns: [Int], rows: Int, summary: Int, width: Int = 100) throws {
        let command = ([binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let t = TmuxSession(command, width: width, height: rows + 10)
        #expect(t.waitFor("__EXIT__=0"), "\(arguments):\n\(t.screen)")
        let lines = t.screen.split(separator: "\n").map(String.init).prefix { !$0.hasPrefix("__EXIT__") }
        let body = lines.filter { !$0.isEmpty && !$0.hasPrefix("─") }
        #expect(body.count == 1 + rows + summary, "a line was wrapped:\n\(t.screen)")
        let header = try #require(body.first)
        let headerStarts = Self.columnStarts(header).map { header.distance(from: header.startIndex, to: $0) }
        for row in body.dropFirst().prefix(rows) {
            let starts = Self.columnStarts(row)
            for column in columns where column < starts.count {
                let cells = tmuxWidth(String(row[..<starts[column]]))
                #expect(
                    cells == headerStarts[column],
                    "\(arguments): column \(column) of \"\(row)\" starts at \(cells), not \(headerStarts[column])")
            }
        }
    }

    @Test func listExcerptsLinesUpInTmux() throws {
        let cases = try study()
        defer { try? FileManager.default.removeItem(atPath: (cases as NSString).deletingLastPathComponent) }
        // SPEAKER (4) holds the texts; TEXT (5) must start after it in the same column on every row.
        try expectAligned(
            ["list", "excerpts", "--cases", cases, "--no-index"], columns: [4, 5], rows: Self.texts.count, summary: 1)
    }

    @Test func listCountiesAndSearchLineUpInTmux() throws {
        let cases = try study()
        defer { try? FileManager.default.removeItem(atPath: (cases as NSString).deletingLastPathComponent) }
        // NAME (1) holds the texts; CHAINS (2) comes after it.
        try expectAligned(["list", "counties", "--cases", cases, "--no-index"], columns: [1, 2], rows: 3, summary: 0)
        // MATCH is last, cut to the window: the hit begins with a family (a ZWJ sequence) and
        // must end at the edge of a window 60 wide, not wrap.
        try expectAligned(
            ["search", "familie", "--cases", cases, "--no-index"], columns: [3], rows: 1, summary: 1, width: 60)
    }

    /// The explorer draws an emoji sequence in its parts (without joiners, `DisplayWidth.drawnPieces`):
    /// at 80 columns the excerpt list's text column starts in the same cell on every row, as tmux
    /// places it, and no row is wider than the window.
    @Test func theExplorersExcerptListLinesUpAt80Columns() throws {
        let cases = try study()
        defer { try? FileManager.default.removeItem(atPath: (cases as NSString).deletingLastPathComponent) }
        let t = TmuxSession("\(binary) --cases \(cases) --no-index --lang en --no-mouse", width: 80, height: 24)
        #expect(t.waitFor("q quit"), "\(t.screen)")
        t.keys("e")
        #expect(t.waitFor("8 of 8 excerpts"), "\(t.screen)")
        let rows = t.screen.split(separator: "\n").map(String.init).filter { $0.contains("sx-") }
        #expect(rows.count == Self.texts.count, "\(t.screen)")
        var starts: Set<Int> = []
        for (row, text) in zip(rows, Self.texts) {
            // The text column begins with the speaker's role again: its second appearance on the row.
            let first = String(text.prefix { $0 != " " }.unicodeScalars.filter { ![0x200D, 0xFE0F].contains($0.value) })
            let ranges = row.ranges(of: first)
            try #require(ranges.count >= 2, "\(first) in \(row)")
            starts.insert(tmuxWidth(String(row[..<ranges[1].lowerBound])))
            #expect(tmuxWidth(row) <= 80, "\(row)")
        }
        #expect(starts.count == 1, "the text column starts in \(starts.sorted()):\n\(t.screen)")
        t.keys("Q")
        #expect(t.waitFor("__EXIT__=0"), "\(t.screen)")
    }
}
