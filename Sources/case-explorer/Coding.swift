import ArgumentParser
import CaseCore
import Foundation

struct CoderOptions: ParsableArguments {
    static let workspaceHelp = ArgumentHelp(
        "The workspace that holds coders' journals (default: $XDG_DATA_HOME/case-explorer or "
            + "~/.local/share/case-explorer).",
        valueName: "DIR")

    @Option(help: CoderOptions.workspaceHelp)
    var workspace: String?

    @Option(help: ArgumentHelp("Whose coding (default: the login name).", valueName: "NAME"))
    var coder: String?

    var coderName: String { coder ?? Workspace.loginName() }

    func resolvedWorkspace(data: URL) throws -> Workspace {
        // An empty value (`--workspace "$WS"` with WS unset) would put journals in the working folder.
        if workspace?.isEmpty == true {
            throw CLIError(message: "--workspace needs a folder; it was given an empty one.", exitCode: CLIError.usage)
        }
        let ws = workspace.map { Workspace(root: URL(fileURLWithPath: $0)) } ?? Workspace.default()
        do { try ws.check(notInside: data) } catch {
            throw CLIError(message: error.message, exitCode: ExitCode.validationFailure.rawValue)
        }
        return ws
    }
}

struct CodingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coding",
        abstract: "Record and read a coder's coding decisions (the journal).",
        discussion: """
            Every decision is appended to the coder's journal, <workspace>/journals/<coder>.jsonl, and \
            is on disk (fsync) before `saved <sequence number>` is printed. One process at a time may \
            write a coder's journal. Nothing is ever written under the data folder.
            """,
        subcommands: [
            CodingSet.self, CodingApply.self, CodingRemove.self, CodingMemo.self, CodingStatus.self, CodingExport.self,
            CodingLog.self
        ]
    )
}

/// Opens the session, records one decision, prints `saved N`.
private func record(_ data: DataOptions, _ coder: CoderOptions, _ make: (String) -> CodingEvent) throws {
    let dataset = try data.load()
    let name = coder.coderName
    do {
        try Workspace.checkCoderName(name)
        let journal = try Journal(workspace: try coder.resolvedWorkspace(data: try data.folder()), coder: name)
        for d in journal.damage { Output.error("\(journal.url.lastPathComponent): \(d)") }
        let saved = try CodingSession(journal: journal, data: dataset).record(make(name))
        Output.print("saved \(saved.sequence)")
    } catch let e as JournalError {
        throw CLIError(e)
    }
}

struct CodingSet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract:
            "Set the full set of codes of an excerpt, a full answer: an excerpt without a status becomes "
            + "reviewed (empty: reviewed with no codes).")
    @OptionGroup var data: DataOptions
    @OptionGroup var coder: CoderOptions
    @Option(help: ArgumentHelp("The excerpt.", valueName: "ID")) var excerpt: String
    @Option(help: ArgumentHelp("Comma-separated code ids; \"\" for none.", valueName: "A,B")) var codes: String

    func run() throws {
        let list = codes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        try record(data, coder) {
            CodingEvent(coder: $0, excerpt: excerpt, action: .set, codes: Array(Set(list)).sorted())
        }
    }
}

struct CodingApply: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "apply", abstract: "Apply one code to an excerpt.")
    @OptionGroup var data: DataOptions
    @OptionGroup var coder: CoderOptions
    @Option(help: ArgumentHelp("The excerpt.", valueName: "ID")) var excerpt: String
    @Option(help: ArgumentHelp("The code.", valueName: "ID")) var code: String
    func run() throws {
        try record(data, coder) { CodingEvent(coder: $0, excerpt: excerpt, action: .apply, code: code) }
    }
}

struct CodingRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove one code from an excerpt.")
    @OptionGroup var data: DataOptions
    @OptionGroup var coder: CoderOptions
    @Option(help: ArgumentHelp("The excerpt.", valueName: "ID")) var excerpt: String
    @Option(help: ArgumentHelp("The code.", valueName: "ID")) var code: String
    func run() throws {
        try record(data, coder) { CodingEvent(coder: $0, excerpt: excerpt, action: .remove, code: code) }
    }
}

struct CodingMemo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memo",
        abstract: "Write the memo of an excerpt, or of an excerpt–code pair with --code (empty text clears it).")
    @OptionGroup var data: DataOptions
    @OptionGroup var coder: CoderOptions
    @Option(help: ArgumentHelp("The excerpt.", valueName: "ID")) var excerpt: String
    @Option(help: ArgumentHelp("The code the memo is about (optional).", valueName: "ID")) var code: String?
    @Option(help: "The memo (UTF-8, may span lines).") var text: String
    func run() throws {
        try record(data, coder) { CodingEvent(coder: $0, excerpt: excerpt, action: .memo, code: code, memo: text) }
    }
}

extension ReviewStatus: ExpressibleByArgument {}

struct CodingStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Mark an excerpt reviewed, disputed, discuss (needs discussion) or unreviewed."
    )
    @OptionGroup var data: DataOptions
    @OptionGroup var coder: CoderOptions
    @Option(help: ArgumentHelp("The excerpt.", valueName: "ID")) var excerpt: String
    @Option(help: "reviewed, disputed, discuss or unreviewed.") var status: ReviewStatus
    func run() throws {
        try record(data, coder) { CodingEvent(coder: $0, excerpt: excerpt, action: .status, status: status) }
    }
}

/// Opens a journal read-only (works while another process writes it); `rapport` is the data's
/// reference coding (no journal). The events are not gathered: `log` streams them from the journal.
private func readCoding(_ data: DataOptions, _ coder: CoderOptions) throws -> (Dataset, CodingState, Journal?) {
    let dataset = try data.load()
    let name = coder.coderName
    if name == Dataset.referenceCoder {
        var state = CodingState()
        for (i, c) in dataset.codings.filter({ $0.coder == name }).enumerated() {
            state.apply(
                CodingEvent(
                    sequence: i + 1, time: "", coder: name, excerpt: c.excerpt, action: .set, codes: c.codes,
                    status: .reviewed))
        }
        return (dataset, state, nil)
    }
    do {
        try Workspace.checkCoderName(name)
        let ws = try coder.resolvedWorkspace(data: try data.folder())
        guard FileManager.default.fileExists(atPath: ws.journal(of: name).path) else {
            let known = ws.coders().isEmpty ? "" : " (coders there: \(ws.coders().joined(separator: ", ")))"
            throw CLIError(
                message: "coder \"\(name)\" has no journal in \(ws.journals.path)\(known).",
                exitCode: CLIError.notFound)
        }
        let journal = try Journal(workspace: ws, coder: name, mode: .readOnly)
        for d in journal.damage { Output.error("\(journal.url.lastPathComponent): \(d)") }
        return (dataset, journal.state, journal)
    } catch let e as JournalError {
        throw CLIError(message: e.message, exitCode: 1)
    }
}

struct CodingExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "The current coding: every excerpt the coder has touched, with codes, status and memo.")
    @OptionGroup var data: DataOptions
    @OptionGroup var coder: CoderOptions
    @Flag(help: "Print a JSON array of {excerpt, codes, status, memo, codeMemos}.") var json = false

    func run() throws {
        let (dataset, state, _) = try readCoding(data, coder)
        let order = Dictionary(uniqueKeysWithValues: dataset.excerpts.enumerated().map { ($1.id, $0) })
        let touched = state.excerpts.filter(\.value.touched).sorted {
            (order[$0.key] ?? Int.max, $0.key) < (order[$1.key] ?? Int.max, $1.key)
        }
        if json {
            return Output.json(
                .array(
                    touched.map { id, c in
                        var o = JSONObjectBuilder()
                        o.set("excerpt", id)
                        o.set("codes", .array(c.sortedCodes.map(JSONValue.string)))
                        o.set("status", c.status.rawValue)
                        o.set("memo", c.memo.isEmpty ? nil : c.memo)
                        o.set(
                            "codeMemos",
                            .object(c.codeMemos.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
                        return o.value
                    }))
        }
        Output.table(
            ["EXCERPT", "STATUS", "CODES", "MEMO"],
            touched.map { id, c in
                [
                    id, c.status.rawValue, c.sortedCodes.joined(separator: ","),
                    c.memo.replacingOccurrences(of: "\n", with: " ⏎ ")
                ]
            })
        Output.print(
            "\(touched.count) excerpts touched, \(state.reviewedCount(in: dataset.excerpts.map(\.id))) of "
                + "\(dataset.excerpts.count) reviewed."
        )
    }
}

struct CodingLog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "The audit trail: who decided what, when, and what it replaced.")
    @OptionGroup var data: DataOptions
    @OptionGroup var coder: CoderOptions
    @Option(help: ArgumentHelp("Only this excerpt.", valueName: "ID")) var excerpt: String?
    @Flag(help: "Print the events as a JSON array.") var json = false

    func run() throws {
        guard let journal = try readCoding(data, coder).2 else { return json ? Output.print("[]") : () }
        // Streamed: a journal of millions of events is never held in memory at once.
        var first = true
        if json { Output.raw("[") }
        do {
            try journal.forEachEvent { e in
                guard excerpt == nil || e.excerpt == excerpt else { return }
                if json { Output.raw((first ? "" : ",\n") + e.jsonLine) } else { Output.print(describe(e)) }
                first = false
            }
        } catch { throw CLIError(message: error.message, exitCode: 1) }
        if json { Output.print("]") }
    }

    func describe(_ e: CodingEvent) -> String {
        var what: String
        switch e.action {
        case .apply: what = "applied \(e.code ?? "")"
        case .remove: what = "removed \(e.code ?? "")"
        case .set:
            what =
                "set codes [\((e.codes ?? []).joined(separator: ", "))]"
                + (e.status.map { ", status \($0.rawValue)" } ?? "")
        case .status: what = "marked \(e.status?.rawValue ?? "")"
        case .memo:
            what =
                (e.memo?.isEmpty ?? true
                    ? "cleared the memo" : "wrote the memo «\(e.memo!.replacingOccurrences(of: "\n", with: " ⏎ "))»")
                + (e.code.map { " on \($0)" } ?? "")
        }
        if let r = e.replaced {
            var parts: [String] = []
            if let c = r.codes { parts.append("codes [\(c.joined(separator: ", "))]") }
            if let s = r.status { parts.append("status \(s.rawValue)") }
            if let m = r.memo {
                parts.append(m.isEmpty ? "no memo" : "memo «\(m.replacingOccurrences(of: "\n", with: " ⏎ "))»")
            }
            if !parts.isEmpty { what += "; replaced " + parts.joined(separator: ", ") }
        }
        if let u = e.undoes { what += " (undo of \(u))" }
        if let r = e.redoes { what += " (redo of \(r))" }
        if let i = e.imported { what += " (imported from \(i))" }
        return "#\(e.sequence)  \(e.time)  \(e.coder)  \(e.excerpt)  \(what)"
    }
}
