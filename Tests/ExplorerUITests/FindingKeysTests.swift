import CaseCore
@testable import ExplorerUI
import Foundation
import Testing

/// Issue 16 (items 10 and 15): filter values chosen from a list that narrows as you type, chains
/// and kinds by name; g/G and a search inside the help; Tab and ids in any case in the `:` line;
/// Ctrl-L everywhere — on the cell buffer at 80×24 and 60×16.
@Suite struct FindingKeysTests {
    static let sizes = [(80, 24), (60, 16)]
    /// The filter panel's rows, by dimension.
    static func row(_ d: FilterDimension) -> String { String(repeating: "j ", count: d.rawValue) }

    @Test(arguments: sizes)
    func enterOnAFilterRowOpensItsValuesAndTypingNarrowsThem(width: Int, height: Int) {
        var s = UIFixtures.state("e f " + Self.row(.role) + "Enter", width: width, height: height)
        #expect(s.activeKind == .picker)
        #expect(s.pickerPurpose == .filterValue)
        let roles = Set(UIFixtures.data.excerpts.map(\.speaker.role)).count
        #expect(s.filterPickerChoices.count == roles + 1, "every role, and “alle” first")
        for ch in "INFORMANTEN" { s.handle(.char(ch)) }
        let narrowed = s.filterPickerChoices
        #expect(!narrowed.isEmpty && narrowed.count < roles)
        #expect(narrowed.allSatisfy { $0.name.lowercased().contains("informanten") })
        let text = Frame.render(s).text
        #expect(text.contains("Talerens rolle — skriv for å snevre inn"), "\(text)")
        #expect(text.contains("> INFORMANTEN"))
        s.handle(.enter)
        // Back on the panel, the role picked from the list matches exactly.
        #expect(s.activeKind == .filter)
        #expect(s.filter.speakerRole == narrowed[0].value && s.filter.speakerRoleExact)
        #expect(s.listedExcerpts.allSatisfy { $0.speaker.role == narrowed[0].value })
        // Esc in the picker changes nothing.
        for key in try! KeyNotation.parse("Enter zz Esc") { s.handle(key) }
        #expect(s.activeKind == .filter)
        #expect(s.filter.speakerRole == narrowed[0].value)
        for key in try! KeyNotation.parse("Enter zzzz Enter") { s.handle(key) }
        #expect(s.message == "Ingen verdi passer.")
    }

    @Test(arguments: sizes)
    func chainsAndKindsShowTheirNamesNotTheirIds(width: Int, height: Int) {
        var s = UIFixtures.state("e f " + Self.row(.chain) + "Enter", width: width, height: height)
        for ch in "kommune c" { s.handle(.char(ch)) }
        let chain = UIFixtures.data.chains.first { $0.name.contains("kommune C") }!
        #expect(s.filterPickerChoices.map(\.value) == [chain.id])
        s.handle(.enter)
        for key in try! KeyNotation.parse("j j Enter PP-tj Enter") { s.handle(key) }
        #expect(s.filter.actorKind == .ppt)
        let text = Frame.render(s).text
        #expect(text.contains("‹ PP-tjenesten ›"), "\(text)")
        #expect(text.contains("‹ " + String(chain.name.prefix(width >= 80 ? 28 : 20))), "\(text)")
        #expect(!text.contains("‹ cf2-tk1 ›") && !text.contains("‹ ppt ›"))
        #expect(s.filterSummary.contains("Aktørtype PP-tjenesten"))
    }

    @Test(arguments: sizes)
    func gAndCapitalGGoToTheTopAndBottomOfTheHelp(width: Int, height: Int) {
        var s = UIFixtures.state("? G", width: width, height: height)
        let last = HelpOverlay.maxScroll(s)
        #expect(last > 0)
        #expect(s.overlay == .help(scroll: last))
        let bottom = Frame.render(s).text
        #expect(bottom.contains(":avslutt"), "the last command is shown: \(bottom)")
        s.handle(.char("j"))
        #expect(s.overlay == .help(scroll: last), "j stops at the bottom")
        s.handle(.char("k"))
        #expect(s.overlay == .help(scroll: last - 1), "k moves at once from the bottom")
        s.handle(.char("g"))
        #expect(s.overlay == .help(scroll: 0))
    }

    @Test(arguments: sizes)
    func slashSearchesTheHelpAndNStepsThroughTheLines(width: Int, height: Int) {
        var s = UIFixtures.state("? / kommando", width: width, height: height)
        #expect(s.prompt?.kind == .helpSearch)
        #expect(s.helpQuery == "kommando")
        let found = HelpOverlay.matches(s)
        #expect(found.count >= 2)
        s.handle(.enter)
        #expect(s.prompt == nil && s.activeKind == .help)
        var text = Frame.render(s).text
        #expect(text.contains("/kommando  1/\(found.count)"), "\(text)")
        #expect(text.contains("▶"))
        s.handle(.char("n"))
        #expect(s.helpHit == 1)
        text = Frame.render(s).text
        #expect(text.contains("/kommando  2/\(found.count)"))
        s.handle(.char("N"))
        s.handle(.char("N"))
        #expect(s.helpHit == found.count - 1, "N wraps to the last")
        // Esc in the search prompt puts back the search before it.
        for key in try! KeyNotation.parse("/ xyzzy") { s.handle(key) }
        #expect(Frame.render(s).text.contains("ingen treff"))
        s.handle(.escape)
        #expect(s.helpQuery == "kommando")
        // Closing the help forgets the search.
        s.handle(.escape)
        s.handle(.char("?"))
        #expect(s.helpQuery.isEmpty)
    }

    @Test(arguments: sizes)
    func tabCompletesCommandNamesAndIdsInAnyCase(width: Int, height: Int) {
        var s = UIFixtures.state(": exc Tab", width: width, height: height)
        #expect(s.prompt?.text == "excerpt ")
        for ch in "EX-5.3-0" { s.handle(.char(ch)) }
        s.handle(.tab)
        #expect(s.prompt?.text == "excerpt ex-5.3-0", "the ids' own spelling")
        #expect(s.prompt?.candidates == ["ex-5.3-01", "ex-5.3-02", "ex-5.3-03", "ex-5.3-04", "ex-5.3-05"])
        let text = Frame.render(s).text
        #expect(text.contains("ex-5.3-01  ex-5.3-02"), "the candidates above the line: \(text)")
        for key in try! KeyNotation.parse("2 Tab") { s.handle(key) }
        #expect(s.prompt?.text == "excerpt ex-5.3-02")
        #expect(s.prompt?.candidates.isEmpty == true)
        s.handle(.enter)
        guard case let .reader(r) = s.screen else { Issue.record("no reader"); return }
        #expect(r.list == ["ex-5.3-02"])
        // Typed in capitals, without Tab: the same excerpt.
        var t = UIFixtures.state(": excerpt Space EX-5.3-02 Enter", width: width, height: height)
        guard case let .reader(r2) = t.screen else { Issue.record("no reader: \(t.message ?? "")"); return }
        #expect(r2.list == ["ex-5.3-02"])
        for key in try! KeyNotation.parse(": code Space") + "PPT".map({ Key.char($0) }) + [.enter] { t.handle(key) }
        #expect(t.filter.code == "ppt")
        // Several commands start the same: listed, the text kept.
        var u = UIFixtures.state(": c Tab", width: width, height: height)
        #expect(u.prompt?.text == "c")
        #expect(Set(u.prompt?.candidates ?? []) == ["county", "chain", "code"])
        u.handle(.char("z"))
        u.handle(.tab)
        #expect(u.prompt?.candidates.isEmpty == true && u.prompt?.text == "cz")
        // Tab again takes the listed candidates in turn.
        var v = UIFixtures.state(": excerpt Space ex-5.3-0 Tab Tab", width: width, height: height)
        #expect(v.prompt?.text == "excerpt ex-5.3-01")
        v.handle(.tab)
        #expect(v.prompt?.text == "excerpt ex-5.3-02")
        #expect(v.prompt?.candidates.count == 5, "the list stays while Tab goes through it")
        v.handle(.enter)
        guard case let .reader(r3) = v.screen else { Issue.record("no reader"); return }
        #expect(r3.list == ["ex-5.3-02"])
    }

    @Test func ctrlLAsksForARepaintFromEveryScreenOverlayPromptAndEditor() {
        let ws = Workspace(
            root: FileManager.default.temporaryDirectory.appendingPathComponent("repaint-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: ws.root) }
        for keys in ["", "e", "e f", "e f Enter", "?", "/ sk", ": co", "R", "R c", "R m ab", "R o", "X"] {
            let (r, _) = UIFixtures.runner(keys, width: 80, height: 24, workspace: ws)
            let before = r.state.repaints
            let shown = Bindings.inEffect(r.state).all.contains { $0.keys.contains(.ctrl("l")) }
            let kind = r.state.activeKind
            r.press(.ctrl("l"))
            #expect(r.state.repaints == before + 1, "\(keys): Ctrl-L")
            #expect(r.state.activeKind == kind, "\(keys): Ctrl-L changes nothing else")
            #expect(shown, "\(keys): Ctrl-L is in the help")
        }
        var small = UIFixtures.state("", width: 40, height: 10)
        small.handle(.ctrl("l"))
        #expect(small.repaints == 1, "also while the window is too small")
    }
}
