import Foundation
import Testing

/// A wrong or missing value of an option with a list of values (`--kind`, `--confidence`,
/// `--lang`, `--status`, `--by`, `--what`, and the positionals `list <WHAT>`, `matrix <kind>`) is
/// bad usage: one sentence naming the option, the value and the values it takes, exit status 64.
/// Every such option of every subcommand is found in the binary's own description of itself
/// (`--experimental-dump-help`), so an option added later is covered without editing this list.
@Suite struct ChoiceErrorTests {
    struct Choice {
        let command: [String]
        let option: String? // nil for a positional
        let placeholder: String
        let values: [String]
    }

    static func choices() throws -> [Choice] {
        let dump = try CLI.run(["--experimental-dump-help"])
        let root = try #require(
            (try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])?["command"]
                as? [String: Any])
        var found: [Choice] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                guard let values = argument["allValues"] as? [String], !values.isEmpty else { continue }
                let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                found.append(
                    Choice(
                        command: path, option: names.first.map { "--" + $0 },
                        placeholder: argument["valueName"] as? String ?? "", values: values))
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                walk(sub, path + [sub["commandName"] as? String ?? ""])
            }
        }
        walk(root, [])
        return found
    }

    /// What a wrong value must say: one line, the option, the value as typed, every value it takes.
    static func expectOneSentence(
        _ run: CLI.Result, naming target: String, value: String?, values: [String], _ arguments: [String]
    ) {
        let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(run.status == 64, "\(arguments): \(run.status)")
        #expect(lines.count == 1, "\(arguments): \(run.stderr)")
        #expect(run.stdout.isEmpty, "\(arguments): \(run.stdout)")
        #expect(!run.stderr.contains("Usage:") && !run.stderr.contains("Help:"), "\(arguments): \(run.stderr)")
        #expect(run.stderr.hasPrefix("case-explorer: ") && run.stderr.hasSuffix(".\n"), "\(run.stderr)")
        #expect(run.stderr.contains(target), "\(arguments): \(run.stderr)")
        if let value { #expect(run.stderr.contains("'\(value)'"), "\(arguments): \(run.stderr)") }
        #expect(
            run.stderr.contains("use one of: " + values.joined(separator: ", ") + "."), "\(arguments): \(run.stderr)")
    }

    @Test func everyChoiceOptionAnswersAWrongValueInOneSentence() throws {
        let choices = try Self.choices()
        // The options the field test named, so a broken dump cannot make this pass by finding none.
        for known in ["--kind", "--confidence", "--lang", "--status", "--by", "--what"] {
            #expect(choices.contains { $0.option == known }, "\(known) not found")
        }
        #expect(choices.contains { $0.command == ["list"] && $0.option == nil })
        #expect(choices.contains { $0.command == ["matrix"] && $0.option == nil })
        let wrong = "nonsense'x"
        for choice in choices {
            if let option = choice.option {
                for arguments in [choice.command + [option, wrong], choice.command + ["\(option)=\(wrong)"]] {
                    Self.expectOneSentence(
                        try CLI.run(arguments), naming: option, value: wrong, values: choice.values, arguments)
                }
            } else {
                let arguments = choice.command + [wrong]
                Self.expectOneSentence(
                    try CLI.run(arguments), naming: "<\(choice.placeholder)>", value: wrong, values: choice.values,
                    arguments)
            }
        }
    }

    /// A missing value lists the values as a wrong one does (it named the help, which the user
    /// then had to open to find them); another option without its value names the help.
    @Test func aMissingValueIsOneSentenceThatListsTheValues() throws {
        for choice in try Self.choices() {
            let values = choice.values.joined(separator: ", ")
            guard let option = choice.option else {
                let run = try CLI.run(choice.command)
                #expect(run.status == 64, "\(choice.command)")
                #expect(
                    run.stderr == "case-explorer: missing <\(choice.placeholder)>; use one of: \(values).\n",
                    "\(choice.command): \(run.stderr)")
                continue
            }
            for arguments in [choice.command + [option], choice.command + ["\(option)="]] {
                let run = try CLI.run(arguments)
                #expect(run.status == 64, "\(arguments)")
                #expect(
                    run.stderr == "case-explorer: \(option) needs a value; use one of: \(values).\n",
                    "\(arguments): \(run.stderr)")
            }
        }
        for (arguments, option, help) in [
            (["list", "excerpts", "--county"], "--county", "case-explorer list --help"),
            (["coding", "apply", "--coder"], "--coder", "case-explorer coding apply --help")
        ] {
            let run = try CLI.run(arguments)
            #expect(run.status == 64)
            #expect(run.stderr == "case-explorer: \(option) needs a value; see `\(help)`.\n", "\(run.stderr)")
        }
    }

    /// A negative number is read by the parser as options: the sentence said "--limit needs a
    /// value" to a user who gave one; it says what happened to it.
    @Test func aNegativeNumberIsNotCalledAMissingValue() throws {
        for (arguments, option, value, help) in [
            (["search", "x", "--limit", "-1"], "--limit", "-1", "case-explorer search --help"),
            (["agreement", "--coders", "a,b", "--seed", "-5"], "--seed", "-5", "case-explorer agreement --help"),
            (["demo", "--speed", "-0.5"], "--speed", "-0.5", "case-explorer demo --help")
        ] {
            let run = try CLI.run(arguments)
            #expect(run.status == 64, "\(arguments)")
            #expect(
                run.stderr
                    == "case-explorer: \(option) takes no negative number (\(value) is read as an option); "
                    + "see `\(help)`.\n", "\(arguments): \(run.stderr)")
        }
    }

    /// A subcommand's own check of its options (in its run) named the root's help.
    @Test func aSubcommandsOwnCheckNamesItsHelp() throws {
        for arguments in [["snapshot", "--size", "0x0"], ["snapshot", "--size", "axb", "--keys", "j"]] {
            let run = try CLI.run(arguments)
            #expect(run.status == 64)
            #expect(
                run.stderr == "case-explorer: --size takes COLUMNSxROWS, e.g. 100x30; see `case-explorer snapshot "
                    + "--help`.\n", "\(arguments): \(run.stderr)")
        }
    }

    /// A value that is not a number where one is wanted is one sentence too, naming the help.
    @Test func aMalformedNumberIsOneSentence() throws {
        for (arguments, option, help) in [
            (["list", "excerpts", "--county", "x"], "--county", "case-explorer list --help"),
            (["generate", "--excerpts", "many", "-o", "/nonexistent"], "--excerpts", "case-explorer generate --help"),
            (["demo", "--speed", "fast"], "--speed", "case-explorer demo --help")
        ] {
            let run = try CLI.run(arguments)
            #expect(run.status == 64, "\(arguments)")
            #expect(
                run.stderr
                    == "case-explorer: '\(arguments[arguments.firstIndex(of: option)! + 1])' is not a valid value "
                    + "of \(option); see `\(help)`.\n", "\(arguments): \(run.stderr)")
        }
    }

    /// The sentences change nothing else: a valid value still works and `--help` is the parser's.
    @Test func validValuesAndHelpAreAsBefore() throws {
        let ok = try CLI.run(["list", "excerpts", "--kind", "ppt", "--confidence", "stated", "--json"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let help = try CLI.run(["list", "--help"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: case-explorer list") && help.stderr.isEmpty)
        #expect(help.stdout.contains("--kind <KIND>"))
        // Other usage errors are one sentence too, naming the subcommand's help.
        for (arguments, sentence) in [
            (["list", "excerpts", "--no-such-option"], "unknown option '--no-such-option'"),
            (["show"], "missing expected argument '<id>'")
        ] {
            let run = try CLI.run(arguments)
            #expect(run.status == 64, "\(arguments)")
            #expect(
                run.stderr == "case-explorer: \(sentence); see `case-explorer \(arguments[0]) --help`.\n",
                "\(arguments): \(run.stderr)")
        }
        // A mistyped command is pointed to the list of commands; a near option is suggested.
        let mistyped = try CLI.run(["serach"])
        #expect(mistyped.status == 64)
        #expect(
            mistyped.stderr == "case-explorer: unexpected argument 'serach'; see `case-explorer --help`.\n",
            "\(mistyped.stderr)")
        let near = try CLI.run(["explore", "--coderr", "x"])
        #expect(near.status == 64)
        #expect(
            near.stderr.hasPrefix("case-explorer: unknown option '--coderr' (did you mean ")
                && near.stderr.hasSuffix("); see `case-explorer explore --help`.\n"), "\(near.stderr)")
    }
}
