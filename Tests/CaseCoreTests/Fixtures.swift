import Foundation
import Testing
@testable import CaseCore

/// Paths and helpers shared by the tests: the bundled data, the report's text (when the
/// machine has it), and scratch copies of the data to break on purpose.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let cases = repository.appendingPathComponent("Cases")

    /// The bundled `Cases/`, or `corpus` generated into `root` (its data folder).
    static func cases(bundled: Bool, orGenerate corpus: SyntheticCorpus, in root: URL) throws -> URL {
        if bundled { return cases }
        try corpus.write(to: root)
        return root.appendingPathComponent("cases")
    }
    /// The report as text sits beside the repository in this workplace (`../shared/source`);
    /// `CASE_EXPLORER_SOURCE` may name it elsewhere. The other sources are looked for beside it.
    static let source: URL? = {
        let candidates = [
            ProcessInfo.processInfo.environment["CASE_EXPLORER_SOURCE"],
            repository.deletingLastPathComponent().appendingPathComponent("shared/source/delrapport-2-2023.txt").path
        ].compactMap { $0 }
        return candidates.map(URL.init(fileURLWithPath:)).first { FileManager.default.fileExists(atPath: $0.path) }
    }()

    /// Every source text the bundled data quotes, by source id — nil unless all of them are here
    /// (a verbatim test on some sources only would pass while not checking the rest).
    static let sourceTexts: [String: SourceText]? = {
        guard let source else { return nil }
        let files = SourceFiles(for: dataset, given: [source.path])
        guard files.missing.isEmpty else { return nil }
        let (texts, unreadable) = files.read()
        return unreadable.isEmpty ? texts : nil
    }()

    /// Why the verbatim tests against the real sources did not run, said where `swift test` shows it.
    static let sourcesAbsent: Comment = {
        let why: Comment = """
            SKIPPED: the source texts (delrapport-2-2023.txt and delrapport-1-omtale.txt in ../shared/source, or \
            beside $CASE_EXPLORER_SOURCE) are not on this machine: the verbatim check against them did NOT run
            """
        if sourceTexts == nil { FileHandle.standardError.write(Data("warning: \(why)\n".utf8)) }
        return why
    }()

    static let dataset: Dataset = {
        do { return try DataFolder.load(cases) } catch { fatalError("the bundled data does not load: \(error)") }
    }()

    /// A fresh copy of the bundled data in a temporary folder.
    static func scratchCopy() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "case-explorer-test-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: cases, to: dir)
        return dir
    }

    /// Edits one data file of a scratch copy as parsed JSON.
    static func edit(_ folder: URL, _ file: String, _ change: (inout [String: Any]) throws -> Void) throws {
        let url = folder.appendingPathComponent(file)
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        try change(&object)
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted]).write(to: url)
    }

    static func remove(_ folder: URL) { try? FileManager.default.removeItem(at: folder) }
}

extension Array where Element == [String: Any] {
    func index(ofId id: String) -> Int { firstIndex { $0["id"] as? String == id }! }
}
