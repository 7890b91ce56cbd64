import CaseCore
import ExplorerUI
import Foundation
import Testing

@Suite struct ReviewTests {
    func runner(
        _ keys: String = "", width: Int = 100, height: Int = 30, coder: String = "anna", workspace: Workspace? = nil
    ) -> (Runner, Workspace) {
        UIFixtures.runner(keys, width: width, height: height, coder: coder, workspace: workspace, folder: "review-test")
    }

    /// The help leaves out a key that can do nothing (a text that fits does not scroll); PgDn
    /// stops at the end of a long text, so one PgUp moves up at once.
    @Test func pageKeysAreInEffectOnlyWhileTheTextHasMoreToShow() {
        let (short, shortWorkspace) = runner("R", width: 200, height: 60)
        defer { try? FileManager.default.removeItem(at: shortWorkspace.root) }
        #expect(Bindings.action(for: .pageDown, in: short.state) == nil, "a short excerpt on a large screen")
        #expect(Bindings.action(for: .pageUp, in: short.state) == nil)
        let (long, longWorkspace) = runner("R o ex-5.6-05 Enter", width: 60, height: 16)
        defer { try? FileManager.default.removeItem(at: longWorkspace.root) }
        #expect(long.state.review?.current == "ex-5.6-05")
        #expect(Bindings.action(for: .pageDown, in: long.state) == .pageDown)
        #expect(Bindings.action(for: .pageUp, in: long.state) == nil)
        var presses = 0
        while Bindings.action(for: .pageDown, in: long.state) != nil, presses < 50 {
            long.press(.pageDown)
            presses += 1
        }
        #expect(presses > 1 && presses < 50, "\(presses) presses to the end")
        #expect(Bindings.action(for: .pageUp, in: long.state) == .pageUp)
        let bottom = Frame.render(long.state).text
        long.press(.pageUp)
        #expect(Frame.render(long.state).text != bottom, "one PgUp from the end moves the text")
        #expect(Bindings.action(for: .pageDown, in: long.state) == .pageDown)
    }

    /// Ctrl-D and Ctrl-U move the excerpt's text half a page, as on every other text, and the
    /// help and the key table list them only while there is more text their way.
    @Test func halfPageKeysScrollTheExcerptText() {
        let (r, ws) = runner("R o ex-5.6-05 Enter", width: 60, height: 16)
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let top = r.frame().text
        #expect(Bindings.action(for: .ctrl("d"), in: r.state) == .halfPageDown)
        #expect(Bindings.action(for: .ctrl("u"), in: r.state) == nil, "nothing above the top")
        r.press(.ctrl("d"))
        let half = max(1, r.state.bodyHeight / 3 / 2)
        #expect(r.state.review?.textScroll == half, "\(r.state.message ?? "")")
        #expect(r.frame().text != top)
        #expect(Bindings.action(for: .ctrl("u"), in: r.state) == .halfPageUp)
        // The help and the status bar are made from the bindings in effect (HelpTruthTests).
        let shown = Bindings.inEffect(r.state).local.filter { [.halfPageDown, .halfPageUp].contains($0.action) }
        #expect(shown.map(\.help) == [.helpHalfPageDown, .helpHalfPageUp])
        r.press(.ctrl("u"))
        #expect(r.state.review?.textScroll == 0)
        #expect(r.frame().text == top)
    }

    @Test func opensOnTheQueueWithAProgressBar() {
        let (r, ws) = runner("R")
        defer { try? FileManager.default.removeItem(at: ws.root) }
        #expect(r.state.screen.kind == .review)
        #expect(r.state.review?.queue.count == UIFixtures.data.excerpts.count)
        let text = Frame.render(r.state).text
        #expect(text.contains("0/62 ferdig (0 %) · 0 gjennomgått · 0 omstridt · 0 til diskusjon"))
        #expect(text.contains("sammenlignet med: rapport"))
    }

    @Test func pinnedCodesToggleAndEveryDecisionIsOnDiskBeforeItShows() throws {
        let (r, ws) = runner("R 1")
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let first = r.state.review!.current!
        let pin = try #require(r.state.review!.pins[0])
        #expect(r.state.review!.mine[first].codes == [pin])
        // Codes alone leave the status, and the message says how to set it.
        #expect(r.state.message == "Lagret som #1. Status uendret: r eller R merker utdraget gjennomgått.")
        #expect(r.state.review!.mine[first].status == .unreviewed)
        // The journal on disk already holds it.
        let onDisk = try Journal(workspace: ws, coder: "anna", mode: .readOnly)
        #expect(onDisk.state[first].codes == [pin])
        r.press(.char("1"))
        #expect(r.state.review!.mine[first].codes.isEmpty)
        r.press(.char("u"))
        #expect(r.state.review!.mine[first].codes == [pin])
        #expect(r.state.message?.contains("Angret #2") == true)
        r.press(.ctrl("r"))
        #expect(r.state.review!.mine[first].codes.isEmpty)
    }

    @Test func acceptsProposedMarksStatusAndJumpsToTheNextUnreviewed() {
        let (r, ws) = runner("R a r")
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let model = r.state.review!
        let first = model.queue[0]
        #expect(model.mine[first].codes == model.compare[first].codes)
        #expect(model.mine[first].status == .reviewed)
        #expect(model.reviewed == 1)
        r.press(.char("]"))
        #expect(r.state.review!.index == 1)
        r.press(.char("d"))
        r.press(.char("["))
        #expect(r.state.review!.index == 61, "the previous unreviewed wraps to the end of the queue")
        #expect(Frame.render(r.state).text.contains("2/62 ferdig (3 %) · 1 gjennomgått · 1 omstridt"))
    }

    @Test func thePickerFiltersAsYouTypeWithNorwegianLetters() {
        let (r, ws) = runner("R c")
        defer { try? FileManager.default.removeItem(at: ws.root) }
        for ch in "Tverrfaglig samarbeid" { r.press(.char(ch)) }
        let codes = r.state.review!.pickerCodes(UIFixtures.data)
        #expect(codes.map(\.id) == ["tverrfaglig"])
        r.press(.backspace)
        r.press(.ctrl("u"))
        for ch in "Søknad" { r.press(.char(ch)) }
        #expect(r.state.review!.pickerCodes(UIFixtures.data).map(\.id) == ["soknad-rapportering"])
        r.press(.enter)
        #expect(r.state.review!.picker == nil)
        let first = r.state.review!.current!
        #expect(r.state.review!.mine[first].codes.contains("soknad-rapportering"))
    }

    @Test func memosAreMultiLineUTF8AndEditable() throws {
        let (r, ws) = runner("R m")
        defer { try? FileManager.default.removeItem(at: ws.root) }
        for ch in "Første linje æøå" { r.press(.char(ch)) }
        r.press(.enter)
        for ch in "andre" { r.press(.char(ch)) }
        r.press(.up); r.press(.home); r.press(.delete); r.press(.char("f"))
        r.press(.end); r.press(.backspace)
        r.press(.ctrl("s"))
        let first = r.state.review!.current!
        #expect(r.state.review!.mine[first].memo == "første linje æø\nandre")
        // A memo on an excerpt–code pair.
        r.press(.char("1"))
        r.press(.char("M"))
        for ch in "fordi" { r.press(.char(ch)) }
        r.press(.ctrl("s"))
        let code = r.state.review!.codeRows(UIFixtures.data)[0]
        #expect(r.state.review!.mine[first].codeMemos[code] == "fordi")
        // Esc discards.
        r.press(.char("m"))
        r.press(.char("x"))
        r.press(.escape)
        #expect(r.state.review!.mine[first].memo == "første linje æø\nandre")
        let onDisk = try Journal(workspace: ws, coder: "anna", mode: .readOnly)
        #expect(onDisk.state[first].memo == "første linje æø\nandre")
    }

    @Test func comesBackWhereTheCoderStopped() {
        let (r, ws) = runner("R r ] r")
        defer { try? FileManager.default.removeItem(at: ws.root) }
        #expect(r.state.review!.reviewed == 2)
        let (again, _) = runner("R", workspace: ws)
        #expect(again.state.review!.index == 2)
        #expect(again.state.review!.reviewed == 2)
    }

    @Test func aLockedJournalOpensReadOnlyAndSavesNothing() throws {
        let ws = Workspace(
            root: FileManager.default.temporaryDirectory.appendingPathComponent("review-locked-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let holder = try Journal(workspace: ws, coder: "anna")
        _ = holder
        let (r, _) = runner("R", workspace: ws)
        #expect(r.state.review?.readOnly == true)
        #expect(r.state.message?.contains("KUN LESING") == true)
        #expect(Frame.render(r.state).text.contains("KUN LESING"))
        r.press(.char("1"))
        #expect(r.state.message?.contains("Ingenting ble lagret") == true)
        #expect(holder.events.isEmpty)
    }

    @Test func theQueueFollowsTheFilter() {
        let (r, ws) = runner("e f l Esc R")
        defer { try? FileManager.default.removeItem(at: ws.root) }
        #expect(r.state.review?.queue.count == UIFixtures.data.excerpts(matching: ExcerptFilter(county: 1)).count)
    }

    @Test func rendersTheReviewScreens() {
        for (w, h) in [(100, 30), (80, 24), (60, 16)] {
            let (r, ws) = runner("R a 1 r", width: w, height: h)
            expectSnapshot("review-\(w)x\(h)", r.state)
            r.press(.char("c"))
            for ch in "part" { r.press(.char(ch)) }
            expectSnapshot("review-picker-\(w)x\(h)", r.state)
            r.press(.escape)
            r.press(.char("m"))
            for ch in "Memo med æøå" { r.press(.char(ch)) }
            expectSnapshot("review-memo-\(w)x\(h)", r.state)
            try? FileManager.default.removeItem(at: ws.root)
        }
    }
}
