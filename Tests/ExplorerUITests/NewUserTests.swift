import CaseCore
@testable import ExplorerUI
import Foundation
import Testing

/// What a new user hit (issue 16), each point at 80×24 and at the minimum 60×16.
@Suite struct WrongOnScreenTests {
    static let small: [(Int, Int)] = [(80, 24), (60, 16)]

    func reviewRunner(width: Int, height: Int) -> (Runner, Workspace) {
        let ws = Workspace(
            root: FileManager.default.temporaryDirectory.appendingPathComponent("newuser-\(UUID().uuidString)"))
        let r = Runner(
            state: AppState(data: UIFixtures.data, language: .nb, width: width, height: height), workspace: ws,
            coder: "anna")
        r.press(.char("R"))
        return (r, ws)
    }

    @Test func fitterCutsLabelsAndDropsFiguresWholeButNeverCutsThem() {
        let parts: [FitPart] = [
            .figure("ex-5.2-01", priority: 9), .figure(" · linje 1977", priority: 6),
            .label(" · 5.2 Et langt avsnittsnavn", priority: 1, minWidth: 0)
        ]
        #expect(
            Fit.line(parts, width: 100).map(\.text).joined() == "ex-5.2-01 · linje 1977 · 5.2 Et langt avsnittsnavn")
        #expect(Fit.line(parts, width: 30).map(\.text).joined() == "ex-5.2-01 · linje 1977 · 5.2 …")
        #expect(Fit.line(parts, width: 22).map(\.text).joined() == "ex-5.2-01 · linje 1977")
        // Too narrow for the figure: it goes whole, it is not shown as "linje 197".
        #expect(Fit.line(parts, width: 15).map(\.text).joined() == "ex-5.2-01")
        let kappa: [FitPart] = [.figure("κ anna–bo 0.53  ", shorter: ["κ A–B 0.53  "])]
        #expect(Fit.line(kappa, width: 12).map(\.text).joined() == "κ A–B 0.53  ")
    }

    @Test func reviewNeverCutsTheLineNumbers() throws {
        for (w, h) in Self.small {
            let (r, ws) = reviewRunner(width: w, height: h)
            defer { try? FileManager.default.removeItem(at: ws.root) }
            let count = try #require(r.state.review?.queue.count, "the review did not open")
            #expect(count == UIFixtures.data.excerpts.count)
            for _ in 0..<count {
                let id = try #require(r.state.review?.current)
                let e = try #require(UIFixtures.data.excerpt(id))
                let title = Frame.render(r.state).lines[3]
                #expect(title.contains(r.state.linesLabel(e.source.lines)), "\(id) at \(w)×\(h): \(title)")
                r.press(.char("n"))
            }
        }
    }

    @Test func resolveShowsEveryKappaWholeAt100And80() throws {
        let ws = try ResolveTests().workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        for (w, expected) in [(100, 3), (80, 3), (60, 2)] {
            let r = ResolveTests().runner(ws, width: w, height: w == 60 ? 16 : 24)
            let header = Frame.render(r.state).lines[1]
            let figures = header.components(separatedBy: "κ ").dropFirst()
            #expect(figures.count >= expected, "\(w): \(header)")
            for f in figures {
                // Every value is "0.32" or "–", never "0.3" or "0.".
                let value = f.split(separator: " ").dropFirst().first.map(String.init) ?? ""
                #expect(
                    value == "–" || value.range(of: #"^-?\d\.\d\d$"#, options: .regularExpression) != nil,
                    "\(w): \(header)")
            }
        }
    }

    @Test func aRolePickedFromTheListMatchesOnlyThatRole() {
        var s = UIFixtures.state("e")
        let roles = FilterDimension.role.values(s.filter, data: s.data).compactMap { $0 }
        let i = roles.firstIndex(of: "informanten")!
        s.handle(.char("f"))
        for _ in 0..<4 { s.handle(.char("j")) }
        for _ in 0...i { s.handle(.char("l")) }
        #expect(s.filter.speakerRole == "informanten")
        #expect(s.listedExcerpts.count == 1, "one excerpt has the role «informanten»")
        #expect(Frame.render(s).text.contains("«informanten»"))
        // Typed, on the command line, it is still a part of the role.
        #expect(s.data.excerptIndices(matching: ExcerptFilter(speakerRole: "informanten")).count > 1)
    }

    @Test func theBreadcrumbKeepsTheCurrentActorAndCutsTheMiddle() {
        for (w, h) in Self.small {
            let title = Frame.render(UIFixtures.state("j j j Enter", width: w, height: h)).lines[0]
            #expect(!title.contains("Statsforvalteren"), "\(w): \(title)")
            #expect(title.contains(w >= 80 ? "PP-tjenesten (kommune A)" : "PP-tjen"), "\(w): \(title)")
        }
        #expect(
            Fit.crumb(
                [
                    "Statsforvalteren (casefylke 1)", "Samarbeidsfora (casefylke 1)", "Kommune A",
                    "PP-tjenesten (kommune A)"
                ], width: 62)
                == "Statsforvalteren (casefylke 1) ▸ … ▸ PP-tjenesten (kommune A)")
        let chains = Frame.render(UIFixtures.state("", width: 80, height: 24)).lines[0]
        #expect(chains.hasSuffix("F1 ▸ Tilskuddskjede 1 (kommune A)"), "\(chains)")
    }

    @Test func surveyRowsThatDifferAtTheEndStayDistinguishable() {
        for (w, h) in Self.small + [(200, 50)] {
            let s = UIFixtures.state("i Tab Tab", width: w, height: h)
            guard case let .context(c) = s.screen else { Issue.record("not on the context screen"); return }
            let text = ContextScreen.layout(s, c, width: w - 3).lines.map { $0.map(\.text).joined() }.joined(
                separator: "\n")
            // Compared without spaces: a word longer than the label column breaks inside.
            // (and without the figures, which stand on a wrapped label's first line).
            let squashed = text.filter { !$0.isWhitespace && !$0.isNumber && $0 != "," }
            for row in s.data.surveyTables.first(where: { $0.id == "4.6" })!.rows {
                // The end of every statement is on screen (not cut with "…").
                let tail = row.label.split(separator: " ").suffix(3).joined().filter { !$0.isWhitespace }
                let shown = squashed.contains(tail)
                #expect(shown, "\(w): \(tail)")
            }
            #expect(!text.contains("Kommune (skole- og/eller…"), "\(w)")
        }
        let survey = UIFixtures.state("i Tab Tab", width: 100, height: 30)
        guard case let .context(c) = survey.screen else { Issue.record("not on the context screen"); return }
        let money = ContextScreen.layout(survey, c, width: 97).lines.map { $0.map(\.text).joined() }.joined(
            separator: "\n")
        #expect(money.contains("17\u{202F}819\u{202F}998"), "large amounts are grouped")
    }

    @Test func parentCodesCountTheirOwnAndTheirChildrensExcerpts() {
        let d = UIFixtures.data
        let counts = CodeCounts(d)
        #expect(counts.own("styring") == 0)
        #expect(counts.withSubcodes("styring") > 0)
        #expect(
            counts.withSubcodes("styring")
                == d.excerptIndices(
                    matching: {
                        var f = ExcerptFilter(code: "styring"); f.codeWithSubcodes = true; return f
                    }()
                ).count)
        for (w, h) in Self.small {
            var s = UIFixtures.state("b", width: w, height: h)
            let row = CodebookLayout(data: d).rows.firstIndex { $0.code.id == "styring" }!
            for _ in 0..<row { s.handle(.char("j")) }
            let line = Frame.render(s).lines.first { $0.contains("▶") }!
            #expect(line.contains(" 0 ") && line.contains(" \(counts.withSubcodes("styring")) "), "\(w): \(line)")
            #expect(line.hasSuffix("styring") || line.contains(" styring"), "the id is whole: \(line)")
            s.handle(.enter)
            #expect(s.listedExcerpts.count == counts.withSubcodes("styring"))
            #expect(Frame.render(s).lines[1].contains("styring"))
        }
    }

    @Test func codeIdsAreNeverCut() {
        let longest = UIFixtures.data.codes.map(\.id).max { $0.count < $1.count }!
        for (w, h) in Self.small + [(100, 30)] {
            var s = UIFixtures.state("b", width: w, height: h)
            let row = CodebookLayout(data: UIFixtures.data).rows.firstIndex { $0.code.id == longest }!
            for _ in 0..<row { s.handle(.char("j")) }
            #expect(Frame.render(s).text.contains(longest), "\(w): \(longest)")
        }
    }

    @Test func theInterfaceSpeaksOneLanguage() {
        let en = UIFixtures.state("M Tab", width: 100, height: 30, language: .en)
        let text = Frame.render(en).text
        #expect(text.contains("(not placed)") && !text.contains("ikke plassert"))
        var levels = UIFixtures.state("M Tab Tab Tab", width: 100, height: 30, language: .en)
        #expect(
            Frame.render(levels).text.contains("level 1 state governor")
                && !Frame.render(levels).text.contains("nivå 1"))
        levels.handle(.char("c"))
        let survey = Frame.render(UIFixtures.state("i Tab Tab", language: .en)).text
        #expect(survey.contains("Table 4.1") && !survey.contains("Tabell"))
        var export = UIFixtures.state("X", language: .en)
        export.handle(.char("v"))
        #expect(export.prompt?.text == "excerpts.csv")
        var eksport = UIFixtures.state("X", language: .nb)
        eksport.handle(.char("v"))
        #expect(eksport.prompt?.text == "utdrag.csv")
    }

    @Test func countsAreInTheRightNumber() {
        #expect(Txt.hitsCount.text(.en, count: 1) == "1 hit")
        #expect(Txt.hitsCount.text(.en, count: 2) == "2 hits")
        #expect(Txt.excerptsServing.text(.en, count: 1) == "1 excerpt bears on it (the dataset's link)")
        #expect(Txt.hitsCount.text(.en, count: 12345) == "12,345 hits")
        #expect(Txt.hitsCount.text(.nb, count: 12345) == "12\u{202F}345 treff")
        let s = UIFixtures.state("", language: .en)
        #expect(s.linesLabel(LineRange(798, 798)) == "line 798")
        #expect(s.linesLabel(LineRange(794, 795)) == "lines 794–795")
        let search = Frame.render(
            UIFixtures.state("e / p r o g r a m t e o r i e n", width: 100, height: 30, language: .en)
        ).text
        #expect(!search.contains("1 hits"))
    }

    @Test func chainNamesKeepTheirClosingParenthesis() {
        for (w, h) in [(100, 30), (80, 24), (60, 16)] {
            let s = UIFixtures.state(w >= 90 ? "3" : "3 Tab", width: w, height: h)
            let text = Frame.render(s).text.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(
                separator: " ")
            #expect(text.contains("Pilotprosjekt 2 (syv"), "\(w)")
            #expect(text.contains("kommuner)"), "\(w)")
        }
    }

    @Test func reviewKeepsAGapBetweenACodeNameAndTheNextColumn() {
        for (w, h) in Self.small {
            let (r, ws) = reviewRunner(width: w, height: h)
            defer { try? FileManager.default.removeItem(at: ws.root) }
            let rows = Frame.render(r.state).lines.filter { $0.contains("✓") || $0.contains(" · ") }
            #expect(rows.count >= 2, "the code table is on screen at \(w)")
            for line in rows {
                #expect(!line.contains("…✓") && !line.contains("…·"), "\(w): \(line)")
            }
        }
    }
}

@Suite struct ReadOnlyBannerTests {
    @Test func theReadOnlyReasonIsReadableAt100Columns() throws {
        let ws = Workspace(
            root: FileManager.default.temporaryDirectory.appendingPathComponent("ro-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let holder = try Journal(workspace: ws, coder: "anna")
        _ = holder
        for (w, h) in [(100, 30), (80, 24), (60, 16)] {
            let r = Runner(
                state: AppState(data: UIFixtures.data, language: .nb, width: w, height: h), workspace: ws, coder: "anna"
            )
            r.press(.char("R"))
            let message = try #require(r.state.message)
            let text = Frame.render(r.state).text
            // The whole message is on screen (wrapped, not cut), words in order.
            let squashed = text.filter { !$0.isWhitespace && $0 != "│" }
            #expect(squashed.contains(message.filter { !$0.isWhitespace }), "\(w): \(message)")
        }
    }
}
