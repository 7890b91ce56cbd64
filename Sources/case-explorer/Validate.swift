import ArgumentParser
import CaseCore
import Foundation

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the data folder: every file, every reference, every line range.",
        discussion: """
        Prints a one-line summary and exits 0, or prints every problem as `file: json-path: message` \
        on standard error and exits 65. With --source, also checks that every excerpt, lead-in and \
        piece of evidence stands verbatim in the report's text at its line range.
        """
    )

    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("The report as text (delrapport-2-2023.txt), to check every excerpt verbatim.", valueName: "FILE"))
    var source: String?

    func run() throws {
        let url = try data.folder()
        let (dataset, problems) = DataFolder.loadCollectingProblems(url)
        var lines = problems.map(\.description)
        if let dataset, let source {
            let text: SourceText
            do {
                text = try SourceText(contentsOf: URL(fileURLWithPath: source))
            } catch {
                throw CLIError(message: "cannot read the source text \(source).", exitCode: CLIError.noInput)
            }
            let name = (source as NSString).lastPathComponent
            lines += FidelityCheck.check(dataset, against: text).map { "\(name): \($0)" }
        }
        guard let dataset, lines.isEmpty else {
            for line in lines { StandardStreams.write(STDERR_FILENO, line + "\n") }
            let noFolder = problems.count == 1 && problems[0].message == "no such data folder"
            throw CLIError(message: "\(lines.count) problem\(lines.count == 1 ? "" : "s") found in \(url.path).", exitCode: noFolder ? CLIError.noInput : CLIError.dataProblem)
        }
        Output.print(Summary(dataset: dataset, verbatimChecked: source != nil).line)
    }
}

/// The one-line summary of a valid data folder.
struct Summary {
    let dataset: Dataset
    let verbatimChecked: Bool

    var line: String {
        let d = dataset
        // One pass, counting without copying the excerpts.
        var kinds: [ExcerptKind: Int] = [:], confidences: [Confidence: Int] = [:]
        for i in d.excerpts.indices {
            kinds[d.excerpts[i].kind, default: 0] += 1
            confidences[d.excerpts[i].attribution.confidence, default: 0] += 1
        }
        let excerptCounts = "\(d.excerpts.count) excerpts (\(kinds[.interview] ?? 0) interview, \(kinds[.surveyFreeText] ?? 0) survey free-text, \(kinds[.document] ?? 0) possibly from documents)"
        let confidence = Confidence.allCases.map { c in "\(confidences[c] ?? 0) \(c.rawValue)" }.joined(separator: ", ")
        return "valid: \(d.counties.count) counties, \(d.chains.count) chains, \(d.actors.count) actors, \(d.informants.count) informants, "
            + "\(excerptCounts) [\(confidence)], \(d.codes.count) codes, \(d.codings.count) codings, "
            + "\(d.researchQuestions.count) research questions, \(d.attentionPoints.count) attention points, \(d.surveyTables.count) survey tables"
            + (verbatimChecked ? "; every excerpt verbatim in the source" : "")
    }
}
