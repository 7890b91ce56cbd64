import Foundation
import Testing

/// `workspace init` and `sync` through the real binary and real git: a bare remote and two
/// clones in a temporary folder, no network.
@Suite struct TeamCommandTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("team-cli-\(UUID().uuidString)")

    @discardableResult
    func git(_ arguments: [String], in dir: URL) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", dir.path] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CocoaError(.fileReadUnknown) }
        return String(decoding: data, as: UTF8.self)
    }

    func identify(_ dir: URL, _ name: String) throws {
        try git(["config", "user.name", name], in: dir)
        try git(["config", "user.email", "\(name)@example.org"], in: dir)
    }

    @Test func initSetsUpTheRepositoryOnceAndSyncSaysWhatCameInPerCoder() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let remote = folder.appendingPathComponent("remote.git"), a = folder.appendingPathComponent("a"),
            b = folder.appendingPathComponent("b")
        try FileManager.default.createDirectory(at: remote, withIntermediateDirectories: true)
        try git(["init", "-q", "--bare"], in: remote)
        try FileManager.default.createDirectory(at: a, withIntermediateDirectories: true)
        try git(["init", "-q"], in: a)
        try identify(a, "a")
        let first = try CLI.run(["workspace", "init", "--workspace", a.path, "--remote", remote.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(
            first.stdout.contains("wrote .gitattributes (journals merge by union)")
                && first.stdout.contains("added the remote origin"))
        #expect(
            try String(contentsOf: a.appendingPathComponent(".gitattributes"), encoding: .utf8).contains(
                "journals/*.jsonl merge=union"))
        let ignore = try String(contentsOf: a.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(ignore.contains("journals/.*") && ignore.contains("journals/*.damaged-*") && ignore.contains("pins/"))
        #expect(
            try String(contentsOf: a.appendingPathComponent("README.md"), encoding: .utf8).contains(
                "journals/<coder>.jsonl"))
        let again = try CLI.run(["workspace", "init", "--workspace", a.path, "--remote", remote.path])
        #expect(
            again.status == 0 && !again.stdout.contains("wrote") && !again.stdout.contains("committed"),
            "a second run changes nothing: \(again.stdout)")

        #expect(
            try CLI.run([
                "coding", "apply", "--workspace", a.path, "--coder", "anna", "--excerpt", "ex-5.3-02", "--code", "ppt"
            ]).status == 0)
        let out = try CLI.run(["sync", "--workspace", a.path])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout == "committed the journals of anna\nnothing new came in from origin\nsent to origin\n")

        try git(["clone", "-q", remote.path, b.path], in: folder)
        try identify(b, "b")
        #expect(try CLI.run(["workspace", "init", "--workspace", b.path]).status == 0)
        for (ws, coder, excerpt) in [(b, "anna", "ex-5.3-03"), (b, "bo", "ex-5.3-03"), (a, "bo", "ex-5.3-04")] {
            #expect(
                try CLI.run([
                    "coding", "apply", "--workspace", ws.path, "--coder", coder, "--excerpt", excerpt, "--code",
                    "statped"
                ]).status == 0)
        }
        #expect(
            try CLI.run([
                "coding", "memo", "--workspace", b.path, "--coder", "bo", "--excerpt", "ex-5.3-03", "--text",
                "Søknader – æøå"
            ]).status == 0)
        #expect(try CLI.run(["sync", "--workspace", a.path]).status == 0)
        let inB = try CLI.run(["sync", "--workspace", b.path])
        #expect(inB.status == 0, "\(inB.stderr)")
        #expect(inB.stdout.contains("came in from origin:\n  bo: 1 new decision\n"), "\(inB.stdout)")
        let inA = try CLI.run(["sync", "--workspace", a.path])
        #expect(inA.stdout.contains("  anna: 1 new decision\n  bo: 1 new decision, 1 memo\n"), "\(inA.stdout)")
        for coder in ["anna", "bo"] {
            let x = try CLI.run(["coding", "export", "--workspace", a.path, "--coder", coder, "--json"])
            let y = try CLI.run(["coding", "export", "--workspace", b.path, "--coder", coder, "--json"])
            #expect(x.status == 0 && x.stdout == y.stdout, "\(coder)'s coding is the same on both machines")
        }
    }

    @Test func eachSetupProblemIsOneSentenceWithItsOwnStatus() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let ws = folder.appendingPathComponent("ws")
        try FileManager.default.createDirectory(at: ws, withIntermediateDirectories: true)
        func expectOneSentence(_ r: CLI.Result, _ status: Int32, _ words: String) {
            #expect(r.status == status, "\(r.stderr)")
            #expect(r.stderr.hasPrefix("case-explorer: ") && r.stderr.contains(words), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1 && r.stdout.isEmpty)
        }
        expectOneSentence(
            try CLI.run(["sync", "--workspace", ws.path]), 78,
            "is not a git repository; run `case-explorer workspace init` first.")
        try git(["init", "-q"], in: ws)
        try identify(ws, "t")
        expectOneSentence(try CLI.run(["sync", "--workspace", ws.path]), 78, "has no remote to sync with")
        try git(["remote", "add", "origin", folder.appendingPathComponent("nowhere.git").path], in: ws)
        expectOneSentence(try CLI.run(["sync", "--workspace", ws.path]), 69, "cannot reach the remote origin")
        let bin = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        expectOneSentence(
            try CLI.run(["sync", "--workspace", ws.path], environment: ["PATH": bin.path]), 69, "git is not installed")
        expectOneSentence(
            try CLI.run(["workspace", "init", "--workspace", ws.path, "--remote", "/elsewhere.git"]), 78,
            "already has the remote origin")
        let help = try CLI.run(["sync", "--help"])
        #expect(help.stdout.contains("--no-rebase") && help.stdout.contains("union"))
    }
}
