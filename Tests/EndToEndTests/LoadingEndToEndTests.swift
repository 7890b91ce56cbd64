import Foundation
import Testing

/// The real binary in tmux on a generated study of 20 000 excerpts, its index warm: started with
/// the whole dataset built first (the threshold raised) and with the overview first and the
/// dataset built in the background (the threshold lowered), it shows the same first screen, and
/// keys typed at once — before the excerpts are in — lead to the same screens.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed (.ci/run installs it)"))
struct LoadingEndToEndTests {
    static let binary = ExplorerEndToEndTests.binary

    /// The pane once it has stopped changing (and no longer says it is loading).
    static func settled(_ t: TmuxSession, seconds: Double = 60) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = t.screen
        while Date() < deadline {
            usleep(300_000)
            let now = t.screen
            if now == last && !now.contains("Loading") { return now }
            last = now
        }
        return last
    }

    static func withoutStatusLine(_ screen: String) -> String {
        screen.split(separator: "\n", omittingEmptySubsequences: false).dropLast(2).joined(separator: "\n")
    }

    @Test func theOverviewFirstThenTheSameScreensForKeysTypedAhead() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-loading-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let generated = Spawn.run(
            Self.binary, ["generate", "--excerpts", "20000", "--coders", "0", "--seed", "3", "-o", root.path])
        try #require(generated.status == 0, "\(generated.output)")
        let cases = root.appendingPathComponent("cases").path
        let cache = root.appendingPathComponent("cache").path
        // Builds the index: both runs below start from it warm.
        let built = Spawn.run(Self.binary, ["list", "excerpts", "--cases", cases], capture: false)
        #expect(built.status == 0)
        let environment = ["XDG_CACHE_HOME": cache, "XDG_DATA_HOME": root.appendingPathComponent("data").path]
        var screens: [[String]] = []
        for threshold in ["1000000000", "1"] {
            let t = TmuxSession(
                "\(Self.binary) --cases \(cases) --lang en", width: 120, height: 40,
                environment: environment.merging(["CASE_EXPLORER_BACKGROUND_LOAD_FROM": threshold]) { $1 })
            #expect(t.waitFor("q quit", seconds: 60), "\(t.screen)")
            let first = t.screen
            if threshold == "1" {
                // The overview's first frame, drawn before the excerpts are in (a second or so here).
                #expect(first.contains("Loading the excerpts: 0 of 20,000"), "\(first)")
            }
            // Typed at once: a move on the first screen, then keys that need the excerpts.
            t.keys("j", "Enter", "j", "Enter")
            let reader = Self.settled(t)
            t.keys("Escape", "Escape", "e", "/")
            t.type("kommune")
            t.keys("Enter")
            let search = Self.settled(t)
            t.keys("q", "q", "q", "q")
            #expect(t.waitFor("__EXIT__=0", seconds: 20), "\(t.screen)")
            screens.append([Self.withoutStatusLine(first), reader, search])
        }
        #expect(screens[1][0] == screens[0][0], "the first screen:\n\(screens[1][0])\n---\n\(screens[0][0])")
        #expect(screens[1][1] == screens[0][1], "after j Enter j Enter:\n\(screens[1][1])\n---\n\(screens[0][1])")
        #expect(screens[1][2] == screens[0][2], "after a search:\n\(screens[1][2])\n---\n\(screens[0][2])")
        #expect(screens[0][1] != screens[0][0] && screens[0][2].contains("kommune"))
    }
}
