import Foundation
import Testing

/// What `--help` says of each option, read as a newcomer reads it: a default or a list of values
/// said once (swift-argument-parser adds "(default: …)" and "(values: …)" itself), and the
/// resolve screen's `--coder` named for what it is there.
@Suite struct HelpTextTests {
    static let commands: [[String]] = [
        [], ["explore"], ["review"], ["resolve"], ["list"], ["show"], ["search"], ["validate"], ["matrix"],
        ["agreement"], ["generate"], ["demo"], ["sync"], ["workspace", "init"], ["export", "qdpx"],
        ["export", "qdc"], ["export", "csv"], ["export", "markdown"], ["import", "qdc"], ["import", "qdpx"],
        ["coding", "set"], ["coding", "apply"], ["coding", "remove"], ["coding", "memo"], ["coding", "status"],
        ["coding", "export"], ["coding", "log"]
    ]

    /// Each argument or option of a help text with its description on one line, spaces collapsed.
    static func entries(_ help: String) -> [String] {
        var entries: [String] = []
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("  ") && !line.hasPrefix("   ") && (trimmed.hasPrefix("-") || trimmed.hasPrefix("<")) {
                entries.append(trimmed)
            } else if line.hasPrefix("   "), !entries.isEmpty {
                entries[entries.count - 1] += " " + trimmed
            } else if !line.hasPrefix("  ") {
                entries.append("")
            }
        }
        return entries.filter { !$0.isEmpty }.map {
            $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }
    }

    /// The values of "(values: a, b, c)" also spelled out before it as a plain enumeration ("a, b or c").
    static func enumeratesValuesTwice(_ entry: String) -> Bool {
        guard let start = entry.range(of: "(values: ") else { return false }
        let list = entry[start.upperBound...].prefix { $0 != ")" && $0 != ";" }
        let values = list.split(separator: ",").map {
            NSRegularExpression.escapedPattern(for: $0.trimmingCharacters(in: .whitespaces))
        }
        let pattern = "\\b" + values.joined(separator: "(, | or |, or | and )") + "\\b"
        let before = String(entry[..<start.lowerBound])
        return before.range(of: pattern, options: .regularExpression) != nil
    }

    @Test func eachDefaultAndEachListOfValuesIsSaidOnce() throws {
        for command in Self.commands {
            let help = try CLI.run(command + ["--help"])
            #expect(help.status == 0, "\(command) --help: \(help.stderr)")
            for entry in Self.entries(help.stdout) {
                let defaults = entry.lowercased().components(separatedBy: "default").count - 1
                #expect(defaults <= 1, "case-explorer \(command.joined(separator: " ")): the default twice: \(entry)")
                #expect(
                    !Self.enumeratesValuesTwice(entry),
                    "case-explorer \(command.joined(separator: " ")): the values twice: \(entry)")
            }
        }
    }

    @Test func theCheckFindsAListOrADefaultSaidTwice() {
        #expect(
            Self.enumeratesValuesTwice(
                "--by <by> Rows: county, chain, level or kind. (values: county, chain, level, kind)"))
        #expect(Self.enumeratesValuesTwice("<kind> cooccurrence or cases. (values: cooccurrence, cases)"))
        #expect(!Self.enumeratesValuesTwice("--lang <lang> Interface language: nb (bokmål) or en. (values: nb, en)"))
        let entries = Self.entries(
            """
            OPTIONS:
              --compare <NAME>        The coding shown beside yours: rapport (the report's
                                      own, default) or a coder's name. (default: rapport)
              -h, --help              Show help information.
            """)
        #expect(entries.count == 2)
        #expect(entries.first?.components(separatedBy: "default").count == 3)
    }

    @Test func resolveSaysItsCoderIsTheOneWhoResolves() throws {
        let help = try CLI.run(["resolve", "--help"])
        let coder = Self.entries(help.stdout).first { $0.hasPrefix("--coder <NAME>") }
        #expect(coder?.contains("Who resolves") == true, "\(coder ?? help.stdout)")
        #expect(!help.stdout.contains("Whose coding"))
    }

    /// A wrong --coders is bad usage of that subcommand: one sentence naming its own help, not the root's.
    @Test func aWrongCodersListShowsTheSubcommandsUsage() throws {
        for (arguments, sentence) in [
            (["resolve", "--coders", "anna"], "--coders takes two different coders"),
            (["resolve", "--coders", "anna,bo", "--into", "bo"], "--into must be a third coder"),
            (["agreement", "--coders", "anna"], "--coders needs at least two coders"),
            (["agreement", "--coders", "anna,anna"], "--coders names a coder twice")
        ] {
            let run = try CLI.run(arguments)
            #expect(run.status == 64, "\(arguments)")
            #expect(run.stderr.contains(sentence), "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("see `case-explorer \(arguments[0]) --help`."), "\(arguments): \(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "one line: \(run.stderr)")
        }
    }
}
