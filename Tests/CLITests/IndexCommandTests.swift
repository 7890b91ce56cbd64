import Foundation
import Testing
import CaseCore

/// `search` and `list excerpts` print the same with the index as without it, build it once,
/// and two of them started at once both answer.
@Suite struct IndexCommandTests {
    static func scratch() throws -> (data: URL, cache: URL) {
        let data = try CLI.scratchCopy()
        let cache = data.appendingPathExtension("cache")
        return (data, cache)
    }

    @Test func theIndexChangesNothingThatIsPrinted() throws {
        let (data, cache) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: data); try? FileManager.default.removeItem(at: cache) }
        let env = ["XDG_CACHE_HOME": cache.path, "COLUMNS": "140"]
        let commands: [[String]] = [
            ["search", "inkludering"], ["search", "kompetanse", "kind:ppt"],
            ["search", "for", "--fold", "--limit", "3"],
            ["search", "\"laget rundt\""], ["search", "samarbeid", "--county", "2", "--level", "4"],
            ["search", "ppt", "code:samarbeid"],
            ["search", "xyzzy-nothing"], ["search", "kompetanse", "county:9"], ["list", "excerpts"],
            ["list", "excerpts", "--county", "1", "--kind", "ppt"],
            ["list", "excerpts", "--chain", "no-such-chain"],
            // From the index's whole dataset: every kind of entity, printed in full.
            ["list", "excerpts", "--json"], ["search", "inkludering", "--json"], ["list", "chains", "--json"],
            ["list", "tables", "--json"], ["list", "reports", "--json"], ["list", "questions", "--json"],
            ["list", "attention", "--json"], ["show", "ex-5.3-02"], ["show", "ex-5.3-02", "--json"],
            ["show", "1"], ["show", "delrapport-1", "--json"], ["show", "4.5"], ["matrix", "cooccurrence", "--csv"],
            ["matrix", "cases", "--by", "chain", "--json"], ["show", "no-such-id"],
            ["agreement", "--coders", "rapport,nobody"]
        ]
        for (k, c) in commands.enumerated() {
            let args = c + ["--cases", data.path]
            let plain = try CLI.run(args + ["--no-index"], environment: env)
            let indexed = try CLI.run(args, environment: env)
            let again = try CLI.run(args, environment: env)
            #expect(
                indexed.stdout == plain.stdout && indexed.stderr == plain.stderr && indexed.status == plain.status,
                "\(c)")
            #expect(again.stdout == plain.stdout && again.status == plain.status, "\(c)")
            if k == 0 { #expect(plain.status == 0 && plain.stdout.contains("excerpts found")) }
        }
        let files = try FileManager.default.contentsOfDirectory(
            atPath: cache.appendingPathComponent("case-explorer").path)
        #expect(files.count == 1 && files[0].hasSuffix(".index"), "\(files)")
        // The environment variable works as the option does: nothing more is written.
        try FileManager.default.removeItem(at: cache)
        let off = try CLI.run(
            ["search", "inkludering", "--cases", data.path],
            environment: env.merging(["CASE_EXPLORER_NO_INDEX": "1"]) { $1 })
        #expect(off.status == 0)
        #expect(!FileManager.default.fileExists(atPath: cache.path))
    }

    @Test func twoProcessesBuildingAtOnceBothAnswer() throws {
        let (data, cache) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: data); try? FileManager.default.removeItem(at: cache) }
        let env = ["XDG_CACHE_HOME": cache.path]
        let expected = try CLI.run(["search", "skole", "--cases", data.path, "--no-index"], environment: env)
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 3) { _ in
            results.add(try? CLI.run(["search", "skole", "--cases", data.path], environment: env))
        }
        #expect(results.all.count == 3)
        for r in results.all { #expect(r?.status == 0 && r?.stdout == expected.stdout) }
        let files = try FileManager.default.contentsOfDirectory(
            atPath: cache.appendingPathComponent("case-explorer").path)
        #expect(files.count == 1 && files[0].hasSuffix(".index"), "no temporary file is left: \(files)")
    }

    @Test func invalidDataGivesItsSentenceWithTheIndexToo() throws {
        let (data, cache) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: data); try? FileManager.default.removeItem(at: cache) }
        let env = ["XDG_CACHE_HOME": cache.path]
        #expect(try CLI.run(["search", "skole", "--cases", data.path], environment: env).status == 0)
        try Data("{ broken".utf8).write(to: data.appendingPathComponent("broken.json"))
        let r = try CLI.run(["search", "skole", "--cases", data.path], environment: env)
        #expect(r.status != 0 && r.stderr.contains("broken.json") && r.stdout.isEmpty, "\(r.stderr)")
    }

    /// A problem only the integrity checks find comes while the index is being written on the
    /// way: the same sentence and status as without the index, and nothing left in the cache.
    @Test func aCheckFailingWhileTheIndexIsWrittenGivesTheSameSentenceAndNoIndex() throws {
        let (data, cache) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: data); try? FileManager.default.removeItem(at: cache) }
        let env = ["XDG_CACHE_HOME": cache.path]
        try Data(#"{"codings": [{"coder": "rapport", "excerpt": "ex-no-such", "codes": []}]}"#.utf8)
            .write(to: data.appendingPathComponent("zz-extra.json"))
        let plain = try CLI.run(["search", "skole", "--cases", data.path, "--no-index"], environment: env)
        #expect(plain.status != 0 && plain.stderr.contains("unknown excerpt \"ex-no-such\""), "\(plain.stderr)")
        for _ in 0..<2 {
            let indexed = try CLI.run(["search", "skole", "--cases", data.path], environment: env)
            #expect(indexed.status == plain.status && indexed.stderr == plain.stderr && indexed.stdout.isEmpty)
            let left =
                (try? FileManager.default.contentsOfDirectory(
                    atPath: cache.appendingPathComponent("case-explorer").path)) ?? []
            #expect(left.isEmpty, "nothing is left in the cache: \(left)")
        }
    }

    /// The first run killed at any moment of its build: an index in place is always whole (and
    /// answers as the data does); the next run removes what the killed one left aside.
    @Test func aBuildKilledAtAnyMomentLeavesNoIndexThatIsTrustedWrongly() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("cases"), cache = root.appendingPathComponent("cache")
        let made = try CLI.run(["generate", "--excerpts", "4000", "--coders", "0", "--seed", "5", "-o", data.path])
        #expect(made.status == 0, "\(made.stderr)")
        let env = ["XDG_CACHE_HOME": cache.path]
        let expected = try CLI.run(["search", "skole", "--cases", data.path, "--no-index"], environment: env)
        #expect(expected.status == 0)
        let folder = cache.appendingPathComponent("case-explorer")
        for delay in [0.0, 0.02, 0.05, 0.08, 0.12, 0.18, 0.25, 0.35, 0.5] {
            try? FileManager.default.removeItem(at: cache)
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["search", "skole", "--cases", data.path]
            process.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let left = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            let fingerprint = DataFingerprint.of(folder: data)
            for name in left where name.hasSuffix(".index") {
                // In place means whole: renamed only after it was written and the data checked.
                let url = folder.appendingPathComponent(name)
                #expect(url == IndexCache.file(for: fingerprint, in: folder))
                #expect(throws: Never.self) { _ = try StudyIndex.open(url, expecting: fingerprint) }
            }
            let next = try CLI.run(["search", "skole", "--cases", data.path], environment: env)
            #expect(next.status == 0 && next.stdout == expected.stdout, "killed after \(delay) s")
            let after = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(after.count == 1 && after[0].hasSuffix(".index"), "left after \(delay) s: \(after)")
        }
    }
}

final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var all: [CLI.Result?] = []
    func add(_ r: CLI.Result?) { lock.lock(); all.append(r); lock.unlock() }
}
