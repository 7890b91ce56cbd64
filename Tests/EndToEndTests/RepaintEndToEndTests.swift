import Foundation
import Testing

/// Ctrl-L in the real binary: another program writes over the pane (here: straight to its
/// terminal device), and Ctrl-L paints the whole screen again — also rows the explorer had no
/// reason to redraw.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed (.ci/run installs it)"))
struct RepaintEndToEndTests {
    func garble(_ t: TmuxSession) throws {
        let tty = t.tmux(["display-message", "-p", "#{pane_tty}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let handle = try #require(FileHandle(forWritingAtPath: tty), "cannot open \(tty)")
        // Clear the screen and leave a line of noise at the top and in the middle.
        handle.write(Data("\u{1B}[2J\u{1B}[1;1HGARBLED-TOP-LINE\u{1B}[12;10HGARBLED-MIDDLE".utf8))
        try handle.close()
    }

    @Test func ctrlLRestoresAScreenAnotherProgramWroteOver() throws {
        let t = TmuxSession("\(ExplorerEndToEndTests.binary) --lang nb", width: 80, height: 24)
        #expect(t.waitFor("Tilskuddskjede 1 (kommune A)"), "no chain view:\n\(t.screen)")
        let before = t.screen
        try garble(t)
        #expect(t.waitFor("GARBLED-MIDDLE"), "the noise did not reach the pane:\n\(t.screen)")
        #expect(!t.screen.contains("midtpunktsmåling"))
        // A key that changes one row redraws only that row (where curses believes it is): the
        // rest stays garbled.
        t.keys("x")
        #expect(t.waitFor("x gjør ingenting her"), "\(t.screen)")
        #expect(t.screen.contains("GARBLED-TOP-LINE") && !t.screen.contains("midtpunktsmåling"), "\(t.screen)")
        t.keys("C-l")
        #expect(t.waitFor("midtpunktsmåling"), "Ctrl-L did not repaint:\n\(t.screen)")
        #expect(!t.screen.contains("GARBLED"), "\(t.screen)")
        // The same screen as before the noise, row for row (the status line aside: x said something).
        let rows = { (s: String) in Array(s.components(separatedBy: "\n").dropLast(2)) }
        #expect(rows(t.screen) == rows(before), "\(t.screen)")
        t.keys("q")
        #expect(t.waitFor("__EXIT__=0"), "\(t.screen)")
    }
}
