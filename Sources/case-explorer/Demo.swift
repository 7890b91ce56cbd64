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
        goes to a throw-away coder that is deleted at the end.
        """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var language: LanguageOption
    @Option(help: "Divide every wait by this (2 twice as fast, 50 fifty times; 0 steps only on → ). At most 1000.") var speed: Double = 1
    @Option(help: ArgumentHelp("A tour script instead of the built-in tour.", valueName: "FILE")) var script: String?
    @Option(help: ArgumentHelp("Append each caption, as it is shown, to this file (speaker notes, checks).", valueName: "FILE")) var log: String?
    @Flag(help: "Print the built-in tour script and exit.") var printScript = false

    func validate() throws {
        guard speed >= 0, speed <= 1000, speed.isFinite else { throw ValidationError("--speed must be from 0 to 1000.") }
    }

    func loadTour() throws -> Tour {
        guard let script else { return Tour.builtIn(language.language) }
        let text: String
        do { text = try String(contentsOfFile: script, encoding: .utf8) } catch {
            throw CLIError(message: "cannot read the tour script \(script).", exitCode: CLIError.noInput)
        }
        do { return try Tour.parse(text) } catch {
            throw CLIError(message: "\(script):\(error.line): \(error.message); the tour did not start.", exitCode: CLIError.dataProblem)
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
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("case-explorer-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var logHandle: FileHandle?
        if let log {
            if !FileManager.default.fileExists(atPath: log) { FileManager.default.createFile(atPath: log, contents: nil) }
            guard let h = FileHandle(forWritingAtPath: log) else { throw CLIError(message: "cannot write the log \(log).", exitCode: 1) }
            h.seekToEndOfFile()
            logHandle = h
        }
        defer { try? logHandle?.close() }
        let terminal: Terminal
        do { terminal = try Terminal() } catch let e as TerminalError { throw CLIError(message: e.message, exitCode: 1) }
        defer { terminal.end() }
        terminal.deferEndingSignals()
        let size = terminal.size
        let player = TourPlayer(tour: tour, data: dataset, language: language.language, width: size.width, height: size.height, scratch: scratch)
        func shown() {
            terminal.draw(Frame.render(player.state))
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
            switch key {
            case nil:
                if waitForever { continue }
                if Date() < deadline { continue }
                if !player.next() { return nil }
                shown()
                deadline = Date().addingTimeInterval(tour.steps[player.index].wait / speed)
            case .char(" "):
                paused.toggle()
                if !paused { deadline = Date().addingTimeInterval(tour.steps[player.index].wait / max(speed, 0.000001)) }
            case .right:
                if !player.next() { return nil }
                shown()
                deadline = Date().addingTimeInterval(speed == 0 ? .infinity : tour.steps[player.index].wait / speed)
            case .left:
                player.previous()
                shown()
                deadline = Date().addingTimeInterval(speed == 0 ? .infinity : tour.steps[player.index].wait / speed)
            case .char("q"), .char("Q"), .ctrl("c"):
                return nil
            case .resize:
                let s = terminal.size
                player.resize(width: s.width, height: s.height)
                terminal.invalidate()
                terminal.draw(Frame.render(player.state))
            default:
                break
            }
        }
    }
}
