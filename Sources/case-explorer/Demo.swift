import ArgumentParser
import CaseCore
import ExplorerUI
import Foundation
import NcursesTerminal

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play a narrated tour of the three case counties through the real explorer.",
        discussion: """
            Space pauses and resumes, → and ← step, q ends. A caption says what is on screen and why \
            it matters. The tour is a plain-text script (Docs/USER-GUIDE.md shows how to write one; \
            `--print-script` prints the built-in one to start from). The coding decision in the tour \
            goes to a throw-away coder that is deleted at the end. `--record FILE.cast` plays the tour \
            without a terminal and writes it as an asciicast v2 recording (`asciinema play FILE.cast`, \
            or embed it in a web page with asciinema's player).
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var language: LanguageOption
    @Option(help: "Divide every wait by this (2 twice as fast, 50 fifty times; 0 steps only on → ). At most 1000.")
    var speed: Double = 1
    @Option(help: ArgumentHelp("A tour script instead of the built-in tour.", valueName: "FILE")) var script: String?
    @Option(
        help: ArgumentHelp(
            "Append each caption, as it is shown, to this file (speaker notes, checks).", valueName: "FILE")) var log:
        String?
    @Flag(help: "Print the built-in tour script and exit.") var printScript = false
    @Option(
        help: ArgumentHelp(
            "Write the tour as an asciicast v2 recording to this file instead of playing it.", valueName: "FILE.cast"))
    var record: String?
    @Option(help: ArgumentHelp("The recording's size in columns and rows.", valueName: "COLSxROWS")) var size: String =
        "100x30"
    @Flag(help: "With --record: replace the file if it exists.") var force = false

    func validate() throws {
        guard speed >= 0, speed <= 1000, speed.isFinite else {
            throw ValidationError("--speed must be from 0 to 1000.")
        }
        if let record {
            guard !record.isEmpty else { throw ValidationError("--record needs a file name.") }
            guard speed > 0 else {
                throw ValidationError("--record needs a --speed above 0 (a recording plays by itself).")
            }
            guard recordingSize != nil else {
                throw ValidationError("--size must be COLSxROWS, from 20x8 to 500x200, for example 100x30.")
            }
        }
    }

    var recordingSize: (width: Int, height: Int)? {
        let parts = size.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (20...500).contains(w),
            (8...200).contains(h)
        else { return nil }
        return (w, h)
    }

    func loadTour() throws -> Tour {
        guard let script else { return Tour.builtIn(language.language) }
        let text: String
        do { text = try String(contentsOfFile: script, encoding: .utf8) } catch {
            throw CLIError(message: "cannot read the tour script \(script).", exitCode: CLIError.noInput)
        }
        do { return try Tour.parse(text) } catch {
            throw CLIError(
                message: "\(script):\(error.line): \(error.message); the tour did not start.",
                exitCode: CLIError.dataProblem)
        }
    }

    func run() throws {
        if printScript { return Output.raw((language.language == .nb ? TourScripts.nb : TourScripts.en) + "\n") }
        // A signal (Ctrl-C, SIGTERM, SIGHUP, ...) ends the tour after its folder is removed,
        // with the status the signal gives.
        if let signal = try play() { Terminal.end(bySignal: signal) }
    }

    /// Plays the tour; returns the signal that ended it, if one did (cleanup is done by then).
    private func play() throws -> Int32? {
        let tour = try loadTour()
        let dataset = try data.load()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "case-explorer-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        if let record {
            try write(tour, dataset, to: record, scratch: scratch)
            return nil
        }
        let logHandle = try openLog()
        defer { try? logHandle?.close() }
        let terminal: Terminal
        do { terminal = try Terminal(mouse: false) } catch let e as TerminalError {
            throw CLIError(message: e.message, exitCode: 1)
        }
        defer { terminal.end() }
        terminal.deferEndingSignals()
        let size = terminal.size
        let player = TourPlayer(
            tour: tour, data: dataset, language: language.language, width: size.width, height: size.height,
            scratch: scratch)
        func shown() {
            terminal.draw(player.frame())
            logHandle?.write(Data((tour.steps[player.index].caption + "\n").utf8))
        }
        shown()
        var paused = false
        var deadline = Date().addingTimeInterval(speed == 0 ? .infinity : tour.steps[0].wait / speed)
        while true {
            if let signal = terminal.pendingSignal { return signal }
            let waitForever = paused || speed == 0
            // Waits are cut into short ones so a signal is seen within a fifth of a second.
            let remaining = waitForever ? 200 : max(0, Int32(min(deadline.timeIntervalSinceNow * 1000, 200)))
            let key = terminal.readKey(timeout: remaining)
            // The demo's own controls come from their table (Bindings.demo), which its footer shows.
            switch key.flatMap({ k in Bindings.demo.first { $0.keys.contains(k) }?.action }) {
            case nil where key == nil:
                if waitForever { continue }
                if Date() < deadline { continue }
                if !player.next() { return nil }
                shown()
                deadline = Date().addingTimeInterval(tour.steps[player.index].wait / speed)
            case .demoPause:
                paused.toggle()
                player.setPaused(paused)
                terminal.draw(player.frame())
                if !paused {
                    deadline = Date().addingTimeInterval(tour.steps[player.index].wait / max(speed, 0.000001))
                }
            case .demoNext:
                if !player.next() { return nil }
                shown()
                deadline = Date().addingTimeInterval(speed == 0 ? .infinity : tour.steps[player.index].wait / speed)
            case .demoPrevious:
                player.previous()
                shown()
                deadline = Date().addingTimeInterval(speed == 0 ? .infinity : tour.steps[player.index].wait / speed)
            case .quit:
                return nil
            default:
                guard key == .resize else { break }
                let s = terminal.size
                player.resize(width: s.width, height: s.height)
                terminal.invalidate()
                terminal.draw(player.frame())
            }
        }
    }

    /// The caption log, opened for appending; nil without --log.
    private func openLog() throws -> FileHandle? {
        guard let log else { return nil }
        if !FileManager.default.fileExists(atPath: log) {
            _ = FileManager.default.createFile(atPath: log, contents: nil)
        }
        guard let h = FileHandle(forWritingAtPath: log) else {
            throw CLIError(message: "cannot write the log \(log).", exitCode: 1)
        }
        h.seekToEndOfFile()
        return h
    }

    private func write(_ tour: Tour, _ dataset: Dataset, to path: String, scratch: URL) throws {
        let (width, height) = recordingSize ?? (100, 30)
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        let cast = TourRecording.record(
            tour, data: dataset, language: language.language, width: width, height: height,
            speed: speed, colour: !noColor, scratch: scratch, timestamp: Date())
        let url = URL(fileURLWithPath: path)
        do { try AtomicFile.write(Array(cast.utf8), to: url, overwrite: force) } catch {
            throw CLIError(error)
        }
        if let logHandle = try openLog() {
            logHandle.write(Data(tour.steps.map { $0.caption + "\n" }.joined().utf8))
            try? logHandle.close()
        }
        let seconds = tour.steps.reduce(0) { $0 + $1.wait } / speed
        Output.print(
            "wrote \(url.path) (\(tour.steps.count) steps, \(String(format: "%.1f", seconds)) s at \(width)×\(height))")
    }
}
