import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// A workspace kept in git so a team — and one coder on two machines — share journals:
/// `initialize` makes it a repository whose journals merge by union, `sync` commits the
/// journals, pulls (a merge, never a rebase), settles any journal conflict by taking both
/// sides' lines, pushes, and says per coder what came in. Replay applies each event id once in
/// (time, id) order, so the union of two histories replays to the same state everywhere.
public struct TeamWorkspace {
    public let workspace: Workspace
    let git: Git

    /// Journals merge by union: both sides' new lines are kept, in any order.
    public static let attributes = ["journals/*.jsonl merge=union"]
    /// Locks, temporary files and damaged tails belong to one machine; pins are one machine's
    /// preference (two machines' pins would conflict on every sync).
    public static let ignored = ["journals/.*", "journals/*.damaged-*", "pins/"]

    public init(_ workspace: Workspace, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(SyncError)
    {
        guard let git = Git(in: workspace.root, environment: environment) else {
            throw SyncError(
                .noGit,
                "git is not installed (or not on PATH); the workspace is shared through git — install it (e.g. apt-get "
                    + "install git) and try again."
            )
        }
        self.workspace = workspace
        self.git = git
    }

    // MARK: setting up

    /// Makes the workspace a repository (or a folder of the one it is in, unless it is to be a
    /// repository of its own) whose journals merge by union; adds `origin` when a remote is given. Returns what it did,
    /// one line each.
    /// Nothing the user wrote is replaced: lines are added to `.gitattributes` and `.gitignore`,
    /// a README is written only when there is none.
    public func initialize(remote: String?, ownRepository: Bool = false) throws(SyncError) -> [String] {
        var done: [String] = []
        let root = workspace.root
        if let why = SafeFile.makeFolders(root.path) {
            throw SyncError(.files, "cannot create the workspace \(root.path) (\(why)).")
        }
        do { try workspace.prepare(workspace.journals) } catch { throw SyncError(.files, error.message) }
        if try addLines(
            Self.attributes, to: ".gitattributes",
            header: "# case-explorer: journals merge by union (both sides' decisions kept)")
        {
            done.append("wrote .gitattributes (journals merge by union)")
        }
        if try addLines(
            Self.ignored, to: ".gitignore",
            header: "# case-explorer: locks, damaged tails and pins stay on this machine")
        {
            done.append("wrote .gitignore (locks, damaged tails, pins)")
        }
        let readme = root.appendingPathComponent("README.md")
        if SafeFile.lstatus(readme.path) == nil {
            try write(Array(Self.readme.utf8), to: readme)
            done.append("wrote README.md (the layout)")
        }
        let top = try git.run(["rev-parse", "--show-toplevel"])
        let inside = top.ok && (!ownRepository || SafeFile.realPath(top.text) == SafeFile.realPath(root.path))
        if inside {
            done.append("the workspace is in the git repository \(top.text)")
        } else {
            try git.must(["init", "--quiet"], .git, "cannot make \(root.path) a git repository")
            done.append("made \(root.path) a git repository")
        }
        if let remote {
            let current = try git.run(["remote", "get-url", "origin"])
            if current.ok {
                guard current.text == remote else {
                    throw SyncError(
                        .notSetUp,
                        "the workspace repository already has the remote origin \(current.text); change it with git -C "
                            + "\(root.path) remote set-url origin \(remote)."
                    )
                }
            } else {
                try git.must(["remote", "add", "origin", remote], .git, "cannot add the remote origin \(remote)")
                done.append("added the remote origin \(remote)")
            }
        }
        let files = [".gitattributes", ".gitignore", "README.md"].filter {
            SafeFile.lstatus(root.appendingPathComponent($0).path) != nil
        }
        try git.must(["add", "--"] + files, .git, "cannot add the workspace files to git")
        if try hasStaged(files) {
            try commit(["commit", "--quiet", "-m", "case-explorer workspace: journals merge by union", "--"] + files)
            done.append("committed \(files.joined(separator: ", "))")
        }
        return done
    }

    /// Adds the lines a file lacks (creating it); whether it changed.
    private func addLines(_ lines: [String], to name: String, header: String) throws(SyncError) -> Bool {
        let url = workspace.root.appendingPathComponent(name)
        var text = ""
        if let s = SafeFile.lstatus(url.path) {
            guard SafeFile.kind(s) == nil, let existing = try? String(contentsOf: url, encoding: .utf8) else {
                throw SyncError(
                    .files,
                    "\(url.path) is not a readable text file; move it out of the way and run workspace init again.")
            }
            text = existing
        }
        let present = Set(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        let missing = lines.filter { !present.contains($0) }
        guard !missing.isEmpty else { return false }
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
        if !present.contains(header) { text += header + "\n" }
        text += missing.map { $0 + "\n" }.joined()
        try write(Array(text.utf8), to: url)
        return true
    }

    private func write(_ bytes: [UInt8], to url: URL) throws(SyncError) {
        do { try AtomicFile.write(bytes, to: url, overwrite: true) } catch { throw SyncError(.files, error.message) }
    }

    static let readme = """
        # A case-explorer workspace

        This folder is shared through git by `case-explorer sync` (see Docs/TEAM.md in case-explorer).

        - `journals/<coder>.jsonl` — each coder's decisions, one event per line, only ever appended to.
          They merge by union (`.gitattributes`): both machines' new lines are kept, and every event
          has an id of its own, so the replay is the same on every machine. Never edit them by hand.
        - `journals/consensus.jsonl` (or another name given to `resolve --into`) — the settled
          disagreements; two resolutions made without seeing each other are both kept and shown as
          a conflict to settle.
        - Not shared (`.gitignore`): `journals/.*` (locks, temporary files), `journals/*.damaged-*`
          (damaged tails moved aside, kept for inspection) and `pins/` (each machine's pinned codes).

        Work: `case-explorer review --workspace THIS-FOLDER`, then `case-explorer sync --workspace THIS-FOLDER`.

        """

    // MARK: synchronising

    /// Commits the journals, pulls and merges what the remote has, pushes; reports what came in.
    public func sync() throws(SyncError) -> SyncReport {
        var report = SyncReport()
        let root = workspace.root.path
        guard SafeFile.lstatus(root) != nil else {
            throw SyncError(
                .notSetUp,
                "there is no workspace at \(root); set one up with `case-explorer workspace init --remote URL`, or "
                    + "clone the team's repository there."
            )
        }
        let top = try git.run(["rev-parse", "--show-toplevel"])
        guard top.ok else {
            throw SyncError(.notSetUp, "\(root) is not a git repository; run `case-explorer workspace init` first.")
        }
        let gitDir = try git.must(["rev-parse", "--absolute-git-dir"], .git, "cannot find the repository's git folder")
            .text
        for (file, what) in [("MERGE_HEAD", "a merge"), ("rebase-merge", "a rebase"), ("rebase-apply", "a rebase")]
        where SafeFile.lstatus(gitDir + "/" + file) != nil {
            throw SyncError(
                .conflict,
                "\(what) is in progress in the workspace repository \(top.text); finish or abort it with git (git "
                    + "status), then sync again."
            )
        }
        try refuseOtherStagedChanges(in: top.text)
        let head = try git.run(["symbolic-ref", "--short", "-q", "HEAD"])
        guard head.ok, !head.text.isEmpty else {
            throw SyncError(
                .notSetUp,
                "the workspace repository \(top.text) is not on a branch; check one out (git switch main), then sync "
                    + "again."
            )
        }
        let branch = head.text
        let remote = try remoteName(branch: branch)
        let configured = try git.run(["config", "--get", "branch.\(branch).merge"]).text
        let remoteBranch = configured.hasPrefix("refs/heads/") ? String(configured.dropFirst(11)) : branch
        report.remote = remote
        // While the journals are committed and merged no short-lived writer (a `coding`
        // command) may start on them: it would append to a file git is about to replace and
        // exit. An open explorer keeps its lock and follows the replaced file itself.
        // (Released before pushing: the network may take its time.)
        let paths = journalFiles().map { workspace.root.appendingPathComponent($0).path }
        var locks = JournalLocks(paths, journals: workspace.journals)
        defer { locks.release() }
        report.committed = try commitJournals(&report)
        let before = try revision("HEAD")
        for attempt in 1...3 {
            if attempt > 1 { locks = JournalLocks(paths, journals: workspace.journals) }
            let probe = try git.run(["ls-remote", "--heads", remote])
            guard probe.ok else {
                let url = (try? git.run(["remote", "get-url", remote]).text) ?? remote
                throw SyncError(
                    .unreachable,
                    "cannot reach the remote \(remote) (\(url)): \(probe.reason); your decisions are committed here — "
                        + "sync again when it can be reached."
                )
            }
            let branches = probe.text.split(separator: "\n").compactMap {
                $0.split(separator: "\t").last.map { String($0.dropFirst(11)) }
            }
            if branches.contains(remoteBranch) {
                try pull(remote, remoteBranch, &report)
            } else if !branches.isEmpty && configured.isEmpty {
                // Pushing would start a second line of history the others never see.
                throw SyncError(
                    .notSetUp,
                    "the remote \(remote) has no branch \(remoteBranch), only \(branches.joined(separator: ", ")); "
                        + "work on its branch (git -C \(root) switch "
                        + "\(branches.contains("main") ? "main" : branches[0])), then sync again."
                )
            }
            locks.release()
            let push = try git.run(["push", "--quiet", "-u", remote, "HEAD:refs/heads/\(remoteBranch)"])
            if push.ok { report.pushed = true; break }
            let rejected =
                push.stderr.contains("[rejected]") || push.stderr.contains("non-fast-forward")
                || push.stderr.contains("fetch first")
            guard rejected, attempt < 3 else {
                throw SyncError(
                    rejected ? .git : .unreachable,
                    "cannot push to \(remote): \(push.reason); your decisions are committed here — sync again.")
            }
            // Someone pushed between our pull and push: pull again.
        }
        if let after = try revision("HEAD"), after != before {
            report.incoming = try incoming(from: before, to: after)
            report.conflicts = try resolutionConflicts(report.incoming.filter { $0.resolutions > 0 }.map(\.coder))
            for c in report.incoming where c.damaged > 0 {
                report.notes.append(
                    "\(c.coder).jsonl: \(c.damaged) damaged line\(c.damaged == 1 ? "" : "s") came in (a write cut off "
                        + "on another machine); every complete event is kept, and the damage is reported and moved "
                        + "aside when the journal is next opened for writing."
                )
            }
        }
        return report
    }

    private func remoteName(branch: String) throws(SyncError) -> String {
        let configured = try git.run(["config", "--get", "branch.\(branch).remote"]).text
        if !configured.isEmpty && configured != "." { return configured }
        let remotes = try git.run(["remote"]).text.split(separator: "\n").map(String.init)
        if remotes.contains("origin") { return "origin" }
        if remotes.count == 1 { return remotes[0] }
        if remotes.isEmpty {
            throw SyncError(
                .notSetUp,
                "the workspace repository has no remote to sync with; add one with `case-explorer workspace init "
                    + "--remote URL` (or git remote add origin URL)."
            )
        }
        throw SyncError(
            .notSetUp,
            "the workspace repository has several remotes (\(remotes.joined(separator: ", "))) and none is origin or "
                + "the branch's upstream; set one with git branch --set-upstream-to."
        )
    }

    private func revision(_ name: String) throws(SyncError) -> String? {
        let o = try git.run(["rev-parse", "-q", "--verify", name + "^{commit}"])
        return o.ok ? o.text : nil
    }

    /// The journals of the workspace, relative to it ("journals/anna.jsonl").
    private func journalFiles() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: workspace.journals.path)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.sorted().filter { name in
            SafeFile.lstatus(workspace.journals.appendingPathComponent(name).path).map { SafeFile.kind($0) == nil }
                ?? false
        }.map { "journals/" + $0 }
    }

    /// Stages every journal's complete lines (a line being written, or torn, stays out of the
    /// commit) and commits them; returns the coders committed.
    private func commitJournals(_ report: inout SyncReport) throws(SyncError) -> [String] {
        let files = journalFiles()
        var whole: [String] = []
        for file in files {
            let url = workspace.root.appendingPathComponent(file)
            // Only the last byte tells whether the last line is complete (the usual case).
            if Self.endsWithNewLine(url.path) { whole.append(file); continue }
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            let complete = data.lastIndex(of: 0x0A).map { Array(data[...$0]) } ?? []
            let blob = try git.run(["hash-object", "-w", "--stdin", "--path", file], input: complete)
            guard blob.ok else { throw SyncError(.git, "cannot stage \(file) (git: \(blob.reason)).") }
            try git.must(
                ["update-index", "--add", "--cacheinfo", "100644,\(blob.text),\(file)"], .git, "cannot stage \(file)")
            report.notes.append(
                "\(file): its last line is incomplete (being written, or cut off); it stays out of this commit.")
        }
        if !whole.isEmpty { try git.must(["add", "--"] + whole, .git, "cannot stage the journals") }
        let staged = try git.run(["diff", "--cached", "--name-only", "--", "journals/"]).text.split(separator: "\n").map
        { String($0.split(separator: "/").last ?? $0) }
        guard !staged.isEmpty else { return [] }
        let coders = staged.filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(6)) }
        try commit(["commit", "--quiet", "-m", "case-explorer sync: journals of \(coders.joined(separator: ", "))"])
        return coders
    }

    /// Sync commits the journals and nothing else. When the workspace is a folder of a larger
    /// repository (the project's own), what the user has staged there would otherwise go into
    /// sync's commit under its message, and be pushed: sync stops and says what is staged.
    private func refuseOtherStagedChanges(in repository: String) throws(SyncError) {
        let staged = try git.run(["diff", "--cached", "--name-only", "-z", "--", ":/", ":(exclude)journals/"])
        guard staged.ok else {
            throw SyncError(.git, "cannot see what is staged in \(repository) (git: \(staged.reason)).")
        }
        let paths = staged.stdout.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        guard !paths.isEmpty else { return }
        let shown =
            paths.prefix(3).joined(separator: ", ")
            + (paths.count > 3 ? " and \(paths.count - 3) more" : "")
        throw SyncError(
            .conflict,
            "the repository \(repository) has changes staged outside the journals (\(shown)); sync commits only the "
                + "journals, so commit them or unstage them (git restore --staged PATH), then sync again."
        )
    }

    /// Whether a file is empty or ends with a new line (read: its last byte).
    static func endsWithNewLine(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var s = stat()
        guard fstat(fd, &s) == 0 else { return false }
        if s.st_size == 0 { return true }
        var byte: UInt8 = 0
        return pread(fd, &byte, 1, s.st_size - 1) == 1 && byte == 0x0A
    }

    private func hasStaged(_ paths: [String]) throws(SyncError) -> Bool {
        try git.run(["diff", "--cached", "--quiet", "--"] + paths).status == 1
    }

    private func commit(_ arguments: [String]) throws(SyncError) {
        let o = try git.run(arguments)
        guard o.ok else {
            if o.stderr.contains("tell me who you are") || o.stderr.contains("empty ident")
                || o.stderr.contains("user.email")
            {
                throw SyncError(
                    .notSetUp,
                    "git does not know who you are in this workspace; set it with git -C \(workspace.root.path) config "
                        + "user.name \"Your Name\" and git -C \(workspace.root.path) config user.email "
                        + "you@example.org, then try again."
                )
            }
            throw SyncError(.git, "git could not commit the journals (git: \(o.reason)).")
        }
    }

    /// A merge, never a rebase (the union merge applies to merges); local changes are stashed
    /// around it. A journal in conflict (no union attribute on one side, or one side deleted
    /// it) gets both sides' lines; a conflict in any other file undoes the merge.
    private func pull(_ remote: String, _ branch: String, _ report: inout SyncReport) throws(SyncError) {
        let o = try git.run([
            "pull", "--quiet", "--no-rebase", "--no-edit", "--autostash", "--allow-unrelated-histories", "--ff", remote,
            branch
        ])
        if o.ok { return }
        let prefix = try git.must(["rev-parse", "--show-prefix"], .git, "cannot find the workspace in its repository")
            .text
        let unmerged = try git.run(["diff", "--name-only", "--diff-filter=U"]).text.split(separator: "\n").map(
            String.init)
        guard !unmerged.isEmpty else {
            if o.stderr.contains("tell me who you are") || o.stderr.contains("empty ident") {
                try commit(["commit", "--no-edit"])
                return
            }
            let unreachable = [
                "Could not read from remote", "unable to access", "Could not resolve",
                "does not appear to be a git repository"
            ].contains { o.stderr.contains($0) }
            throw SyncError(
                unreachable ? .unreachable : .git,
                "git pull from \(remote) did not complete (git: \(o.reason)); your decisions are committed here — sync "
                    + "again."
            )
        }
        // Paths are relative to the repository's top; the workspace may be a folder in it.
        let journals = unmerged.filter { path in
            guard path.hasPrefix(prefix + "journals/") else { return false }
            let name = path.dropFirst(prefix.count + 9)
            return name.hasSuffix(".jsonl") && !name.contains("/") && !name.hasPrefix(".")
        }
        let others = unmerged.filter { !journals.contains($0) }
        guard others.isEmpty else {
            _ = try git.run(["merge", "--abort"])
            throw SyncError(
                .conflict,
                "the pull stopped at a conflict in \(others.joined(separator: ", ")), which is not a journal; the "
                    + "merge was undone and your decisions are committed here — settle it with git (git -C "
                    + "\(workspace.root.path) pull --no-rebase), then sync again."
            )
        }
        for path in journals {
            let file = String(path.dropFirst(prefix.count))
            let ours = try git.run(["show", ":2:\(path)"]), theirs = try git.run(["show", ":3:\(path)"])
            let merged = TeamWorkspace.union(ours.ok ? ours.stdout : [], theirs.ok ? theirs.stdout : [])
            try write(merged, to: workspace.root.appendingPathComponent(file))
            try git.must(["add", "--", file], .git, "cannot stage the merged \(file)")
            report.notes.append("\(file) was in conflict; both sides' lines were kept.")
        }
        try commit(["commit", "--quiet", "--no-edit"])
    }

    /// Both sides' lines: ours in order, then theirs not already there. A torn last line goes
    /// last (still torn: the reader reports it as it would locally).
    static func union(_ ours: [UInt8], _ theirs: [UInt8]) -> [UInt8] {
        func split(_ b: [UInt8]) -> (lines: [ArraySlice<UInt8>], torn: ArraySlice<UInt8>?) {
            var lines: [ArraySlice<UInt8>] = []
            var start = 0
            for (i, c) in b.enumerated() where c == 0x0A { lines.append(b[start...i]); start = i + 1 }
            return (lines, start < b.count ? b[start...] : nil)
        }
        let a = split(ours), b = split(theirs)
        var seen = Set(a.lines.map { Array($0) })
        var out = a.lines.flatMap { $0 }
        for line in b.lines where seen.insert(Array(line)).inserted { out += line }
        let torn = [a.torn, b.torn].compactMap { $0 }
        for (i, t) in torn.enumerated() { out += t; if i < torn.count - 1 { out.append(0x0A) } }
        return out
    }

    /// What the merge brought, per coder: the journal lines added between two commits.
    private func incoming(from before: String?, to after: String) throws(SyncError) -> [SyncReport.Incoming] {
        let empty = try git.must(["hash-object", "-t", "tree", "/dev/null"], .git, "cannot compare the journals").text
        var counts: [String: SyncReport.Incoming] = [:]
        var coder: String?
        var inHeader = false
        var lastWasEvent = false
        let o = try git.run(
            ["diff", "--no-ext-diff", "--no-renames", "--unified=0", before ?? empty, after, "--", "journals/"],
            line: { line in
                if line.starts(with: Array("diff --git ".utf8)) {
                    inHeader = true; coder = nil; lastWasEvent = false; return
                }
                if inHeader {
                    if line.starts(with: Array("+++ ".utf8)) {
                        let path = String(decoding: line.dropFirst(4), as: UTF8.self)
                        let name = path.split(separator: "/").last.map(String.init) ?? ""
                        coder = name.hasSuffix(".jsonl") && !name.hasPrefix(".") ? String(name.dropLast(6)) : nil
                    } else if line.starts(with: Array("@@".utf8)) {
                        inHeader = false
                    }
                    return
                }
                guard let c = coder else { return }
                if line.first == 0x5C, lastWasEvent { // "\ No newline at end of file" after an added line: it was torn
                    counts[c]?.damaged += 1
                    counts[c]?.uncount()
                    lastWasEvent = false
                    return
                }
                lastWasEvent = false
                guard line.first == 0x2B else { return }
                var entry = counts[c] ?? SyncReport.Incoming(coder: c)
                if let text = String(validating: line.dropFirst(), as: UTF8.self),
                    case let .success(e) = CodingEvent.parse(text)
                {
                    if e.action == .memo { entry.memos += 1 } else { entry.decisions += 1 }
                    if e.resolution != nil { entry.resolutions += 1 }
                    entry.last = e.action == .memo ? .memo : .decision
                    lastWasEvent = true
                } else {
                    entry.damaged += 1
                    entry.last = nil
                }
                counts[c] = entry
            })
        guard o.ok else {
            throw SyncError(.git, "cannot compare the journals before and after the pull (git: \(o.reason)).")
        }
        return counts.values.filter { $0.decisions + $0.memos + $0.damaged > 0 }.sorted { $0.coder < $1.coder }
    }

    /// Excerpts whose resolutions, in the journals given, conflict after the merge.
    private func resolutionConflicts(_ coders: [String]) throws(SyncError) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for coder in coders {
            guard let journal = try? Journal(workspace: workspace, coder: coder, mode: .readOnly) else { continue }
            let ids = journal.state.excerpts.filter { !$0.value.conflict.isEmpty }.map(\.key).sorted()
            if !ids.isEmpty { out[coder] = ids }
        }
        return out
    }
}

/// What a sync did: the coders whose journals it committed, what came in per coder, what is
/// in conflict, and notes worth a line.
public struct SyncReport: Sendable, Equatable {
    public struct Incoming: Sendable, Equatable {
        public enum Kind: Sendable, Equatable { case decision, memo }
        public var coder: String
        public var decisions = 0
        public var memos = 0
        public var resolutions = 0
        public var damaged = 0
        var last: Kind?
        public init(coder: String) { self.coder = coder }

        /// Takes back the last event counted (it turned out to be torn).
        mutating func uncount() {
            switch last {
            case .decision?: decisions -= 1
            case .memo?: memos -= 1
            case nil: break
            }
            last = nil
        }

        /// "bo: 14 new decisions, 2 memos".
        public var summary: String {
            var parts = ["\(decisions) new decision\(decisions == 1 ? "" : "s")"]
            if memos > 0 { parts.append("\(memos) memo\(memos == 1 ? "" : "s")") }
            if damaged > 0 { parts.append("\(damaged) damaged line\(damaged == 1 ? "" : "s")") }
            return "\(coder): " + parts.joined(separator: ", ")
        }
    }
    public var remote = ""
    public var committed: [String] = []
    public var incoming: [Incoming] = []
    public var pushed = false
    /// Per journal, the excerpts with resolutions in conflict.
    public var conflicts: [String: [String]] = [:]
    public var notes: [String] = []
    public init() {}

    /// The report as lines for a terminal.
    public var lines: [String] {
        var out: [String] = []
        if !committed.isEmpty { out.append("committed the journals of \(committed.joined(separator: ", "))") }
        if incoming.isEmpty {
            out.append("nothing new came in from \(remote)")
        } else {
            out.append("came in from \(remote):")
            out += incoming.map { "  " + $0.summary }
        }
        for (coder, ids) in conflicts.sorted(by: { $0.key < $1.key }) {
            let shown = ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? ", …" : "")
            out.append(
                "\(coder): \(ids.count) excerpt\(ids.count == 1 ? " has" : "s have") resolutions in conflict "
                    + "(\(shown)); settle \(ids.count == 1 ? "it" : "them") in resolve"
            )
        }
        out += notes
        if pushed { out.append("sent to \(remote)") }
        return out
    }
}

/// Exclusive locks (flock, the journal writer's own) on the journals for the time of a sync.
/// A journal held by a writer is waited for up to a second (a `coding` command finishes in
/// milliseconds); one still held after that is an open explorer, which follows the merge.
final class JournalLocks {
    private var held: [Int32] = []

    /// Then the merge lock, exclusive: no journal is loaded or written until it is released.
    init(_ paths: [String], journals: URL) {
        defer { if let fd = try? MergeLock.take(journals, exclusive: true) { held.append(fd) } }
        let deadline = DispatchTime.now().uptimeNanoseconds + 1_000_000_000
        for path in paths {
            let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { continue }
            while flock(fd, LOCK_EX | LOCK_NB) != 0 {
                // A writer in this very process (a session kept open) is not waited for.
                let holder = SafeFile.fstatus(fd).flatMap { SafeFile.lockHolder(inode: UInt64($0.st_ino)) }
                guard DispatchTime.now().uptimeNanoseconds < deadline, holder != String(getpid()) else { break }
                usleep(20_000)
            }
            held.append(fd)
        }
    }

    func release() {
        for fd in held { SafeFile.unlockAndClose(fd) }
        held = []
    }
}
