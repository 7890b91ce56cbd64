import Foundation
import Testing
@testable import CaseCore

/// The data files are decoded on both cores at once; what the load gives must not depend on
/// that: the same dataset, and every problem with its file and JSON path in the same order as
/// when the files are decoded one after another.
@Suite struct ParallelLoadTests {
    /// The files decoded one by one, in order, as the loader did before it used both cores.
    static func loadOneByOne(_ folder: URL) -> (Dataset?, [Problem]) {
        var parts = Parts()
        var problems: [Problem] = []
        for file in DataFolder.jsonFiles(in: folder) {
            problems += DataFolder.decodeFile(
                at: file, name: DataFolder.relativePath(of: file, in: folder), into: &parts)
        }
        guard let study = parts.study.first else { return (nil, problems) }
        for extra in parts.study.dropFirst() {
            problems.append(Problem(file: extra.file, path: "$.study", .secondStudy(firstIn: study.file)))
        }
        let d = Dataset(
            study: study.value, counties: parts.counties.map(\.value), chains: parts.chains.map(\.value),
            actors: parts.actors.map(\.value), informants: parts.informants.map(\.value), excerpts: parts.excerpts,
            codes: parts.codes.map(\.value), codings: parts.codings,
            researchQuestions: parts.researchQuestions.map(\.value),
            attentionPoints: parts.attentionPoints.map(\.value), surveyTables: parts.surveyTables.map(\.value),
            sources: parts.sources.map(\.value), relatedReports: parts.relatedReports.map(\.value))
        return (d, problems + Validator(parts: parts, dataset: d).problems())
    }

    /// Many files with problems of every reach: inside one file (a missing field, an unknown
    /// member, a file that is not JSON), across files (an id claimed twice, a reference to an
    /// excerpt of another file, a second study), in the large collections' places.
    @Test func problemsComeInTheOrderOfTheFilesWhateverTheThreads() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("parallel-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try SyntheticCorpus(excerpts: 6_000, coders: 0, seed: 5).write(to: root)
        let cases = root.appendingPathComponent("cases")
        let files = DataFolder.jsonFiles(in: cases)
        #expect(files.count >= 5)
        for (k, file) in files.enumerated() where k % 2 == 1 {
            // Excerpts, codes, chains… without their ids in every other file.
            let text = try String(contentsOf: file, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "\"id\":\"", with: "\"idd\":\"").utf8).write(to: file)
        }
        // Small files between the others: ids claimed twice, unknown members, broken JSON.
        for k in 0..<24 {
            let name = "\(["codebook", "county-0001", "excerpts-0001", "study"][k % 4])-\(k).json"
            let body =
                k % 3 == 0
                ? "{\"excerpts\": ["
                : "{\"excerpts\": [{\"id\": \"sx-\(k)\", \"colour\": \(k)}], \"codings\": "
                    + "[{\"coder\": \"rapport\", \"excerpt\": \"nowhere-\(k)\", \"codes\": [\"c-\(k)\"]}]}"
            try Data(body.utf8).write(to: cases.appendingPathComponent(name))
        }
        try Data("{\"study\": {\"id\": \"second\"}}".utf8).write(to: cases.appendingPathComponent("zz-second.json"))
        let (_, expected) = Self.loadOneByOne(cases)
        #expect(expected.count > 100)
        for _ in 0..<5 {
            let (_, problems) = DataFolder.loadCollectingProblems(cases)
            #expect(problems.map(\.description) == expected.map(\.description))
            let (_, preparing) = DataFolder.loadCollectingProblems(cases, preparingSearch: true, preparingIndex: true)
            #expect(preparing.map(\.description) == expected.map(\.description))
        }
    }

    @Test(arguments: [false, true])
    func theDatasetIsTheOneReadFileByFile(bundled: Bool) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("parallel-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let cases = try Fixtures.cases(
            bundled: bundled, orGenerate: SyntheticCorpus(excerpts: 3_000, coders: 0, seed: 11), in: root)
        let (one, oneProblems) = Self.loadOneByOne(cases)
        let (both, bothProblems) = DataFolder.loadCollectingProblems(cases, preparingSearch: true)
        #expect(oneProblems.isEmpty && bothProblems.isEmpty)
        DatasetSnapshotTests.expectSame(try #require(both), try #require(one), bundled ? "Cases/" : "generated")
    }
}
