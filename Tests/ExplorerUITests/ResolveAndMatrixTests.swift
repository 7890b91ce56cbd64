import CaseCore
@testable import ExplorerUI
import Foundation
import Testing

@Suite struct ResolveTests {
    /// anna and bo disagree on two excerpts and agree on one; bo wrote a memo.
    func workspace() throws -> Workspace {
        let ws = Workspace(
            root: FileManager.default.temporaryDirectory.appendingPathComponent("resolve-\(UUID().uuidString)"))
        let anna = CodingSession(journal: try Journal(workspace: ws, coder: "anna"), data: UIFixtures.data)
        let bo = CodingSession(journal: try Journal(workspace: ws, coder: "bo"), data: UIFixtures.data)
        try anna.record(CodingEvent(coder: "anna", excerpt: "ex-5.3-02", action: .set, codes: ["ordninger", "ppt"]))
        try bo.record(CodingEvent(coder: "bo", excerpt: "ex-5.3-02", action: .set, codes: ["ordninger", "statped"]))
        try bo.record(CodingEvent(coder: "bo", excerpt: "ex-5.3-02", action: .memo, memo: "Statped nevnes"))
        try anna.record(CodingEvent(coder: "anna", excerpt: "ex-5.3-03", action: .set, codes: ["ordninger"]))
        try bo.record(CodingEvent(coder: "bo", excerpt: "ex-5.3-03", action: .set, codes: ["ordninger"]))
        try anna.record(CodingEvent(coder: "anna", excerpt: "ex-5.3-04", action: .set, codes: ["sf-rolle"]))
        try bo.record(CodingEvent(coder: "bo", excerpt: "ex-5.3-04", action: .set, codes: ["soknad-rapportering"]))
        return ws
    }

    /// `background`: as on a large study (the κ figures built off the key path).
    func runner(_ ws: Workspace, width: Int = 100, height: Int = 30, background: Bool = false) -> Runner {
        var state = AppState(data: UIFixtures.data, language: .nb, width: width, height: height)
        state.searchesInBackground = background
        let r = Runner(state: state, workspace: ws, coder: "carl")
        r.send(.startResolve(a: "anna", b: "bo", into: "consensus"))
        return r
    }

    @Test func queuesOnlyTheDisagreementsSideBySide() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let r = runner(ws)
        #expect(r.state.resolve?.queue == ["ex-5.3-02", "ex-5.3-04"])
        let text = Frame.render(r.state).text
        #expect(text.contains("0/2 løst"))
        #expect(text.contains("Bare A (anna)") && text.contains("Bare B (bo)") && text.contains("Begge"))
        #expect(
            text.contains("· PP-tjenestens rolle") && text.contains("· Statped")
                && text.contains("· Tre ordninger side om side"))
        #expect(text.contains("Memo fra bo: Statped nevnes"))
        expectSnapshot("resolve-100x30", r.state)
    }

    /// At 200 columns the three columns stand as wide as their longest title or name needs
    /// (they were thirds of the width, "Bare B" 132 cells right of "Bare A"); at 100 they are
    /// thirds as before (the snapshot above is unchanged).
    @Test func atTwoHundredColumnsTheThreeColumnsStayTogether() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let lines = Frame.render(runner(ws, width: 200, height: 50).state).lines
        let header = try #require(lines.first { $0.contains("Bare A (anna)") })
        let a = try #require(header.range(of: "Bare A (anna)")).lowerBound
        let both = try #require(header.range(of: "Begge")).lowerBound
        let b = try #require(header.range(of: "Bare B (bo)")).lowerBound
        let step = header.distance(from: a, to: both)
        #expect(header.distance(from: both, to: b) == step, "\(header)")
        let names = ["ordninger", "ppt", "statped"].compactMap { UIFixtures.data.code($0)?.name }
        let longest = (["Bare A (anna)"] + names.map { "· " + $0 }).map(\.count).max()!
        #expect(step == longest + 3, "\(header)")
        #expect(lines.contains { $0.contains("· Tre ordninger side om side") })
    }

    /// In a narrow window a code name longer than its column was cut mid-word without a sign
    /// ("· PP-tjenestens rolle og kapasi"); now it ends in "…".
    @Test func aNameCutToItsColumnSaysSo() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let lines = Frame.render(runner(ws, width: 80, height: 24).state).lines
        let name = try #require(UIFixtures.data.code("ppt")?.name)
        let row = try #require(lines.first { $0.contains("· PP-tjenestens") }, "\(lines.joined(separator: "\n"))")
        let shown = try #require(row.split(separator: "·").first { $0.contains("PP-tjenestens") })
            .trimmingCharacters(in: .whitespaces)
        #expect(shown != name && shown.hasSuffix("…"), "\(row)")
        #expect(name.hasPrefix(String(shown.dropLast())), "\(row)")
    }

    @Test func takingASideRecordsTheResolutionWithItsSources() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let r = runner(ws)
        r.press(.char("a"))
        #expect(r.state.resolve?.index == 1, "moves on to the next unresolved")
        r.press(.char("U"))
        #expect(r.state.message?.contains("Alle uenighetene er løst") == true)
        let consensus = try Journal(workspace: ws, coder: "consensus", mode: .readOnly)
        #expect(consensus.state["ex-5.3-02"].codes == ["ordninger", "ppt"])
        #expect(consensus.state["ex-5.3-04"].codes == ["sf-rolle", "soknad-rapportering"])
        let first = try #require(consensus.events.first)
        #expect(first.resolution?.by == "carl")
        #expect(first.resolution?.choice == "a")
        #expect(first.resolution?.sources.map(\.coder) == ["anna", "bo"])
        #expect(first.resolution?.sources[1].codes == ["ordninger", "statped"])
        #expect(first.resolution?.sources[1].sequence == 2, "bo's latest decision on the excerpt was #2 (the memo)")
        #expect(Frame.render(r.state).text.contains("2/2 løst"))
    }

    /// Resolving a second time in one explorer (the next code from the agreement table, another
    /// pair) writes as the first did: the consensus journal this explorer holds is used again.
    /// It was opened a second time, refused by the explorer's own lock, and the second screen
    /// opened read-only, saving nothing.
    @Test func aSecondResolveInTheSameExplorerStillWrites() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let r = runner(ws)
        r.press(.char("a"))
        r.send(.startResolve(a: "anna", b: "bo", into: "consensus"))
        let second = try #require(r.state.resolve)
        #expect(second.readOnly == false, "\(r.state.message ?? "")")
        #expect(second.current == "ex-5.3-04", "the first resolution is kept; the queue goes on after it")
        r.press(.char("b"))
        let consensus = try Journal(workspace: ws, coder: "consensus", mode: .readOnly)
        #expect(consensus.state["ex-5.3-02"].codes == ["ordninger", "ppt"])
        #expect(consensus.state["ex-5.3-04"].codes == ["soknad-rapportering"])
        #expect(Frame.render(r.state).text.contains("2/2 løst"))
    }

    /// The report's coding as one side (the agreement screen's first pair, rapport ↔ a coder):
    /// taking it was refused ("could not be written so that it reads back the same; nothing was
    /// saved") — its decisions have no ids, and the resolution named an empty one.
    @Test func takingTheReportsSideIsSaved() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        var state = AppState(data: UIFixtures.data, language: .nb, width: 100, height: 30)
        state.searchesInBackground = false
        let r = Runner(state: state, workspace: ws, coder: "carl")
        r.send(.startResolve(a: "rapport", b: "anna", into: "consensus"))
        let first = try #require(r.state.resolve?.current)
        let reported = CodingState.reference(UIFixtures.data)[first].sortedCodes
        r.press(.char("a"))
        #expect(r.state.message?.contains("nothing was saved") != true, "\(r.state.message ?? "")")
        let consensus = try Journal(workspace: ws, coder: "consensus", mode: .readOnly)
        #expect(consensus.state[first].sortedCodes == reported)
        let source = try #require(consensus.events.first?.resolution?.sources.first)
        #expect(source.coder == "rapport" && source.id == nil && source.sequence != nil)
        #expect(r.state.resolve?.isSettled(first) == true, "not stale: the report's decision is the one taken")
    }

    @Test func editingTakesBAndAddsACodeThenAMemo() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let r = runner(ws)
        r.press(.char("b"))
        r.press(.char("p"))
        r.press(.char("e"))
        for ch in "PP-tj" { r.press(.char(ch)) }
        r.press(.enter)
        r.press(.char("m"))
        for ch in "Begge har rett – æøå" { r.press(.char(ch)) }
        r.press(.ctrl("s"))
        let consensus = try Journal(workspace: ws, coder: "consensus", mode: .readOnly)
        #expect(consensus.state["ex-5.3-02"].codes == ["ordninger", "ppt", "statped"])
        #expect(consensus.state["ex-5.3-02"].memo == "Begge har rett – æøå")
        #expect(consensus.events.allSatisfy { $0.resolution?.by == "carl" })
    }

    @Test func theAgreementFiguresFollowTheResolutions() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let r = runner(ws)
        // Through the memo the screen uses: a figure is built again when its codings change.
        let before = r.state.resolve!.figures(UIFixtures.data, memo: r.state.memo).map { $0.1 }
        r.press(.char("a"))
        r.press(.char("a"))
        let after = r.state.resolve!.figures(UIFixtures.data, memo: r.state.memo).map { $0.1 }
        #expect(before[0] == after[0], "A–B does not change")
        #expect(before[1] != after[1], "consensus–A changes as resolutions land")
        #expect(after[1]?.value.map { abs($0 - 1) < 1e-9 } == true, "taking A everywhere gives consensus–A κ = 1")
    }

    /// The progress looks only at excerpts the consensus has a status for; it equals a count
    /// over the whole queue, with resolutions taken, undone and one made stale by a coder.
    @Test func theProgressEqualsACountOverTheQueue() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let r = runner(ws)
        func expectTheSame(_ note: String) {
            let m = r.state.resolve!
            #expect(m.progress.settled == m.queue.filter { m.isSettled($0) }.count, "\(note)")
            #expect(m.progress.stale == m.queue.filter { m.isStale($0) }.count, "\(note)")
        }
        expectTheSame("opened")
        r.press(.char("a"))
        expectTheSame("one taken")
        r.press(.char("b"))
        expectTheSame("two taken")
        #expect(r.state.resolve!.progress.settled == 2)
        r.press(.char("u"))
        expectTheSame("one undone")
        var watch = JournalWatch(workspace: ws)
        _ = r.follow(&watch)
        let anna = CodingSession(journal: try Journal(workspace: ws, coder: "anna"), data: UIFixtures.data)
        try anna.record(CodingEvent(coder: "anna", excerpt: "ex-5.3-02", action: .set, codes: ["ordninger"]))
        #expect(r.follow(&watch))
        expectTheSame("a coder changed a resolved excerpt")
        #expect(r.state.resolve!.progress.stale == 1)
    }

    /// On large studies the figures are built off the key path: a figure not built yet is "…"
    /// (never an old value as if current), the runner builds it, and the screen then shows the
    /// same value the key path gives.
    @Test func onLargeStudiesTheFiguresAreBuiltOffTheKeyPath() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let r = runner(ws, background: true)
        _ = r.frame()
        r.finishSearches()
        r.press(.char("a"))
        let pending = r.state.resolve!.figures(UIFixtures.data, memo: r.state.memo, inBackground: true).map(\.1)
        #expect(pending[0] != nil, "A–B did not change: built already")
        #expect(pending[1] == nil && pending[2] == nil, "the consensus changed: being built")
        #expect(Frame.render(r.state).text.contains("κ consensus–anna …"), "\(Frame.render(r.state).text)")
        _ = r.frame()
        #expect(r.searching, "the loop keeps waking until the figures are in")
        r.finishSearches()
        let built = r.state.resolve!.figures(UIFixtures.data, memo: r.state.memo, inBackground: true)
        let direct = r.state.resolve!.figures(UIFixtures.data, memo: Memo())
        #expect(built.map { $0.1 } == direct.map { $0.1 })
        #expect(!Frame.render(r.state).text.contains("…  "))
    }
}

@Suite struct MatrixScreenTests {
    @Test func cooccurrenceCellsOpenTheExcerptsBehindThem() {
        var s = UIFixtures.state("M")
        guard case let .matrix(m) = s.screen else { Issue.record("no matrix"); return }
        #expect(m.tab == 0)
        let matrix = CodeMatrix.cooccurrence(MatrixScreenTests.reference, coder: "rapport", data: UIFixtures.data)
        s.handle(.enter)
        #expect(s.screen.kind == .excerpts)
        #expect(
            s.listedExcerpts.map(\.id).sorted() == matrix.cells[0][0].map { UIFixtures.data.excerpts[$0].id }.sorted())
        #expect(Frame.render(s).text.contains(matrix.rows[0]))
    }

    static let reference: CodingState = {
        var st = CodingState()
        for (i, c) in UIFixtures.data.codings.enumerated() {
            st.apply(
                CodingEvent(
                    sequence: i + 1, time: "", coder: "rapport", excerpt: c.excerpt, action: .set, codes: c.codes,
                    status: .reviewed))
        }
        return st
    }()

    @Test func caseRowsFollowTheTabsAndHeadersStayWhileScrolling() {
        for (w, h) in [(100, 30), (80, 24), (60, 16)] {
            expectSnapshot("matrix-county-\(w)x\(h)", UIFixtures.state("M Tab", width: w, height: h))
            expectSnapshot(
                "matrix-scrolled-\(w)x\(h)",
                UIFixtures.state("M Tab Tab l l l l l l l l l l l l l l l j j j j j j", width: w, height: h))
        }
        let s = UIFixtures.state("M Tab Tab l l l l l l l l l l l l l l l j j j j j j", width: 80, height: 24)
        let lines = Frame.render(s).lines
        #expect(lines.contains { $0.contains("▶") }, "the selected row keeps its marker")
        #expect(lines[1].contains("Kjede × kode"))
    }

    @Test func matrixOfOwnCodingNeedsAReview() {
        var s = UIFixtures.state("M")
        s.handle(.char("o"))
        #expect(s.message?.contains("R") == true)
    }
}

@Suite struct ExportFromTheExplorerTests {
    @Test func exportsThroughAMenuAFileNamePromptAndAsksBeforeReplacing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ui-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = Runner(
            state: AppState(data: UIFixtures.data, language: .nb, width: 100, height: 30),
            workspace: Workspace(root: dir.appendingPathComponent("ws")), coder: "anna")
        r.press(.char("X"))
        #expect(Frame.render(r.state).text.contains("REFI-QDA-kodebok (.qdc)"))
        r.press(.char("k"))
        #expect(r.state.prompt?.text == "kodebok.qdc")
        #expect(Frame.render(r.state).text.contains("filnavn: kodebok.qdc"))
        r.press(.ctrl("u"))
        let path = dir.appendingPathComponent("bok.qdc").path
        for ch in path { r.press(.char(ch)) }
        r.press(.enter)
        r.finishExport()
        #expect(r.state.message == "Skrev \(path).")
        #expect(FileManager.default.fileExists(atPath: path))
        let first = try Data(contentsOf: URL(fileURLWithPath: path))
        // Again: the file exists, so the explorer asks; "n" leaves it alone, "j" replaces it.
        r.press(.char("X")); r.press(.char("k")); r.press(.ctrl("u"))
        for ch in path { r.press(.char(ch)) }
        r.press(.enter)
        #expect(Frame.render(r.state).text.contains("finnes. Erstatte den? (j/n)"))
        r.press(.char("n"))
        #expect(r.state.message == "Ingenting ble skrevet.")
        r.press(.char("X")); r.press(.char("k")); r.press(.ctrl("u"))
        for ch in path { r.press(.char(ch)) }
        r.press(.enter)
        r.press(.char("j"))
        r.finishExport()
        #expect(r.state.message == "Skrev \(path).")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == first)
        // Esc in the menu writes nothing.
        r.press(.char("X")); r.press(.escape)
        #expect(r.state.overlay == nil)
    }
}
