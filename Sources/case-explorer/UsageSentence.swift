import Foundation

/// One sentence for a usage error — a wrong or missing option value, an unknown option, a missing
/// argument — where swift-argument-parser prints its error line, the list of values one per line,
/// the option's help and the usage (up to twenty lines).
/// It is read from the parser's own message (swift-argument-parser 1.8): the parser's error type is
/// not public. `ChoiceErrorTests` runs every option with a list of values of every subcommand, so a
/// change of wording fails there; a message not recognised here is printed as the parser wrote it.
enum UsageSentence {
    /// The sentence for the parser's `message`, or nil when it is another kind of usage error.
    /// `fullMessage` (with its "See '… --help'" line) names the subcommand for a missing value.
    /// `reparse` parses other arguments and gives the parser's message: a missing value of an
    /// option or argument that takes one of a list is answered with that list, which the parser
    /// only states for a wrong value.
    static func from(
        message: String, fullMessage: String, arguments: [String] = CommandLine.arguments,
        reparse: (([String]) -> String?)? = nil
    ) -> String? {
        var help = helpCommand(fullMessage)
        // Words the root does not know are parsed as the default subcommand's (explore): a
        // mistyped command is pointed to the list of commands, not to explore's options.
        if help == "case-explorer explore", !arguments.dropFirst().contains("explore") { help = "case-explorer" }
        // A subcommand's own check in run() comes with the root's help: name the subcommand's.
        if help == "case-explorer" { help = commandPath(arguments) }
        if let sentence = wrongValue(message, helpCommand: help) { return sentence }
        let values = { (arguments: [String]) in
            reparse.map { reparse in reparse(arguments).map { listedValues(afterTarget: $0) } ?? [] } ?? []
        }
        if let sentence = missingValue(
            message, helpCommand: help, arguments: arguments,
            values: { option in
                // The option given a value no list holds: the parser's answer lists the values.
                guard let at = arguments.lastIndex(where: { $0 == option || $0 == option + "=" }) else { return [] }
                var given = Array(arguments.dropFirst())
                given[at - 1] = option + "=" + noValue
                return values(given)
            })
        {
            return sentence
        }
        if let sentence = missingArgument(message, values: values(Array(arguments.dropFirst()) + [noValue])) {
            return sentence
        }
        return otherUsage(message, helpCommand: help)
    }

    /// The subcommand the arguments name, as its help is asked for ("case-explorer coding apply").
    static func commandPath(_ arguments: [String]) -> String {
        var path = [CaseExplorer._commandName]
        var commands = CaseExplorer.configuration.subcommands
        for word in arguments.dropFirst() {
            guard let next = commands.first(where: { $0._commandName == word }) else { break }
            path.append(word)
            commands = next.configuration.subcommands
        }
        return path.joined(separator: " ")
    }

    /// A value no option or argument takes, to make the parser list the values it would.
    static let noValue = "\u{1}no value"

    /// "Missing expected argument '<WHAT>'" of an argument with a list of values: the list.
    static func missingArgument(_ message: String, values: [String]) -> String? {
        let opening = "Missing expected argument '"
        guard message.hasPrefix(opening), message.hasSuffix("'"), !values.isEmpty else { return nil }
        let target = message.dropFirst(opening.count).dropLast()
        return "missing \(target); use one of: \(values.joined(separator: ", "))."
    }

    /// The values listed after the option in the parser's message for a wrong value.
    static func listedValues(afterTarget message: String) -> [String] {
        guard message.hasPrefix("The value '"),
            let split = message.range(of: "' is invalid for '", options: .backwards),
            let close = message[split.upperBound...].firstIndex(of: "'")
        else { return [] }
        return listedValues(String(message[message.index(after: close)...]))
    }

    /// Any other usage error the parser states in one line ("Unknown option '--x'", "Missing
    /// expected argument '<WHAT>'", a subcommand's own check of its options): that line, with
    /// where the subcommand's help is, instead of the usage lines after it.
    static func otherUsage(_ message: String, helpCommand: String?) -> String? {
        let line = message.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !line.isEmpty, !line.contains("\n") else { return nil }
        var body = line.hasSuffix(".") ? String(line.dropLast()) : line
        // "Unknown option '--nope'. Did you mean '--coder'?" as one sentence.
        if let guess = body.range(of: ". Did you mean ") {
            let question = body[guess.upperBound...]
            body =
                body[..<guess.lowerBound] + " (did you mean " + (question.hasSuffix("?") ? question : question + "?")
                + ")"
        }
        // "Unknown option" reads as the rest of a sentence after "case-explorer: "; a name
        // written in capitals ("REFI-QDA") stays as it is.
        if let first = body.first, first.isUppercase, body.dropFirst().first?.isLowercase == true {
            body = first.lowercased() + body.dropFirst()
        }
        return body + (helpCommand.map { "; see `\($0) --help`." } ?? ".")
    }

    /// "The value 'x' is invalid for '--kind <KIND>'. Please provide one of 'a', 'b' or 'c'." or
    /// "… one of the following:\n  - a\n  - b": the value, the option (or a positional's
    /// placeholder) and the values it takes. A value that is not a number where one is wanted
    /// ("The value 'x' is invalid for '--county <county>'") has no list: the help is named.
    static func wrongValue(_ message: String, helpCommand: String?) -> String? {
        let opening = "The value '"
        let middle = "' is invalid for '"
        // The value may itself contain quotes: the parser's own text after it does not.
        guard message.hasPrefix(opening), let split = message.range(of: middle, options: .backwards) else {
            return nil
        }
        let value = String(message[message.index(message.startIndex, offsetBy: opening.count)..<split.lowerBound])
        let rest = message[split.upperBound...]
        guard let close = rest.firstIndex(of: "'") else { return nil }
        let target = optionName(String(rest[..<close]))
        let after = String(rest[rest.index(after: close)...])
        let choices = listedValues(after)
        if choices.isEmpty {
            // A message of the option's own type (after ": ") is not one of these two shapes.
            guard after.isEmpty else { return nil }
            return "'\(value)' is not a valid value of \(target)" + (helpCommand.map { "; see `\($0) --help`." } ?? ".")
        }
        return "'\(value)' is not a value of \(target); use one of: \(choices.joined(separator: ", "))."
    }

    /// "Missing value for '--kind <KIND>'" (also what `--kind=` gives).
    /// An option with a list of values names them (`values` asks for the option's list).
    static func missingValue(
        _ message: String, helpCommand: String?, arguments: [String] = [],
        values: (String) -> [String] = { _ in [] }
    ) -> String? {
        let opening = "Missing value for '"
        guard message.hasPrefix(opening), message.hasSuffix("'") else { return nil }
        let target = optionName(String(message.dropFirst(opening.count).dropLast()))
        let choices = values(target)
        if !choices.isEmpty { return "\(target) needs a value; use one of: \(choices.joined(separator: ", "))." }
        let help = helpCommand.map { "; see `\($0) --help`" } ?? ""
        // `--limit -1`: the parser reads a negative number as options, and "needs a value"
        // would deny the value the user gave.
        if let at = arguments.lastIndex(of: target), at + 1 < arguments.count,
            let negative = arguments[at + 1].wholeMatch(of: /-[0-9][0-9.]*/)
        {
            return "\(target) takes no negative number (\(negative.output) is read as an option)\(help)."
        }
        return "\(target) needs a value\(help)."
    }

    /// "--kind <KIND>" is shown as "--kind"; a positional's "<WHAT>" as it is.
    static func optionName(_ synopsis: String) -> String {
        synopsis.hasPrefix("-") ? String(synopsis.prefix { $0 != " " }) : synopsis
    }

    /// The values after "Please provide one of": quoted on one line, or a list of "  - value" lines.
    static func listedValues(_ text: String) -> [String] {
        let lead = ". Please provide one of "
        guard text.hasPrefix(lead) else { return [] }
        let list = text.dropFirst(lead.count)
        if list.hasPrefix("the following:") {
            return list.split(separator: "\n").dropFirst().compactMap { line in
                line.hasPrefix("  - ") ? String(line.dropFirst(4)) : nil
            }
        }
        // 'a', 'b' or 'c'. — the quoted stretches, in order.
        return list.split(separator: "'", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    /// "case-explorer list" from "  See 'case-explorer list --help' for more information."
    static func helpCommand(_ fullMessage: String) -> String? {
        guard let see = fullMessage.range(of: "See '", options: .backwards),
            let end = fullMessage.range(of: " --help'", range: see.upperBound..<fullMessage.endIndex)
        else { return nil }
        return String(fullMessage[see.upperBound..<end.lowerBound])
    }
}
