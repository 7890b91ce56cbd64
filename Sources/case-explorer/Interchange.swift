import ArgumentParser
import CaseCore
import Foundation
import Presentation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the data and coding for other tools: REFI-QDA (.qdpx, .qdc), CSV, Markdown.",
        discussion:
            "Every file is written atomically (a temporary file, then rename); an existing file is replaced only with "
            + "--force. Docs/INTEROP.md says what each format carries and drops.",
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
            throw CLIError(error)
        }
        Output.print("wrote \(url.path) (\(bytes.count) bytes)")
    }

    /// For a file written as it is made: `write` gets the path and --force, and returns the size.
    func write(_ write: (URL, Bool) throws(ExportError) -> Int) throws {
        let url = URL(fileURLWithPath: o)
        let size: Int
        do { size = try write(url, force) } catch { throw CLIError(error) }
        Output.print("wrote \(url.path) (\(size) bytes)")
    }
}

/// The codings to export: the named coders, or every coder in the workspace, and rapport.
private func codings(_ names: String?, _ workspace: String?, _ data: DataOptions, _ dataset: Dataset) throws -> [(
    coder: String, state: CodingState
)] {
    let ws = try CoderOptions(workspace: workspace).resolvedWorkspace(data: try data.folder())
    let list =
        names.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        ?? [Dataset.referenceCoder] + ws.coders()
    var result: [(coder: String, state: CodingState)] = []
    for name in list {
        do { result.append((name, try ws.coding(of: name, data: dataset))) } catch {
            throw CLIError(message: error.message, exitCode: CLIError.notFound)
        }
    }
    return result
}

struct ExportQDPX: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qdpx",
        abstract: "A REFI-QDA project: codebook, users, variables, cases, excerpts as sources, codings.")
    @OptionGroup var data: DataOptions
    @OptionGroup var index: IndexOption
    @OptionGroup var file: OutputFile
    @Option(
        help: ArgumentHelp("Coders to include (default: rapport and every coder in the workspace).", valueName: "A,B"))
    var coders: String?
    @Option(help: ArgumentHelp("The workspace with the coders' journals.", valueName: "DIR")) var workspace: String?

    func run() throws {
        let d = try index.dataset(data)
        let export = RefiExport(data: d, codings: try codings(coders, workspace, data, d))
        try file.write { url, overwrite throws(ExportError) in try export.writeQDPX(to: url, overwrite: overwrite) }
    }
}

struct ExportQDC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qdc", abstract: "The codebook as a REFI-QDA codebook.")
    @OptionGroup var data: DataOptions
    @OptionGroup var file: OutputFile
    func run() throws { try file.write(Array(RefiExport(data: try data.load(), codings: []).codebook().utf8)) }
}

struct ExportCSV: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract:
            "Spreadsheet-ready CSV (RFC 4180, UTF-8): excerpts, a coder's coding, or the codebook (Taguette's "
            + "tag,description)."
    )
    enum What: String, ExpressibleByArgument, CaseIterable { case excerpts, coding, codebook }
    @OptionGroup var data: DataOptions
    @OptionGroup var file: OutputFile
    @Option(help: "What to write: the excerpts, a coder's coding, or the codebook.") var what: What
    @Option(help: ArgumentHelp("For --what coding: whose coding.", valueName: "NAME")) var coder = Dataset
        .referenceCoder
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
    static let configuration = CommandConfiguration(
        commandName: "markdown",
        abstract:
            "A case report: per county, each chain with its actors, informants and excerpts with codes and provenance.")
    @OptionGroup var data: DataOptions
    @OptionGroup var file: OutputFile
    @Option(help: "Only this county.") var county: Int?
    @Option(help: ArgumentHelp("Whose codes to show: rapport (the report's) or a coder's name.", valueName: "NAME"))
    var coder = Dataset
        .referenceCoder
    @Option(help: ArgumentHelp("The workspace with the coders' journals.", valueName: "DIR")) var workspace: String?

    func run() throws {
        let d = try data.load()
        if let county, d.county(county) == nil {
            throw CLIError(message: "there is no county \(county).", exitCode: ExitCode.validationFailure.rawValue)
        }
        let state = coder == Dataset.referenceCoder ? nil : try codings(coder, workspace, data, d)[0].state
        try file.write(Array(MarkdownReport.render(d, county: county, coder: coder, coding: state).utf8))
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read files from other tools.",
        subcommands: [ImportQDC.self, ImportQDPX.self]
    )
}

struct ImportQDC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qdc",
        abstract:
            "Read a REFI-QDA codebook: report what it holds and which codes match ours; with --into, write it as a "
            + "codebook file.",
        discussion:
            "Reads leniently (an empty <Sets/>, the namespace urn:QDA-XML:codebook:0:4, a byte-order mark); refuses a "
            + "DTD or entities, files over 16 MiB, and codes without a name or with a duplicate guid."
    )
    @OptionGroup var data: DataOptions
    @Argument(help: "The .qdc file.") var file: String
    @Option(help: ArgumentHelp("Write codebook.json (the project's format) into this folder.", valueName: "DIR"))
    var into: String?
    @Flag(help: "Replace codebook.json in --into if it exists.") var force = false

    func validate() throws {
        if into?.isEmpty == true { throw ValidationError("--into needs a folder; it was given an empty one.") }
    }

    func run() throws {
        if ImportQDPX.isZip(file) {
            throw CLIError(
                message:
                    "\(file): this is a ZIP archive, not a codebook — a REFI-QDA project (.qdpx)? Read it with "
                    + "`case-explorer import qdpx \(file)`.",
                exitCode: CLIError.dataProblem)
        }
        let imported: ImportedCodebook
        do { imported = try ImportedCodebook.read(URL(fileURLWithPath: file)) } catch { throw CLIError(error) }
        let d = try data.load()
        let all = imported.flattened
        Output.print(
            "\(file): \(all.count) codes (\(imported.codes.count) at the top level), namespace \(imported.namespace).")
        for w in imported.warnings { Output.print("note: \(w)") }
        let matches = Dictionary(
            imported.matches(in: d).map { ($0.imported, $0.existing) }, uniquingKeysWith: { a, _ in a })
        Output.table(
            ["CODE", "COLOUR", "DESCRIPTION", "MATCHES"],
            all.map { n in
                [
                    String(repeating: "  ", count: n.depth) + n.node.name, n.node.color ?? "–",
                    n.node.description == nil ? "no" : "yes", matches[n.node.name] ?? "–"
                ]
            })
        Output.print("\(matches.count) of \(all.count) match codes of this project by name.")
        if let into {
            let url = URL(fileURLWithPath: into).appendingPathComponent("codebook.json")
            let text =
                JSONWriter.write(imported.codebookFile(for: d, source: (file as NSString).lastPathComponent)) + "\n"
            do { try AtomicFile.write(Array(text.utf8), to: url, overwrite: force) } catch { throw CLIError(error) }
            Output.print("wrote \(url.path)")
        }
    }
}

struct ImportQDPX: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qdpx",
        abstract:
            "Bring codings back from a REFI-QDA project (.qdpx): one journal per user of the file, in the workspace.",
        discussion: """
            Sources are matched to excerpts by GUID, then by name (with or without .txt) and text; each \
            selection must cover the whole excerpt (code points; a byte-order mark and CRLF line ends are \
            handled) — one covering part of it is reported, not widened. Codes are matched by GUID, then \
            by name; unknown codes refuse the import unless --skip-unknown-codes. Events keep the other \
            program's times and say which file they came from; importing a file twice adds nothing. \
            Archives are read with bounds (entries, bytes per entry and in all) and no DTD; paths may \
            not leave the archive. --dry-run shows what would be written. With --new DIR, a \
            project made elsewhere becomes a new data folder (DIR/cases) with its users' journals \
            (DIR/workspace); Docs/INTEROP.md says what travels and what is lost.
            """
    )
    @OptionGroup var data: DataOptions
    @Argument(help: "The .qdpx file.") var file: String
    @Option(
        help: ArgumentHelp(
            "The workspace that receives the journals (default: $XDG_DATA_HOME/case-explorer or "
                + "~/.local/share/case-explorer).",
            valueName: "DIR")) var workspace: String?
    @Option(help: ArgumentHelp("Import only these users of the file.", valueName: "A,B")) var users: String?
    @Flag(
        help: "Import the codings whose codes this project knows and leave the rest out (listed), instead of refusing.")
    var skipUnknownCodes = false
    @Flag(help: "Report what would be imported; write nothing.") var dryRun = false
    @Option(
        help: ArgumentHelp(
            "A project made elsewhere: write it as a new data folder (DIR/cases) with the users' journals "
                + "(DIR/workspace).",
            valueName: "DIR")) var new: String?

    static func isZip(_ path: String) -> Bool {
        // Not a file (a folder, a pipe): not a ZIP either; the reader says what it is.
        guard (try? QDPXArchive.checkIsFile(URL(fileURLWithPath: path))) != nil,
            let h = FileHandle(forReadingAtPath: path)
        else { return false }
        defer { try? h.close() }
        return [UInt8](h.readData(ofLength: 4)) == ZipReader.zipSignature
    }

    func run() throws {
        let archive: QDPXArchive
        do { archive = try QDPXArchive.read(URL(fileURLWithPath: file)) } catch { throw CLIError(error) }
        if let new { return try importNew(archive, into: URL(fileURLWithPath: new)) }
        let d = try data.load()
        let ws = try CoderOptions(workspace: workspace).resolvedWorkspace(data: try data.folder())
        let wanted = users.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
        let plan = QDPXImport.plan(archive, data: d, users: wanted)
        let p = archive.project
        Output.print(
            "\(file): \(p.origin.map { "from \(ZipReader.visible($0)), " } ?? "")\(p.users.count) user(s), "
                + "\(p.codes.count) codes, \(plan.sources) sources (\(plan.byGUID) matched by GUID, \(plan.byName) by "
                + "name)."
        )
        for line in plan.skippedUsers { Output.print("skipped user \(line)") }
        for line in plan.unmatched { Output.print("not matched: \(line)") }
        for line in plan.partial { Output.print("partial selection: \(line)") }
        for line in plan.outside { Output.print("outside the excerpt: \(line)") }
        for (kind, n) in p.unsupported.sorted(by: { $0.key < $1.key }) { Output.print("no place here: \(n) \(kind)") }
        for line in plan.notes { Output.print("note: \(line)") }
        if !plan.unknownCodes.isEmpty {
            let list = plan.unknownCodes.map { "\"\(ZipReader.visible($0.name))\" (\($0.uses))" }.joined(
                separator: ", ")
            guard skipUnknownCodes else {
                throw CLIError(
                    message:
                        "\(file): \(plan.unknownCodes.count) code(s) match no code of this project: \(list); nothing "
                        + "was imported (add them to the codebook, or import the rest with --skip-unknown-codes).",
                    exitCode: CLIError.dataProblem)
            }
            Output.print("left out, codes unknown here: \(list)")
        }
        let source = (file as NSString).lastPathComponent
        for user in plan.users {
            let journal: Journal
            do { journal = try Journal(workspace: ws, coder: user.coder, mode: dryRun ? .readOnly : .write) } catch {
                throw CLIError(message: error.message, exitCode: 1)
            }
            let events = QDPXImport.fresh(user.events, state: journal.state, existing: journal.events)
            let memos = events.filter { $0.action == .memo }.count
            guard !events.isEmpty else {
                Output.print("\(user.coder): nothing new (\(user.excerpts) excerpt(s) already as in the file).");
                continue
            }
            if dryRun {
                Output.print(
                    "\(user.coder): would write \(events.count - memos) decision(s) and \(memos) memo(s) on "
                        + "\(Set(events.map(\.excerpt)).count) excerpt(s)."
                ); continue
            }
            do { try journal.appendImported(events, from: source) } catch {
                throw CLIError(message: error.message, exitCode: 1)
            }
            Output.print(
                "\(user.coder): wrote \(events.count - memos) decision(s) and \(memos) memo(s) on "
                    + "\(Set(events.map(\.excerpt)).count) excerpt(s) to \(journal.url.path)."
            )
        }
        if plan.users.isEmpty { Output.print("no codings of a user to import.") }
    }
}

extension ImportQDPX {
    func importNew(_ archive: QDPXArchive, into dir: URL) throws {
        let report: ForeignProject.Report
        do { report = try ForeignProject.write(archive, to: dir) } catch { throw CLIError(error) }
        let cases = dir.appendingPathComponent("cases").path, ws = dir.appendingPathComponent("workspace").path
        Output.print(
            "\(file): \(report.excerpts) excerpts (coded text selections), \(report.codes) codes, \(report.cases) "
                + "cases → \(cases)"
        )
        for j in report.journals {
            Output.print("\(j.coder): \(j.decisions) coding(s) and \(j.memos) memo(s) → \(ws)/journals")
        }
        if report.uncodedSources > 0 {
            Output.print("no place here: \(report.uncodedSources) text source(s) without a coded selection")
        }
        for (kind, n) in report.unsupported.sorted(by: { $0.key < $1.key }) {
            Output.print("no place here: \(n) \(kind)")
        }
        for line in report.unreadable { Output.print("not read: \(line)") }
        if report.outOfRange > 0 {
            Output.print("not read: \(report.outOfRange) selection(s) empty or outside their source's text")
        }
        if report.unknownCodes > 0 {
            Output.print("no place here: \(report.unknownCodes) coding(s) with a code the codebook lacks")
        }
        for line in report.skippedUsers { Output.print("skipped user \(line)") }
        Output.print("open it: case-explorer --cases \(cases)   (journals: --workspace \(ws))")
    }
}
