import Foundation
import Testing

/// The real binary in tmux: start-up, æøå, navigation to an excerpt, search, resize, exit codes,
/// and a sane terminal afterwards. Few and slow by nature; the screens themselves are tested on
/// the cell buffer.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed (.ci/run installs it)"))
struct ExplorerEndToEndTests {
    static let binary: String = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("case-explorer")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/case-explorer").path
    }()

    func sane(_ screen: String) -> Bool {
        screen.contains(" icanon ") && screen.contains(" echo ") || screen.contains("icanon echo")
    }

    @Test func startsShowsNorwegianLettersAndQuitsCleanly() {
        let t = TmuxSession("\(Self.binary) --lang nb")
        #expect(t.waitFor("Casefylker og kjeder"), "no chain view:\n\(t.screen)")
        #expect(t.screen.contains("midtpunktsmåling"))
        #expect(t.screen.contains("Tilskuddskjede 1 (kommune A)"))
        t.keys("q")
        #expect(t.waitFor("__EXIT__=0"), "\(t.screen)")
        #expect(t.waitFor("icanon"))
        #expect(!t.screen.contains("-icanon") && !t.screen.contains("-echo"), "terminal left raw:\n\(t.screen)")
    }

    @Test func navigatesToAnExcerptAndSearchesWithNorwegianLetters() {
        let t = TmuxSession("\(Self.binary) --lang nb")
        #expect(t.waitFor("Casefylker og kjeder"))
        t.keys("G", "k", "Enter")
        #expect(t.waitFor("Utdrag (8)"), "\(t.screen)")
        t.keys("Enter")
        #expect(t.waitFor("Utdrag 1 av 8"), "\(t.screen)")
        #expect(t.waitFor("UTLEDET"), "\(t.screen)") // wait: under load the capture may fall mid-redraw
        t.keys("n")
        #expect(t.waitFor("Utdrag 2 av 8"))
        t.keys("Escape", "Escape", "e")
        #expect(t.waitFor("62 av 62 utdrag"))
        t.keys("/")
        t.type("søknad")
        #expect(t.waitFor("2 treff"), "\(t.screen)")
        t.keys("Enter", "Enter")
        #expect(t.waitFor("hav av søknader"), "\(t.screen)")
        t.keys("Q")
        #expect(t.waitFor("__EXIT__=0"))
    }

    /// A real mouse click as an xterm sends it (X10 encoding: ESC [ M, then button, column and
    /// row, each + 32, 1-based), typed into the pane: ncurses decodes press and release into a
    /// click, the adapter into a mouse event, and the explorer opens the tab under it.
    @Test func aMouseClickOnATabOpensIt() {
        let t = TmuxSession("\(Self.binary) --lang nb")
        #expect(t.waitFor("Casefylker og kjeder"), "\(t.screen)")
        // The tab's column: the characters before it on the title row (each one cell wide there).
        let column = t.screen.components(separatedBy: "\n")[0].components(separatedBy: "Kodebok")[0].count
        let at = String(UnicodeScalar(UInt8(column + 1 + 32))) + String(UnicodeScalar(UInt8(1 + 32)))
        t.type("\u{1B}[M " + at)
        t.type("\u{1B}[M#" + at)
        #expect(t.waitFor("▸Kodebok"), "the click did not open the codebook:\n\(t.screen)")
        t.keys("q", "q")
        #expect(t.waitFor("__EXIT__=0"), "\(t.screen)")
    }

    @Test func showsDelrapport1InTheContextScreenAtTheSmallestSize() {
        let t = TmuxSession("\(Self.binary) --lang nb", width: 60, height: 16)
        #expect(t.waitFor("midtpunktsmåling"), "\(t.screen)")
        t.keys("i", "Tab", "Tab", "Tab")
        #expect(t.waitFor("▸Delrapport 1"), "\(t.screen)")
        #expect(t.waitFor("Delrapport 1 (2022)"), "\(t.screen)")
        #expect(t.screen.contains("Kilde") && t.screen.contains("delrapport-1-omtale.txt"))
        t.keys("G")
        #expect(t.waitFor("4367–4370"), "the last reference, its lines whole:\n\(t.screen)")
        t.keys("Q")
        #expect(t.waitFor("__EXIT__=0"), "\(t.screen)")
    }

    @Test func survivesResizesAndSaysWhenTooSmall() {
        let t = TmuxSession("\(Self.binary) --lang nb")
        #expect(t.waitFor("Casefylker og kjeder"))
        t.keys("j", "j")
        t.resize(80, 24)
        #expect(t.waitFor("▸Kjeder  Utdrag"), "no narrow layout after resize:\n\(t.screen)")
        // A second resize signal may repaint once more: wait for the selection, not one capture.
        #expect(t.waitFor("▶"), "\(t.screen)")
        t.resize(40, 10)
        #expect(t.waitFor("for lite"), "\(t.screen)")
        t.resize(100, 30)
        #expect(t.waitFor("Casefylker og kjeder"))
        #expect(t.screen.contains("▶") && t.screen.contains("Kommune A"), "lost its place:\n\(t.screen)")
        t.keys("q")
        #expect(t.waitFor("__EXIT__=0"))
    }

    @Test func controlCEndsWith130AndRestoresTheTerminal() {
        let t = TmuxSession("\(Self.binary)")
        #expect(t.waitFor("Case counties and chains"))
        t.keys("C-c")
        #expect(t.waitFor("__EXIT__=130"), "\(t.screen)")
        #expect(t.waitFor("icanon"))
        #expect(!t.screen.contains("-icanon") && !t.screen.contains("-echo"), "terminal left raw:\n\(t.screen)")
    }

    @Test func sigtermAndSighupRestoreTheTerminal() {
        for (signal, status) in [("TERM", 143), ("HUP", 129)] {
            let t = TmuxSession("\(Self.binary)")
            #expect(t.waitFor("Case counties and chains"))
            Spawn.run("/usr/bin/pkill", ["-\(signal)", "-P", t.panePID, "case-explorer"], capture: false)
            #expect(t.waitFor("__EXIT__=\(status)"), "\(signal):\n\(t.screen)")
            #expect(t.waitFor("icanon"))
            #expect(
                !t.screen.contains("-icanon") && !t.screen.contains("-echo"),
                "terminal left raw after SIG\(signal):\n\(t.screen)")
        }
    }

    @Test func withoutATerminalItSaysSoAndExits() {
        let r = Spawn.run(Self.binary, [])
        #expect(r.status == 1)
    }

    @Test func honoursNoColorAndStillShowsTheSelection() {
        let t = TmuxSession("\(Self.binary) --lang en", environment: ["NO_COLOR": "1"])
        #expect(t.waitFor("Case counties and chains"))
        #expect(t.screen.contains("▶Statsforvalteren"))
        t.keys("q")
        #expect(t.waitFor("__EXIT__=0"))
    }
}

@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed (.ci/run installs it)"))
struct ReviewEndToEndTests {
    @Test func appliesCodesWithTheKeyboardQuitsReopensAndFindsThem() throws {
        let ws = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-review-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: ws) }
        let command = "\(ExplorerEndToEndTests.binary) review --lang nb --coder e2e --workspace \(ws) --county 1"
        do {
            let t = TmuxSession(command)
            #expect(t.waitFor("0/12 ferdig"), "\(t.screen)")
            t.keys("1")
            #expect(t.waitFor("Lagret som #1."), "\(t.screen)")
            t.keys("c")
            t.type("Søknad")
            t.keys("Enter")
            #expect(t.waitFor("Lagret som #2."), "\(t.screen)")
            t.keys("r")
            #expect(t.waitFor("1/12 ferdig"))
            t.keys("q")
            #expect(t.waitFor("__EXIT__=0"), "\(t.screen)")
        }
        let export = Spawn.run(
            ExplorerEndToEndTests.binary, ["coding", "export", "--json", "--coder", "e2e", "--workspace", ws])
        #expect(export.status == 0)
        #expect(export.output.contains("\"soknad-rapportering\""))
        #expect(export.output.contains("\"status\": \"reviewed\""))
        let t = TmuxSession(command)
        #expect(t.waitFor("1/12 ferdig"), "did not come back with the decisions:\n\(t.screen)")
        t.keys("p")
        #expect(t.waitFor("Status: GJENNOMGÅTT"))
        #expect(t.screen.contains("Søknad og rapportering"))
        t.keys("Q")
        #expect(t.waitFor("__EXIT__=0"))
    }

    @Test func aSecondReviewerOfTheSameCoderOpensReadOnly() {
        let ws = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-lock-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: ws) }
        let command = "\(ExplorerEndToEndTests.binary) review --lang nb --coder lock --workspace \(ws)"
        let first = TmuxSession(command)
        #expect(first.waitFor("0/62 ferdig"))
        let second = TmuxSession(command)
        #expect(second.waitFor("KUN LESING"), "\(second.screen)")
        second.keys("1")
        #expect(second.waitFor("Ingenting ble lagret"))
        first.keys("1")
        #expect(first.waitFor("Lagret som #1."))
    }
}

@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed (.ci/run installs it)"))
struct ResolveEndToEndTests {
    @Test func resolvesADisagreementWithTheKeyboardIntoTheConsensusJournal() throws {
        let ws = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-resolve-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: ws) }
        let bin = ExplorerEndToEndTests.binary
        for (coder, codes) in [("anna", "ordninger,ppt"), ("bo", "ordninger,statped")] {
            #expect(
                Spawn.run(
                    bin,
                    ["coding", "set", "--excerpt", "ex-5.3-02", "--codes", codes, "--coder", coder, "--workspace", ws]
                ).status == 0)
        }
        let t = TmuxSession("\(bin) resolve --coders anna,bo --coder carl --workspace \(ws) --lang nb")
        #expect(t.waitFor("0/1 løst"), "\(t.screen)")
        #expect(t.screen.contains("Bare A (anna)") && t.screen.contains("· Statped"))
        t.keys("b")
        #expect(t.waitFor("1/1 løst"), "\(t.screen)")
        t.keys("q")
        #expect(t.waitFor("__EXIT__=0"))
        let log = Spawn.run(bin, ["coding", "log", "--json", "--coder", "consensus", "--workspace", ws])
        #expect(log.output.contains("\"codes\":[\"ordninger\",\"statped\"]"))
        #expect(log.output.contains("\"resolution\":{\"by\":\"carl\",\"choice\":\"b\""))
        #expect(
            log.output.contains("{\"coder\":\"anna\",\"seq\":1,\"id\":\""), "the source names anna's decision by id")
        #expect(log.output.contains("\"codes\":[\"ordninger\",\"ppt\"]}"))
    }
}

@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed (.ci/run installs it)"))
struct DemoEndToEndTests {
    @Test func theBuiltInTourRunsToTheEndAtTheHighestSpeedWithItsCaptionsInOrder() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let t = TmuxSession(
            "\(ExplorerEndToEndTests.binary) demo --speed 1000 --lang nb --log \(log)", width: 80, height: 24,
            environment: ["NO_COLOR": "1"])
        #expect(t.waitFor("__EXIT__=0", seconds: 30), "\(t.screen)")
        #expect(!t.screen.contains("-icanon"))
        let shown = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        let script = Spawn.run(ExplorerEndToEndTests.binary, ["demo", "--print-script", "--lang", "nb"]).output
        let expected = script.split(separator: "\n").filter { !$0.hasPrefix("#") && $0.contains("|") }
            .map { $0.split(separator: "|", maxSplits: 2).last!.trimmingCharacters(in: .whitespaces) }
        #expect(expected.count > 10)
        #expect(shown == expected)
    }

    @Test func spaceArrowsAndQDriveTheTour() {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let t = TmuxSession(
            "\(ExplorerEndToEndTests.binary) demo --speed 0 --lang en --log \(log)", width: 80, height: 24)
        #expect(t.waitFor("1/"), "\(t.screen)")
        t.keys("Right")
        #expect(t.waitFor("2/"))
        t.keys("Right")
        #expect(t.waitFor("3/"))
        t.keys("Left")
        #expect(t.waitFor("2/"), "\(t.screen)")
        t.keys("q")
        #expect(t.waitFor("__EXIT__=0"))
    }
}

/// No terminal trick, signal or closed stream may crash the explorer or cost a decision.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed (.ci/run installs it)"))
struct RobustnessEndToEndTests {
    @Test func survivesAResizeStormIncludingTinySizes() {
        let t = TmuxSession("\(ExplorerEndToEndTests.binary) --lang nb")
        #expect(t.waitFor("Casefylker og kjeder"))
        t.keys("e")
        let sizes = [(10, 4), (200, 60), (80, 24), (1, 1), (60, 16), (133, 41), (12, 5), (100, 30)]
        // Hundreds of resizes as fast as tmux takes them, in one tmux call per batch.
        for batch in 0..<10 {
            var args: [String] = []
            for i in 0..<30 {
                let (w, h) = sizes[(batch * 30 + i) % sizes.count]
                if !args.isEmpty { args.append(";") }
                args += ["resize-window", "-x", String(w), "-y", String(h)]
            }
            _ = t.tmux(args)
        }
        t.resize(10, 4)
        #expect(t.waitFor("lite") || t.waitFor("for"), "\(t.screen)")
        t.resize(100, 30)
        #expect(t.waitFor("62 av 62 utdrag"), "lost its place after the storm:\n\(t.screen)")
        t.keys("Q")
        #expect(t.waitFor("__EXIT__=0"))
        #expect(!t.screen.contains("-icanon"))
    }

    @Test func aClosedOutputOrErrorStreamIsNotACrash() {
        let t = TmuxSession("\(ExplorerEndToEndTests.binary) >&-")
        #expect(t.waitFor("__EXIT__=1"), "\(t.screen)")
        #expect(!t.screen.contains("Fatal error") && !t.screen.contains("Backtrac"))
        let u = TmuxSession("\(ExplorerEndToEndTests.binary) --lang nb 2>&-")
        #expect(u.waitFor("Casefylker og kjeder"))
        u.keys("q")
        #expect(u.waitFor("__EXIT__=0"))
        let v = TmuxSession("\(ExplorerEndToEndTests.binary) validate >&-")
        #expect(v.waitFor("__EXIT__="), "\(v.screen)")
        #expect(!v.screen.contains("Fatal error"))
    }

    /// Decisions made in the review, then a signal: every decision the screen showed as saved
    /// is in the journal, and the terminal is restored.
    @Test func signalsDuringReviewKeepEverySavedDecisionAndRestoreTheTerminal() throws {
        for (signal, status) in [("TERM", 143), ("HUP", 129), ("INT", 130)] {
            let ws = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-sig-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: ws) }
            let t = TmuxSession("\(ExplorerEndToEndTests.binary) review --lang nb --coder sig --workspace \(ws)")
            #expect(t.waitFor("0/62 ferdig"))
            var lastSeen = 0
            for n in 1...12 {
                t.keys(n % 3 == 0 ? "r" : String(n % 9 + 1))
                if t.waitFor("Lagret som #\(n).", seconds: 5) { lastSeen = n }
            }
            t.keys("1", "2", "3")
            Spawn.run("/usr/bin/pkill", ["-\(signal)", "-P", t.panePID, "case-explorer"], capture: false)
            #expect(t.waitFor("__EXIT__=\(status)"), "SIG\(signal):\n\(t.screen)")
            #expect(t.waitFor("icanon"))
            #expect(
                !t.screen.contains("-icanon") && !t.screen.contains("-echo"), "terminal left raw after SIG\(signal)")
            let log = Spawn.run(
                ExplorerEndToEndTests.binary, ["coding", "log", "--json", "--coder", "sig", "--workspace", ws]
            ).output
            #expect(lastSeen == 12)
            for n in 1...lastSeen { #expect(log.contains("\"seq\":\(n),"), "SIG\(signal): saved #\(n) is missing") }
        }
    }
}
