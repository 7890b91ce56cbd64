import CaseCore
@testable import ExplorerUI
import Foundation
import Testing

/// Issue 16 (items 10 and 16): the one rule for a review status, R (reviewed, next), the queue's
/// view (f) and "go to excerpt" (o); resolve's undo, memo and scrolling — on the cell buffer at
/// 80×24 and 60×16, with the journal on disk as the witness.
@Suite struct ReviewFlowTests {
    static let sizes = [(80, 24), (60, 16)]

    func review(_ keys: String, width: Int = 80, height: Int = 24, workspace: Workspace? = nil) -> (Runner, Workspace) {
        UIFixtures.runner(keys, width: width, height: height, workspace: workspace, folder: "review-flow")
    }

    func onDisk(_ ws: Workspace, _ coder: String = "anna") throws -> CodingState {
        try Journal(workspace: ws, coder: coder, mode: .readOnly).state
    }

    @Test(arguments: sizes)
    func codesNeverSetTheStatusOnlyRRdAndDDoAndTheBarSaysWhatItCounts(width: Int, height: Int) throws {
        let (r, ws) = review("R 1 a", width: width, height: height)
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let first = r.state.review!.queue[0]
        // A pinned code and the proposed codes are on disk, and the excerpt still has no status.
        #expect(try onDisk(ws)[first].codes.count >= 2)
        #expect(try onDisk(ws)[first].status == .unreviewed)
        #expect(r.state.review!.reviewed == 0)
        var text = Frame.render(r.state).text
        #expect(text.contains("0/62 ferdig (0 %)"), "\(text)")
        #expect(text.contains("IKKE GJENNOMGÅTT"))
        r.press(.char("d"))
        text = Frame.render(r.state).text
        // Disputed counts as done, and the line says so in words.
        #expect(text.contains("1/62 ferdig (1 %)"), "\(text)")
        #expect(
            text.contains(
                width >= 80 ? "· 0 gjennomgått · 1 omstridt · 0 til diskusjon" : "· 0 gj. · 1 omstr. · 0 disk."))
        // The help says the rule on the keys that set codes and status.
        r.press(.char("?"))
        r.resize(width: 120, height: 60)
        text = Frame.render(r.state).text
        #expect(text.contains("bare r, R, d og D gir status; en status teller som ferdig"))
        #expect(text.contains("(status uendret)"))
    }

    @Test(arguments: sizes)
    func capitalRMarksReviewedOnDiskThenGoesToTheNext(width: Int, height: Int) throws {
        let (r, ws) = review("R", width: width, height: height)
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let queue = r.state.review!.queue
        r.press(.char("R"))
        #expect(r.state.review!.index == 1)
        #expect(try onDisk(ws)[queue[0]].status == .reviewed, "on disk before the queue moved on")
        // On an excerpt already reviewed, R only moves on (nothing written).
        r.press(.char("p"))
        r.press(.char("R"))
        #expect(r.state.review!.index == 1)
        #expect(try Journal(workspace: ws, coder: "anna", mode: .readOnly).events.count == 1)
        // u takes it back and shows the excerpt it changed.
        r.press(.char("u"))
        #expect(r.state.review!.index == 0)
        #expect(try onDisk(ws)[queue[0]].status == .unreviewed)
    }

    @Test func capitalRInAReadOnlyReviewSavesNothingAndStays() throws {
        let ws = Workspace(
            root: FileManager.default.temporaryDirectory.appendingPathComponent("review-flow-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let holder = try Journal(workspace: ws, coder: "anna")
        let (ro, _) = review("R R", workspace: ws)
        #expect(ro.state.review?.readOnly == true)
        #expect(ro.state.review?.index == 0)
        #expect(ro.state.message?.contains("Ingenting ble lagret") == true)
        #expect(holder.events.isEmpty)
    }

    @Test(arguments: sizes)
    func fShowsOnlyDisputedOrToDiscussOrUnreviewedAndNAndPWalkThatPart(width: Int, height: Int) {
        // 1st disputed, 2nd reviewed, 3rd to discuss, 4th disputed.
        let (r, ws) = review("R d n r n D n d", width: width, height: height)
        defer { try? FileManager.default.removeItem(at: ws.root) }
        #expect(r.state.review!.index == 3)
        r.press(.char("f")) // only not reviewed: moves on to the 5th
        #expect(r.state.review!.view == .unreviewed)
        #expect(r.state.review!.index == 4)
        #expect(r.state.message == "n og p går nå gjennom bare ikke gjennomgåtte (58).")
        r.press(.char("f")) // only disputed: from the 5th, the next disputed wraps to the 1st
        #expect(r.state.review!.view == .disputed)
        #expect(r.state.review!.index == 0)
        let text = Frame.render(r.state).text
        #expect(text.contains("n/p: bare omstridte"), "\(text)")
        r.press(.char("n"))
        #expect(r.state.review!.index == 3, "n skips the reviewed and the to-discuss excerpts")
        r.press(.char("n"))
        #expect(r.state.review!.index == 3)
        #expect(r.state.message == "Ingen flere etter dette: bare omstridte (f bytter).")
        r.press(.char("p"))
        #expect(r.state.review!.index == 0)
        r.press(.char("f"))
        #expect(r.state.review!.view == .discuss)
        #expect(r.state.review!.index == 2)
        r.press(.char("f"))
        #expect(r.state.review!.view == .all)
        #expect(!Frame.render(r.state).text.contains("n/p:"))
    }

    @Test(arguments: sizes)
    func oGoesToAnExcerptByIdOrNumberTypedInAnyCase(width: Int, height: Int) {
        let (r, ws) = review("R o", width: width, height: height)
        defer { try? FileManager.default.removeItem(at: ws.root) }
        #expect(r.state.activeKind == .picker)
        #expect(r.state.pickerPurpose == .excerpt)
        var text = Frame.render(r.state).text
        #expect(text.contains("Gå til utdrag"), "\(text)")
        for ch in "EX-6.2-1" { r.press(.char(ch)) }
        #expect(
            r.state.review!.jumpTargets("EX-6.2-1").map { r.state.review!.queue[$0] }.allSatisfy {
                $0.hasPrefix("ex-6.2-1")
            })
        text = Frame.render(r.state).text
        #expect(text.contains("ex-6.2-10") && !text.contains("ex-6.2-09"), "\(text)")
        r.press(.down)
        r.press(.enter)
        #expect(r.state.review!.current == "ex-6.2-11")
        #expect(r.state.activeKind == .review)
        // By number: 12 is the twelfth excerpt, listed before the 120s.
        for key in try! KeyNotation.parse("o 12 Enter") { r.press(key) }
        #expect(r.state.review!.index == 11)
        // Nothing matches: said, and Esc closes without moving.
        for key in try! KeyNotation.parse("o zzz Enter") { r.press(key) }
        #expect(r.state.message == "Ingen utdrag i køen passer.")
        r.press(.escape)
        #expect(r.state.review!.index == 11)
        #expect(r.state.activeKind == .review)
    }
}

/// Resolve: undo through the consensus journal, the resolution memo shown, a long excerpt scrolling.
@Suite struct ResolveFlowTests {
    func resolve(width: Int = 80, height: Int = 24) throws -> (Runner, Workspace) {
        let ws = Workspace(
            root: FileManager.default.temporaryDirectory.appendingPathComponent("resolve-flow-\(UUID().uuidString)"))
        try UIFixtures.annaAndBoDisagree(in: ws)
        let r = Runner(
            state: AppState(data: UIFixtures.data, language: .nb, width: width, height: height), workspace: ws,
            coder: "carl")
        r.send(.startResolve(a: "anna", b: "bo", into: "consensus"))
        return (r, ws)
    }

    /// The progress bar is drawn whole or left out, never cut to "[…" (the count says the same).
    @Test(arguments: [60, 80, 100, 200]) func theProgressBarIsWholeOrAbsent(width: Int) throws {
        let (r, ws) = try resolve(width: width, height: 24)
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let line = Frame.render(r.state).lines[1]
        #expect(!line.contains("[…"), "\(width): \(line)")
        if line.contains("[") { #expect(line.contains("]"), "\(width): \(line)") }
        #expect(line.contains("0/2"), "\(width): \(line)")
    }

    /// A tab opened from resolve (or review) goes over the session; Esc comes back to it with its
    /// place, never to the chains home where q would quit.
    @Test func aTabOpenedFromResolveReturnsToItWithEsc() throws {
        let (r, ws) = try resolve()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        r.press(.char("j"))
        let index = r.state.resolve?.index
        for tab in [Action.showMatrix, .showChains, .showExcerpts, .showCodebook, .showContext] {
            r.send(tab)
            #expect(r.state.screen.kind != .resolve, "\(tab)")
            r.press(.escape)
            #expect(r.state.screen.kind == .resolve, "Esc after \(tab) is back on resolve")
            #expect(r.state.resolve?.index == index)
        }
        // Two tabs in a row: the second replaces the first above the session.
        r.send(.showMatrix)
        r.send(.showExcerpts)
        r.press(.escape)
        #expect(r.state.screen.kind == .resolve)
    }

    @Test(arguments: ReviewFlowTests.sizes)
    func uUndoesAResolutionThroughTheJournalAndCtrlRRedoesIt(width: Int, height: Int) throws {
        let (r, ws) = try resolve(width: width, height: height)
        defer { try? FileManager.default.removeItem(at: ws.root) }
        r.press(.char("a"))
        #expect(r.state.resolve?.index == 1)
        r.press(.char("u"))
        let journal = try Journal(workspace: ws, coder: "consensus", mode: .readOnly)
        #expect(journal.events.count == 2, "the undo is an event of its own: the audit trail stays whole")
        #expect(journal.events[1].undoes == journal.events[0].id)
        #expect(journal.state["ex-5.3-02"].status == .unreviewed)
        #expect(r.state.resolve?.index == 0, "the undone excerpt is shown")
        #expect(r.state.resolve?.resolved == 0)
        #expect(r.state.message?.hasPrefix("Angret #1") == true)
        #expect(Frame.render(r.state).text.contains("0/2"))
        // Undone, it reads as never resolved, not in the review's words.
        #expect(Frame.render(r.state).text.contains("ikke løst ennå"))
        #expect(!Frame.render(r.state).text.contains("IKKE GJENNOMGÅTT"))
        r.press(.ctrl("r"))
        #expect(
            try Journal(workspace: ws, coder: "consensus", mode: .readOnly).state["ex-5.3-02"].codes == [
                "ordninger", "ppt"
            ])
        #expect(r.state.resolve?.resolved == 1)
        #expect(r.state.resolve?.index == 0, "the redo stays on the excerpt it restored")
        // Nothing left to redo: said, nothing written.
        r.press(.ctrl("r"))
        #expect(r.state.message == "Ingenting å gjøre om.")
    }

    @Test(arguments: ReviewFlowTests.sizes)
    func aSavedResolutionMemoIsShown(width: Int, height: Int) throws {
        let (r, ws) = try resolve(width: width, height: height)
        defer { try? FileManager.default.removeItem(at: ws.root) }
        for key in try! KeyNotation.parse("m avgjort Space i Space møtet C-s") { r.press(key) }
        #expect(
            try Journal(workspace: ws, coder: "consensus", mode: .readOnly).state["ex-5.3-02"].memo == "avgjort i møtet"
        )
        let text = Frame.render(r.state).text
        #expect(text.contains("Memo til løsningen (consensus): avgjort i møtet"), "\(text)")
    }

    @Test func aLongExcerptScrollsWithTheKeysInTheHelp() throws {
        let (r, ws) = try resolve(width: 60, height: 16)
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let last = ResolveScreen.maxTextScroll(r.state)
        #expect(last > 0, "the excerpt is taller than its room at 60×16")
        let before = Frame.render(r.state).text
        let keys = Set(Bindings.inEffect(r.state).all.flatMap(\.keys))
        #expect(keys.contains(.char("j")) && keys.contains(.pageDown) && !keys.contains(.char("k")))
        r.press(.char("j"))
        #expect(r.state.resolve?.textScroll == 1)
        #expect(r.frame().text != before)
        // Drawn after every key, as the terminal does: rendering keeps the offset within the text.
        for _ in 0..<3 {
            r.press(.pageDown)
            _ = r.frame()
        }
        #expect(r.state.resolve?.textScroll == last, "no further than the last screenful")
        #expect(!Bindings.inEffect(r.state).all.contains { $0.action == .moveDown })
        r.press(.char("k"))
        #expect(r.state.resolve?.textScroll == last - 1)
        // The next excerpt starts at its top.
        r.press(.char("n"))
        #expect(r.state.resolve?.textScroll == 0)
    }
}

/// The review's progress line groups its figures like every other count on screen (at 100 000
/// excerpts it read "80093/100000 done · 80093 reviewed").
@Suite struct ReviewProgressFiguresTests {
    @Test func largeQueuesHaveGroupedFigures() {
        let queue = (0..<12_345).map { "x-\($0)" }
        var mine = CodingState()
        for (i, id) in queue.prefix(10_001).enumerated() {
            mine.apply(
                CodingEvent(
                    sequence: i + 1, time: "2026-12-06T10:00:00.000Z", coder: "anna", excerpt: id, action: .status,
                    status: .reviewed))
        }
        let model = ReviewModel(
            coder: "anna", compareCoder: "rapport", compare: CodingState(), mine: mine, readOnly: false,
            queue: queue, pins: [])
        for (language, figures) in [(Language.en, "10,001/12,345"), (.nb, "10\u{202F}001/12\u{202F}345")] {
            let state = AppState(data: UIFixtures.data, language: language, width: 120, height: 30)
            let line = ReviewScreen.progress(state, model, width: 120).map(\.text).joined()
            #expect(line.contains(figures), "\(line)")
            #expect(!line.contains("10001"), "\(line)")
        }
    }

    /// The figures are kept as decisions are confirmed, not counted on every frame (at 100 000
    /// excerpts that took most of every key's 17–46 ms): they stay equal to a count from the
    /// journal after decisions, an undo, and a state that changed more than the one excerpt.
    @Test func theFiguresFollowTheDecisionsAndAnyOtherChange() throws {
        let (r, ws) = ReviewFlowTests().review("R r n d n D n R u")
        defer { try? FileManager.default.removeItem(at: ws.root) }
        var model = try #require(r.state.review)
        func fresh(_ m: ReviewModel) -> [ReviewStatus: Int] {
            m.queue.reduce(into: [:]) { counts, id in counts[m.mine[id].status, default: 0] += 1 }
        }
        let onDisk = try Journal(workspace: ws, coder: "anna", mode: .readOnly).state
        #expect(model.statusCounts == model.queue.reduce(into: [:]) { $0[onDisk[$1].status, default: 0] += 1 })
        #expect(
            model.reviewed >= 2 && model.statusCounts.values.reduce(0, +) == model.queue.count,
            "\(model.statusCounts)")
        // Two excerpts changed at once, though the decision named one: counted again in full.
        var other = model.mine
        for (i, id) in model.queue.suffix(2).enumerated() {
            other.apply(
                CodingEvent(
                    sequence: 1000 + i, time: "2099-01-01T00:00:00.000Z", coder: "anna", excerpt: id,
                    action: .status, status: .discuss))
        }
        model.confirm(other, changed: model.queue.last)
        #expect(model.statusCounts == fresh(model), "\(model.statusCounts)")
        // A colleague's change (no excerpt named).
        var synced = model.mine
        synced.apply(
            CodingEvent(
                sequence: 2000, time: "2099-01-02T00:00:00.000Z", coder: "anna", excerpt: model.queue[5],
                action: .status, status: .reviewed))
        model.confirm(synced, changed: nil)
        #expect(model.statusCounts == fresh(model))
    }
}
