import CaseCore
@testable import ExplorerUI
import Foundation
import Presentation
import Testing

/// Control characters typed or pasted into a memo (field test, item 3): the one rule of the
/// program is that every control character is shown as a visible sign (InertText: ESC ␛, NUL ␀,
/// the C1 controls �) and never reaches the terminal raw, and that a memo keeps what the coder
/// entered. The editor showed nothing for them before (while `coding log` showed ␛).
@Suite struct ControlCharacterMemoTests {
    /// Ctrl-\ and Ctrl-_ arrive from the terminal as characters, as do NUL and the 8-bit
    /// controls; ESC comes in a memo written with `coding memo` or by a colleague.
    static let typed = "før\u{1C}midt\u{1F}\u{9B}31m\u{0}etter"
    static let shown = "før␜midt␟�31m␀etter"

    func workspace() -> Workspace {
        Workspace(root: FileManager.default.temporaryDirectory.appendingPathComponent("control-\(UUID().uuidString)"))
    }

    /// No cell holds a control character: nothing on the screen can drive the terminal.
    func expectNoRawControls(_ frame: CellBuffer, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let raw = frame.text.unicodeScalars.filter {
            ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value)
        }
        #expect(raw.isEmpty, "raw controls on screen: \(raw.map { $0.value })", sourceLocation: sourceLocation)
    }

    /// Every row of the memo box ends in the same column (the signs take the cells counted).
    func expectBoxAligned(_ frame: CellBuffer, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let box = frame.lines.filter { $0.hasPrefix("    │") || $0.hasPrefix("    ┌") || $0.hasPrefix("    └") }
        let ends = Set(
            box.compactMap { line -> Int? in
                line.lastIndex { $0 == "│" || $0 == "┐" || $0 == "┘" }.map { DisplayWidth.of(line[...$0]) }
            })
        #expect(!box.isEmpty && ends.count == 1, "\(ends)", sourceLocation: sourceLocation)
    }

    @Test(arguments: [(80, 24), (60, 16)])
    func theReviewMemoShowsEachControlAsASignAndKeepsIt(width: Int, height: Int) throws {
        let ws = workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let r = Runner(
            state: AppState(data: UIFixtures.data, language: .nb, width: width, height: height), workspace: ws,
            coder: "anna")
        r.press(.char("R"))
        r.press(.char("m"))
        for scalar in Self.typed.unicodeScalars { r.press(.char(Character(scalar))) }
        let editing = Frame.render(r.state)
        #expect(editing.text.contains(Self.shown), "\(editing.text)")
        expectNoRawControls(editing)
        expectBoxAligned(editing)
        // The cursor stands after the last character typed: one cell a sign.
        #expect(r.state.review?.editor?.column == Self.typed.count)
        r.press(.ctrl("s"))
        let id = try #require(r.state.review?.queue.first)
        #expect(try Journal(workspace: ws, coder: "anna", mode: .readOnly).state[id].memo == Self.typed)
        let saved = Frame.render(r.state)
        #expect(saved.text.contains(Self.shown), "the saved memo is shown with its signs:\n\(saved.text)")
        expectNoRawControls(saved)
    }

    @Test func aMemoWithAnEscapeFromTheJournalIsShownAndEditedWithItsSign() throws {
        let ws = workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let first = try #require(UIFixtures.data.excerpts.first?.id)
        let session = CodingSession(journal: try Journal(workspace: ws, coder: "anna"), data: UIFixtures.data)
        try session.record(CodingEvent(coder: "anna", excerpt: first, action: .memo, memo: "rød \u{1B}[31mtekst\u{7}"))
        let r = Runner(
            state: AppState(data: UIFixtures.data, language: .nb, width: 80, height: 24), workspace: ws, coder: "anna")
        r.press(.char("R"))
        #expect(r.state.review?.queue.first == first)
        #expect(Frame.render(r.state).text.contains("rød ␛[31mtekst␇"), "\(Frame.render(r.state).text)")
        r.press(.char("m"))
        r.press(.char("!"))
        let editing = Frame.render(r.state)
        #expect(editing.text.contains("rød ␛[31mtekst␇!"), "\(editing.text)")
        expectNoRawControls(editing)
        expectBoxAligned(editing)
    }

    @Test func theResolutionMemoFollowsTheSameRule() throws {
        let (r, ws) = try ResolveFlowTests().resolve(width: 80, height: 24)
        defer { try? FileManager.default.removeItem(at: ws.root) }
        r.press(.char("m"))
        for scalar in Self.typed.unicodeScalars { r.press(.char(Character(scalar))) }
        let editing = Frame.render(r.state)
        #expect(editing.text.contains(Self.shown), "\(editing.text)")
        expectNoRawControls(editing)
        r.press(.ctrl("s"))
        #expect(try Journal(workspace: ws, coder: "consensus", mode: .readOnly).state["ex-5.3-02"].memo == Self.typed)
        let saved = Frame.render(r.state)
        #expect(saved.text.contains(Self.shown), "\(saved.text)")
        expectNoRawControls(saved)
    }
}
