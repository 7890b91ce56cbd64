import Foundation
import Testing
@testable import CaseCore

/// The index written aside while the data is checked on the other core: renamed into place only
/// when the checks found nothing, removed otherwise; the problems are the same as without it.
@Suite struct IndexBuildTests {
    typealias Scratch = StudyIndexTests.Scratch

    final class Builds: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [IndexBuild] = []
        func add(_ b: IndexBuild?) { if let b { lock.withLock { list.append(b) } } }
        var all: [IndexBuild] { lock.withLock { list } }
    }

    /// Opens the study as the commands do: the loader is handed the build and writes it aside.
    static func open(_ s: Scratch, _ builds: Builds) throws -> IndexCache.Opened {
        try IndexCache.open(
            dataFolder: s.data, cache: s.cache,
            building: { build in
                builds.add(build)
                let (d, problems) = DataFolder.loadCollectingProblems(s.data, preparingSearch: true, building: build)
                guard let d, problems.isEmpty else { throw DataFolderError(problems: problems) }
                return d
            })
    }

    static func cacheFiles(_ s: Scratch) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: s.cache.path)) ?? []
    }

    @Test func theIndexWrittenAsideIsTheOneRenamedIntoPlace() throws {
        let s = try Scratch(excerpts: 200)
        defer { s.remove() }
        let builds = Builds()
        let opened = try Self.open(s, builds)
        #expect(builds.all.count == 1 && builds.all[0].wroteAside)
        #expect(opened.dataset != nil && opened.index != nil)
        #expect(Self.cacheFiles(s) == [s.indexFile.lastPathComponent], "no temporary file is left")
        // Byte for byte the index written from the loaded dataset in one go.
        let d = try DataFolder.load(s.data)
        let fingerprint = DataFingerprint.of(folder: s.data)
        #expect(try Data(contentsOf: s.indexFile) == Data(StudyIndex.encode(d, fingerprint: fingerprint)))
        // And it is used from then on.
        let again = try Self.open(s, builds)
        #expect(again.dataset == nil && again.index?.excerptCount == 200)
    }

    /// A problem only the checks find (a coding of an excerpt that does not exist) comes after
    /// the index was written aside: the file is removed, nothing is put in place, and the
    /// problems are the same as those of a load that writes no index.
    @Test func aCheckFailingWhileTheIndexIsWrittenLeavesNone() throws {
        let s = try Scratch(excerpts: 200)
        defer { s.remove() }
        let code = try DataFolder.load(s.data).codes[0].id
        try Data(#"{"codings": [{"coder": "rapport", "excerpt": "no-such-excerpt", "codes": ["\#(code)"]}]}"#.utf8)
            .write(to: s.data.appendingPathComponent("zz-extra.json"))
        let (_, expected) = DataFolder.loadCollectingProblems(s.data)
        #expect(expected.count == 1 && "\(expected[0])".contains("unknown excerpt \"no-such-excerpt\""))
        let builds = Builds()
        do {
            _ = try Self.open(s, builds)
            Issue.record("invalid data was opened")
        } catch let error as DataFolderError {
            #expect(error.problems.map(\.description) == expected.map(\.description))
        }
        #expect(builds.all.count == 1 && builds.all[0].wroteAside, "the index was written before the checks ended")
        #expect(Self.cacheFiles(s).isEmpty, "nothing is left in the cache: \(Self.cacheFiles(s))")
        // Once the data is mended, the index is built and used.
        try FileManager.default.removeItem(at: s.data.appendingPathComponent("zz-extra.json"))
        #expect(try Self.open(s, builds).index != nil)
        #expect(try Self.open(s, builds).dataset == nil)
    }

    /// A decoding problem is known before the write would start: nothing is written at all.
    @Test func aFileThatIsNoJSONWritesNoIndex() throws {
        let s = try Scratch(excerpts: 50)
        defer { s.remove() }
        try Data("{ not json".utf8).write(to: s.data.appendingPathComponent("broken.json"))
        let builds = Builds()
        #expect(throws: DataFolderError.self) { try Self.open(s, builds) }
        #expect(builds.all.count == 1 && !builds.all[0].wroteAside)
        #expect(Self.cacheFiles(s).isEmpty)
    }

    /// A build discarded (the data had a problem) before its write ends never puts anything in
    /// place, whatever the order.
    @Test func aDiscardedBuildLeavesNothingWhateverTheOrder() throws {
        let s = try Scratch(excerpts: 50)
        defer { s.remove() }
        let d = try DataFolder.load(s.data)
        let fingerprint = DataFingerprint.of(folder: s.data)
        let late = IndexBuild(s.indexFile, fingerprint: fingerprint)
        late.discard()
        late.writeAside(d)
        #expect(late.commit(d) == false)
        let early = IndexBuild(s.indexFile, fingerprint: fingerprint)
        early.writeAside(d)
        #expect(early.wroteAside && Self.cacheFiles(s).count == 1)
        early.discard()
        #expect(early.commit(d) == false)
        #expect(Self.cacheFiles(s).isEmpty, "\(Self.cacheFiles(s))")
        // A build never written aside writes the index when it is committed.
        let plain = IndexBuild(s.indexFile, fingerprint: fingerprint)
        #expect(plain.commit(d))
        #expect(Self.cacheFiles(s) == [s.indexFile.lastPathComponent])
    }

    /// An excerpt whose id an actor took first is reported once, and still exists for the
    /// codings that name it (the checks no longer read the dataset's excerpt lookup).
    @Test func anExcerptIdTakenByAnActorStillExistsForItsCodings() throws {
        let s = try Scratch(excerpts: 50)
        defer { s.remove() }
        let id = try DataFolder.load(s.data).excerpts[0].id
        try Data(
            #"{"actors": [{"id": "\#(id)", "kind": "statsforvalter", "name": "Samme id", "county": 1}]}"#.utf8
        ).write(to: s.data.appendingPathComponent("zz-actor.json"))
        let (_, problems) = DataFolder.loadCollectingProblems(s.data)
        let lines = problems.map(\.description)
        #expect(lines.contains { $0.contains("the excerpt id \"\(id)\" is already used by a actor") }, "\(lines)")
        #expect(!lines.contains { $0.contains("unknown excerpt") }, "\(lines)")
    }
}
