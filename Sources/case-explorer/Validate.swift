import ArgumentParser
import CaseCore
import Foundation
import Presentation

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the data folder: every file, every reference, every line range.",
        discussion: """
            Prints a one-line summary and exits 0, or prints every problem as `file: json-path: message` \
            on standard error and exits 65. With --source, also checks that every excerpt, lead-in and \
            piece of evidence stands verbatim in the source text it names at its line range: the report \
            (delrapport-2-2023.txt) and every other source of the data (delrapport-1-omtale.txt, the \
            publisher's page on Delrapport 1). Give each file, or their folder; a source not given is \
            looked for beside the files given.
            """
    )

    @OptionGroup var data: DataOptions

    @Option(
        help: ArgumentHelp(
            "A source text (the report, delrapport-2-2023.txt, or another source such as delrapport-1-omtale.txt) or "
                + "the folder holding them; may be repeated.",
            valueName: "FILE|DIR"))
    var source: [String] = []

    func run() throws {
        let url = try data.folder()
        let (dataset, problems) = DataFolder.loadCollectingProblems(url)
        // The exit returns the dataset's memory faster than freeing it.
        ProcessLifetime.keep(dataset)
        var lines = problems.map(\.description)
        var checked: [String] = []
        if let dataset, !source.isEmpty {
            if let absent = source.first(where: { !FileManager.default.fileExists(atPath: $0) }) {
                throw CLIError(message: "cannot read the source text \(absent).", exitCode: CLIError.noInput)
            }
            let files = SourceFiles(for: dataset, given: source)
            if let extra = files.unmatched.first {
                let known = dataset.sourceIDs.compactMap { dataset.sourceFile($0)?.file }.joined(separator: ", ")
                throw CLIError(
                    message: "\(extra) is not a source text of this data (its sources: \(known)).",
                    exitCode: CLIError.usage)
            }
            if let missing = files.missing.first {
                throw CLIError(
                    message:
                        "cannot find \(missing.file), the text of the source \"\(missing.id)\", beside "
                        + "\(source.joined(separator: ", ")); give it with --source to check what the data quotes "
                        + "from it.",
                    exitCode: CLIError.noInput)
            }
            let (texts, unreadable) = files.read()
            if let path = unreadable.first {
                throw CLIError(message: "cannot read the source text \(path).", exitCode: CLIError.noInput)
            }
            checked = dataset.sourceIDs.compactMap { dataset.sourceFile($0)?.file }
            // Each problem names the file it is about: the report's as given, or another source's.
            let report = files.found[dataset.study.id]?.lastPathComponent ?? dataset.study.sourceFile
            lines += FidelityCheck.check(dataset, against: texts).map { "\($0.sourceFile ?? report): \($0)" }
        }
        guard let dataset, lines.isEmpty else {
            for line in lines { StandardStreams.write(STDERR_FILENO, InertText.visible(line) + "\n") }
            // With one problem the exit status is its kind's; with several, the data's.
            throw CLIError(
                message: "\(lines.count) problem\(lines.count == 1 ? "" : "s") found in \(url.path).",
                exitCode: problems.count == 1 && lines.count == 1 ? problems[0].kind.exitCode : CLIError.dataProblem)
        }
        Output.print(Summary(dataset: dataset, verbatimChecked: checked).line)
    }
}

/// The one-line summary of a valid data folder.
struct Summary {
    let dataset: Dataset
    /// The source files checked verbatim (none without --source).
    let verbatimChecked: [String]

    var line: String {
        let d = dataset
        // One pass, counting without copying the excerpts.
        var kinds: [ExcerptKind: Int] = [:], confidences: [Confidence: Int] = [:]
        for i in d.excerpts.indices {
            kinds[d.excerpts[i].kind, default: 0] += 1
            confidences[d.excerpts[i].attribution.confidence, default: 0] += 1
        }
        let excerptCounts =
            "\(d.excerpts.count) excerpts (\(kinds[.interview] ?? 0) interview, \(kinds[.surveyFreeText] ?? 0) survey "
            + "free-text, \(kinds[.document] ?? 0) possibly from documents)"
        let confidence = Confidence.allCases.map { c in "\(confidences[c] ?? 0) \(c.rawValue)" }.joined(separator: ", ")
        return
            "valid: \(d.counties.count) counties, \(d.chains.count) chains, \(d.actors.count) actors, "
            + "\(d.informants.count) informants, "
            + "\(excerptCounts) [\(confidence)], \(d.codes.count) codes, \(d.codings.count) codings, "
            + "\(d.researchQuestions.count) research questions, \(d.attentionPoints.count) attention points, "
            + "\(d.surveyTables.count) survey tables"
            + (d.relatedReports.isEmpty
                ? ""
                : ", \(d.relatedReports.count) related report\(d.relatedReports.count == 1 ? "" : "s") "
                    + "(\(d.relatedReports.reduce(0) { $0 + $1.references.count }) references)")
            + (verbatimChecked.isEmpty
                ? ""
                : "; every excerpt and quotation verbatim in its source (\(verbatimChecked.joined(separator: ", ")))")
    }
}
