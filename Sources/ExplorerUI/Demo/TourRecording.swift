import CaseCore
import Foundation

/// A tour as an asciicast v2 recording (the format asciinema plays and embeds in web pages):
/// a header line, then one `[seconds, "o", text]` event per step with the screen as ANSI text.
/// The times come from the tour's waits, never from a clock, so the same tour at the same size
/// gives the same events; only the header's `timestamp` says when it was made.
public enum TourRecording {
    public static func record(
        _ tour: Tour, data: Dataset, language: Language, width: Int, height: Int,
        speed: Double, colour: Bool, scratch: URL, timestamp: Date
    ) -> String {
        let player = TourPlayer(
            tour: tour, data: data, language: language, width: width, height: height, scratch: scratch)
        var screen = AnsiScreen(colour: colour)
        let header: [(key: String, value: JSONValue)] = [
            ("version", .number(2)), ("width", .number(Double(width))), ("height", .number(Double(height))),
            ("timestamp", .number(timestamp.timeIntervalSince1970.rounded(.down))),
            ("title", .string(language == .nb ? "case-explorer: omvisning" : "case-explorer: tour")),
            ("env", .object([("TERM", .string("xterm-256color"))]))
        ]
        var lines = [JSONWriter.write(.object(header), pretty: false)]
        var time = 0.0
        func event(_ text: String) {
            lines.append(
                JSONWriter.write(
                    .array([.number((time * 1000).rounded() / 1000), .string("o"), .string(text)]), pretty: false))
        }
        event(screen.draw(player.frame()))
        while true {
            time += tour.steps[player.index].wait / speed
            guard player.next() else { break }
            event(screen.draw(player.frame()))
        }
        event(screen.finish())
        return lines.joined(separator: "\n") + "\n"
    }
}
