import Foundation
import Testing

/// Another program (a cache cleaner, `truncate`) cuts the study index short while the real
/// explorer has it mapped, in tmux: the next key that reads an excerpt's text touches a page past
/// the file's new end (SIGBUS). The program ends with one sentence and status 75, no crash
/// report, the terminal restored; the next run rebuilds the index. A SIGBUS another program
/// sends is no truncated file: it still ends as a crash, with the runtime's report.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed (.ci/run installs it)"))
struct TruncatedIndexEndToEndTests {
    let binary = ExplorerEndToEndTests.binary

    /// The explorer on the bundled study, its texts read from the index (loaded in the background
    /// from a warm index), in a cache folder of the test's own.
    func explorer(_ cache: URL, then after: String = "") -> TmuxSession {
        let session = TmuxSession(
            "\(binary) list excerpts > /dev/null; \(binary) --lang en; s=$?; \(after) (exit $s)",
            environment: ["XDG_CACHE_HOME": cache.path, "CASE_EXPLORER_BACKGROUND_LOAD_FROM": "1"])
        return session
    }

    func indexFile(_ cache: URL) -> URL? {
        let folder = cache.appendingPathComponent("case-explorer")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.first { $0.hasSuffix(".index") }.map { folder.appendingPathComponent($0) }
    }

    @Test func truncatedWhileTheExplorerRunsEndsWithTheSentence() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-truncated-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let t = explorer(cache, then: "\(binary) list excerpts > /dev/null && echo AGAIN=$?;")
        #expect(t.waitFor("q quit", seconds: 60), "\(t.screen)")
        let first = LoadingEndToEndTests.settled(t)
        #expect(!first.contains("Loading"), "\(first)")
        let index = try #require(indexFile(cache))
        let handle = try FileHandle(forWritingTo: index)
        try handle.truncate(atOffset: 0)
        try handle.close()
        // The excerpt list draws the texts: every page of the mapping is past the end now.
        t.keys("e")
        #expect(t.waitFor("__EXIT__=75", seconds: 20), "\(t.screen)")
        let screen = t.screen
        let joined = screen.replacingOccurrences(of: "\n", with: "")
        #expect(
            joined.contains(
                "case-explorer: another program truncated the study index \(index.path) while it was in use;"),
            "\(screen)")
        #expect(joined.contains("run the command again to rebuild it."), "\(screen)")
        for crash in ["crashed", "Backtrac", "Thread 0", "Bus error", "Segmentation"] {
            #expect(!screen.contains(crash), "a crash report:\n\(screen)")
        }
        #expect(!t.alternateScreen, "the full screen was left on")
        #expect(t.waitFor("ixon"), "\(t.screen)")
        #expect(
            !t.screen.contains("-icanon") && !t.screen.contains("-echo") && !t.screen.contains("-ixon"),
            "the terminal's modes were not restored:\n\(t.screen)")
        #expect(t.screen.contains("AGAIN=0"), "the next run did not rebuild the index:\n\(t.screen)")
    }

    /// Not a truncated file (the signal comes from kill, no fault address): still a crash with
    /// the runtime's report, after the terminal is restored.
    @Test func aBusErrorSentByAnotherProgramIsStillACrash() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-sigbus-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let t = explorer(cache)
        #expect(t.waitFor("q quit", seconds: 60), "\(t.screen)")
        _ = LoadingEndToEndTests.settled(t)
        let children = Spawn.run("/usr/bin/pgrep", ["-P", t.panePID]).output
        let pid = try #require(children.split(separator: "\n").compactMap { Int32($0) }.first, "\(children)")
        kill(pid, SIGBUS)
        #expect(t.waitFor("__EXIT__=1", seconds: 30), "\(t.screen)")
        // The runtime reports the crash and ends by the signal (its report's own end is a SEGV
        // on this platform, as it was before the guard: 139); the whole report, scrolled past.
        let screen = t.tmux(["capture-pane", "-p", "-S", "-300"])
        #expect(screen.contains("__EXIT__=135") || screen.contains("__EXIT__=139"), "\(screen)")
        #expect(screen.contains("Program crashed: Bus error"), "the runtime's report is gone:\n\(screen)")
        #expect(!screen.contains("another program truncated"), "\(screen)")
        #expect(!t.alternateScreen)
    }
}
