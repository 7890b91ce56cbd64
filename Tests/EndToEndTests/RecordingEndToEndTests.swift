import CaseCore
import ExplorerUI
import Foundation
import Testing

/// `demo --record` against the real player: asciinema replays the recording in a real terminal,
/// and what the terminal then shows is the tour's last screen, cell for cell.
enum Asciinema {
    static let path = ["/usr/bin/asciinema", "/usr/local/bin/asciinema"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
}

@Suite(
    .serialized,
    .enabled(
        if: TmuxSession.available && Asciinema.path != nil,
        "tmux or asciinema is not installed (.ci/run installs both)"))
struct RecordingEndToEndTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func lastScreen(_ language: Language, width: Int, height: Int) throws -> [String] {
        let data = try DataFolder.load(Self.repository.appendingPathComponent("Cases"))
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rec-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let player = TourPlayer(
            tour: Tour.builtIn(language), data: data, language: language, width: width, height: height, scratch: scratch
        )
        while player.next() {}
        return Frame.render(player.state).lines.map {
            $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }

    @Test(arguments: [(Language.en, 80, 24), (Language.nb, 100, 30)])
    func asciinemaReplaysTheRecordingToTheToursLastScreen(_ language: Language, _ width: Int, _ height: Int) throws {
        let cast = FileManager.default.temporaryDirectory.appendingPathComponent("tour-\(UUID().uuidString).cast").path
        defer { try? FileManager.default.removeItem(atPath: cast) }
        let made = Spawn.run(
            ExplorerEndToEndTests.binary,
            ["demo", "--record", cast, "--speed", "1000", "--lang", language.rawValue, "--size", "\(width)x\(height)"])
        #expect(made.status == 0)
        #expect(made.output.hasPrefix("wrote \(cast)"))
        // A few rows more than recorded: the shell's own lines go below the replayed screen.
        let t = TmuxSession("\(Asciinema.path!) cat \(cast)", width: width, height: height + 4)
        #expect(t.waitFor("__EXIT__=0"), "\(t.screen)")
        let shown = t.screen.components(separatedBy: "\n").prefix(height).map {
            $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        let expected = try lastScreen(language, width: width, height: height)
        #expect(
            Array(shown) == expected,
            "replayed:\n\(shown.joined(separator: "\n"))\nexpected:\n\(expected.joined(separator: "\n"))")
        #expect(t.screen.contains("__EXIT__=0"))
    }

    @Test func aRecordingNeverReplacesAFileUnasked() throws {
        let cast = FileManager.default.temporaryDirectory.appendingPathComponent("tour-\(UUID().uuidString).cast").path
        defer { try? FileManager.default.removeItem(atPath: cast) }
        try "keep".write(toFile: cast, atomically: true, encoding: .utf8)
        let refused = Spawn.run(ExplorerEndToEndTests.binary, ["demo", "--record", cast, "--speed", "1000"])
        #expect(refused.status == 73)
        #expect(try String(contentsOfFile: cast, encoding: .utf8) == "keep")
        #expect(Spawn.run(ExplorerEndToEndTests.binary, ["demo", "--record", cast, "--speed", "0"]).status == 64)
        #expect(Spawn.run(ExplorerEndToEndTests.binary, ["demo", "--record", cast, "--size", "10x2"]).status == 64)
        #expect(
            Spawn.run(ExplorerEndToEndTests.binary, ["demo", "--record", cast, "--speed", "1000", "--force"]).status
                == 0)
        #expect(try String(contentsOfFile: cast, encoding: .utf8).hasPrefix("{\"version\":2,"))
    }
}
