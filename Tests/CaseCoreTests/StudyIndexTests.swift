import Foundation
import Testing
@testable import CaseCore

/// The index on disk: the same answers as the data in memory, rebuilt whenever the data changes,
/// never trusted when damaged, safe with two builders at once.
@Suite struct StudyIndexTests {
    /// A small generated study in a folder of its own, with a cache folder beside it.
    struct Scratch {
        let root: URL
        var data: URL { root.appendingPathComponent("cases") }
        var cache: URL { root.appendingPathComponent("cache") }
        init(excerpts: Int = 300) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("study-index-\(UUID().uuidString)")
            try SyntheticCorpus(excerpts: excerpts, coders: 1, seed: 3).write(to: root)
        }
        func open() throws -> IndexCache.Opened {
            try IndexCache.open(dataFolder: data, cache: cache, load: { try DataFolder.load(data) })
        }
        var indexFile: URL { IndexCache.file(for: DataFingerprint.of(folder: data), in: cache) }
        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    @Test func searchesWithAndWithoutTheIndexAgree() throws {
        let d = MatcherPropertyTests.study
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("property-\(UUID().uuidString).index")
        defer { try? FileManager.default.removeItem(at: file) }
        let fingerprint = DataFingerprint(folder: "/property", files: [])
        try IndexCache.write(d, fingerprint: fingerprint, to: file)
        let index = try StudyIndex.open(file, expecting: fingerprint)
        // Written section by section, the file is the same bytes as the index encoded whole.
        #expect(try Data(contentsOf: file) == Data(StudyIndex.encode(d, fingerprint: fingerprint)))
        #expect(index.vocabulary == d.vocabulary)
        let f = index.facets, g = d.facets
        #expect(f.ids == g.ids && f.county == g.county && f.chain == g.chain && f.actor == g.actor && f.kind == g.kind)
        #expect(f.confidence == g.confidence && f.role == g.role && f.referenceCodes == g.referenceCodes)
        #expect(f.codeIDs == g.codeIDs && f.codeQuestions == g.codeQuestions && f.codeParents == g.codeParents)
        #expect(
            d.excerpts.indices.allSatisfy {
                index.excerptID($0) == d.excerpts[$0].id
                    && index.withOriginal($0) { Array($0) } == Array(d.excerpts[$0].text.utf8)
            })
        var rng = SeededGenerator(seed: 23)
        var nonEmpty = 0
        for _ in 0..<MatcherPropertyTests.iterations {
            let q = MatcherPropertyTests.randomQuery(d, &rng)
            let filter = rng.next() % 3 == 0 ? ExcerptFilter() : MatcherPropertyTests.randomFilter(d, &rng)
            let memory = Matcher.rank(q, in: d.searchIndex, admit: filter.isEmpty ? nil : filter.admitter(d.facets))
            let disk = Matcher.rank(q, in: index, admit: filter.isEmpty ? nil : filter.admitter(index.facets))
            #expect(memory == disk, "query \(q.text) fold \(q.foldNordic), filter \(filter.summary)")
            #expect(filter.positions(in: d.facets) == filter.positions(in: index.facets))
            if !memory.isEmpty { nonEmpty += 1 }
        }
        // The random queries are drawn from the texts: most must find something, or this tested little.
        #expect(nonEmpty > MatcherPropertyTests.iterations / 3)
    }

    @Test func aChangedDataFileRebuildsTheIndex() throws {
        let s = try Scratch()
        defer { s.remove() }
        let first = try s.open()
        #expect(first.dataset != nil && first.index != nil)
        let second = try s.open()
        #expect(second.dataset == nil && second.index != nil, "a fresh index is read, the data is not")
        // Touched: same bytes, newer time.
        let file = s.data.appendingPathComponent("study.json")
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: file.path)
        let touched = try s.open()
        #expect(touched.dataset != nil && touched.rebuiltBecause != nil)
        #expect(try s.open().dataset == nil)
        // Changed: a text edited in place, same size, time set back to what it was.
        let excerpts = try FileManager.default.contentsOfDirectory(atPath: s.data.path).filter {
            $0.hasPrefix("excerpts")
        }.sorted()[0]
        let url = s.data.appendingPathComponent(excerpts)
        let before = try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as! Date
        var text = try String(contentsOf: url, encoding: .utf8)
        let old = try #require(text.range(of: "\"text\": \"") ?? text.range(of: "\"text\":\""))
        let at = text.index(old.upperBound, offsetBy: 0)
        text.replaceSubrange(at..<text.index(at, offsetBy: 5), with: "QQQQQ")
        try text.write(to: url, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: before], ofItemAtPath: url.path)
        let changed = try s.open()
        #expect(changed.dataset != nil, "an edit with its time set back is still seen (change time)")
        let found = Matcher.rank(SearchQuery("qqqqq"), in: try #require(changed.index))
        #expect(found.count == 1)
        // A new data file, and a removed one.
        try Data("{\"format\": \"case-explorer-data/1\"}".utf8).write(to: s.data.appendingPathComponent("extra.json"))
        #expect(try s.open().dataset != nil)
        try FileManager.default.removeItem(at: s.data.appendingPathComponent("extra.json"))
        #expect(try s.open().dataset != nil)
        #expect(try s.open().dataset == nil)
    }

    /// A stale index is removed before the data is read (its pages are then free for the new
    /// one); a symbolic link in its place is not followed, and a file renamed into place since
    /// it was found stale is a different file.
    @Test func aStaleIndexIsRemovedBeforeTheDataIsRead() throws {
        let s = try Scratch()
        defer { s.remove() }
        _ = try s.open()
        let index = s.indexFile
        #expect(FileManager.default.fileExists(atPath: index.path))
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: 60)],
            ofItemAtPath: s.data.appendingPathComponent("study.json").path)
        let stale = s.indexFile
        #expect(FileManager.default.fileExists(atPath: stale.path))
        var presentDuringLoad: Bool?
        let rebuilt = try IndexCache.open(
            dataFolder: s.data, cache: s.cache,
            load: {
                presentDuringLoad = FileManager.default.fileExists(atPath: stale.path)
                return try DataFolder.load(s.data)
            })
        #expect(presentDuringLoad == false)
        #expect(rebuilt.index != nil && rebuilt.rebuiltBecause != nil)
        #expect(try s.open().dataset == nil, "the new index is in place and fresh")

        // A symbolic link where the index goes is replaced by the rename, its target kept.
        let target = s.root.appendingPathComponent("elsewhere.index")
        try Data("not an index".utf8).write(to: target)
        try FileManager.default.removeItem(at: stale)
        try FileManager.default.createSymbolicLink(at: stale, withDestinationURL: target)
        var linkDuringLoad: Bool?
        _ = try IndexCache.open(
            dataFolder: s.data, cache: s.cache,
            load: {
                linkDuringLoad = (try? FileManager.default.destinationOfSymbolicLink(atPath: stale.path)) != nil
                return try DataFolder.load(s.data)
            })
        #expect(linkDuringLoad == true)
        #expect(try Data(contentsOf: target) == Data("not an index".utf8))
        #expect(try s.open().dataset == nil)

        // Another file renamed into the same place is not the file found.
        let found = try #require(FileIdentity(stale))
        let other = s.cache.appendingPathComponent("other.index")
        try Data(contentsOf: stale).write(to: other)
        #expect(rename(other.path, stale.path) == 0)
        #expect(FileIdentity(stale) != found)
    }

    @Test func aDamagedOrForeignIndexIsRebuiltNeverTrusted() throws {
        let s = try Scratch()
        defer { s.remove() }
        let built = try s.open()
        let expected = Matcher.rank(SearchQuery("skole"), in: try #require(built.index))
        #expect(!expected.isEmpty)
        let good = try Data(contentsOf: s.indexFile)
        let damages: [(String, Data)] = [
            ("empty", Data()),
            ("truncated in the header", good.prefix(20)),
            ("truncated", good.prefix(good.count - 100)),
            ("a JSON file", Data("{\"format\": \"case-explorer-data/1\"}".utf8)),
            ("random bytes", Data((0..<good.count).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) })),
            (
                "another version",
                {
                    var d = good; d[8] = 99; return d
                }()
            ),
            (
                "a flipped byte in the tables",
                {
                    var d = good; d[d.count - 9] ^= 0x55; return d
                }()
            ),
            (
                "a wrong file size",
                {
                    var d = good; d[16] ^= 1; return d
                }()
            ),
            (
                "a flipped byte in the metadata",
                {
                    var d = good; d[60] ^= 0x20; return d
                }()
            )
        ]
        for (what, bytes) in damages {
            try bytes.write(to: s.indexFile)
            let opened = try s.open()
            #expect(opened.dataset != nil, "\(what): rebuilt")
            let hits = Matcher.rank(SearchQuery("skole"), in: try #require(opened.index))
            #expect(hits == expected, "\(what): the rebuilt index answers as before")
            #expect(try Data(contentsOf: s.indexFile) == good, "\(what): the file is whole again")
        }
        // The index of other data under this name (a copy, a stale folder) is not this data's.
        let other = try Scratch(excerpts: 50)
        defer { other.remove() }
        _ = try other.open()
        try FileManager.default.removeItem(at: s.indexFile)
        try FileManager.default.copyItem(at: other.indexFile.resolvingSymlinksInPath(), to: s.indexFile)
        #expect(try s.open().dataset != nil)
        // A symlink in its place is replaced, not followed.
        let target = s.root.appendingPathComponent("elsewhere")
        try Data("keep".utf8).write(to: target)
        try FileManager.default.removeItem(at: s.indexFile)
        try FileManager.default.createSymbolicLink(at: s.indexFile, withDestinationURL: target)
        #expect(try s.open().dataset != nil)
        #expect(try String(contentsOf: target, encoding: .utf8) == "keep")
    }

    @Test func concurrentBuildersAllGetAWholeIndex() throws {
        let s = try Scratch()
        defer { s.remove() }
        let d = try DataFolder.load(s.data)
        let fingerprint = DataFingerprint.of(folder: s.data)
        let url = s.indexFile
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: 6) { k in
            do {
                if k % 2 == 0 { try IndexCache.write(d, fingerprint: fingerprint, to: url) }
                // Readers during the writes: no index yet, or a whole one.
                if let index = try? StudyIndex.open(url, expecting: fingerprint), index.excerptCount != d.excerpts.count
                {
                    failures.add()
                }
            } catch {
                failures.add()
            }
        }
        #expect(failures.value == 0)
        #expect(try StudyIndex.open(url, expecting: fingerprint).excerptCount == d.excerpts.count)
        let left = try FileManager.default.contentsOfDirectory(atPath: s.cache.path)
        #expect(left == [url.lastPathComponent], "no temporary file is left: \(left)")
    }

    @Test func aBuildKilledMidwayLeavesNothingBehindForLong() throws {
        let s = try Scratch(excerpts: 50)
        defer { s.remove() }
        try FileManager.default.createDirectory(at: s.cache, withIntermediateDirectories: true)
        // A temporary file of a builder that no longer runs (a finished child's pid).
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let abandoned = s.cache.appendingPathComponent(
            ".\(s.indexFile.lastPathComponent).\(child.processIdentifier).x1y2.tmp")
        try Data(repeating: 7, count: 1000).write(to: abandoned)
        _ = try s.open()
        #expect(!FileManager.default.fileExists(atPath: abandoned.path))
        #expect(try s.open().dataset == nil)
    }

    @Test func noCacheFolderMeansTheDataItself() throws {
        let s = try Scratch(excerpts: 50)
        defer { s.remove() }
        let opened = try IndexCache.open(dataFolder: s.data, cache: nil, load: { try DataFolder.load(s.data) })
        #expect(opened.index == nil && opened.dataset != nil)
        #expect(IndexCache.folder(environment: ["HOME": "/h", "CASE_EXPLORER_NO_INDEX": "1"]) == nil)
        #expect(IndexCache.folder(environment: ["HOME": "/h"])?.path == "/h/.cache/case-explorer")
        #expect(IndexCache.folder(environment: ["HOME": "/h", "XDG_CACHE_HOME": "/x"])?.path == "/x/case-explorer")
        #expect(
            IndexCache.folder(environment: ["HOME": "/h", "XDG_CACHE_HOME": "relative"])?.path
                == "/h/.cache/case-explorer")
    }

    /// Invalid data is never indexed: the load's problems come through.
    @Test func invalidDataIsNotIndexed() throws {
        let s = try Scratch(excerpts: 50)
        defer { s.remove() }
        try Data("{ not json".utf8).write(to: s.data.appendingPathComponent("broken.json"))
        #expect(throws: DataFolderError.self) { try s.open() }
        #expect(!FileManager.default.fileExists(atPath: s.indexFile.path))
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.lock(); n += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}

/// A hostile index whose checksum is right but whose tables lie is refused, not read past its end.
@Suite struct HostileIndexTests {
    @Test func tablesThatPointOutsideTheirTextsAreRefused() throws {
        let s = try StudyIndexTests.Scratch(excerpts: 40)
        defer { s.remove() }
        let d = try DataFolder.load(s.data)
        let fingerprint = DataFingerprint.of(folder: s.data)
        var bytes = StudyIndex.encode(d, fingerprint: fingerprint)
        // The original texts' offset table is the second section; its first entry after 0 is
        // set past the end of the texts, then the checksum is made right again.
        let header = StudyIndex.headerSize
        let metaLength = Int(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 32, as: UInt64.self) })
        let table = header + metaLength - 16 * StudyIndex.Section.allCases.count
        let startsOffset = Int(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: table + 16, as: UInt64.self) })
        bytes.withUnsafeMutableBytes {
            $0.storeBytes(of: UInt32(0x7FFF_FFF0), toByteOffset: startsOffset + 4, as: UInt32.self)
        }
        let sum = bytes.withUnsafeBytes { b -> UInt64 in
            var sum = indexChecksum(UnsafeRawBufferPointer(rebasing: b[header..<(header + metaLength)]))
            for section in StudyIndex.Section.allCases where section.checked {
                let o = Int(b.loadUnaligned(fromByteOffset: table + 16 * section.rawValue, as: UInt64.self))
                let l = Int(b.loadUnaligned(fromByteOffset: table + 16 * section.rawValue + 8, as: UInt64.self))
                sum = indexChecksum(UnsafeRawBufferPointer(rebasing: b[o..<(o + l)]), seed: sum)
            }
            return sum
        }
        bytes.withUnsafeMutableBytes { $0.storeBytes(of: sum, toByteOffset: 24, as: UInt64.self) }
        let url = s.root.appendingPathComponent("hostile.index")
        try Data(bytes).write(to: url)
        #expect(throws: IndexDamage.self) { try StudyIndex.open(url, expecting: fingerprint) }
    }
}
