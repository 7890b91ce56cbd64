import CaseCore
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Notices journals that changed on disk — a sync merged colleagues' decisions, or the
/// coder's own from another machine — by a `stat` of each journal: cheap enough to run every
/// second between keys. A change is a different file (git replaces files), size or time.
public struct JournalWatch {
    struct Stamp: Equatable {
        let device: UInt64, inode: UInt64, size: Int64, seconds: Int, nanoseconds: Int
    }
    let folder: String
    private var known: [String: Stamp]

    public init(workspace: Workspace) {
        folder = workspace.journals.path
        known = [:]
        known = look()
    }

    private func look() -> [String: Stamp] {
        var out: [String: Stamp] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        where name.hasSuffix(".jsonl") && !name.hasPrefix(".") {
            var s = stat()
            guard lstat(folder + "/" + name, &s) == 0, s.st_mode & S_IFMT == S_IFREG else { continue }
            out[Workspace.canonical(String(name.dropLast(6)))] = Stamp(
                device: UInt64(s.st_dev), inode: UInt64(s.st_ino), size: Int64(s.st_size),
                seconds: Int(s.st_mtim.tv_sec), nanoseconds: Int(s.st_mtim.tv_nsec))
        }
        return out
    }

    /// The coders whose journal is new or changed since the last look.
    public mutating func changes() -> [String] {
        let now = look()
        defer { known = now }
        return now.filter { known[$0.key] != $0.value }.map(\.key).sorted()
    }
}

extension Runner {
    /// Replays the journals that changed on disk since the last look and tells the state what
    /// came in ("bo: 3 new decisions, 1 memo"). The coder's own open journal catches up through
    /// its writer (a replaced file is reopened, and decisions of this session it lacks are
    /// written to it again). Returns whether anything changed (the screen needs drawing).
    @discardableResult
    public func follow(_ watch: inout JournalWatch) -> Bool {
        // Not while loading: the journals are read with the whole dataset, and a change seen
        // after the watch began is followed once it is in.
        guard !loading else { return false }
        let changed = watch.changes()
        guard !changed.isEmpty else { return false }
        var states: [String: CodingState] = [:]
        var parts: [String] = []
        var failures: [String] = []
        for name in changed where name != Dataset.referenceCoder {
            var before = state.codings[name] ?? CodingState()
            do {
                let after: CodingState
                if let s = [session, consensusSession].compactMap({ $0 }).first(where: { $0.journal.coder == name }) {
                    // Compared with what this session knew: its own saves are not news.
                    before = s.state
                    try s.journal.refresh()
                    after = s.state
                } else {
                    after = try workspace.coding(of: name, data: state.data)
                }
                states[name] = after
                let decisions = after.decisions - before.decisions, memos = after.memos - before.memos
                var what: [String] = []
                if decisions > 0 { what.append(state.t(.cameInDecisions, count: decisions)) }
                if memos > 0 { what.append(state.t(.cameInMemos, count: memos)) }
                if !what.isEmpty { parts.append("\(name): " + what.joined(separator: ", ")) }
            } catch {
                failures.append(error.message)
            }
        }
        guard !states.isEmpty || !failures.isEmpty else { return false }
        // Our own saves change our journal too: those bring nothing new and say nothing.
        let note =
            failures.first
            ?? (parts.isEmpty
                ? nil : state.t(.cameIn).replacingOccurrences(of: "%l", with: parts.joined(separator: "; ")))
        if states.allSatisfy({ state.codings[$0.key] == $0.value }) && note == nil { return false }
        send(.journalsChanged(states, note: note))
        return true
    }
}
