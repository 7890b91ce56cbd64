import Foundation
import Testing
@testable import CaseCore
#if canImport(Glibc)
    import Glibc
#endif

/// A lock ends when its holder ends, even while a child process holds a copy of the locked
/// file. `flock` locks the open file, not the descriptor: a child started by another thread
/// (a test running the CLI or git beside this one; a program's background work) shares every
/// open file of the process until it runs its program, and a plain `close` left the lock held
/// by that copy — the next writer, in this process or another, was refused for that moment
/// ("being written by another process"). Here a sleeping child keeps the copies on purpose,
/// so the moment lasts as long as the test.
@Suite struct JournalLockTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("journal-lock-\(UUID().uuidString)")
    var ws: Workspace { Workspace(root: root) }
    var journal: String { ws.journal(of: "anna").path }

    func apply(_ code: String) -> CodingEvent {
        CodingEvent(coder: "anna", excerpt: "ex-5.3-02", action: .apply, code: code)
    }

    /// This process's descriptors open on the file at `path`.
    func descriptors(of path: String) -> [Int32] {
        guard let file = SafeFile.lstatus(path),
            let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
        else { return [] }
        return names.compactMap(Int32.init).filter { fd in
            SafeFile.fstatus(fd).map { SafeFile.Identity($0) == SafeFile.Identity(file) } ?? false
        }.sorted()
    }

    /// Starts `sleep` with copies of `fds` as its descriptors 3, 4, … and no other descriptor of
    /// this process open beyond 0–2 (other tests' pipes); returns its pid once it runs.
    func childHolding(_ fds: [Int32]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let opened =
            (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.compactMap(Int32.init) ?? []
        // First above every descriptor (no copy overwrites one still to be copied), then down.
        let high = max(opened.max() ?? 2, fds.max() ?? 2) + 1
        let copies = Int32(0)..<Int32(fds.count)
        for (i, fd) in zip(copies, fds) { posix_spawn_file_actions_adddup2(&actions, fd, high + i) }
        for i in copies { posix_spawn_file_actions_adddup2(&actions, high + i, 3 + i) }
        for fd in opened.filter({ $0 >= 3 + Int32(fds.count) }) + copies.map({ high + $0 }) {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        let words: [String] = ["/bin/sleep", "60"]
        let argv = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, "/bin/sleep", &actions, nil, argv, environ)
        try #require(rc == 0, "posix_spawn: \(rc)")
        return pid
    }

    func end(_ child: pid_t) {
        kill(child, SIGKILL)
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
    }

    /// Whether the child's descriptor `fd` is open on the file at `path`.
    func childHolds(_ pid: pid_t, _ fd: Int32, of path: String) -> Bool {
        var s = stat()
        guard stat("/proc/\(pid)/fd/\(fd)", &s) == 0, let file = SafeFile.lstatus(path) else { return false }
        return SafeFile.Identity(s) == SafeFile.Identity(file)
    }

    /// Whether an exclusive lock on the file can be taken right now (it is given back at once).
    func lockable(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer {
            flock(fd, LOCK_UN)
            close(fd)
        }
        return flock(fd, LOCK_EX | LOCK_NB) == 0
    }

    @Test func aWriterThatEndsLetsTheNextInWhileAChildStillHoldsItsFile() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        var first: Journal? = try Journal(workspace: ws, coder: "anna", checkpoints: .disabled)
        let saved = try #require(first).append(apply("ppt"))
        let mine = descriptors(of: journal)
        try #require(mine.count == 1, "only the writer has the journal open")
        let child = try childHolding(mine)
        defer { end(child) }
        first = nil
        #expect(childHolds(child, 3, of: journal), "the copy outlives the writer")
        // Refused ("being written by another process") when the writer only closed its file.
        let second = try Journal(workspace: ws, coder: "anna", checkpoints: .disabled)
        let next = try second.append(apply("statped"))
        #expect(next.sequence == saved.sequence + 1)
        // The new writer's lock is a real one.
        #expect { _ = try Journal(workspace: ws, coder: "anna") } throws: {
            ($0 as? JournalError)?.message.contains("being written by another process") == true
        }
    }

    @Test func aSyncThatEndsFreesTheJournalsAndTheMergeLockWhileAChildStillHoldsThem() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try Journal(workspace: ws, coder: "anna", checkpoints: .disabled).append(apply("ppt"))
        let mergeLock = ws.journals.appendingPathComponent(MergeLock.name).path
        let locks = JournalLocks([journal], journals: ws.journals)
        #expect(!lockable(journal) && !lockable(mergeLock), "the sync holds both")
        let held = descriptors(of: journal) + descriptors(of: mergeLock)
        try #require(held.count == 2)
        let child = try childHolding(held)
        defer { end(child) }
        locks.release()
        #expect(childHolds(child, 3, of: journal) && childHolds(child, 4, of: mergeLock))
        #expect(lockable(journal))
        // Else a writer would wait a minute for the merge lock, then say a sync is merging.
        try #require(lockable(mergeLock))
        _ = try Journal(workspace: ws, coder: "anna", checkpoints: .disabled).append(apply("statped"))
    }
}
