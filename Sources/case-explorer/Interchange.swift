import ArgumentParser
import CaseCore
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the data and coding for other tools: REFI-QDA (.qdpx, .qdc), CSV, Markdown.",
        discussion: "Every file is written atomically (a temporary file, then rename); an existing file is replaced only with --force. Docs/INTEROP.md says what each format carries and drops.",
        subcommands: [ExportQDPX.self, ExportQDC.self, ExportCSV.self, ExportMarkdown.self]
    )
}

struct OutputFile: ParsableArguments {
    @Option(name: .short, help: ArgumentHelp("The file to write.", valueName: "FILE")) var o: String
    @Flag(help: "Replace the file if it exists.") var force = false

    func validate() throws {
        if o.isEmpty { throw ValidationError("-o needs a file name; it was given an empty one.") }
    }

    func write(_ bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: o)
        do { try AtomicFile.write(bytes, to: url, overwrite: force) } catch {
            throw CLIError(message: error.message, exitCode: error.message.contains("exists") ? 73 : 1)
        }
        Output.print("wrote \(url.path) (\(bytes.count) bytes)")
    }
}

/// The codings to export: the named coders, or every coder in the workspace, and rapport.
private func codings(_ names: String?, _ workspace: String?, _ data: DataOptions, _ dataset: Dataset) throws -> [(coder: String, state: CodingState)] {
    let ws = try CoderOptions(workspace: workspace).resolvedWorkspace(data: try data.folder())
    let list = names.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        ?? [Dataset.referenceCoder] + ws.coders()
    var result: [(coder: String, state: CodingState)] = []
    for name in list {
        do { result.append((name, try ws.coding(of: name, data: dataset))) } catch { throw CLIError(message: error.message, exitCode: CLIError.notFound) }
    }
    return result
}

struct ExportQDPX: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "qdpx", abstract: "A REFI-QDA project: codebook, users, variables, cases, excerpts as sources, codings.")
    @OptionGroup var data: DataOptions
    @OptionGroup var file: OutputFile
    @Option(help: ArgumentHelp("Coders to include (default: rapport and every coder in the workspace).", valueName: "A,B")) var coders: String?
    @Option(help: ArgumentHelp("The workspace with the coders' journals.", valueName: "DIR")) var workspace: String?

    func run() throws {
        let d = try data.load()
        try file.write(RefiExport(data: d, codings: try codings(coders, workspace, data, d)).qdpx())
    }
}

struct ExportQDC: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "qdc", abstract: "The codebook as a REFI-QDA codebook.")
    @OptionGroup var data: DataOptions
    @OptionGroup var file: OutputFile
    func run() throws { try file.write(Array(RefiExport(data: try data.load(), codings: []).codebook().utf8)) }
}

struct ExportCSV: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "csv", abstract: "Spreadsheet-ready CSV (RFC 4180, UTF-8): excerpts, a coder's coding, or the codebook (Taguette's tag,description).")
    enum What: String, ExpressibleByArgument, CaseIterable { case excerpts, coding, codebook }
    @OptionGroup var data: DataOptions
    @OptionGroup var file: OutputFile
    @Option(help: "excerpts, coding or codebook.") var what: What
    @Option(help: ArgumentHelp("For --what coding: whose (default rapport).", valueName: "NAME")) var coder = Dataset.referenceCoder
    @Option(help: ArgumentHelp("The workspace with the coders' journals.", valueName: "DIR")) var workspace: String?

    func run() throws {
        let d = try data.load()
        switch what {
        case .excerpts: try file.write(Array(CSV.excerpts(d).utf8))
        case .codebook: try file.write(Array(CSV.codebook(d).utf8))
        case .coding:
            let state = try codings(coder, workspace, data, d)[0].state
            try file.write(Array(CSV.coding(d, coder: coder, state).utf8))
        }
    }
}

struct ExportMarkdown: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "markdown", abstract: "A case report: per county, each chain with its actors, informants and excerpts with codes and provenance.")
    @OptionGroup var data: DataOptions
    @OptionGroup var file: OutputFile
    @Option(help: "Only this county.") var county: Int?
    @Option(help: ArgumentHelp("Whose codes to show (default rapport).", valueName: "NAME")) var coder = Dataset.referenceCoder
    @Option(help: ArgumentHelp("The workspace with the coders' journals.", valueName: "DIR")) var workspace: String?

    func run() throws {
        let d = try data.load()
        if let county, d.county(county) == nil { throw CLIError(message: "there is no county \(county).", exitCode: ExitCode.validationFailure.rawValue) }
        let state = coder == Dataset.referenceCoder ? nil : try codings(coder, workspace, data, d)[0].state
        try file.write(Array(MarkdownReport.render(d, county: county, coder: coder, coding: state).utf8))
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read files from other tools.",
        subcommands: [ImportQDC.self]
    )
}

struct ImportQDC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qdc",
        abstract: "Read a REFI-QDA codebook: report what it holds and which codes match ours; with --into, write it as a codebook file.",
        discussion: "Reads leniently (an empty <Sets/>, the namespace urn:QDA-XML:codebook:0:4, a byte-order mark); refuses a DTD or entities, files over 16 MiB, and codes without a name or with a duplicate guid."
    )
    @OptionGroup var data: DataOptions
    @Argument(help: "The .qdc file.") var file: String
    @Option(help: ArgumentHelp("Write codebook.json (the project's format) into this folder.", valueName: "DIR")) var into: String?
    @Flag(help: "Replace codebook.json in --into if it exists.") var force = false

    func validate() throws {
        if into?.isEmpty == true { throw ValidationError("--into needs a folder; it was given an empty one.") }
    }

    func run() throws {
        let imported: ImportedCodebook
        do { imported = try ImportedCodebook.read(URL(fileURLWithPath: file)) } catch { throw CLIError(message: error.message, exitCode: CLIError.dataProblem) }
        let d = try data.load()
        let all = imported.flattened
        Output.print("\(file): \(all.count) codes (\(imported.codes.count) at the top level), namespace \(imported.namespace).")
        for w in imported.warnings { Output.print("note: \(w)") }
        let matches = Dictionary(imported.matches(in: d).map { ($0.imported, $0.existing) }, uniquingKeysWith: { a, _ in a })
        Output.table(["CODE", "COLOUR", "DESCRIPTION", "MATCHES"], all.map { n in
            [String(repeating: "  ", count: n.depth) + n.node.name, n.node.color ?? "–", n.node.description == nil ? "no" : "yes", matches[n.node.name] ?? "–"]
        })
        Output.print("\(matches.count) of \(all.count) match codes of this project by name.")
        if let into {
            let url = URL(fileURLWithPath: into).appendingPathComponent("codebook.json")
            let text = JSONWriter.write(imported.codebookFile(for: d, source: (file as NSString).lastPathComponent)) + "\n"
            do { try AtomicFile.write(Array(text.utf8), to: url, overwrite: force) } catch { throw CLIError(message: error.message, exitCode: error.message.contains("exists") ? 73 : 1) }
            Output.print("wrote \(url.path)")
        }
    }
}
