import CaseCore
@testable import ExplorerUI
import Foundation
import Testing

/// The mouse on the screens drawn through the widgets and the layout: the chain and its
/// navigator, the actor page, the agreement table, the matrix and the review's code table. A
/// click selects what is drawn under it, a double click does what Enter does there, the wheel
/// moves like j and k. The rows are found in the frame as drawn, not from the code's geometry.
extension MouseTests {
    /// The row of the first line of the frame holding `text`.
    func row(of text: String, in s: AppState) -> Int { Frame.render(s).lines.firstIndex { $0.contains(text) }! }

    @Test func aClickOnAnActorSelectsItADoubleClickOpensItTheWheelMoves() {
        var s = UIFixtures.state()
        let y = row(of: "Kommune A ", in: s)
        click(&s, column(of: "Kommune A ", row: y, in: s), y)
        guard case let .chains(c) = s.screen else { Issue.record("still the chains"); return }
        #expect(c.node == "cf1-tk1-kommune" && c.pane == .chain, "\(c)")
        s.handle(.mouse(MouseEvent(.wheelDown, x: 50, y: y)))
        guard case let .chains(down) = s.screen else { return }
        #expect(down.node != c.node, "the wheel moves to the next actor")
        click(&s, column(of: "Kommune A ", row: y, in: s), y, .doubleClick)
        #expect(s.screen == .node(NodeState(actor: "cf1-tk1-kommune")), "a double click opens the actor")
    }

    @Test func aClickInTheNavigatorSelectsAChain() {
        var s = UIFixtures.state()
        let y = row(of: "Tilskuddskjede 1 (kommune C)", in: s)
        click(&s, 6, y)
        guard case let .chains(c) = s.screen else { Issue.record("still the chains"); return }
        #expect(c.chainId == UIFixtures.data.chains(in: 2).first?.id && c.pane == .navigator, "\(c)")
        // Below 90 columns one pane at a time: a click on the chain pane's rows selects there.
        var narrow = UIFixtures.state("", width: 80, height: 24)
        let ny = row(of: "Kommune A ", in: narrow)
        click(&narrow, column(of: "Kommune A ", row: ny, in: narrow), ny)
        guard case let .chains(n) = narrow.screen else { return }
        #expect(n.node == "cf1-tk1-kommune")
    }

    @Test func aClickOnAnExcerptOfTheActorPageSelectsItADoubleClickReadsIt() throws {
        var s = UIFixtures.state("G k Enter")
        guard case let .node(n) = s.screen else { Issue.record("the actor page"); return }
        let second = try #require(NodeScreen.openable(UIFixtures.data, n.actor).dropFirst().first)
        let y = row(of: second.id, in: s)
        click(&s, 20, y)
        #expect(s.screen == .node(NodeState(actor: n.actor, selection: 1, scroll: n.scroll)))
        click(&s, 20, y, .doubleClick)
        guard case let .reader(r) = s.screen else { Issue.record("a double click reads it"); return }
        #expect(r.list[r.index] == second.id)
        // The heading above the list is not a row.
        var t = UIFixtures.state("G k Enter")
        click(&t, 20, row(of: "Utdrag (", in: t))
        #expect(t.screen == .node(n))
    }

    @Test func aClickOnAMatrixCellSelectsItADoubleClickListsItsExcerpts() throws {
        var s = UIFixtures.state("M Tab")
        let lines = Frame.render(s).lines
        // A row with a figure in it (not the selected first row), and the column of that figure.
        let y = try #require(lines.indices.dropFirst(6).first { lines[$0].contains { $0.isNumber } })
        let chars = Array(lines[y])
        let x = try #require(chars.lastIndex { $0.isNumber })
        click(&s, x, y)
        guard case let .matrix(m) = s.screen else { Issue.record("still the matrix"); return }
        #expect(m.row > 0 && m.tab == 1, "\(m)")
        let matrix = MatrixScreen.matrix(s, m)
        let figure = String(chars[...x].reversed().prefix { $0.isNumber }.reversed())
        #expect(matrix.count(m.row, m.column) == Int(figure))
        click(&s, x, y, .doubleClick)
        #expect(s.screen.kind == .excerpts && s.listedExcerpts.count == matrix.count(m.row, m.column))
    }

    @Test func aClickOnAnAgreementRowSelectsItADoubleClickListsTheDisagreements() throws {
        let ws = Workspace(
            root: FileManager.default.temporaryDirectory.appendingPathComponent("mouse-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: ws.root) }
        try UIFixtures.annaAndBoDisagree(in: ws)
        let r = Runner(
            state: AppState(data: UIFixtures.data, language: .en, width: 100, height: 30), workspace: ws, coder: "carl")
        r.press(.char("A"))
        r.press(.char("a")) // anna against bo
        var s = r.state
        let lines = Frame.render(s).lines
        let rows = lines.indices.filter { lines[$0].hasPrefix(" ▶ ") || lines[$0].hasPrefix("   ") }
        let y = try #require(rows.dropFirst().first)
        click(&s, 10, y)
        guard case let .agreement(a) = s.screen else { Issue.record("still the agreement"); return }
        #expect(a.selection == 1)
        click(&s, 10, y, .doubleClick)
        #expect(s.screen.kind == .excerpts && s.listedExcerpts.count == 1, "\(s.screen)")
    }

    @Test func aClickOnTheReviewsCodeTableSelectsTheCode() throws {
        let ws = Workspace(
            root: FileManager.default.temporaryDirectory.appendingPathComponent("mouse-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let r = Runner(
            state: AppState(data: UIFixtures.data, language: .nb, width: 100, height: 30), workspace: ws, coder: "eva")
        for key in try KeyNotation.parse("R n") { r.press(key) }
        var s = r.state
        let codes = try #require(s.review?.codeRows(UIFixtures.data))
        #expect(codes.count >= 2, "the report's codes are proposed")
        let name = try #require(UIFixtures.data.code(codes[1])?.name)
        click(&s, 10, row(of: name, in: s))
        #expect(s.review?.codeRow == 1)
        click(&s, 10, row(of: "Koder", in: s))
        #expect(s.review?.codeRow == 1, "the table's header is not a code")
    }
}
