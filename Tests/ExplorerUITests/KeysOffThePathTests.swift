import CaseCore
@testable import ExplorerUI
import Foundation
import Presentation
import Testing

/// What a key at 100 000 excerpts no longer waits for: the agreement table and a coder's
/// matrices are built off the key path on large studies (the screen says so until they are in,
/// then shows what the key path would have built), an export is written on a thread of its own
/// (the status line says so; a second export waits), and the filter panel's code filters in a
/// coder's coding read it by position. Large studies are stood in for by `searchesInBackground`,
/// which is what the size decides.
@Suite struct KeysOffThePathTests {
    func runner(_ ws: Workspace, background: Bool, language: Language = .en) -> Runner {
        var state = AppState(data: UIFixtures.data, language: language, width: 110, height: 32)
        state.searchesInBackground = background
        return Runner(state: state, workspace: ws, coder: "carl")
    }

    func workspace() throws -> Workspace {
        let ws = Workspace(
            root: FileManager.default.temporaryDirectory.appendingPathComponent("off-path-\(UUID().uuidString)"))
        try UIFixtures.annaAndBoDisagree(in: ws)
        return ws
    }

    func press(_ r: Runner, _ keys: String) {
        for key in try! KeyNotation.parse(keys) {
            r.press(key)
            _ = r.frame()
        }
    }

    @Test func theAgreementTableIsBuiltOffTheKeyPathThenTheSameAsOnIt() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let background = runner(ws, background: true), inPlace = runner(ws, background: false)
        press(background, "A")
        press(inPlace, "A o")
        // No frame after the key yet: nothing for this pair has been started.
        background.press(.char("o"))
        let pending = Frame.render(background.state).text
        #expect(pending.contains("Agreement: A = rapport · B = bo"), "\(pending)")
        #expect(pending.contains("Working out the agreement of the two codings …"))
        #expect(!pending.contains("all codes,"), "no figures of another pair or version meanwhile")
        // Keys are answered while it is built: Enter says so, nothing is opened.
        background.press(.enter)
        #expect(background.state.screen.kind == .agreement)
        #expect(background.state.message == "Working out the agreement of the two codings …")
        _ = background.frame()
        #expect(background.searching, "the loop keeps waking until the table is in")
        background.finishSearches()
        press(background, "k")
        press(inPlace, "k")
        #expect(Frame.render(background.state).text == Frame.render(inPlace.state).text)
        // Sorting and moving use the table built: the same screens key by key.
        for keys in ["s", "s", "j", "o", "a"] {
            press(background, keys)
            background.finishSearches()
            press(inPlace, keys)
            #expect(Frame.render(background.state).text == Frame.render(inPlace.state).text, "after \(keys)")
        }
    }

    @Test func enterOnAnAgreementRowListsTheDisagreementsTheTableKept() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let r = runner(ws, background: true)
        // bo against anna; the rows sorted by disagreements, so the first has one.
        press(r, "A a")
        r.finishSearches()
        guard case let .agreement(s) = r.state.screen, let table = AgreementScreen.table(r.state, s) else {
            Issue.record("no table"); return
        }
        let row = table.sorted(s.sort)[0]
        press(r, "Enter")
        let anna = try ws.coding(of: "anna", data: UIFixtures.data), bo = try ws.coding(of: "bo", data: UIFixtures.data)
        let expected = Disagreements.queue(anna, bo, data: UIFixtures.data, code: row.code)
        #expect(!expected.isEmpty)
        #expect(r.state.screen.kind == .excerpts)
        #expect(r.state.filter.ids == Set(expected))
        #expect(r.state.listedExcerpts.ids == expected)
    }

    @Test func aCodersMatrixIsCountedOffTheKeyPathThenTheSameAsOnIt() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let background = runner(ws, background: true), inPlace = runner(ws, background: false)
        press(background, "M")
        press(inPlace, "M o")
        // No frame after these keys: nothing for anna's coding has been started yet.
        for key in [Key.char("o"), .char("j"), .char("l")] { background.press(key) }
        #expect(background.state.filter.coder == "anna")
        let pending = Frame.render(background.state).text
        #expect(pending.contains("Counting the matrix for this coding …"), "\(pending)")
        _ = background.frame()
        background.finishSearches()
        press(inPlace, "j l")
        guard case let .matrix(b) = background.state.screen, case let .matrix(p) = inPlace.state.screen else {
            Issue.record("not on the matrices"); return
        }
        #expect(b.row == 0 && b.column == 0, "no cursor moves over cells not counted yet")
        #expect(p.row == 1 && p.column == 1)
        #expect(MatrixScreen.shown(background.state, b) == MatrixScreen.matrix(inPlace.state, p))
        for keys in ["Tab", "Tab", "o"] {
            press(background, keys)
            background.finishSearches()
            press(inPlace, keys)
            guard case let .matrix(b) = background.state.screen, case let .matrix(p) = inPlace.state.screen else {
                Issue.record("not on the matrices"); return
            }
            #expect(MatrixScreen.shown(background.state, b) == MatrixScreen.matrix(inPlace.state, p), "after \(keys)")
        }
        // The report's matrices are not asked for in the background (built at the start).
        press(background, "o")
        #expect(background.state.filter.coder == nil)
        #expect(!Frame.render(background.state).text.contains("Counting the matrix"))
    }

    @Test func anExportIsWrittenOffTheKeyPathAndSaysSoUntilItIsWritten() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("off-path-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = runner(Workspace(root: dir.appendingPathComponent("ws")), background: true)
        let path = dir.appendingPathComponent("utdrag.csv").path
        press(r, "X v C-u")
        for ch in path { r.press(.char(ch)) }
        r.press(.enter)
        // Until the outcome is handed over, the state knows the file is being written.
        #expect(r.state.exporting == path)
        #expect(Frame.render(r.state).text.contains("writing "))
        r.finishExport()
        #expect(r.state.exporting == nil)
        #expect(r.state.message == "Wrote \(path).")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(CSV.excerpts(UIFixtures.data).utf8))
        #expect(!Frame.render(r.state).text.contains("writing "))
    }

    @Test func aSecondExportWaitsForTheFirst() {
        var s = AppState(data: UIFixtures.data, language: .en, width: 100, height: 30)
        s.receive(.exportStarted("/tmp/big.qdpx"))
        s.handle(.char("X"))
        #expect(s.overlay == nil, "no menu while an export is written")
        #expect(s.message == "/tmp/big.qdpx is still being written; export again once it is written.")
        s.receive(.exportFailed("/tmp/big.qdpx: no space left"))
        #expect(s.exporting == nil)
        #expect(s.message == "/tmp/big.qdpx: no space left")
        s.handle(.char("X"))
        #expect(s.overlay == .exportMenu)
    }

    @Test func aFailedExportSaysWhyAndWritesNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("off-path-fail-\(UUID().uuidString)")
        let r = runner(Workspace(root: dir.appendingPathComponent("ws")), background: true)
        // The folder does not exist.
        let path = dir.appendingPathComponent("no/such/folder/kodebok.qdc").path
        press(r, "X k C-u")
        for ch in path { r.press(.char(ch)) }
        r.press(.enter)
        r.finishExport()
        #expect(r.state.exporting == nil)
        #expect(r.state.message?.contains("no/such/folder") == true, "\(r.state.message ?? "")")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// The filter's code and question rows in a coder's coding admit the same excerpts by
    /// position as by looking each excerpt's coding up.
    @Test func codeFiltersInACodersCodingAdmitTheSameByPosition() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let data = UIFixtures.data
        let anna = try ws.coding(of: "anna", data: data)
        let positions = anna.codePositions(in: data)
        var filters: [ExcerptFilter] = data.codes.map { ExcerptFilter(code: $0.id) }
        filters += data.researchQuestions.map { ExcerptFilter(researchQuestion: $0.id) }
        filters += data.codes.map { code in
            var f = ExcerptFilter(county: 1, code: code.id)
            f.codeWithSubcodes = true
            return f
        }
        var admitted = 0
        for f in filters {
            let byPosition = data.excerptIndices(matching: f, coding: anna, codes: positions)
            #expect(byPosition == data.excerptIndices(matching: f, coding: anna), "\(f.summary)")
            admitted += byPosition.count
        }
        #expect(admitted > 0, "some filter admits anna's excerpts")
    }

    @Test func theRolePickerListsEveryRoleOnce() {
        var s = UIFixtures.state("e f j j j j Enter", language: .en)
        let roles = Set(UIFixtures.data.excerpts.map(\.speaker.role))
        #expect(s.filterPickerChoices.compactMap(\.value) == roles.sorted())
        s.handle(.escape)
        s.handle(.char("l"))
        #expect(s.filter.speakerRole == roles.sorted().first)
    }
}
