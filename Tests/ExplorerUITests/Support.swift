import CaseCore
import ExplorerUI
import Foundation
import Testing

enum UIFixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let data: Dataset = {
        do { return try DataFolder.load(repository.appendingPathComponent("Cases")) } catch { fatalError("\(error)") }
    }()
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func state(_ keys: String = "", width: Int = 100, height: Int = 30, language: Language = .nb) -> AppState {
        var s = AppState(data: data, language: language, width: width, height: height)
        for key in try! KeyNotation.parse(keys) { s.handle(key) }
        return s
    }
}

/// Compares a rendered screen with its golden text file. `UPDATE_SNAPSHOTS=1 swift test`
/// rewrites the files; review the diff before committing.
func expectSnapshot(_ name: String, _ state: AppState, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let text = Frame.render(state).text + "\n"
    let url = UIFixtures.snapshots.appendingPathComponent(name + ".txt")
    if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
        try? text.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("no snapshot \(name).txt; run UPDATE_SNAPSHOTS=1 swift test and review it", sourceLocation: sourceLocation)
        return
    }
    if expected != text {
        let e = expected.components(separatedBy: "\n"), a = text.components(separatedBy: "\n")
        let firstDiff = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
        Issue.record("""
        snapshot \(name) differs at line \(firstDiff + 1):
        expected: \(firstDiff < e.count ? e[firstDiff] : "<end>")
        actual:   \(firstDiff < a.count ? a[firstDiff] : "<end>")
        """, sourceLocation: sourceLocation)
    }
}
