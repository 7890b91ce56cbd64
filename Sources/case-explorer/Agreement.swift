import ArgumentParser
import CaseCore
import Foundation

struct Agreement: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Agreement between coders: percent agreement, Cohen's kappa, Krippendorff's alpha, Fleiss' kappa.",
        discussion: """
        The unit of analysis is one excerpt; for each code the value is applied or not applied. \
        An excerpt counts for a coder once reviewed; unreviewed is missing data. The coder \
        `rapport` is the report's own coding. Two coders: percent agreement, Cohen's kappa and \
        Krippendorff's alpha per code and pooled over (excerpt, code) pairs. Three or more: \
        Krippendorff's alpha and Fleiss' kappa. An undefined statistic is shown as undefined \
        (null in JSON) with the reason in the notes.
        """
    )

    @OptionGroup var data: DataOptions
    @Option(help: ArgumentHelp("Comma-separated coders (at least two; rapport is the report's coding).", valueName: "A,B[,C…]"))
    var coders: String
    @Option(help: ArgumentHelp("Only this code.", valueName: "ID")) var code: String?
    @Option(help: ArgumentHelp("The workspace with the coders' journals.", valueName: "DIR")) var workspace: String?
    @Flag(help: "Print a JSON object.") var json = false

    func run() throws {
        let names = coders.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard names.count >= 2 else { throw ValidationError("--coders needs at least two coders, e.g. --coders anna,rapport.") }
        guard Set(names).count == names.count else { throw ValidationError("--coders names a coder twice.") }
        let dataset = try data.load()
        if let code, dataset.code(code) == nil {
            throw CLIError(message: "there is no code \"\(code)\" (try `case-explorer list codes`).", exitCode: ExitCode.validationFailure.rawValue)
        }
        let ws = try CoderOptions(workspace: workspace).resolvedWorkspace(data: try data.folder())
        var states: [(name: String, coding: CodingState)] = []
        for name in names {
            do { states.append((name, try ws.coding(of: name, data: dataset))) } catch { throw CLIError(message: error.message, exitCode: CLIError.notFound) }
        }
        let report = AgreementReport(coders: states, data: dataset, only: code)
        if json { return Output.json(report.json) }
        Output.print("Agreement between \(names.joined(separator: ", ")) — unit of analysis: one excerpt (each code applied or not).")
        Output.print("\(report.excerpts) excerpts reviewed by every coder.")
        Output.print("")
        func f(_ s: Statistic) -> String { s.value.map { String(format: "%.3f", $0) } ?? "undefined" }
        let two = names.count == 2
        let header = two ? ["CODE", "N", "AGREEMENT", "COHEN κ", "KRIPP. α"] : ["CODE", "N", "AGREEMENT", "FLEISS κ", "KRIPP. α"]
        var rows = report.codes.map { r in
            [r.code, String(r.n), f(r.figures.percentAgreement), f(two ? r.figures.cohenKappa : r.figures.fleissKappa), f(r.figures.krippendorffAlpha)]
        }
        rows.append(["(all, pooled)", "", f(report.overall.percentAgreement), f(two ? report.overall.cohenKappa : report.overall.fleissKappa), f(report.overall.krippendorffAlpha)])
        Output.table(header, rows)
        Output.print("")
        for note in report.notes { Output.field("Note", note, labelWidth: 5) }
    }
}

extension CoderOptions {
    init(workspace: String?) {
        self.init()
        self.workspace = workspace
    }
}
