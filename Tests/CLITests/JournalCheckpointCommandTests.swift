import CaseCore
import Foundation
import Testing

/// Checkpoints from the user's side: the real binary, a journal long enough to get one (over
/// 1 MiB), the cache folder of `XDG_CACHE_HOME`.
@Suite struct JournalCheckpointCommandTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cli-checkpoint-\(UUID().uuidString)")
    var ws: URL { root.appendingPathComponent("workspace") }
    var cache: URL { root.appendingPathComponent("cache") }
    var journal: URL { ws.appendingPathComponent("journals/anna.jsonl") }

    func history(_ count: Int, code: (Int) -> String) -> Data {
        var text = ""
        let excerpts = ["ex-5.3-02", "ex-5.3-03", "ex-5.3-04"]
        for n in 1...count {
            // One millisecond apart, in order, as one machine writes them.
            let time = String(format: "2026-01-01T10:%02d:%02d.%03dZ", n / 60000, n / 1000 % 60, n % 1000)
            var e = CodingEvent(
                sequence: n, time: time, coder: "anna", excerpt: excerpts[n % 3],
                action: n % 2 == 0 ? .apply : .remove, code: code(n))
            e.id = "hist0001-\(n)"
            text += e.jsonLine + "\n"
        }
        return Data(text.utf8)
    }

    func run(_ args: [String], checkpoints: Bool = true) throws -> CLI.Result {
        var env = ["XDG_CACHE_HOME": cache.path]
        if !checkpoints { env["CASE_EXPLORER_NO_CHECKPOINT"] = "1" }
        return try CLI.run(args + ["--workspace", ws.path, "--coder", "anna"], environment: env)
    }

    func checkpoints() -> [String] {
        let folder = cache.appendingPathComponent("case-explorer/journals")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).map {
            folder.appendingPathComponent($0).path
        }
    }

    @Test func aLongJournalGetsACheckpointInTheCacheAndEveryAnswerIsTheFullReplays() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(
            at: journal.deletingLastPathComponent(), withIntermediateDirectories: true)
        try history(9000) { ["ppt", "statped", "ordninger"][$0 % 3] }.write(to: journal)
        let first = try run(["coding", "apply", "--excerpt", "ex-5.3-02", "--code", "statped"])
        #expect(first.stdout == "saved 9001\n" && first.status == 0, "\(first.stderr)")
        #expect(checkpoints().count == 1, "one checkpoint, in the cache folder")
        let inWorkspace = try FileManager.default.subpathsOfDirectory(atPath: ws.path)
        #expect(!inWorkspace.contains { $0.contains("checkpoint") }, "\(inWorkspace)")
        #expect(try run(["coding", "apply", "--excerpt", "ex-5.3-03", "--code", "ppt"]).stdout == "saved 9002\n")
        let export = ["coding", "export", "--json"]
        #expect(try run(export).stdout == (try run(export, checkpoints: false)).stdout)

        // A sync replaces the journal with another history of the same length: replayed in full.
        let other = ws.appendingPathComponent("journals/.incoming")
        var replaced = try Data(contentsOf: journal)
        // (the last decision, so it shows in the coding)
        let at = try #require(replaced.range(of: Data("\"code\":\"ppt\"".utf8), options: .backwards))
        replaced.replaceSubrange(at, with: Data("\"code\":\"tpp\"".utf8))
        try replaced.write(to: other)
        #expect(rename(other.path, journal.path) == 0)
        let afterSync = try run(export)
        #expect(afterSync.stdout == (try run(export, checkpoints: false)).stdout)
        #expect(afterSync.stdout.contains("tpp"))

        // A damaged checkpoint is ignored without a word, and the decision saved as always.
        for file in checkpoints() { try Data("garbage".utf8).write(to: URL(fileURLWithPath: file)) }
        let damaged = try run(["coding", "apply", "--excerpt", "ex-5.3-04", "--code", "ppt"])
        #expect(damaged.status == 0 && damaged.stdout == "saved 9003\n" && damaged.stderr.isEmpty, "\(damaged.stderr)")
        #expect(try run(export).stdout == (try run(export, checkpoints: false)).stdout)
        // Deleting the cache loses nothing.
        try FileManager.default.removeItem(at: cache)
        #expect(try run(["coding", "apply", "--excerpt", "ex-5.3-04", "--code", "statped"]).stdout == "saved 9004\n")
        #expect(try run(export).stdout == (try run(export, checkpoints: false)).stdout)
    }
}
