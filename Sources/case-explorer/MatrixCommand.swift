import ArgumentParser
import CaseCore
import Presentation

extension CodeMatrix.Kind: ExpressibleByArgument {}
extension CodeMatrix.Dimension: ExpressibleByArgument {}

struct MatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "Code co-occurrence, or case × code counts (rows: county, chain, level or actor kind).",
        discussion:
            "Counts are excerpts reviewed by the coder (every excerpt for rapport, the report's coding). CSV follows "
            + "RFC 4180."
    )

    @Argument(help: "Which matrix: codes that occur together, or cases × codes.") var kind: CodeMatrix.Kind
    @OptionGroup var data: DataOptions
    @OptionGroup var index: IndexOption
    @Option(help: ArgumentHelp("Whose coding: rapport (the report's) or a coder's name.", valueName: "NAME"))
    var coder = Dataset
        .referenceCoder
    @Option(help: ArgumentHelp("The workspace with the coders' journals.", valueName: "DIR")) var workspace: String?
    @Option(help: "Rows of a cases matrix.") var by: CodeMatrix.Dimension = .county
    @Flag(help: "Print CSV.") var csv = false
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        if csv && json { throw ValidationError("Choose --csv or --json, not both.") }
    }

    func run() throws {
        let dataset = try index.dataset(data)
        let ws = try CoderOptions(workspace: workspace).resolvedWorkspace(data: try data.folder())
        let coding: CodingState
        do { coding = try ws.coding(of: coder, data: dataset) } catch {
            throw CLIError(message: error.message, exitCode: CLIError.notFound)
        }
        let m =
            kind == .cooccurrence
            ? CodeMatrix.cooccurrence(coding, coder: coder, data: dataset)
            : CodeMatrix.cases(by: by, coding, coder: coder, data: dataset)
        if json { return Output.json(m.json) }
        if csv { return Output.raw(m.csv) }
        Output.print(
            kind == .cooccurrence
                ? "Code co-occurrence (\(coder)): excerpts coded with both codes."
                : "Excerpts by \(by.rawValue) and code (\(coder)).")
        Output.table(
            [""] + m.columns,
            m.rows.enumerated().map { r, label in [label] + m.cells[r].map { $0.isEmpty ? "·" : String($0.count) } })
    }
}
