import ArgumentParser
import CaseCore
import ExplorerUI
import Foundation
import Presentation

struct Agreement: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Agreement between coders: percent agreement, Cohen's or Fleiss' kappa, Gwet's AC1, Brennan–Prediger, "
            + "Krippendorff's alpha, with 95 % intervals.",
        discussion: """
            The unit of analysis is one excerpt; for each code the value is applied or not applied. \
            An excerpt counts for a coder once reviewed; unreviewed is missing data. The coder \
            `rapport` is the report's own coding. Per code and pooled over (excerpt, code) pairs: \
            percent agreement, Cohen's kappa (two coders) or Fleiss' kappa (three or more), Gwet's \
            AC1 and Brennan–Prediger's free-marginal kappa over the excerpts every coder reviewed, \
            and Krippendorff's alpha (nominal) over the excerpts at least two coders reviewed. \
            95 % intervals: Gwet's standard errors (variance with respect to the excerpts, Student's \
            t) for the kappas, AC1 and Brennan–Prediger; Krippendorff's bootstrap for alpha, \
            reproducible with --seed. A code applied to fewer than --min-uses excerpts is flagged as \
            too rare to judge; high agreement with low kappa is flagged as the kappa paradox, with \
            the code's prevalence. An undefined statistic is shown as undefined (null in JSON) with \
            the reason in the notes. Docs/AGREEMENT.md explains every figure.
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var index: IndexOption
    @Option(
        help: ArgumentHelp(
            "Comma-separated coders (at least two; rapport is the report's coding).", valueName: "A,B[,C…]"))
    var coders: String
    @Option(help: ArgumentHelp("Only this code.", valueName: "ID")) var code: String?
    @Option(help: ArgumentHelp("The workspace with the coders' journals.", valueName: "DIR")) var workspace: String?
    @Option(help: ArgumentHelp("Bootstrap draws for Krippendorff's alpha (1–1000000).", valueName: "N")) var draws =
        1000
    @Option(help: ArgumentHelp("Seed of the bootstrap: the same seed gives the same intervals.", valueName: "N"))
    var seed: UInt64 = 1
    @Option(
        name: .customLong("min-uses"),
        help: ArgumentHelp("Flag a code applied to fewer excerpts than this as too rare to judge.", valueName: "N"))
    var minUses = 5
    @Flag(help: "Print a JSON object.") var json = false
    @Flag(help: "Print a Markdown table and a methods paragraph (in the --lang language).") var markdown = false
    @OptionGroup var language: LanguageOption

    func validate() throws {
        guard (1...1_000_000).contains(draws) else { throw ValidationError("--draws must be between 1 and 1000000.") }
        guard minUses >= 0 else { throw ValidationError("--min-uses must be 0 or more.") }
        guard !(json && markdown) else {
            throw ValidationError("--json and --markdown cannot be combined; choose one.")
        }
        // Here, not in run(): a ValidationError from run() is followed by the root command's usage.
        guard names.count >= 2 else {
            throw ValidationError("--coders needs at least two coders, e.g. --coders anna,rapport.")
        }
        guard Set(names).count == names.count else { throw ValidationError("--coders names a coder twice.") }
    }

    private var names: [String] {
        coders.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() throws {
        let dataset = try index.dataset(data)
        if let code, dataset.code(code) == nil {
            throw CLIError(
                message: "there is no code \"\(code)\" (try `case-explorer list codes`).",
                exitCode: ExitCode.validationFailure.rawValue)
        }
        let ws = try CoderOptions(workspace: workspace).resolvedWorkspace(data: try data.folder())
        var states: [(name: String, coding: CodingState)] = []
        for name in names {
            do { states.append((name, try ws.coding(of: name, data: dataset))) } catch {
                throw CLIError(message: error.message, exitCode: CLIError.notFound)
            }
        }
        let options = AgreementReport.Options(draws: draws, seed: seed, minimumUses: minUses)
        let report = AgreementReport(coders: states, data: dataset, only: code, options: options)
        if json { return Output.json(report.json) }
        if markdown { return Output.raw(report.markdown(language.language == .nb ? .nb : .en)) }
        Output.print(
            "Agreement between \(names.joined(separator: ", ")) — unit of analysis: one excerpt (each code applied or "
                + "not)."
        )
        Output.print("\(report.excerpts) excerpts reviewed by every coder; \(report.pairableExcerpts) by at least two.")
        Output.print("")
        let shown = report.coefficients
        func title(_ c: AgreementReport.Coefficient) -> String {
            switch c {
            case .percentAgreement: return "AGREEMENT"
            case .cohenKappa: return "COHEN κ"
            case .fleissKappa: return "FLEISS κ"
            case .gwetAC1: return "GWET AC1"
            case .brennanPrediger: return "BRENNAN–PREDIGER κ"
            case .krippendorffAlpha: return "KRIPP. α"
            }
        }
        func value(_ s: Statistic) -> String { s.value.map { AgreementReport.number($0, .en) } ?? "undefined" }
        var rows = report.codes.map { r in [r.code, String(r.n), String(r.uses)] + shown.map { value(r.figures[$0]) } }
        rows.append(["(all, pooled)", "", ""] + shown.map { value(report.overall[$0]) })
        Output.table(["CODE", "N", "USES"] + shown.map(title), rows)
        Output.print("")
        // The intervals in a table of their own, so that neither table is too wide to read.
        let withInterval = shown.filter { $0 != .percentAgreement }
        func interval(_ f: AgreementReport.Figures, _ c: AgreementReport.Coefficient) -> String {
            guard let i = f.intervals[c]?.interval else { return "undefined" }
            return "[\(AgreementReport.number(i.lower, .en)), \(AgreementReport.number(i.upper, .en))]"
        }
        var intervalRows = report.codes.map { r in [r.code] + withInterval.map { interval(r.figures, $0) } }
        intervalRows.append(["(all, pooled)"] + withInterval.map { interval(report.overall, $0) })
        Output.print(
            "95 % intervals — Gwet's standard errors (t, n − 1 df); alpha: Krippendorff's bootstrap, \(draws) draws, "
                + "seed \(seed)."
        )
        Output.print("")
        Output.table(["CODE"] + withInterval.map(title), intervalRows)
        Output.print("")
        for d in report.diagnoses {
            Output.field(d.kind == .tooRare ? "Rare" : "Paradox", report.message(d, .en), labelWidth: 7)
        }
        if !report.diagnoses.isEmpty { Output.print("") }
        for note in report.notes { Output.field("Note", note, labelWidth: 7) }
    }
}

extension CoderOptions {
    init(workspace: String?) {
        self.init()
        self.workspace = workspace
    }
}
