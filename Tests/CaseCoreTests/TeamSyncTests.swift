import Foundation
import Testing
@testable import CaseCore

/// One machine of a team: a clone of the shared repository holding a workspace, with real git.
final class Machine {
    let name: String
    let workspace: Workspace
    private var sessions: [String: CodingSession] = [:]
    /// Every event this machine's sessions acknowledged (on disk before returned).
    private(set) var acknowledged: [CodingEvent] = []

    /// The first machine sets the workspace up and adds the remote; the others clone it.
    init(_ name: String, remote: URL, in folder: URL, first: Bool) throws {
        self.name = name
        let root = folder.appendingPathComponent(name)
        workspace = Workspace(root: root)
        if first {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try Machine.git(["init", "-q"], in: root)
        } else {
            try Machine.git(["clone", "-q", remote.path, root.path], in: folder)
        }
        try Machine.git(["config", "user.name", name], in: root)
        try Machine.git(["config", "user.email", "\(name)@example.org"], in: root)
        _ = try TeamWorkspace(workspace).initialize(remote: first ? remote.path : nil)
    }

    @discardableResult
    static func git(_ arguments: [String], in dir: URL) throws -> String {
        guard let git = Git(in: dir) else { throw JournalError("no git") }
        let o = try git.run(arguments)
        guard o.ok else { throw JournalError("git \(arguments.joined(separator: " ")): \(o.stderr)") }
        return o.text
    }

    /// The coder's session on this machine, kept open across syncs as an open explorer keeps it.
    func session(_ coder: String) throws -> CodingSession {
        if let s = sessions[coder] { return s }
        let s = CodingSession(journal: try Journal(workspace: workspace, coder: coder), data: Fixtures.dataset)
        sessions[coder] = s
        return s
    }

    func record(_ coder: String, _ event: CodingEvent) throws { acknowledged.append(try session(coder).record(event)) }
    func undo(_ coder: String) throws { if let e = try session(coder).undo() { acknowledged.append(e) } }
    func redo(_ coder: String) throws { if let e = try session(coder).redo() { acknowledged.append(e) } }
    func close(_ coder: String) { sessions[coder] = nil }

    @discardableResult
    func sync() throws -> SyncReport { try TeamWorkspace(workspace).sync() }

    /// A coder's journal as read from disk now (read-only, as a colleague or the CLI reads it).
    func journal(_ coder: String) throws -> Journal { try Journal(workspace: workspace, coder: coder, mode: .readOnly) }
}

/// A bare remote and machines cloning it, in a temporary folder.
struct Team {
    let folder: URL
    let remote: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("team-sync-\(UUID().uuidString)")
        remote = folder.appendingPathComponent("remote.git")
        try FileManager.default.createDirectory(at: remote, withIntermediateDirectories: true)
        try Machine.git(["init", "-q", "--bare"], in: remote)
    }

    func machines(_ names: [String]) throws -> [Machine] {
        var out: [Machine] = []
        for (i, name) in names.enumerated() {
            let m = try Machine(name, remote: remote, in: folder, first: i == 0)
            // The first machine's setup reaches the remote before the others clone it.
            if i == 0 { try m.sync() }
            out.append(m)
        }
        return out
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

@Suite(.serialized) struct TeamSyncTests {
    let excerpts = Array(Fixtures.dataset.excerpts.prefix(8).map(\.id))
    let codes = Array(Fixtures.dataset.codes.prefix(6).map(\.id))

    /// Every acknowledged event of every machine is in each machine's journal, and each
    /// machine's replay equals the replay of all acknowledged events.
    func expectConverged(
        _ machines: [Machine], coders: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        for coder in coders {
            let acknowledged = machines.flatMap(\.acknowledged).filter { $0.coder == coder }
            let expected = CodingState(replaying: acknowledged)
            for m in machines {
                let journal = try m.journal(coder)
                let ids = Set(journal.events.map(\.id))
                let lost = acknowledged.filter { !ids.contains($0.id) }
                #expect(
                    lost.isEmpty, "\(m.name) lacks \(lost.count) of \(coder)'s acknowledged events",
                    sourceLocation: sourceLocation)
                #expect(
                    journal.state == expected,
                    "\(m.name)'s replay of \(coder) differs from the replay of every acknowledged event",
                    sourceLocation: sourceLocation)
                #expect(journal.damage.isEmpty, "\(m.name) \(coder): \(journal.damage)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test(arguments: [false, true])
    func oneCoderOnTwoMachinesWithUndoRedoAndMemosConverges(laptopFirst: Bool) throws {
        let team = try Team()
        defer { team.remove() }
        let ms = try team.machines(["laptop", "desktop"])
        let (laptop, desktop) = (ms[0], ms[1])
        // The same coder on both machines, offline from each other.
        try laptop.record(
            "anna", CodingEvent(coder: "anna", excerpt: excerpts[0], action: .set, codes: [codes[0], codes[1]]))
        try laptop.record("anna", CodingEvent(coder: "anna", excerpt: excerpts[0], action: .apply, code: codes[2]))
        try laptop.undo("anna")
        try laptop.record(
            "anna", CodingEvent(coder: "anna", excerpt: excerpts[1], action: .memo, memo: "Merknad – æøå\nto linjer"))
        // The desktop decides later: events in the same millisecond on two machines are
        // concurrent and ordered by their ids, which would leave the last check to chance.
        Thread.sleep(forTimeInterval: 0.005)
        try desktop.record("anna", CodingEvent(coder: "anna", excerpt: excerpts[0], action: .remove, code: codes[0]))
        try desktop.record("anna", CodingEvent(coder: "anna", excerpt: excerpts[2], action: .status, status: .discuss))
        try desktop.undo("anna")
        try desktop.redo("anna")
        try desktop.record(
            "anna", CodingEvent(coder: "anna", excerpt: excerpts[2], action: .memo, code: codes[3], memo: "om koden"))
        try desktop.record("bo", CodingEvent(coder: "bo", excerpt: excerpts[3], action: .set, codes: [codes[4]]))

        let order = laptopFirst ? [laptop, desktop, laptop] : [desktop, laptop, desktop]
        try order[0].sync()
        let second = try order[1].sync()
        try order[2].sync()
        // The second to sync saw the first's decisions come in, counted per coder.
        let anna = second.incoming.first { $0.coder == "anna" }
        #expect(anna != nil)
        if laptopFirst {
            #expect(
                anna?.decisions == 3 && anna?.memos == 1,
                "the laptop's 3 decisions (an undo among them) and 1 memo: \(second.lines)")
        } else {
            #expect(
                anna?.decisions == 4 && anna?.memos == 1,
                "the desktop's 4 decisions (an undo and a redo among them) and 1 memo: \(second.lines)")
            #expect(second.lines.contains("  bo: 1 new decision"), "\(second.lines)")
        }
        try expectConverged([laptop, desktop], coders: ["anna", "bo"])
        // An open session follows the merge (as the explorer does on its timer): its state is the
        // merged one, and a decision after it lands in the merged journal and travels.
        #expect(try laptop.session("anna").journal.refresh())
        #expect(try laptop.session("anna").state == laptop.journal("anna").state)
        try laptop.record("anna", CodingEvent(coder: "anna", excerpt: excerpts[4], action: .set, codes: []))
        try laptop.sync()
        try desktop.sync()
        try expectConverged([laptop, desktop], coders: ["anna", "bo"])
        #expect(try desktop.journal("anna").state[excerpts[0]].codes == [codes[1]])
    }

    @Test func concurrentResolutionsAreBothKeptAsAConflictUntilSettled() throws {
        let team = try Team()
        defer { team.remove() }
        let ms = try team.machines(["lead", "deputy"])
        let (lead, deputy) = (ms[0], ms[1])
        func resolve(_ m: Machine, _ codes: [String], by: String) throws {
            var e = CodingEvent(coder: "consensus", excerpt: excerpts[0], action: .set, codes: codes, status: .reviewed)
            e.resolution = .init(
                by: by, choice: "edit", sources: [.init(coder: "anna", sequence: 1, id: "x-1", codes: codes)])
            try m.record("consensus", e)
        }
        try resolve(lead, [codes[0]], by: "lead")
        try resolve(deputy, [codes[1]], by: "deputy")
        try lead.sync()
        let report = try deputy.sync()
        try lead.sync()
        #expect(report.conflicts["consensus"] == [excerpts[0]], "\(report.lines)")
        #expect(report.lines.contains { $0.contains("resolutions in conflict") })
        for m in [lead, deputy] {
            let c = try m.journal("consensus").state[excerpts[0]]
            #expect(Set(c.conflict.map(\.codes)) == [[codes[0]], [codes[1]]], "both resolutions kept on \(m.name)")
            #expect(Set(c.conflict.map(\.by)) == ["lead", "deputy"])
        }
        try expectConverged([lead, deputy], coders: ["consensus"])
        // Settling after seeing both clears the conflict everywhere.
        lead.close("consensus")
        try resolve(lead, [codes[0], codes[1]], by: "lead")
        try lead.sync()
        try deputy.sync()
        for m in [lead, deputy] {
            let c = try m.journal("consensus").state[excerpts[0]]
            #expect(c.conflict.isEmpty)
            #expect(c.codes == [codes[0], codes[1]])
        }
    }

    @Test func aTornTailInAPulledJournalIsHandledAsLocally() throws {
        let team = try Team()
        defer { team.remove() }
        let ms = try team.machines(["a", "b"])
        let (a, b) = (ms[0], ms[1])
        try b.record("anna", CodingEvent(coder: "anna", excerpt: excerpts[0], action: .apply, code: codes[0]))
        try a.record("anna", CodingEvent(coder: "anna", excerpt: excerpts[1], action: .apply, code: codes[1]))
        b.close("anna")
        // b's journal is committed by hand with a torn last line (a kill mid-write, then plain git).
        let url = b.workspace.journal(of: "anna")
        let handle = try FileHandle(forWritingTo: url)
        handle.seekToEndOfFile()
        handle.write(Data(#"{"seq":2,"id":"zzzzzzzz-2","time":"2099-01-01T00:00:00.000Z","coder":"anna","exc"#.utf8))
        try handle.close()
        try Machine.git(["add", "journals/anna.jsonl"], in: b.workspace.root)
        try Machine.git(["commit", "-q", "-m", "torn"], in: b.workspace.root)
        try Machine.git(["push", "-q", "origin", "HEAD"], in: b.workspace.root)
        a.close("anna")
        let report = try a.sync()
        #expect(report.incoming.first { $0.coder == "anna" }?.damaged == 1, "\(report.lines)")
        #expect(report.lines.contains { $0.contains("damaged line") })
        // Read-only: reported, left in place, every complete event kept.
        let read = try a.journal("anna")
        #expect(read.damage.count == 1)
        #expect(read.state[excerpts[0]].codes == [codes[0]] && read.state[excerpts[1]].codes == [codes[1]])
        // Writing: the damaged tail is moved aside, and the next decision lands after the events.
        try a.record("anna", CodingEvent(coder: "anna", excerpt: excerpts[2], action: .apply, code: codes[2]))
        let moved = try FileManager.default.contentsOfDirectory(atPath: a.workspace.journals.path).filter {
            $0.contains(".damaged-")
        }
        #expect(moved.count == 1)
        try a.sync()
        // b, where the write was cut off, handles it the same way when it next writes.
        try b.record("anna", CodingEvent(coder: "anna", excerpt: excerpts[3], action: .apply, code: codes[3]))
        try b.sync()
        try a.sync()
        try expectConverged([a, b], coders: ["anna"])
    }

    @Test func oldJournalsWithoutIdsMergeWithoutLosingADecision() throws {
        let team = try Team()
        defer { team.remove() }
        let ms = try team.machines(["a", "b"])
        let (a, b) = (ms[0], ms[1])
        // Two machines that, before ids, both wrote a decision number 1 (old format).
        func old(_ m: Machine, _ excerpt: String, _ code: String) throws {
            try FileManager.default.createDirectory(at: m.workspace.journals, withIntermediateDirectories: true)
            let line =
                #"{"seq":1,"time":"2026-01-01T10:00:00.000Z","coder":"anna","excerpt":""# + excerpt
                + #"","action":"apply","code":""# + code + "\"}\n"
            try Data(line.utf8).write(to: m.workspace.journal(of: "anna"))
        }
        try old(a, excerpts[0], codes[0])
        try old(b, excerpts[1], codes[1])
        try a.sync()
        try b.sync()
        try a.sync()
        for m in [a, b] {
            let j = try m.journal("anna")
            #expect(j.damage.isEmpty, "\(j.damage)")
            #expect(
                j.state[excerpts[0]].codes == [codes[0]] && j.state[excerpts[1]].codes == [codes[1]],
                "both number-1 decisions kept on \(m.name)")
        }
    }

    @Test func anOldJournalLoadsAsItWasAndGoesOnWithIds() throws {
        let ws = Workspace(
            root: FileManager.default.temporaryDirectory.appendingPathComponent("team-old-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: ws.root) }
        try FileManager.default.createDirectory(at: ws.journals, withIntermediateDirectories: true)
        let old = [
            #"{"seq":1,"time":"2026-01-01T10:00:00.000Z","coder":"anna","excerpt":"ex-5.3-02","action":"set","#
                + #""codes":["ppt"]}"#,
            #"{"seq":2,"time":"2026-01-01T10:00:01.000Z","coder":"anna","excerpt":"ex-5.3-02","action":"apply","#
                + #""code":"statped","replaced":{"codes":["ppt"]}}"#,
            #"{"seq":3,"time":"2026-01-01T10:00:02.000Z","coder":"anna","excerpt":"ex-5.3-02","action":"set","#
                + #""codes":["ppt"],"undoes":2}"#
        ]
        try Data((old.joined(separator: "\n") + "\n").utf8).write(to: ws.journal(of: "anna"))
        let before = try Data(contentsOf: ws.journal(of: "anna"))
        let read = try Journal(workspace: ws, coder: "anna", mode: .readOnly)
        #expect(read.damage.isEmpty)
        #expect(read.state["ex-5.3-02"].codes == ["ppt"])
        let ids = read.events.map(\.id)
        #expect(ids.allSatisfy { $0.hasPrefix("legacy.") } && Set(ids).count == 3)
        #expect(ids.map(CodingEvent.number(of:)) == ["1", "2", "3"])
        #expect(read.events[2].undoes == "legacy-2" && CodingEvent.number(of: read.events[2].undoes!) == "2")
        // Read on another machine, the same lines are the same events.
        #expect(try Journal(workspace: ws, coder: "anna", mode: .readOnly).events.map(\.id) == ids)
        // Writing goes on after them, with ids; the old lines are not rewritten.
        let session = CodingSession(journal: try Journal(workspace: ws, coder: "anna"), data: Fixtures.dataset)
        let saved = try session.record(
            CodingEvent(coder: "anna", excerpt: "ex-5.3-02", action: .apply, code: "statped"))
        #expect(saved.sequence == 4 && saved.id == "\(session.journal.session)-4")
        let after = try Data(contentsOf: ws.journal(of: "anna"))
        #expect(after.prefix(before.count) == before)
        #expect(
            try Journal(workspace: ws, coder: "anna", mode: .readOnly).state["ex-5.3-02"].codes == ["ppt", "statped"])
    }

    @Test func aConflictInAJournalWithoutTheUnionAttributeDoesNotBlockThePull() throws {
        let team = try Team()
        defer { team.remove() }
        let ms = try team.machines(["a", "b"])
        let (a, b) = (ms[0], ms[1])
        // Without .gitattributes git's ordinary merge conflicts at the end of the journal.
        try FileManager.default.removeItem(at: a.workspace.root.appendingPathComponent(".gitattributes"))
        try Machine.git(["commit", "-q", "-am", "no union"], in: a.workspace.root)
        try a.sync()
        try Machine.git(["pull", "-q", "--no-rebase", "origin", "HEAD"], in: b.workspace.root)
        try a.record("anna", CodingEvent(coder: "anna", excerpt: excerpts[0], action: .apply, code: codes[0]))
        try a.sync()
        try b.record("anna", CodingEvent(coder: "anna", excerpt: excerpts[1], action: .apply, code: codes[1]))
        try b.record("anna", CodingEvent(coder: "anna", excerpt: excerpts[0], action: .apply, code: codes[2]))
        try a.record("anna", CodingEvent(coder: "anna", excerpt: excerpts[2], action: .apply, code: codes[3]))
        try a.sync()
        let report = try b.sync()
        #expect(report.notes.contains { $0.contains("both sides' lines were kept") }, "\(report.lines)")
        try a.sync()
        try expectConverged([a, b], coders: ["anna"])
    }

    @Test func aConflictInAnotherFileUndoesTheMergeAndSaysSo() throws {
        let team = try Team()
        defer { team.remove() }
        let ms = try team.machines(["a", "b"])
        let (a, b) = (ms[0], ms[1])
        for (m, text) in [(a, "a\n"), (b, "b\n")] {
            try Data(text.utf8).write(to: m.workspace.root.appendingPathComponent("notes.txt"))
            try Machine.git(["add", "notes.txt"], in: m.workspace.root)
            try Machine.git(["commit", "-q", "-m", "notes"], in: m.workspace.root)
        }
        try a.record("anna", CodingEvent(coder: "anna", excerpt: excerpts[0], action: .apply, code: codes[0]))
        try a.sync()
        try b.record("anna", CodingEvent(coder: "anna", excerpt: excerpts[1], action: .apply, code: codes[1]))
        #expect {
            try b.sync()
        } throws: { error in
            guard let e = error as? SyncError else { return false }
            return e.kind == .conflict && e.message.contains("notes.txt") && e.message.contains("not a journal")
                && e.message.contains("undone")
        }
        // The merge is undone; b's decision is committed and its journal intact.
        #expect(
            !FileManager.default.fileExists(atPath: b.workspace.root.appendingPathComponent(".git/MERGE_HEAD").path))
        #expect(try b.journal("anna").state[excerpts[1]].codes == [codes[1]])
        #expect(
            try Machine.git(["log", "--oneline", "-1", "--", "journals/anna.jsonl"], in: b.workspace.root).contains(
                "sync"))
    }

    @Test func clearSentencesWithoutARemoteARepositoryOrAReachableRemote() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("team-errors-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ws = Workspace(root: folder.appendingPathComponent("ws"))
        try FileManager.default.createDirectory(at: ws.root, withIntermediateDirectories: true)
        func failure(_ body: () throws -> Void) -> SyncError? {
            do { try body(); return nil } catch { return error as? SyncError }
        }
        // No workspace at all.
        let missing = failure { _ = try TeamWorkspace(Workspace(root: folder.appendingPathComponent("none"))).sync() }
        #expect(
            missing?.kind == .notSetUp && missing?.message.contains("there is no workspace at") == true,
            "\(String(describing: missing))")
        // Not a repository (the temporary folder is outside any repository).
        let notRepo = failure { _ = try TeamWorkspace(ws).sync() }
        #expect(
            notRepo?.kind == .notSetUp && notRepo?.message.contains("workspace init") == true,
            "\(String(describing: notRepo))")
        // A repository without a remote.
        try Machine.git(["init", "-q"], in: ws.root)
        try Machine.git(["config", "user.name", "t"], in: ws.root)
        try Machine.git(["config", "user.email", "t@example.org"], in: ws.root)
        _ = try TeamWorkspace(ws).initialize(remote: nil)
        let noRemote = failure { _ = try TeamWorkspace(ws).sync() }
        #expect(
            noRemote?.kind == .notSetUp && noRemote?.message.contains("no remote") == true,
            "\(String(describing: noRemote))")
        // A remote that cannot be reached (offline): the decisions are committed here.
        try Machine.git(["remote", "add", "origin", folder.appendingPathComponent("gone.git").path], in: ws.root)
        let session = CodingSession(journal: try Journal(workspace: ws, coder: "anna"), data: Fixtures.dataset)
        try session.record(CodingEvent(coder: "anna", excerpt: excerpts[0], action: .apply, code: codes[0]))
        let offline = failure { _ = try TeamWorkspace(ws).sync() }
        #expect(
            offline?.kind == .unreachable && offline?.message.contains("cannot reach the remote origin") == true,
            "\(String(describing: offline))")
        #expect(try Machine.git(["log", "--oneline", "-1"], in: ws.root).contains("journals of anna"))
        // No git on PATH.
        let noGit = failure { _ = try TeamWorkspace(ws, environment: ["PATH": folder.path]) }
        #expect(noGit?.kind == .noGit && noGit?.message.contains("git is not installed") == true)
        // One sentence each: no new line, no stack trace.
        for e in [notRepo, noRemote, offline, noGit].compactMap({ $0 }) { #expect(!e.message.contains("\n")) }
    }

    @Test func aWorkspaceInsideARepositoryIsAFolderOfItUnlessItIsToBeItsOwn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("team-nested-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Machine.git(["init", "-q"], in: folder)
        try Machine.git(["config", "user.name", "p"], in: folder)
        try Machine.git(["config", "user.email", "p@example.org"], in: folder)
        let inner = Workspace(root: folder.appendingPathComponent("project/workspace"))
        let done = try TeamWorkspace(inner).initialize(remote: nil)
        #expect(
            done.contains(
                "the workspace is in the git repository "
                    + "\(try Machine.git(["rev-parse", "--show-toplevel"], in: folder))"
            ), "\(done)")
        #expect(try Machine.git(["ls-files"], in: folder).contains("project/workspace/.gitattributes"))
        #expect(!FileManager.default.fileExists(atPath: inner.root.appendingPathComponent(".git").path))
        let own = Workspace(root: folder.appendingPathComponent("own"))
        try FileManager.default.createDirectory(at: own.root, withIntermediateDirectories: true)
        try Machine.git(["init", "-q"], in: own.root)
        let again = try TeamWorkspace(own).initialize(remote: nil, ownRepository: true)
        #expect(
            again.contains { $0.hasPrefix("the workspace is in the git repository") && $0.hasSuffix("/own") },
            "its own repository, already made: \(again)")
        let fresh = Workspace(root: folder.appendingPathComponent("fresh"))
        try FileManager.default.createDirectory(at: fresh.root, withIntermediateDirectories: true)
        #expect(
            try TeamWorkspace(fresh).initialize(remote: nil, ownRepository: true).contains { $0.hasPrefix("made ") })
        #expect(FileManager.default.fileExists(atPath: fresh.root.appendingPathComponent(".git").path))
    }

    /// A workspace that is a folder of the project's own repository: what the user staged there
    /// (a chapter in progress) never goes into sync's commit, nor to the remote. Sync stops with
    /// one sentence naming it, commits nothing, and commits only the journals once it is unstaged.
    @Test func syncNeverCommitsWhatTheUserStagedOutsideTheJournals() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("team-staged-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = folder.appendingPathComponent("project")
        let remote = folder.appendingPathComponent("remote.git")
        for dir in [project, remote] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }
        try Machine.git(["init", "-q", "--bare"], in: remote)
        try Machine.git(["init", "-q"], in: project)
        try Machine.git(["config", "user.name", "p"], in: project)
        try Machine.git(["config", "user.email", "p@example.org"], in: project)
        let paper = project.appendingPathComponent("paper.tex")
        try Data("Kapittel 1\n".utf8).write(to: paper)
        try Machine.git(["add", "paper.tex"], in: project)
        try Machine.git(["commit", "-q", "-m", "the paper"], in: project)
        let ws = Workspace(root: project.appendingPathComponent("workspace"))
        _ = try TeamWorkspace(ws).initialize(remote: remote.path)
        _ = try TeamWorkspace(ws).sync()
        // A chapter in progress, staged; then a coding decision.
        try Data("Kapittel 1\nKapittel 2, halvferdig\n".utf8).write(to: paper)
        try Machine.git(["add", "paper.tex"], in: project)
        let session = CodingSession(journal: try Journal(workspace: ws, coder: "anna"), data: Fixtures.dataset)
        try session.record(CodingEvent(coder: "anna", excerpt: excerpts[0], action: .apply, code: codes[0]))
        let head = try Machine.git(["rev-parse", "HEAD"], in: project)
        var refused: SyncError?
        do { _ = try TeamWorkspace(ws).sync() } catch { refused = error }
        #expect(refused?.kind == .conflict, "\(String(describing: refused))")
        #expect(refused?.message.contains("staged outside the journals (paper.tex)") == true)
        #expect(refused?.message.contains("\n") == false)
        #expect(try Machine.git(["rev-parse", "HEAD"], in: project) == head, "nothing committed")
        #expect(try Machine.git(["diff", "--cached", "--name-only"], in: project) == "paper.tex", "still staged")
        // Unstaged, the sync goes on and commits the journal alone; the chapter stays as it was.
        try Machine.git(["restore", "--staged", "paper.tex"], in: project)
        let report = try TeamWorkspace(ws).sync()
        #expect(report.committed == ["anna"])
        let changed = try Machine.git(["log", "--name-only", "--format=", "\(head)..HEAD"], in: project)
        #expect(changed == "workspace/journals/anna.jsonl", "\(changed)")
        #expect(try Machine.git(["status", "--porcelain", "--", "paper.tex"], in: project) == "M paper.tex")
        // The remote has the chapter as it was committed, not the staged version.
        let branch = try Machine.git(["symbolic-ref", "--short", "HEAD"], in: project)
        #expect(try Machine.git(["--git-dir", remote.path, "show", "\(branch):paper.tex"], in: folder) == "Kapittel 1")
    }

    /// Many rounds of random decisions (undo, redo and memos among them) by two coders on three
    /// machines, with random syncs in between; afterwards every machine has every acknowledged
    /// decision and all replay to the same state. Seeded; `TEAM_ROUNDS` makes a longer run.
    @Test func randomDecisionsAndSyncsOnThreeMachinesConverge() throws {
        let rounds = ProcessInfo.processInfo.environment["TEAM_ROUNDS"].flatMap(Int.init) ?? 60
        let seed = ProcessInfo.processInfo.environment["TEAM_SEED"].flatMap(UInt64.init) ?? 14
        var rng = SeededGenerator(seed: seed)
        let team = try Team()
        defer { team.remove() }
        let machines = try team.machines(["m1", "m2", "m3"])
        let coders = ["anna", "bo"]
        var syncs = 0
        for _ in 0..<rounds {
            let m = machines[Int(rng.next(upperBound: UInt64(machines.count)))]
            let coder = coders[Int(rng.next(upperBound: UInt64(2)))]
            let excerpt = excerpts[Int(rng.next(upperBound: UInt64(excerpts.count)))]
            let code = codes[Int(rng.next(upperBound: UInt64(codes.count)))]
            switch rng.next(upperBound: UInt64(10)) {
            case 0, 1: try m.sync(); syncs += 1
            case 2: try m.undo(coder)
            case 3: try m.redo(coder)
            case 4:
                try m.record(
                    coder,
                    CodingEvent(
                        coder: coder, excerpt: excerpt, action: .memo,
                        memo: "memo \(rng.next(upperBound: UInt64(1000)))"))
            case 5: try m.record(coder, CodingEvent(coder: coder, excerpt: excerpt, action: .set, codes: [code]))
            case 6: try m.record(coder, CodingEvent(coder: coder, excerpt: excerpt, action: .status, status: .disputed))
            case 7:
                var e = CodingEvent(
                    coder: "consensus", excerpt: excerpt, action: .set, codes: [code], status: .reviewed)
                e.resolution = .init(by: m.name, choice: "edit", sources: [])
                try m.record("consensus", e)
            case 8: try m.record(coder, CodingEvent(coder: coder, excerpt: excerpt, action: .remove, code: code))
            default: try m.record(coder, CodingEvent(coder: coder, excerpt: excerpt, action: .apply, code: code))
            }
        }
        // Everyone syncs, twice round, in a fixed order.
        for _ in 0..<2 { for m in machines { try m.sync(); syncs += 1 } }
        let decisions = machines.map(\.acknowledged.count).reduce(0, +)
        print(
            "team sync randomized: seed \(seed), \(rounds) rounds, \(decisions) acknowledged decisions, \(syncs) syncs")
        #expect(decisions > rounds / 2)
        try expectConverged(machines, coders: coders + ["consensus"])
    }
}
