import Foundation

/// Finds the text file of every source a dataset quotes, from the files and folders a user gives
/// (`validate --source`): a file named as a source's file is that source; the first other file
/// is the report (whatever its name, as before there were other sources); a folder, and the
/// folder of each given file, is searched for the sources still missing by their file names.
public struct SourceFiles: Sendable {
    /// The file of each source found, by source id (the study's id for the report).
    public var found: [String: URL] = [:]
    /// Sources whose file was not found: (id, file name).
    public var missing: [(id: String, file: String)] = []
    /// Given files that are none of the sources.
    public var unmatched: [String] = []

    public init(for d: Dataset, given paths: [String]) {
        var folders: [URL] = []
        let byFile = Dictionary(
            d.sourceIDs.compactMap { id in d.sourceFile(id).map { ($0.file, id) } }, uniquingKeysWith: { a, _ in a })
        for path in paths {
            let url = URL(fileURLWithPath: path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                folders.append(url)
                continue
            }
            folders.append(url.deletingLastPathComponent())
            if let id = byFile[url.lastPathComponent], found[id] == nil {
                found[id] = url
            } else if found[d.study.id] == nil && byFile[url.lastPathComponent] == nil {
                found[d.study.id] = url
            } else {
                unmatched.append(path)
            }
        }
        for id in d.sourceIDs where found[id] == nil {
            guard let file = d.sourceFile(id)?.file else { continue }
            if let url = folders.map({ $0.appendingPathComponent(file) }).first(where: {
                FileManager.default.fileExists(atPath: $0.path)
            }) {
                found[id] = url
            } else {
                missing.append((id, file))
            }
        }
    }

    /// Reads every found file; a file that cannot be read is reported by path.
    public func read() -> (texts: [String: SourceText], unreadable: [String]) {
        var texts: [String: SourceText] = [:], unreadable: [String] = []
        for (id, url) in found.sorted(by: { $0.key < $1.key }) {
            if let text = try? SourceText(contentsOf: url) { texts[id] = text } else { unreadable.append(url.path) }
        }
        return (texts, unreadable)
    }
}
