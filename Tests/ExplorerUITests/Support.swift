import CaseCore
import ExplorerUI
import Foundation
import Testing

enum UIFixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let data: Dataset = {
        do { return try DataFolder.load(repository.appendingPathComponent("Cases")) } catch { fatalError("\(error)") }
    }()
    /// A runner over the bundled data that has been sent `keys`, writing to `workspace` or to a
    /// fresh one in the temporary folder (named after `folder`, so a failing test's files are found).
    static func runner(
        _ keys: String = "", width: Int = 100, height: Int = 30, coder: String = "anna", workspace: Workspace? = nil,
        folder: String = "ui"
    ) -> (Runner, Workspace) {
        let ws =
            workspace
            ?? Workspace(
                root: FileManager.default.temporaryDirectory.appendingPathComponent("\(folder)-\(UUID().uuidString)"))
        let r = Runner(
            state: AppState(data: data, language: .nb, width: width, height: height), workspace: ws, coder: coder)
        for key in try! KeyNotation.parse(keys) { r.press(key) }
        return (r, ws)
    }

    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Snapshots")

    /// anna and bo disagree on two excerpts: ppt/statped on ex-5.3-02, sf-rolle/soknad-rapportering
    /// on ex-5.3-04 (their journals written in the workspace).
    static func annaAndBoDisagree(in ws: Workspace) throws {
        let anna = CodingSession(journal: try Journal(workspace: ws, coder: "anna"), data: data)
        let bo = CodingSession(journal: try Journal(workspace: ws, coder: "bo"), data: data)
        try anna.record(CodingEvent(coder: "anna", excerpt: "ex-5.3-02", action: .set, codes: ["ordninger", "ppt"]))
        try bo.record(CodingEvent(coder: "bo", excerpt: "ex-5.3-02", action: .set, codes: ["ordninger", "statped"]))
        try anna.record(CodingEvent(coder: "anna", excerpt: "ex-5.3-04", action: .set, codes: ["sf-rolle"]))
        try bo.record(CodingEvent(coder: "bo", excerpt: "ex-5.3-04", action: .set, codes: ["soknad-rapportering"]))
    }

    static func state(_ keys: String = "", width: Int = 100, height: Int = 30, language: Language = .nb) -> AppState {
        var s = AppState(data: data, language: language, width: width, height: height)
        // Drawn after every key, as the terminal loop does (rendering keeps the scroll offsets).
        for key in try! KeyNotation.parse(keys) {
            s.handle(key)
            _ = Frame.draw(&s)
        }
        return s
    }
}

/// Compares a rendered screen with its golden text file. `UPDATE_SNAPSHOTS=1 swift test`
/// rewrites a file that differs or is missing and still fails that test (so an update is never
/// a pass); review the diff before committing. CI (CI=true) never rewrites.
func expectSnapshot(_ name: String, _ state: AppState, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let text = Frame.render(state).text + "\n"
    let url = UIFixtures.snapshots.appendingPathComponent(name + ".txt")
    if let problem = SnapshotFile.check(
        text, against: url, update: SnapshotFile.updating(ProcessInfo.processInfo.environment))
    {
        Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
    }
}

/// The style roles of a rendered screen, one letter a cell (see `CellBuffer.roles`), compared with
/// `<name>.roles.txt` beside the text snapshot: a colour or bold change is a reviewable diff.
func expectRoleSnapshot(_ name: String, _ state: AppState, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let url = UIFixtures.snapshots.appendingPathComponent(name + ".roles.txt")
    if let problem = SnapshotFile.check(
        Frame.render(state).roles + "\n", against: url,
        update: SnapshotFile.updating(ProcessInfo.processInfo.environment))
    {
        Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
    }
}

enum SnapshotFile {
    /// Whether snapshots are rewritten: asked for with UPDATE_SNAPSHOTS=1, and never on CI.
    static func updating(_ environment: [String: String]) -> Bool {
        environment["UPDATE_SNAPSHOTS"] == "1" && !["true", "1"].contains((environment["CI"] ?? "").lowercased())
    }

    /// nil when `text` is the golden file; otherwise what is wrong (after rewriting the file when updating).
    static func check(_ text: String, against url: URL, update: Bool) -> String? {
        let name = url.deletingPathExtension().lastPathComponent
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if expected == text { return nil }
        if update {
            do { try text.write(to: url, atomically: true, encoding: .utf8) } catch {
                return "snapshot \(name) could not be written: \(error)"
            }
            return "snapshot \(name) was rewritten (UPDATE_SNAPSHOTS=1); review the diff and run the tests again"
        }
        guard let expected else { return "no snapshot \(name).txt; run UPDATE_SNAPSHOTS=1 swift test and review it" }
        return difference(name, expected, text)
    }

    static func difference(_ name: String, _ expected: String, _ text: String) -> String {
        let e = expected.components(separatedBy: "\n"), a = text.components(separatedBy: "\n")
        let firstDiff = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
        return """
            snapshot \(name) differs at line \(firstDiff + 1):
            expected: \(firstDiff < e.count ? e[firstDiff] : "<end>")
            actual:   \(firstDiff < a.count ? a[firstDiff] : "<end>")
            """
    }
}
