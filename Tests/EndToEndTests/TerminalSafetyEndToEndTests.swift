import Foundation
import Testing

/// Issue 12 in a real terminal (tmux with a new shell's settings): the save key with flow
/// control on, keys while the screen is too small, signals, TERM=dumb and vt100, emoji widths,
/// the demo's folder after a signal.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed (.ci/run installs it)"))
struct TerminalSafetyEndToEndTests {
    let binary = ExplorerEndToEndTests.binary

    func workspace() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("e2e-safety-\(UUID().uuidString)").path
    }

    func journal(_ ws: String, _ coder: String) -> String {
        (try? String(contentsOfFile: "\(ws)/journals/\(coder).jsonl", encoding: .utf8)) ?? ""
    }

    /// Item 1: with ixon on (as in a new shell) Ctrl-S froze the output and the memo was lost.
    @Test func ctrlSSavesTheMemoInATerminalWithFlowControlOn() {
        let ws = workspace()
        defer { try? FileManager.default.removeItem(atPath: ws) }
        let t = TmuxSession(
            "stty -a | tr ' ;' '\\n\\n' | grep -E '^-?ixon$' | sed 's/^/BEFORE=/'; \(binary) review --lang nb --coder "
                + "memo --workspace \(ws) --county 1"
        )
        #expect(t.waitFor("0/12 ferdig"), "\(t.screen)")
        t.keys("m")
        #expect(t.waitFor("Ctrl-S lagre"), "\(t.screen)")
        t.type("Viktig ✅ notat")
        #expect(t.waitFor("Viktig ✅ notat"))
        t.keys("C-s")
        #expect(t.waitFor("Lagret som #1."), "Ctrl-S did not reach the program:\n\(t.screen)")
        #expect(journal(ws, "memo").contains("Viktig ✅ notat"))
        t.keys("Q")
        #expect(t.waitFor("__EXIT__=0"), "\(t.screen)")
        #expect(t.waitFor("ixon"))
        #expect(t.screen.contains("BEFORE=ixon"), "the test must start with flow control on:\n\(t.screen)")
        #expect(
            !t.screen.contains("-ixon") && !t.screen.contains("-icanon"),
            "flow control or modes not restored:\n\(t.screen)")
    }

    /// Item 1: Ctrl-C is a signal in a terminal; over a changed memo it asks first like the key.
    @Test func ctrlCOverAChangedMemoAsksFirst() {
        let ws = workspace()
        defer { try? FileManager.default.removeItem(atPath: ws) }
        let t = TmuxSession("\(binary) review --lang en --coder ask --workspace \(ws) --county 1")
        #expect(t.waitFor("0/12 done"), "\(t.screen)")
        t.keys("m")
        t.type("half a thought")
        #expect(t.waitFor("half a thought"))
        t.keys("C-c")
        #expect(t.waitFor("changes that are not saved"), "\(t.screen)")
        #expect(!t.screen.contains("__EXIT__"))
        t.keys("C-s")
        #expect(t.waitFor("Saved as #1."), "the memo is still there to save:\n\(t.screen)")
        #expect(journal(ws, "ask").contains("half a thought"))
        t.keys("C-c")
        #expect(t.waitFor("__EXIT__=130"), "with nothing unsaved Ctrl-C ends at once:\n\(t.screen)")
    }

    /// Item 2: at 40×10 in review, `1 r n` applied a code, marked the excerpt and moved on unseen.
    @Test func keysWhileTooSmallChangeNothing() {
        let ws = workspace()
        defer { try? FileManager.default.removeItem(atPath: ws) }
        let t = TmuxSession("\(binary) review --lang nb --coder small --workspace \(ws) --county 1")
        #expect(t.waitFor("0/12 ferdig"), "\(t.screen)")
        t.resize(40, 10)
        #expect(t.waitFor("for lite"), "\(t.screen)")
        t.keys("1", "r", "n", "a", "m", "x", "C-s")
        #expect(t.waitFor("Ingenting ble gjort"), "the refusal is not said:\n\(t.screen)")
        t.resize(100, 30)
        #expect(t.waitFor("0/12 ferdig"), "\(t.screen)")
        #expect(t.screen.contains("1/12 ·"), "still on the first excerpt:\n\(t.screen)")
        #expect(journal(ws, "small").isEmpty, "nothing was written: \(journal(ws, "small"))")
        t.keys("Q")
        #expect(t.waitFor("__EXIT__=0"))
    }

    /// Item 13: SIGQUIT drew a crash banner; SIGUSR1 and SIGPIPE left the full screen on.
    @Test func everySignalThatEndsTheProgramRestoresTheTerminal() {
        for (signal, number) in [("QUIT", 3), ("USR1", 10), ("USR2", 12), ("PIPE", 13), ("ALRM", 14), ("TERM", 15)] {
            let t = TmuxSession("\(binary) --lang en")
            #expect(t.waitFor("Case counties and chains"), "\(t.screen)")
            Spawn.run("/usr/bin/pkill", ["-\(signal)", "-P", t.panePID, "case-explorer"], capture: false)
            #expect(t.waitFor("__EXIT__=\(128 + number)"), "SIG\(signal):\n\(t.screen)")
            #expect(t.waitFor("icanon"))
            #expect(!t.alternateScreen, "SIG\(signal) left the full screen on")
            let screen = t.screen
            #expect(
                !screen.contains("-icanon") && !screen.contains("-echo") && !screen.contains("-ixon"),
                "SIG\(signal) left the terminal raw:\n\(screen)")
            #expect(
                !screen.contains("Crash") && !screen.contains("Backtrace") && !screen.contains("💣"),
                "SIG\(signal) drew a crash banner:\n\(screen)")
        }
    }

    /// Item 18: TERM=dumb started a blank screen that acted on keys unseen.
    @Test func aDumbTerminalIsRefusedWithASentence() {
        let t = TmuxSession("TERM=dumb \(binary) --lang en")
        #expect(t.waitFor("__EXIT__=1"), "\(t.screen)")
        #expect(t.screen.contains("TERM=dumb cannot place the cursor"), "\(t.screen)")
        let unknown = TmuxSession("TERM=no-such-terminal \(binary) --lang en")
        #expect(unknown.waitFor("__EXIT__=1"), "\(unknown.screen)")
    }

    /// Item 18: TERM=vt100 (no alternate screen) left the last frame under the shell prompt.
    @Test func aTerminalWithoutAlternateScreenIsClearedOnExit() {
        for ending in ["q", "TERM"] {
            let t = TmuxSession("TERM=vt100 \(binary) --lang en")
            #expect(t.waitFor("Case counties and chains"), "\(t.screen)")
            if ending == "q" {
                t.keys("q")
            } else {
                Spawn.run("/usr/bin/pkill", ["-TERM", "-P", t.panePID, "case-explorer"], capture: false)
            }
            #expect(t.waitFor("__EXIT__="), "\(t.screen)")
            #expect(t.waitFor("icanon"))
            let screen = t.screen
            #expect(
                !screen.contains("Case counties and chains") && !screen.contains("Casefylke"),
                "\(ending): the last frame stayed:\n\(screen)")
            #expect(!screen.contains("$<"), "terminfo padding was printed:\n\(screen)")
        }
    }

    /// Item 17: emoji were counted narrower than tmux draws them, so the end of the line was cut.
    @Test func emojiTakeTheCellsTheTerminalDraws() {
        let ws = workspace()
        defer { try? FileManager.default.removeItem(atPath: ws) }
        let t = TmuxSession("\(binary) review --lang nb --coder emoji --workspace \(ws) --county 1")
        #expect(t.waitFor("0/12 ferdig"), "\(t.screen)")
        t.keys("m")
        #expect(t.waitFor("Ctrl-S lagre"))
        t.type("✅❌⭐⚡🚀✨☕⏳ 🇳🇴 ❤️ 👩‍💻 👍🏽 SLUTT")
        #expect(t.waitFor("SLUTT"), "\(t.screen)")
        usleep(300_000)
        let row = t.screen.split(separator: "\n").first { $0.contains("SLUTT") }.map(String.init) ?? ""
        // The memo box's right border stands after the text on the same row, and the box's
        // rows all end in the same column (measured the way tmux draws: emoji two cells).
        #expect(
            row.range(of: #"SLUTT *│"#, options: .regularExpression) != nil, "the end of the line was cut:\n\(t.screen)"
        )
        let box = t.screen.split(separator: "\n").filter { $0.contains("│") && $0.hasPrefix(" ") }
        #expect(!box.isEmpty)
        t.keys("C-s")
        #expect(t.waitFor("Lagret som #1."), "\(t.screen)")
        #expect(journal(ws, "emoji").contains("👩‍💻"), "the memo is kept as typed (with its joiner)")
        t.keys("Q")
        #expect(t.waitFor("__EXIT__=0"))
    }

    /// Item 19: the demo's throw-away journal folder was left behind after Ctrl-C and SIGTERM.
    @Test func theDemoRemovesItsFolderAfterCtrlCAndSigterm() throws {
        for (ending, status) in [("C-c", 130), ("TERM", 143), ("HUP", 129)] {
            let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-demo-tmp-\(UUID().uuidString)")
                .path
            try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: tmp) }
            let t = TmuxSession("TMPDIR=\(tmp) \(binary) demo --speed 0 --lang en", width: 100, height: 30)
            #expect(t.waitFor("1/"), "\(t.screen)")
            // Step until the tour has written into its folder (a coding decision).
            var steps = 0
            while !hasJournal(tmp), steps < 40 { t.keys("Right"); usleep(150_000); steps += 1 }
            #expect(hasJournal(tmp), "the tour never wrote its journal")
            if ending == "C-c" {
                t.keys("C-c")
            } else {
                Spawn.run("/usr/bin/pkill", ["-\(ending)", "-P", t.panePID, "case-explorer"], capture: false)
            }
            #expect(t.waitFor("__EXIT__=\(status)"), "\(ending):\n\(t.screen)")
            let left = (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? []
            #expect(left.isEmpty, "\(ending) left \(left)")
            #expect(!t.screen.contains("-icanon"))
        }
    }

    func hasJournal(_ tmp: String) -> Bool {
        guard let e = FileManager.default.enumerator(atPath: tmp) else { return false }
        return e.contains { ($0 as? String)?.hasSuffix(".jsonl") == true }
    }
}
