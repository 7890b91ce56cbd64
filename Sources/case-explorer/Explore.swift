import ArgumentParser
import CaseCore
import ExplorerUI
import Foundation
import NcursesTerminal

extension Language: ExpressibleByArgument {}

struct LanguageOption: ParsableArguments {
    @Option(help: "Interface language: nb (bokmål) or en (default: from LANG).")
    var lang: Language?

    var language: Language { lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment) }
}

struct Explore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Browse the case counties, grant chains and excerpts in the terminal (the default).",
        discussion: "Press ? in the explorer for every key; Docs/KEYS.md lists them. q quits from the home screen, Ctrl-C at once."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var language: LanguageOption

    func run() throws {
        let dataset = try data.load()
        let terminal: Terminal
        do { terminal = try Terminal() } catch let e as TerminalError { throw CLIError(message: e.message, exitCode: 1) }
        defer { terminal.end() }
        let size = terminal.size
        var state = AppState(data: dataset, language: language.language, width: size.width, height: size.height)
        terminal.draw(Frame.render(state))
        var failures = 0
        while !state.quitting {
            guard let key = terminal.readKey() else {
                // A blocking read only fails when the input is gone; do not spin.
                failures += 1
                if failures > 20 { break }
                continue
            }
            failures = 0
            if key == .resize {
                let size = terminal.size
                state.width = size.width
                state.height = size.height
                terminal.invalidate()
            }
            state.handle(key)
            terminal.draw(Frame.render(state))
        }
    }
}

/// Prints a screen of the explorer as text after a sequence of keys — for documentation,
/// bug reports and scripted checks, with no terminal involved.
struct Snapshot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print an explorer screen as text after replaying keys.",
        discussion: "Keys use the notation of tour scripts: `j j Enter`, `/ søk`, `Esc`, `C-c` (Docs/USER-GUIDE.md)."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var language: LanguageOption

    @Option(help: ArgumentHelp("Screen size as COLUMNSxROWS.", valueName: "WxH"))
    var size = "100x30"

    @Option(help: "Keys to replay before printing.")
    var keys = ""

    func run() throws {
        let parts = size.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, (1...1000).contains(parts[0]), (1...1000).contains(parts[1]) else {
            throw ValidationError("--size takes COLUMNSxROWS, e.g. 100x30.")
        }
        let keyList: [Key]
        do { keyList = try KeyNotation.parse(keys) } catch { throw ValidationError("--keys: \(error.description).") }
        var state = AppState(data: try data.load(), language: language.language, width: parts[0], height: parts[1])
        for key in keyList where !state.quitting { state.handle(key) }
        Output.print(Frame.render(state).text)
    }
}

/// Prints Docs/KEYS.md from the binding tables.
struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the key reference (Docs/KEYS.md) from the binding tables.")

    func run() throws {
        FileHandle.standardOutput.write(Data(KeysDocument.markdown().utf8))
    }
}
