import CaseCore
import ExplorerUI
import Foundation
import Testing

/// The screens captured in Docs/USER-GUIDE.md are the program's own: each block after a
/// `<!-- screen: KEYS @ WxH -->` line is what the explorer draws after those keys (in bokmål,
/// review decisions as coder "snapshot" in a new workspace). KEYS starting with
/// `(resolve anna,bo)` are pressed in `case-explorer resolve --coders anna,bo --coder carl` over a
/// workspace where anna and bo disagree on two excerpts (bo noting why). A test fails when one is stale;
/// `UPDATE_SNAPSHOTS=1 swift test` rewrites them (and still fails, so the diff is reviewed).
@Suite struct UserGuideScreensTests {
    static let guide = UIFixtures.repository.appendingPathComponent("Docs/USER-GUIDE.md")

    struct Capture { let keys: String; let width: Int; let height: Int; let lines: Range<Int> }

    /// The marked blocks: the marker's keys and size, and the lines between the fences.
    static func captures(_ lines: [String]) -> [Capture] {
        var found: [Capture] = []
        for (i, line) in lines.enumerated() where line.hasPrefix("<!-- screen:") && line.hasSuffix("-->") {
            let spec = line.dropFirst("<!-- screen:".count).dropLast("-->".count).trimmingCharacters(in: .whitespaces)
            let parts = spec.components(separatedBy: "@")
            let size = parts.last!.trimmingCharacters(in: .whitespaces).split(separator: "x").compactMap { Int($0) }
            guard parts.count == 2, size.count == 2, lines[i + 1].hasPrefix("```"),
                let end = lines[(i + 2)...].firstIndex(where: { $0.hasPrefix("```") })
            else { continue }
            found.append(
                Capture(
                    keys: parts[0].trimmingCharacters(in: .whitespaces), width: size[0], height: size[1],
                    lines: (i + 2)..<end))
        }
        return found
    }

    static let resolving = "(resolve anna,bo)"

    static func render(_ c: Capture) throws -> [String] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("guide-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let resolve = c.keys.hasPrefix(resolving)
        if resolve {
            try UIFixtures.annaAndBoDisagree(in: Workspace(root: root))
            let bo = CodingSession(
                journal: try Journal(workspace: Workspace(root: root), coder: "bo"), data: UIFixtures.data)
            try bo.record(CodingEvent(coder: "bo", excerpt: "ex-5.3-02", action: .memo, memo: "Statped nevnes"))
        }
        let r = Runner(
            state: AppState(data: UIFixtures.data, language: .nb, width: c.width, height: c.height),
            workspace: Workspace(root: root), coder: resolve ? "carl" : "snapshot")
        if resolve {
            r.send(.startResolve(a: "anna", b: "bo", into: Runner.consensusCoder))
            _ = r.frame()
        }
        for key in try KeyNotation.parse(resolve ? String(c.keys.dropFirst(resolving.count)) : c.keys) {
            r.press(key)
            _ = r.frame()
        }
        return r.frame().lines
    }

    @Test func theGuidesScreensAreWhatTheProgramDraws() throws {
        var lines = try String(contentsOf: Self.guide, encoding: .utf8).components(separatedBy: "\n")
        let captures = Self.captures(lines)
        #expect(captures.count >= 12, "the guide's captured screens are marked")
        var stale: [String] = []
        // From the end, so rewriting one block leaves the line numbers of the others.
        for c in captures.reversed() {
            let drawn = try Self.render(c)
            if Array(lines[c.lines]) != drawn {
                stale.append("\(c.keys.isEmpty ? "(no keys)" : c.keys) @ \(c.width)x\(c.height)")
                lines.replaceSubrange(c.lines, with: drawn)
            }
        }
        guard !stale.isEmpty else { return }
        if SnapshotFile.updating(ProcessInfo.processInfo.environment) {
            try lines.joined(separator: "\n").write(to: Self.guide, atomically: true, encoding: .utf8)
            Issue.record(
                "Docs/USER-GUIDE.md rewritten (UPDATE_SNAPSHOTS=1): \(stale.joined(separator: "; ")); review the diff")
        } else {
            let why =
                "Docs/USER-GUIDE.md has stale screens: \(stale.joined(separator: "; ")); run UPDATE_SNAPSHOTS=1 swift "
                + "test and review the diff"
            Issue.record(Comment(rawValue: why))
        }
    }
}
