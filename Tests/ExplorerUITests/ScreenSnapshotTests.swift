import CaseCore
import ExplorerUI
import Testing
import Presentation

/// Every screen rendered into the cell buffer at 100×30, 80×24 and the minimum size, compared
/// with golden text (Norwegian data, bokmål interface unless noted).
@Suite struct ScreenSnapshotTests {
    static let sizes: [(Int, Int)] = [(100, 30), (80, 24), (AppState.minimumWidth, AppState.minimumHeight)]
    static let screens: [(String, String)] = [
        ("chains", ""),
        ("chains-county3", "3"),
        ("chains-navigator", "Tab j j"),
        ("node-ppt", "j j j Enter"),
        ("node-uh-with-excerpts", "G k Enter"),
        ("reader", "G k Enter Enter"),
        ("excerpts", "e"),
        ("excerpts-search", "e / s ø k n a d"),
        ("excerpts-filter", "e f l j j j j j l l"),
        ("codebook", "b j j"),
        ("context-questions", "i"),
        ("context-attention", "i Tab"),
        ("context-survey", "i Tab Tab"),
        ("context-reports", "i Tab Tab Tab"),
        ("context-reports-references", "i Tab Tab Tab G"),
        ("help-chains", "?"),
        ("command-prompt", ": e x c e r p t")
    ]

    @Test(arguments: screens)
    func rendersEveryScreenAtEverySize(name: String, keys: String) {
        for (w, h) in Self.sizes {
            expectSnapshot("\(name)-\(w)x\(h)", UIFixtures.state(keys, width: w, height: h))
        }
    }

    /// Style roles for screens where meaning rides on style: the tab bars and status hints, the
    /// selection, search matches, the filter panel, the help's keys.
    @Test(arguments: ["chains", "excerpts-search", "excerpts-filter", "context-questions", "help-chains"])
    func keepsTheStyleRoles(name: String) {
        let keys = Self.screens.first { $0.0 == name }!.1
        expectRoleSnapshot("\(name)-80x24", UIFixtures.state(keys, width: 80, height: 24))
    }

    @Test func rendersInEnglish() {
        expectSnapshot("chains-en-100x30", UIFixtures.state("", language: .en))
        expectSnapshot("reader-en-100x30", UIFixtures.state("G k Enter Enter", language: .en))
        expectSnapshot("context-reports-en-100x30", UIFixtures.state("i Tab Tab Tab", language: .en))
    }

    @Test func saysSoWhenTheTerminalIsTooSmall() {
        let s = UIFixtures.state("", width: 40, height: 10)
        expectSnapshot("too-small-40x10", s)
        #expect(Frame.render(s).text.contains("40×10"))
        // Even a 10×4 or 1×1 terminal gets a frame of its size that starts the sentence.
        for (w, h) in [(10, 4), (2, 2), (1, 1)] {
            let frame = Frame.render(UIFixtures.state("", width: w, height: h))
            #expect(frame.width == w && frame.height == h)
            #expect(frame.lines.count == h && frame.lines.allSatisfy { DisplayWidth.of($0) <= w })
            #expect(frame.lines.joined().hasPrefix(String("Terminalvinduet".prefix(w))), "\(w)×\(h): \(frame.lines)")
        }
        let none = Frame.render(UIFixtures.state("", width: 0, height: 0))
        #expect(none.width == 0 && none.height == 0 && none.lines.isEmpty)
    }
}
