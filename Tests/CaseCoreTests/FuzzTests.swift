import Foundation
import Testing
@testable import CaseCore

/// Mutated inputs of every kind: the loader, the journal reader and the codebook importer must
/// never crash or hang, and must always answer with clear, located problems. The number of
/// cases is small in CI; FUZZ_ITERATIONS=5000 swift test --filter FuzzTests runs a longer round.
// A hang (a loop on damaged input) fails by the time limit, not by a timing assertion.
@Suite(.serialized, .timeLimit(.minutes(5))) struct FuzzTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["FUZZ_ITERATIONS"] ?? "") ?? 200

    /// `file: $json-path: message` — the shape of every problem.
    static func wellFormed(_ p: Problem) -> Bool {
        !p.file.isEmpty && p.path.hasPrefix("$") && !p.message.isEmpty && !p.message.contains("\n")
    }

    static func mutate(_ bytes: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        var b = bytes
        guard !b.isEmpty else { return [0x7B] }
        let at = Int(rng.next() % UInt64(b.count))
        switch rng.next() % 9 {
        case 0: b = Array(b.prefix(at)) // truncated
        case 1: b[at] = UInt8(truncatingIfNeeded: rng.next()) // a flipped byte
        case 2: b.insert(contentsOf: [0xFF, 0xC3, 0x28, 0xE2, 0x82], at: at) // invalid UTF-8
        case 3:
            b.insert(
                contentsOf: Array(String(repeating: "[", count: 5000).utf8)
                    + Array(String(repeating: "]", count: 5000).utf8), at: at) // deep nesting
        case 4: // a huge string
            b.insert(contentsOf: Array(("\"" + String(repeating: "æøå", count: 200_000) + "\",").utf8), at: at)
        case 5: // a wrong type: the next string value becomes a number
            if let q = b[at...].firstIndex(of: 0x3A), let open = b[q...].firstIndex(of: 0x22),
                let close = b[(open + 1)...].firstIndex(of: 0x22)
            {
                b.replaceSubrange(open...close, with: Array("12345".utf8))
            }
        case 6: b.removeSubrange(at..<min(b.count, at + Int(rng.next() % 200))) // a hole
        case 7: // a duplicated stretch (duplicate ids, duplicate members)
            let end = min(b.count, at + 1 + Int(rng.next() % 400))
            b.insert(contentsOf: b[at..<end], at: end)
        default: b.insert(contentsOf: Array("null,{}".utf8), at: at)
        }
        return b
    }

    @Test func theLoaderSurvivesMutatedDataFolders() throws {
        var rng = SeededGenerator(seed: 2026)
        let base = try Fixtures.scratchCopy()
        defer { Fixtures.remove(base) }
        let files = try FileManager.default.contentsOfDirectory(atPath: base.path).filter { $0.hasSuffix(".json") }
            .sorted()
        let originals = try files.map { Array(try Data(contentsOf: base.appendingPathComponent($0))) }
        var reported = 0
        for round in 0..<Self.iterations {
            let f = Int(rng.next() % UInt64(files.count))
            var bytes = originals[f]
            for _ in 0..<(1 + Int(rng.next() % 3)) { bytes = Self.mutate(bytes, &rng) }
            let url = base.appendingPathComponent(files[f])
            try Data(bytes).write(to: url)
            let (dataset, problems) = DataFolder.loadCollectingProblems(base)
            for p in problems { #expect(Self.wellFormed(p), "round \(round): \(p)") }
            if problems.isEmpty { #expect(dataset != nil) }
            reported += problems.isEmpty ? 0 : 1
            try Data(originals[f]).write(to: url)
        }
        #expect(reported > Self.iterations / 2, "most mutations should be caught")
    }

    @Test func structuralDamageIsReportedNotLoopedOn() throws {
        // Cycles in parent links, and a self-parent, in codes and actors.
        let folder = try Fixtures.scratchCopy()
        defer { Fixtures.remove(folder) }
        try Fixtures.edit(folder, "county-3.json") { o in
            var actors = o["actors"] as! [[String: Any]]
            actors[actors.index(ofId: "cf3-sf")]["parent"] = "cf3-fag"
            actors[actors.index(ofId: "cf3-pp1-ppt")]["parent"] = "cf3-pp1-ppt"
            o["actors"] = actors
        }
        try Fixtures.edit(folder, "codebook.json") { o in
            var codes = o["codes"] as! [[String: Any]]
            codes[0]["parent"] = codes[1]["id"]
            codes[1]["parent"] = codes[0]["id"]
            o["codes"] = codes
        }
        let problems = DataFolder.loadCollectingProblems(folder).1
        #expect(problems.filter { $0.message.contains("cycle") }.count >= 3)
        for p in problems { #expect(Self.wellFormed(p)) }
    }

    @Test func theJournalReaderSurvivesDamagedJournals() throws {
        var rng = SeededGenerator(seed: 7)
        let ws = Workspace(
            root: FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-journal-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: ws.root) }
        // Checkpoints of the mutated journals go to a folder of the test's own, not the user's cache
        // (and are used: a damaged journal must never be read through an old checkpoint).
        let checkpoints = JournalCheckpoints(folder: ws.root.appendingPathComponent("cache/journals"))
        func journal(_ mode: Journal.Mode = .write) throws -> Journal {
            try Journal(workspace: ws, coder: "fuzz", mode: mode, checkpoints: checkpoints)
        }
        do {
            let s = CodingSession(journal: try journal(), data: Fixtures.dataset)
            for (i, e) in Fixtures.dataset.excerpts.prefix(40).enumerated() {
                try s.record(
                    CodingEvent(coder: "fuzz", excerpt: e.id, action: .apply, code: Fixtures.dataset.codes[i % 20].id))
                if i % 5 == 0 {
                    try s.record(
                        CodingEvent(coder: "fuzz", excerpt: e.id, action: .memo, memo: "memo æøå \(i)\nlinje 2"))
                }
            }
        }
        let url = ws.journal(of: "fuzz")
        let original = Array(try Data(contentsOf: url))
        let complete = try journal(.readOnly).events.count
        for round in 0..<Self.iterations {
            var bytes = original
            for _ in 0..<(1 + Int(rng.next() % 3)) { bytes = Self.mutate(bytes, &rng) }
            try Data(bytes).write(to: url)
            let j = try journal(.readOnly)
            #expect(j.events.count <= complete + 40, "round \(round)")
            for d in j.damage { #expect(d.line >= 1 && !d.message.isEmpty) }
            // A writer on the damaged file keeps every complete event and can go on appending.
            if round % 20 == 0 {
                let w = try journal()
                _ = try w.append(CodingEvent(coder: "fuzz", excerpt: "ex-5.3-02", action: .apply, code: "ppt"))
                #expect(try journal(.readOnly).events.count >= j.events.count)
            }
        }
    }

    @Test func theCodebookImporterSurvivesMutatedAndHostileXML() {
        var rng = SeededGenerator(seed: 11)
        let original = Array(RefiExport(data: Fixtures.dataset, codings: []).codebook().utf8)
        for round in 0..<Self.iterations {
            var bytes = original
            for _ in 0..<(1 + Int(rng.next() % 3)) { bytes = Self.mutate(bytes, &rng) }
            do {
                let imported = try ImportedCodebook.parse(bytes, name: "fuzz.qdc")
                #expect(!imported.codes.isEmpty, "round \(round)")
            } catch {
                #expect(error.message.hasPrefix("fuzz.qdc: "), "round \(round): \(error.message)")
            }
        }
    }
}
