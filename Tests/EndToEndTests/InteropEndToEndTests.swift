import Foundation
import Testing

/// Codings from another program, in the real terminal: a QualCoder coder's journal settled
/// against a terminal coder's with `resolve`, and a QualCoder project opened in the explorer.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed (.ci/run installs it)"))
struct InteropEndToEndTests {
    static let qualcoder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Interop/qualcoder-4.0/ce_kari.qdpx").path

    @Test func aDisagreementWithAQualCoderCoderIsResolvedFromTheKeyboard() throws {
        let ws = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-interop-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: ws) }
        let bin = ExplorerEndToEndTests.binary
        #expect(
            Spawn.run(
                bin,
                [
                    "coding", "set", "--excerpt", "ex-5.3-02", "--codes", "samarbeidsforum,ppt", "--coder", "anna",
                    "--workspace", ws
                ]
            ).status == 0)
        #expect(Spawn.run(bin, ["import", "qdpx", Self.qualcoder, "--users", "kari", "--workspace", ws]).status == 0)
        let t = TmuxSession("\(bin) resolve --coders anna,kari --coder carl --workspace \(ws) --lang nb")
        #expect(t.waitFor("0/1 løst"), "\(t.screen)")
        t.keys("b")
        #expect(t.waitFor("1/1 løst"), "\(t.screen)")
        t.keys("q")
        #expect(t.waitFor("__EXIT__=0"))
        let log = Spawn.run(bin, ["coding", "log", "--json", "--coder", "consensus", "--workspace", ws])
        #expect(log.output.contains("\"codes\":[\"samarbeidsforum\"]"), "\(log.output)")
        #expect(log.output.contains("{\"coder\":\"kari\""))
    }

    @Test func aQualCoderProjectOpensInTheExplorer() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-new-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bin = ExplorerEndToEndTests.binary
        #expect(Spawn.run(bin, ["import", "qdpx", Self.qualcoder, "--new", dir]).status == 0)
        let t = TmuxSession("\(bin) --cases \(dir)/cases --lang nb")
        #expect(t.waitFor("ce_kari.qda"), "\(t.screen)")
        t.keys("e")
        #expect(t.waitFor("62 av 62 utdrag"), "the excerpts made of QualCoder's selections are listed:\n\(t.screen)")
        #expect(t.screen.contains("ex-4-01-1"))
        t.keys("Q")
        #expect(t.waitFor("__EXIT__=0"), "\(t.screen)")
    }
}
