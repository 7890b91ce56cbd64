import CaseCore
import ExplorerUI
import Foundation
import Testing

/// The agreement screen (A): per-code figures of two coders, sorting, the disagreements behind
/// a row, the resolve queue for one code, and figures that follow saved decisions.
@Suite struct AgreementScreenTests {
    /// anna and bo: agree on ex-5.3-03, disagree on ppt/statped in ex-5.3-02 and on
    /// sf-rolle/soknad-rapportering in ex-5.3-04.
    func workspace() throws -> Workspace {
        let ws = Workspace(
            root: FileManager.default.temporaryDirectory.appendingPathComponent("agreement-\(UUID().uuidString)"))
        let anna = CodingSession(journal: try Journal(workspace: ws, coder: "anna"), data: UIFixtures.data)
        let bo = CodingSession(journal: try Journal(workspace: ws, coder: "bo"), data: UIFixtures.data)
        for (excerpt, a, b) in [
            ("ex-5.3-02", ["ordninger", "ppt"], ["ordninger", "statped"]), ("ex-5.3-03", ["ordninger"], ["ordninger"]),
            ("ex-5.3-04", ["sf-rolle"], ["soknad-rapportering"])
        ] {
            try anna.record(CodingEvent(coder: "anna", excerpt: excerpt, action: .set, codes: a))
            try bo.record(CodingEvent(coder: "bo", excerpt: excerpt, action: .set, codes: b))
        }
        return ws
    }

    func runner(_ ws: Workspace, coder: String = "carl", language: Language = .en, width: Int = 100, height: Int = 30)
        -> Runner
    {
        Runner(
            state: AppState(data: UIFixtures.data, language: language, width: width, height: height), workspace: ws,
            coder: coder)
    }

    func rows(_ r: Runner) -> [String] {
        Frame.render(r.state).lines.filter { $0.hasPrefix(" ▶ ") || $0.hasPrefix("   ") }.map {
            String($0.dropFirst(3))
        }
    }

    @Test func showsTheReportAgainstACoderThenAnyPairWithTheReportsFigures() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let r = runner(ws)
        r.press(.char("A"))
        #expect(Frame.render(r.state).text.contains("Agreement: A = rapport · B = anna · unit: excerpt"))
        r.press(.char("a"))
        #expect(
            Frame.render(r.state).text.contains("A = bo · B = anna"), "a switches the first coder, skipping the second")
        let text = Frame.render(r.state).text
        let report = AgreementReport(
            coders: [
                ("bo", try ws.coding(of: "bo", data: UIFixtures.data)),
                ("anna", try ws.coding(of: "anna", data: UIFixtures.data))
            ],
            data: UIFixtures.data, options: .init(intervals: false))
        let kappa = try #require(report.overall.cohenKappa.value)
        #expect(text.contains("all codes, 3 excerpts both reviewed:"))
        #expect(text.contains("κ \(String(format: "%.2f", kappa))"), "the pooled κ is the report's")
        let first = try #require(rows(r).first)
        #expect(
            first.hasPrefix("PP-tjenestens rolle og kapasitet") || first.hasPrefix("Statped")
                || first.hasPrefix("Statsforvalterens rolle")
                || first.hasPrefix("Søknad og rapportering"), "a code with a disagreement first: \(first)")
        #expect(rows(r).last?.contains("  0  ") == true || rows(r).count >= 4)
    }

    @Test func sortingCyclesThroughTheColumnsAndPutsTheLowestFigureFirst() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let r = runner(ws)
        for key in ["A", "a", "s"] { r.press(.char(Character(key))) }
        #expect(Frame.render(r.state).text.contains("sorted by % ↑"))
        r.press(.char("s"))
        #expect(Frame.render(r.state).text.contains("sorted by κ ↑"))
        let names = rows(r)
        #expect(
            names.first?.hasPrefix("Ordninger") == false || names.count == 1,
            "agreeing codes do not come first when sorting by κ ascending")
        for _ in 0..<5 { r.press(.char("s")) }
        #expect(Frame.render(r.state).text.contains("sorted by most disagreements"), "seven sorts, then round again")
    }

    @Test func enterListsTheDisagreementsOnTheCodeAndRResolvesJustThose() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let r = runner(ws)
        for key in ["A", "a"] { r.press(.char(Character(key))) }
        // Select the ppt row.
        while !(rows(r).first { $0.hasPrefix("PP-tjenestens") }.map { row in
            Frame.render(r.state).lines.contains(" ▶ " + row)
        } ?? true) {
            r.press(.char("j"))
        }
        r.press(.enter)
        #expect(r.state.screen.kind == .excerpts)
        #expect(r.state.listedExcerpts.map(\.id) == ["ex-5.3-02"])
        #expect(Frame.render(r.state).text.contains("disagreement bo ≠ anna on ppt"))
        r.press(.escape)
        #expect(r.state.screen.kind == .agreement)
        r.press(.char("r"))
        #expect(r.state.screen.kind == .resolve)
        #expect(r.state.resolve?.queue == ["ex-5.3-02"], "only the disagreements on ppt")
        #expect(r.state.resolve?.into == Runner.consensusCoder)
        r.press(.escape)
        #expect(r.state.screen.kind == .agreement)
    }

    @Test func aRowWithoutDisagreementsSaysSoInsteadOfOpeningNothing() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let r = runner(ws)
        for key in ["A", "a", "G"] { r.press(.char(Character(key))) }
        r.press(.enter)
        #expect(r.state.screen.kind == .agreement)
        #expect(r.state.message?.contains("agree on every excerpt both reviewed") == true)
    }

    @Test func figuresFollowDecisionsAsTheyArrive() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let r = runner(ws)
        for key in ["A", "a"] { r.press(.char(Character(key))) }
        func pooledKappa() -> String? {
            Frame.render(r.state).lines.first { $0.contains("both reviewed:") }?.components(separatedBy: "κ ").last?
                .split(separator: " ").first.map(String.init)
        }
        let before = try #require(pooledKappa())
        // bo comes round to anna's code on ex-5.3-04 (in another process, or pulled by a sync).
        let bo = CodingSession(journal: try Journal(workspace: ws, coder: "bo"), data: UIFixtures.data)
        try bo.record(CodingEvent(coder: "bo", excerpt: "ex-5.3-04", action: .set, codes: ["sf-rolle"]))
        r.loadCodings()
        let after = try #require(pooledKappa())
        #expect(before != after, "κ \(before) → \(after)")
        #expect(r.state.screen.kind == .agreement)
    }

    @Test func withNoCoderItSaysWhatToDo() {
        let ws = Workspace(
            root: FileManager.default.temporaryDirectory.appendingPathComponent("agreement-empty-\(UUID().uuidString)"))
        let r = runner(ws, language: .nb)
        r.press(.char("A"))
        #expect(Frame.render(r.state).text.contains("Ingen kodere å sammenligne ennå"))
    }

    @Test(arguments: [(80, 24), (60, 16), (100, 30)])
    func figuresAreNeverCut(_ width: Int, _ height: Int) throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let r = runner(ws, width: width, height: height)
        for key in ["A", "a"] { r.press(.char(Character(key))) }
        let lines = Frame.render(r.state).lines
        let pooled = try #require(lines.first { $0.contains("both reviewed:") })
        // Every figure shown is whole: a name, a space, and a number with two decimals (or –).
        let figures = pooled.components(separatedBy: "reviewed:").last!.split(
            separator: " ", omittingEmptySubsequences: true)
        #expect(figures.count % 2 == 0 && figures.count >= 2, "\(pooled)")
        for pair in stride(from: 0, to: figures.count, by: 2) {
            #expect(
                figures[pair + 1].range(of: #"^(-?\d\.\d\d|–)$"#, options: .regularExpression) != nil, "cut: \(pooled)")
        }
        for row in rows(r) where row.contains(".") {
            let last = row.split(separator: " ").last.map(String.init) ?? ""
            #expect(
                last.range(of: #"^(-?\d\.\d\d|–|RARE|PARADOX)$"#, options: .regularExpression) != nil, "cut row: \(row)"
            )
        }
    }
}
