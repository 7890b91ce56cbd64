import CaseCore
import ExplorerUI
import Foundation
import Testing
import Presentation

/// Issue 12, the screens' side: nothing a coder does is lost, invisible or silently changed in
/// meaning — keys while the screen cannot be shown, memos left with Esc, pin digits, stale
/// resolutions, data without counties.
@Suite struct SafetyTests {
    func runner(_ keys: String = "", width: Int = 100, height: Int = 30, workspace: Workspace? = nil) -> (
        Runner, Workspace
    ) {
        UIFixtures.runner(keys, width: width, height: height, workspace: workspace, folder: "safety")
    }

    func events(_ ws: Workspace) throws -> [CodingEvent] {
        guard FileManager.default.fileExists(atPath: ws.journal(of: "anna").path) else { return [] }
        return try Journal(workspace: ws, coder: "anna", mode: .readOnly).events
    }

    // MARK: item 2 — while "too small" is shown no key changes anything

    @Test func keysWhileTheScreenIsTooSmallChangeNothing() throws {
        let (r, ws) = runner("R")
        defer { try? FileManager.default.removeItem(at: ws.root) }
        r.resize(width: 40, height: 10)
        let before = try #require(r.state.review)
        for key in try KeyNotation.parse("1 r n a c Enter m x C-s ] u") { r.press(key) }
        #expect(try events(ws).isEmpty, "nothing may be written while nothing is visible")
        let after = try #require(r.state.review)
        #expect(after == before)
        #expect(!r.state.quitting)
        #expect(Frame.render(r.state).text.contains("Ingenting ble gjort"), "\(Frame.render(r.state).text)")
        // Resize back: the screen is as it was, and the keys act again.
        r.resize(width: 100, height: 30)
        r.press(.char("1"))
        #expect(try events(ws).count == 1)
    }

    @Test func whileTooSmallHelpOpensAndQuitQuits() {
        let (r, ws) = runner("", width: 40, height: 10)
        defer { try? FileManager.default.removeItem(at: ws.root) }
        #expect(!Frame.render(r.state).text.contains("Hjelp:"))
        r.press(.char("?"))
        guard case .help = r.state.overlay else {
            Issue.record("help did not open: \(String(describing: r.state.overlay))"); return
        }
        // The size sentence promises help on ?: it shows (it showed nothing) which keys work
        // here, under the size, on the screen at hand.
        let shown = Frame.render(r.state).text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(shown.contains("Terminalvinduet er for lite (40×10)"), "\(shown)")
        #expect(
            shown.contains("Hjelp: her virker q (avslutt), Ctrl-L") && shown.contains("minst 60×16."), "\(shown)")
        r.press(.char("?"))
        #expect(r.state.overlay == nil)
        #expect(!Frame.render(r.state).text.contains("Hjelp:"))
        r.press(.char("j"))
        #expect(r.state.screen == UIFixtures.state("").screen, "j moved nothing")
        r.press(.char("q"))
        #expect(r.state.quitting)
    }

    @Test func quittingWhileTooSmallNeverDropsAChangedMemo() {
        let (r, ws) = runner("R m", width: 100, height: 30)
        defer { try? FileManager.default.removeItem(at: ws.root) }
        for ch in "notat" { r.press(.char(ch)) }
        r.resize(width: 40, height: 10)
        r.press(.char("q"))
        #expect(!r.state.quitting)
        #expect(r.state.review?.editor?.text == "notat", "the memo text is untouched (q was not typed into it)")
        #expect(r.state.message?.contains("ikke er lagret") == true)
    }

    // MARK: item 1 — a changed memo is never discarded without asking

    @Test func escOnAnUnchangedMemoSaysNothing() {
        let (r, ws) = runner("R m")
        defer { try? FileManager.default.removeItem(at: ws.root) }
        #expect(r.state.review?.editor != nil)
        r.press(.escape)
        #expect(r.state.review?.editor == nil)
        #expect(r.state.message == nil)
    }

    @Test func escOnAChangedMemoAsksAndASecondEscDiscards() throws {
        let (r, ws) = runner("R m")
        defer { try? FileManager.default.removeItem(at: ws.root) }
        for ch in "viktig" { r.press(.char(ch)) }
        r.press(.escape)
        #expect(r.state.review?.editor?.text == "viktig", "the first Esc keeps the memo open")
        #expect(r.state.message?.contains("Ctrl-S lagrer") == true)
        #expect(Frame.render(r.state).text.contains("Ctrl-S lagrer"), "the question is on the screen")
        // Typing on clears the question; Esc asks again.
        r.press(.char("!"))
        r.press(.escape)
        #expect(r.state.review?.editor?.text == "viktig!")
        r.press(.escape)
        #expect(r.state.review?.editor == nil)
        #expect(r.state.message == "Endringene i memoet ble forkastet.")
        #expect(try events(ws).isEmpty)
    }

    @Test func savingAfterTheQuestionKeepsTheMemo() throws {
        let (r, ws) = runner("R m")
        defer { try? FileManager.default.removeItem(at: ws.root) }
        for ch in "lagres" { r.press(.char(ch)) }
        r.press(.escape)
        r.press(.ctrl("s"))
        let first = try #require(r.state.review?.current)
        #expect(try Journal(workspace: ws, coder: "anna", mode: .readOnly).state[first].memo == "lagres")
    }

    @Test func quittingFromAChangedMemoAsksFirst() {
        let (r, ws) = runner("R m")
        defer { try? FileManager.default.removeItem(at: ws.root) }
        for ch in "tekst" { r.press(.char(ch)) }
        r.press(.ctrl("c"))
        #expect(!r.state.quitting)
        #expect(r.state.review?.editor?.text == "tekst")
        r.press(.ctrl("c"))
        #expect(r.state.quitting, "asked once; the second Ctrl-C quits")
    }

    @Test func clearingAndRetypingTheSameMemoIsNoChange() {
        let (r, ws) = runner("R m")
        defer { try? FileManager.default.removeItem(at: ws.root) }
        r.press(.ctrl("u"))
        #expect(r.state.review?.editor?.changed == false)
        r.press(.escape)
        #expect(r.state.review?.editor == nil && r.state.message == nil)
    }

    // MARK: item 3 — digits never change meaning silently

    func pick(_ r: Runner, _ code: String) throws {
        r.press(.char("c"))
        for ch in code { r.press(.char(ch)) }
        let codes = try #require(r.state.review?.pickerCodes(UIFixtures.data))
        let row = try #require(codes.firstIndex { $0.id == code }, "\(code) is not offered")
        for _ in 0..<row { r.press(.down) }
    }

    @Test func aTenthPinIsRefusedAPinCanBeRemovedAndOtherDigitsKeepTheirCodes() throws {
        let (r, ws) = runner("R")
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let pins = try #require(r.state.review?.pins)
        #expect(pins.count == 9 && pins.allSatisfy { $0 != nil }, "nine codes are pinned from the start")
        let outsider = try #require(UIFixtures.data.codes.first { !pins.contains($0.id) }).id
        try pick(r, outsider)
        r.press(.ctrl("p"))
        #expect(r.state.review?.pins == pins, "a tenth pin moves no digit")
        #expect(r.state.message?.contains("Alle ni tallene er i bruk") == true, "\(r.state.message ?? "")")
        r.press(.escape)
        // Unpin the code on 3: only 3 becomes free.
        let third = try #require(pins[2])
        try pick(r, third)
        r.press(.ctrl("p"))
        var expected = pins
        expected[2] = nil
        #expect(r.state.review?.pins == expected)
        #expect(r.state.message?.contains("ikke lenger festet på 3") == true, "\(r.state.message ?? "")")
        r.press(.escape)
        r.press(.char("3"))
        #expect(r.state.message?.contains("Ingen kode er festet på 3") == true)
        #expect(try events(ws).isEmpty, "a free digit applies nothing")
        // The new code takes the free digit, and the others still mean what they meant.
        try pick(r, outsider)
        r.press(.ctrl("p"))
        expected[2] = outsider
        #expect(r.state.review?.pins == expected)
        r.press(.escape)
        r.press(.char("3"))
        let first = try #require(r.state.review?.current)
        #expect(r.state.review?.mine[first].codes == [outsider])
        // The slots are kept for the next session, digit for digit.
        let (again, _) = runner("R", workspace: ws)
        #expect(again.state.review?.pins == expected)
    }

    @Test func everyPinIsShownInFullAt80Columns() throws {
        let (r, ws) = runner("R", width: 80, height: 24)
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let text = Frame.render(r.state).text
        for (i, pin) in try #require(r.state.review?.pins).enumerated() {
            let code = try #require(pin)
            #expect(text.contains("\(i + 1) \(code)"), "pin \(i + 1) (\(code)) is not shown whole:\n\(text)")
        }
    }

    // MARK: item 4 — a resolution older than a source decision is stale

    @Test func aResolutionOlderThanASourceDecisionShowsAsStale() throws {
        let ws = try ResolveTests().workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        do {
            let r = ResolveTests().runner(ws)
            r.press(.char("a"))
            r.press(.char("U"))
            #expect(Frame.render(r.state).text.contains("2/2 løst"))
        }
        // anna changes an excerpt after it was resolved (still in disagreement with bo).
        do {
            let anna = CodingSession(journal: try Journal(workspace: ws, coder: "anna"), data: UIFixtures.data)
            try anna.record(CodingEvent(coder: "anna", excerpt: "ex-5.3-04", action: .set, codes: ["sf-rolle", "ppt"]))
        }
        let r = ResolveTests().runner(ws)
        let text = Frame.render(r.state).text
        #expect(text.contains("1/2 løst · 1 utdatert"), "\(text)")
        #expect(r.state.resolve?.current == "ex-5.3-04", "opens on the stale one")
        #expect(text.contains("UTDATERT: en koder har endret utdraget etter løsningen"))
        // Resolving it again settles it.
        r.press(.char("a"))
        let after = Frame.render(r.state).text
        #expect(after.contains("2/2 løst") && !after.contains("utdatert"), "\(after)")
    }

    // MARK: item 11 — a data folder without counties

    @Test func nextCountyInDataWithoutCountiesIsASentenceNotACrash() throws {
        let folder = try SafetyFixtures.dataWithoutCounties()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try DataFolder.load(folder)
        #expect(data.counties.isEmpty)
        var s = AppState(data: data, language: .en, width: 100, height: 30)
        for key in try KeyNotation.parse("n ] [ 1 Tab n j k g G u") { s.handle(key) }
        #expect(Frame.render(s).text.contains("Case counties and chains"))
        s.handle(.char("n"))
        #expect(s.message == "The data has no case counties.")
    }
}

enum SafetyFixtures {
    /// The bundled data with the counties, excerpts and the report's codings taken out: a
    /// folder `validate` accepts.
    static func dataWithoutCounties() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("no-counties-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: UIFixtures.repository.appendingPathComponent("Cases"), to: folder)
        for n in 1...3 { try FileManager.default.removeItem(at: folder.appendingPathComponent("county-\(n).json")) }
        for (file, member) in [("excerpts.json", "excerpts"), ("coding-rapport.json", "codings")] {
            let url = folder.appendingPathComponent(file)
            var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            object[member] = [Any]()
            try JSONSerialization.data(withJSONObject: object).write(to: url)
        }
        return folder
    }
}

/// Item 21: the snapshot helper cannot pass by rewriting, and never rewrites on CI.
@Suite struct SnapshotHelperTests {
    @Test func updatingWritesTheFileAndStillFails() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try "old\n".write(to: url, atomically: true, encoding: .utf8)
        let problem = SnapshotFile.check("new\n", against: url, update: true)
        #expect(problem?.contains("rewritten") == true)
        #expect(try String(contentsOf: url, encoding: .utf8) == "new\n")
        #expect(SnapshotFile.check("new\n", against: url, update: true) == nil, "once written it matches")
        #expect(SnapshotFile.check("other\n", against: url, update: false)?.contains("differs at line 1") == true)
        #expect(try String(contentsOf: url, encoding: .utf8) == "new\n", "without updating nothing is written")
    }

    @Test func ciNeverRewrites() {
        #expect(SnapshotFile.updating(["UPDATE_SNAPSHOTS": "1"]))
        #expect(!SnapshotFile.updating(["UPDATE_SNAPSHOTS": "1", "CI": "true"]))
        #expect(!SnapshotFile.updating(["UPDATE_SNAPSHOTS": "1", "CI": "1"]))
        #expect(!SnapshotFile.updating([:]))
    }
}

/// Item 17: emoji arrive from the terminal one scalar at a time; the memo editor joins them into
/// the characters they make and keeps its cursor on them (it crashed on a joiner before).
@Suite struct EmojiMemoTests {
    @Test func typedScalarsJoinIntoCharactersAndTheCursorFollows() {
        var e = MemoEditor(code: nil, text: "")
        let typed = "✅ 🇳🇴 ❤️ 👩‍💻 👍🏽 1️⃣ å slutt"
        for scalar in typed.unicodeScalars { _ = e.edit(.char(Character(scalar))) }
        #expect(e.text == typed)
        #expect(e.column == typed.count)
        e.move(.home)
        _ = e.edit(.char("«"))
        e.move(.end)
        _ = e.edit(.char("»"))
        #expect(e.text == "«" + typed + "»")
        _ = e.edit(.backspace)
        #expect(e.text == "«" + typed)
    }

    @Test func theEditorDrawsEveryTypedEmojiAndKeepsItsBorder() {
        let ws = Workspace(
            root: FileManager.default.temporaryDirectory.appendingPathComponent("emoji-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let r = Runner(
            state: AppState(data: UIFixtures.data, language: .nb, width: 100, height: 30), workspace: ws, coder: "anna")
        r.press(.char("R"))
        r.press(.char("m"))
        for scalar in "✅❌⭐⚡🚀✨☕⏳ 🇳🇴 ❤️ 👩‍💻 SLUTT".unicodeScalars { r.press(.char(Character(scalar))) }
        let frame = Frame.render(r.state)
        let row = frame.lines.first { $0.contains("SLUTT") } ?? ""
        #expect(row.contains("✅❌⭐⚡🚀✨☕⏳ 🇳🇴 ❤ 👩💻 SLUTT"), "drawn as its parts, without joiner or selector: \(row)")
        // Every row of the box is equally wide in cells, so the right border stands in one column.
        let box = frame.lines.filter { $0.hasPrefix("    │") || $0.hasPrefix("    ┌") || $0.hasPrefix("    └") }
        let widths = Set(
            box.map { line -> Int in
                let end = line.lastIndex { $0 == "│" || $0 == "┐" || $0 == "┘" }!
                return DisplayWidth.of(line[...end])
            })
        #expect(widths.count == 1, "\(widths)")
    }
}
