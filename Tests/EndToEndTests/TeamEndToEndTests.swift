import Foundation
import Testing

/// Two laptops syncing one workspace: the explorer open on one while the other's decisions
/// arrive through `case-explorer sync` and real git (a bare remote in a temporary folder).
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed (.ci/run installs it)"))
struct TeamEndToEndTests {
    func git(_ args: [String]) -> Int32 { Spawn.run("/usr/bin/env", ["git"] + args, capture: false).status }

    @Test func anOpenReviewReplaysWhatASyncBringsInAndSaysSo() throws {
        let bin = ExplorerEndToEndTests.binary
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-team-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let remote = folder + "/remote.git", a = folder + "/a", b = folder + "/b"
        #expect(git(["init", "-q", "--bare", remote]) == 0)
        #expect(git(["init", "-q", a]) == 0)
        for (dir, name) in [(a, "a")] {
            #expect(
                git(["-C", dir, "config", "user.name", name]) == 0
                    && git(["-C", dir, "config", "user.email", "\(name)@example.org"]) == 0)
        }
        #expect(Spawn.run(bin, ["workspace", "init", "--workspace", a, "--remote", remote]).status == 0)
        #expect(
            Spawn.run(
                bin, ["coding", "set", "--excerpt", "ex-5.3-02", "--codes", "ppt", "--coder", "bo", "--workspace", a]
            ).status == 0)
        #expect(Spawn.run(bin, ["sync", "--workspace", a]).status == 0)
        #expect(git(["clone", "-q", remote, b]) == 0)
        #expect(
            git(["-C", b, "config", "user.name", "b"]) == 0
                && git(["-C", b, "config", "user.email", "b@example.org"]) == 0)

        // anna reviews on laptop a, beside bo's coding.
        let t = TmuxSession("\(bin) review --lang en --coder anna --compare bo --workspace \(a) --county 1")
        #expect(t.waitFor("0/12 done"), "\(t.screen)")
        t.keys("1")
        #expect(t.waitFor("Saved as #1."), "\(t.screen)")
        // On laptop b: anna (her other machine) and bo code, and b syncs; then a syncs.
        for (coder, excerpt, code) in [
            ("anna", "ex-5.3-03", "statped"), ("bo", "ex-5.3-03", "ppt"), ("bo", "ex-5.3-04", "ppt")
        ] {
            #expect(
                Spawn.run(
                    bin, ["coding", "apply", "--excerpt", excerpt, "--code", code, "--coder", coder, "--workspace", b]
                ).status == 0)
        }
        #expect(Spawn.run(bin, ["sync", "--workspace", b]).status == 0)
        let sync = Spawn.run(bin, ["sync", "--workspace", a])
        #expect(sync.status == 0)
        #expect(sync.output.contains("  anna: 1 new decision\n  bo: 2 new decisions\n"), "\(sync.output)")
        // The open review noticed, replayed and said so, by itself.
        #expect(t.waitFor("Came in on disk and replayed: anna: 1 new decision; bo: 2 new decisions."), "\(t.screen)")
        // A decision after the merge goes to the merged journal; quit; both machines agree.
        // (Numbers go on from the highest either machine used: both used #1.)
        t.keys("r")
        #expect(t.waitFor("Saved as #2."), "\(t.screen)")
        t.keys("Q")
        #expect(t.waitFor("__EXIT__=0"), "\(t.screen)")
        #expect(Spawn.run(bin, ["sync", "--workspace", a]).status == 0)
        #expect(Spawn.run(bin, ["sync", "--workspace", b]).status == 0)
        for coder in ["anna", "bo"] {
            let x = Spawn.run(bin, ["coding", "export", "--json", "--coder", coder, "--workspace", a])
            let y = Spawn.run(bin, ["coding", "export", "--json", "--coder", coder, "--workspace", b])
            #expect(x.status == 0 && x.output == y.output, "\(coder): \(x.output) vs \(y.output)")
        }
        let annas = Spawn.run(bin, ["coding", "export", "--json", "--coder", "anna", "--workspace", b]).output
        #expect(
            annas.contains("ex-5.3-03") && annas.components(separatedBy: "\"excerpt\"").count - 1 == 2,
            "both machines' excerpts: \(annas)")
    }
}
