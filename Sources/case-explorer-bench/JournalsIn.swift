import Foundation

/// The explorer on the corpus's workspace of three coders (about 80 000 events each): the time
/// from the start to the last update before the screen stays still, which is when every
/// coder's journal has been read (they are read after the dataset, in the background) —
/// without checkpoints (every journal replayed from its first line), with the checkpoints left
/// by an earlier run, and with an empty workspace (the dataset alone) for the difference.
/// Best of three each, by turns; with `before`, another build's explorer too.
func journalsInTable(sizes: [Int], work: URL, cli: String, before: String?) -> [String] {
    var out = [
        "The explorer on the workspace of three coders (the corpus's journals), best of three, ms: the "
            + "first screen, and the last update (every journal in).",
        "",
        "| excerpts | journal MB | build | empty workspace: all in | no checkpoints: first screen | "
            + "no checkpoints: journals in | checkpoints: first screen | checkpoints: journals in |",
        "|---:|---:|---|---:|---:|---:|---:|---:|"
    ]
    for n in sizes {
        let cases = work.appendingPathComponent("n\(n)/cases").path
        let workspace = work.appendingPathComponent("n\(n)/workspace")
        let empty = work.appendingPathComponent("n\(n)/empty-workspace")
        try? FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let cache = work.appendingPathComponent("cache-journals-in")
        let journalMB = folderSizeMB(workspace.appendingPathComponent("journals"))
        let builds = [("this", cli)] + (before.map { [("before", $0)] } ?? [])
        var runs: [String: [PseudoTerminalRun]] = [:]
        func run(_ path: String, _ ws: URL, checkpoints: Bool) -> PseudoTerminalRun? {
            var env = ["XDG_CACHE_HOME": cache.path, "TERM": "xterm-256color"]
            if !checkpoints { env["CASE_EXPLORER_NO_CHECKPOINT"] = "1" }
            let args = ["explore", "--cases", cases, "--workspace", ws.path, "--coder", "bench", "--lang", "en"]
            return PseudoTerminal.run(path, args, environment: env, marker: "quit", keys: [])
        }
        // One run first: the index built, and the checkpoints written, for the warm runs.
        _ = run(cli, workspace, checkpoints: true)
        for _ in 0..<3 {
            for (name, path) in builds {
                if let r = run(path, empty, checkpoints: true) { runs[name + "empty", default: []].append(r) }
                if let r = run(path, workspace, checkpoints: false) { runs[name + "cold", default: []].append(r) }
                if let r = run(path, workspace, checkpoints: true) { runs[name + "warm", default: []].append(r) }
            }
        }
        func ms(_ key: String, _ value: (PseudoTerminalRun) -> Double) -> String {
            (runs[key]?.map(value).min()).map { String(format: "%.0f", $0) } ?? "–"
        }
        for (name, _) in builds {
            out.append(
                "| \(n) | \(String(format: "%.1f", journalMB)) | \(name) | \(ms(name + "empty", \.allLoaded)) | "
                    + "\(ms(name + "cold", \.firstScreen)) | \(ms(name + "cold", \.allLoaded)) | "
                    + "\(ms(name + "warm", \.firstScreen)) | \(ms(name + "warm", \.allLoaded)) |")
        }
        try? FileManager.default.removeItem(at: cache)
    }
    return out
}
