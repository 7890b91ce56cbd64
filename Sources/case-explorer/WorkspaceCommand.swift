import ArgumentParser
import CaseCore
import Foundation

/// The workspace folder alone (no coder): for setting it up and synchronising it.
struct WorkspaceOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The workspace that holds coders' journals (default: $XDG_DATA_HOME/case-explorer or "
                + "~/.local/share/case-explorer).",
            valueName: "DIR"))
    var workspace: String?

    /// The workspace, refused when it is inside the data folder.
    func resolved(_ data: DataOptions) throws -> Workspace {
        try CoderOptions(workspace: workspace, coder: nil).resolvedWorkspace(data: try data.folder())
    }
}

extension CoderOptions {
    init(workspace: String?, coder: String?) {
        self.init()
        self.workspace = workspace
        self.coder = coder
    }
}

extension SyncError {
    /// 69 (unavailable): no git, or the remote cannot be reached; 78 (configuration): the
    /// workspace is not set up for syncing; 1: a conflict or anything else git refused.
    var cliError: CLIError {
        let status: Int32
        switch kind {
        case .noGit, .unreachable: status = 69
        case .notSetUp: status = 78
        case .files: status = 73
        case .conflict, .git: status = 1
        }
        return CLIError(message: message, exitCode: status)
    }
}

struct WorkspaceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workspace",
        abstract: "Set up the workspace for a team (a git repository whose journals merge).",
        subcommands: [WorkspaceInit.self]
    )
}

struct WorkspaceInit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make the workspace a git repository whose journals merge by union (safe to run again).",
        discussion: """
            Writes .gitattributes (journals/*.jsonl merge=union), .gitignore (locks, damaged tails, pins) and a README \
            that explains the layout — adding only what is missing, never replacing a file — then runs git init if the \
            workspace is not already inside a repository (or with --own-repository), adds the remote as origin when \
            --remote is given, and commits \
            the three files. A second machine clones the repository into its workspace instead (Docs/TEAM.md).
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var workspace: WorkspaceOption
    @Option(
        help: ArgumentHelp(
            "The shared repository to sync with, added as origin (a path, ssh or https URL).", valueName: "URL"))
    var remote: String?
    @Flag(
        help:
            ArgumentHelp(
                "Make the workspace a repository of its own even when it is inside another one (by default a workspace "
                    + "inside a repository is a folder of it).")
    )
    var ownRepository = false

    func run() throws {
        let ws = try workspace.resolved(data)
        do {
            for line in try TeamWorkspace(ws).initialize(remote: remote, ownRepository: ownRepository) {
                Output.print(line)
            }
        } catch { throw error.cliError }
    }
}

struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Share the journals through git: commit them, pull (merging by union), push, and say what came in.",
        discussion: """
            Runs git: commits every journal's complete lines, pulls with --no-rebase --autostash (journals merge by \
            union; a journal in conflict gets both sides' lines, so it never blocks the pull), pushes, and reports per \
            coder what came in ("bo: 14 new decisions, 2 memos") and any resolutions in conflict. An open explorer \
            replays what came in by itself. Only journals are committed: with other changes staged in the \
            repository it stops and names them. Exit status: 0 synced, 1 a conflict in a file that is not a journal \
            (the merge is undone), changes staged outside the journals, or git refused, 69 no git or the remote \
            cannot be reached, 78 the workspace is not a repository with a remote (run workspace init).
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        let ws = try workspace.resolved(data)
        do {
            for line in try TeamWorkspace(ws).sync().lines { Output.print(line) }
        } catch { throw error.cliError }
    }
}
