import CaseCore
@testable import ExplorerUI
import Foundation
import Testing

@Suite struct RecordingTests {
    func record(
        _ language: Language = .en, speed: Double = 1, colour: Bool = true, at time: TimeInterval = 1_700_000_000
    ) -> String {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rec-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        return TourRecording.record(
            Tour.builtIn(language), data: UIFixtures.data, language: language, width: 80, height: 24,
            speed: speed, colour: colour, scratch: scratch, timestamp: Date(timeIntervalSince1970: time))
    }

    func parse(_ cast: String) throws -> (header: [String: Any], events: [[Any]]) {
        let lines = cast.split(separator: "\n").map { Data($0.utf8) }
        let header = try #require(try JSONSerialization.jsonObject(with: lines[0]) as? [String: Any])
        let events = try lines.dropFirst().map { try #require(try JSONSerialization.jsonObject(with: $0) as? [Any]) }
        return (header, events)
    }

    @Test func aRecordingIsAsciicastVersion2WithOneEventPerStepAtTheTourTimes() throws {
        let tour = Tour.builtIn(.en)
        let (header, events) = try parse(record(speed: 2))
        #expect(header["version"] as? Int == 2)
        #expect(header["width"] as? Int == 80 && header["height"] as? Int == 24)
        #expect(header["timestamp"] as? Int == 1_700_000_000)
        #expect(events.count == tour.steps.count + 1, "one screen per step, and the restoring tail")
        var expected = 0.0
        for (i, event) in events.enumerated() {
            #expect(event.count == 3 && event[1] as? String == "o")
            let time = try #require(event[0] as? Double)
            #expect(abs(time - expected) < 0.001, "event \(i) at \(time), expected \(expected)")
            if i < tour.steps.count { expected += tour.steps[i].wait / 2 }
        }
        let last = try #require(events.last?[2] as? String)
        #expect(last.hasSuffix("\u{1B}[?25h"), "the cursor comes back at the end")
    }

    @Test func theSameTourGivesTheSameEventsApartFromTheHeadersTime() {
        let a = record(at: 1), b = record(at: 2)
        #expect(a != b)
        #expect(a.split(separator: "\n").dropFirst() == b.split(separator: "\n").dropFirst())
    }

    @Test func withoutColourTheRecordingUsesNoColourCodesAndKeepsMeaningInAttributes() throws {
        let (_, events) = try parse(record(colour: false))
        let text = events.compactMap { $0[2] as? String }.joined()
        #expect(!text.contains(";3"), "no foreground colour codes")
        #expect(text.contains("\u{1B}[0;7m") || text.contains(";7m"), "selection and status stay reverse")
        let (_, coloured) = try parse(record(colour: true))
        #expect(coloured.compactMap { $0[2] as? String }.joined().contains(";36m"))
    }

    @Test func onlyRowsThatChangedAreWrittenAgain() {
        var screen = AnsiScreen(colour: true)
        var buffer = CellBuffer(width: 10, height: 3)
        buffer.put("æøå", x: 0, y: 0)
        let first = screen.draw(buffer)
        #expect(first.contains("\u{1B}[2J") && first.contains("æøå"))
        #expect(screen.draw(buffer) == "", "nothing changed, nothing written")
        buffer.put("x", x: 4, y: 2, style: Style(.heading, bold: true))
        let third = screen.draw(buffer)
        #expect(third.hasPrefix("\u{1B}[3;1H") && !third.contains("\u{1B}[1;1H") && third.contains("\u{1B}[0;1;36mx"))
        let resized = screen.draw(CellBuffer(width: 12, height: 3))
        #expect(resized.contains("\u{1B}[2J"), "a new size is drawn whole")
    }

    @Test func aWideCharacterIsWrittenOnceNotWithItsContinuationCell() {
        var screen = AnsiScreen(colour: false)
        var buffer = CellBuffer(width: 6, height: 1)
        buffer.put("日本", x: 0, y: 0)
        let out = screen.draw(buffer)
        #expect(out.contains("日本  "), "two wide characters fill four cells, then two blanks")
    }
}
