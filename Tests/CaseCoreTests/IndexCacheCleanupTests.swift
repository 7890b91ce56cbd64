import Foundation
import Testing
@testable import CaseCore

/// The cache keeps one index per data folder; an index whose folder is gone is removed when
/// the next index is written (the developer's cache held 389 indexes, 1.2 GB, of test and
/// generated folders long deleted).
@Suite struct IndexCacheCleanupTests {
    @Test func anIndexOfAFolderThatIsGoneIsRemovedWhenTheNextIsWritten() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cleanup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = root.appendingPathComponent("cache")
        var folders: [URL] = []
        for name in ["kept", "gone", "next"] {
            let folder = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Fixtures.cases, to: folder)
            folders.append(folder)
        }
        func open(_ folder: URL) throws -> URL {
            let opened = try IndexCache.open(dataFolder: folder, cache: cache, load: { try DataFolder.load(folder) })
            #expect(opened.index != nil)
            return IndexCache.file(for: DataFingerprint.of(folder: folder), in: cache)
        }
        let kept = try open(folders[0]), gone = try open(folders[1])
        #expect(IndexCache.dataFolder(ofIndexAt: gone.path) == folders[1].resolvingSymlinksInPath().path)
        // Files that are not our indexes are never touched: another program's file, a link.
        let foreign = cache.appendingPathComponent("notes.index")
        try Data("not an index".utf8).write(to: foreign)
        let link = cache.appendingPathComponent("link.index")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: gone)
        try FileManager.default.removeItem(at: folders[1])
        let next = try open(folders[2])
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: cache.path))
        #expect(
            left == [kept.lastPathComponent, next.lastPathComponent, "notes.index", "link.index"], "\(left)")
        // The kept folder's index is still used as it is, not rebuilt.
        var loaded = false
        let again = try IndexCache.open(
            dataFolder: folders[0], cache: cache,
            load: {
                loaded = true
                return try DataFolder.load(folders[0])
            })
        #expect(again.index != nil && again.dataset == nil && !loaded)
    }
}
