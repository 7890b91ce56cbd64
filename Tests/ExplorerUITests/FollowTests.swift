import CaseCore
import ExplorerUI
import Foundation
import Testing

/// The explorer follows journals that change on disk: a colleague's after a sync, the coder's
/// own from another machine (git replaces the file), the consensus from another resolver.
@Suite struct FollowTests {
    func scratch() -> Workspace {
        Workspace(root: FileManager.default.temporaryDirectory.appendingPathComponent("follow-\(UUID().uuidString)"))
    }

    /// What `git merge` does to a journal: a new file with more lines, renamed over the old one.
    func replace(_ url: URL, appending lines: [CodingEvent]) throws {
        let old = try Data(contentsOf: url)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".merge-\(UUID().uuidString)")
        try (old + Data(lines.map { $0.jsonLine + "\n" }.joined().utf8)).write(to: temp)
        #expect(rename(temp.path, url.path) == 0)
    }

    /// An event as another machine's session wrote it.
    func elsewhere(
        _ coder: String, _ excerpt: String, _ action: CodingEvent.Action, code: String? = nil, codes: [String]? = nil,
        memo: String? = nil, seq: Int, time: String
    ) -> CodingEvent {
        var e = CodingEvent(
            sequence: seq, time: time, coder: coder, excerpt: excerpt, action: action, code: code, codes: codes,
            memo: memo)
        e.id = "othermac-\(seq)"
        return e
    }

    @Test func aColleaguesAndOnesOwnJournalChangingOnDiskAreReplayedAndSaid() throws {
        let ws = scratch()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let bo = CodingSession(journal: try Journal(workspace: ws, coder: "bo"), data: UIFixtures.data)
        try bo.record(CodingEvent(coder: "bo", excerpt: "ex-5.3-02", action: .set, codes: ["ppt"]))
        let runner = Runner(
            state: AppState(data: UIFixtures.data, language: .en, width: 100, height: 30), workspace: ws, coder: "anna",
            compareCoder: "bo")
        runner.send(.startReviewOf(["ex-5.3-02", "ex-5.3-03", "ex-5.3-04"]))
        try #require(runner.state.review != nil)
        var watch = JournalWatch(workspace: ws)
        #expect(!runner.follow(&watch), "nothing changed yet")

        // bo's decisions arrive (a sync merged them).
        try bo.record(CodingEvent(coder: "bo", excerpt: "ex-5.3-03", action: .apply, code: "statped"))
        try bo.record(CodingEvent(coder: "bo", excerpt: "ex-5.3-03", action: .apply, code: "ppt"))
        try bo.record(CodingEvent(coder: "bo", excerpt: "ex-5.3-03", action: .memo, memo: "fra bo"))
        #expect(runner.follow(&watch))
        #expect(runner.state.message == "Came in on disk and replayed: bo: 2 new decisions, 1 memo.")
        #expect(runner.state.review?.compare["ex-5.3-03"].codes == ["statped", "ppt"])
        #expect(runner.state.codings["bo"]?["ex-5.3-03"].memo == "fra bo")
        #expect(!runner.follow(&watch), "a second look finds nothing new")

        // anna's own decision is saved here: not news.
        runner.press(.char("r"))
        #expect(!runner.follow(&watch) || runner.state.message?.contains("Came in") != true)

        // anna's journal is replaced by a merge bringing a decision from her other machine.
        try replace(
            ws.journal(of: "anna"),
            appending: [elsewhere("anna", "ex-5.3-04", .set, codes: ["ppt"], seq: 1, time: "2026-01-01T00:00:00.000Z")])
        #expect(runner.follow(&watch))
        #expect(runner.state.message == "Came in on disk and replayed: anna: 1 new decision.")
        #expect(runner.state.review?.mine["ex-5.3-04"].codes == ["ppt"])
        // The next decision lands in the merged file, after both machines' events.
        runner.press(.char("d"))
        let journal = try Journal(workspace: ws, coder: "anna", mode: .readOnly)
        #expect(journal.events.count == 3)
        #expect(journal.state["ex-5.3-04"].codes == ["ppt"])
        #expect(journal.state == runner.session?.state)
    }

    @Test func aResolutionFromAnotherMachineShowsAsAConflictInTheOpenResolveScreen() throws {
        let ws = scratch()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        try UIFixtures.annaAndBoDisagree(in: ws)
        let runner = Runner(
            state: AppState(data: UIFixtures.data, language: .en, width: 100, height: 30), workspace: ws, coder: "carl")
        runner.send(.startResolve(a: "anna", b: "bo", into: "consensus"))
        var watch = JournalWatch(workspace: ws)
        runner.press(.char("a")) // carl takes anna's codes for ex-5.3-02
        #expect(runner.state.resolve?.resolved == 1)
        _ = runner.follow(&watch)

        // dina resolved the same excerpt differently on her machine, without seeing carl's.
        var theirs = elsewhere(
            "consensus", "ex-5.3-02", .set, codes: ["ordninger", "statped"], seq: 1, time: "2099-01-01T00:00:00.000Z")
        theirs.status = .reviewed
        theirs.resolution = .init(by: "dina", choice: "b", sources: [])
        try replace(ws.journal(of: "consensus"), appending: [theirs])
        #expect(runner.follow(&watch))
        #expect(runner.state.message == "Came in on disk and replayed: consensus: 1 new decision.")
        let r = try #require(runner.state.resolve)
        #expect(r.consensus["ex-5.3-02"].conflict.count == 2)
        #expect(r.resolved == 0, "a conflict is not resolved")
        runner.send(.previousExcerpt)
        let text = Frame.render(runner.state).text
        #expect(
            text.contains("Conflict — resolved differently without seeing each other: carl: ordninger, ppt | dina:"),
            "\(text)")
        #expect(text.contains("ordninger, statped. Settle it again (a, b, U, e)."))
        #expect(text.contains("0/2"))
        // Settling it again, having seen both, clears the conflict.
        runner.press(.char("U"))
        #expect(runner.state.resolve?.consensus["ex-5.3-02"].conflict.isEmpty == true)
        #expect(runner.state.resolve?.resolved == 1)
    }
}
