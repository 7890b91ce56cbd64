import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Where coders' journals live: `<workspace>/journals/<coder>.jsonl`, never inside the data
/// folder. Default: `$XDG_DATA_HOME/case-explorer`, else `~/.local/share/case-explorer`.
public struct Workspace: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    public static func `default`(environment: [String: String] = ProcessInfo.processInfo.environment) -> Workspace {
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty, xdg.hasPrefix("/") {
            return Workspace(root: URL(fileURLWithPath: xdg).appendingPathComponent("case-explorer"))
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return Workspace(root: URL(fileURLWithPath: home).appendingPathComponent(".local/share/case-explorer"))
    }

    public var journals: URL { root.appendingPathComponent("journals") }
    public func journal(of coder: String) -> URL {
        journals.appendingPathComponent("\(Workspace.canonical(coder)).jsonl")
    }
    public var pinsFolder: URL { root.appendingPathComponent("pins") }
    public func pins(of coder: String) -> URL {
        pinsFolder.appendingPathComponent("\(Workspace.canonical(coder)).json")
    }

    /// A coder name in one Unicode form (NFC): "å" typed as one character or as "a" plus a
    /// ring is the same coder and the same journal.
    public static func canonical(_ name: String) -> String { name.precomposedStringWithCanonicalMapping }

    /// The coders that have a journal here, sorted.
    public func coders() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: journals.path)) ?? []
        return Set(
            files.filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.map {
                Workspace.canonical(String($0.dropLast(6)))
            }
        ).sorted()
    }

    /// Refuses a workspace inside the data folder, and journals or pins that lead into it
    /// through a symbolic link: a coder's work never goes into Cases/.
    public func check(notInside data: URL) throws(JournalError) {
        let d =
            SafeFile.realPath(data.standardizedFileURL.path) ?? data.standardizedFileURL.resolvingSymlinksInPath().path
        let w = SafeFile.realPath(root.path) ?? root.resolvingSymlinksInPath().path
        if SafeFile.isInside(w, d) {
            throw JournalError(
                "the workspace \(root.path) is inside the data folder \(data.path); coders' journals are kept apart "
                    + "from the data (choose another --workspace)."
            )
        }
        for folder in [journals, pinsFolder] {
            if let real = SafeFile.realPath(folder.path), SafeFile.isInside(real, d) {
                throw JournalError(
                    "\(folder.path) leads into the data folder \(data.path) (a symbolic link); coders' work is never "
                        + "written there — make it a folder of its own."
                )
            }
        }
    }

    /// Creates a folder of the workspace for writing (journals/, pins/) and refuses one that is
    /// a symbolic link out of the workspace, or not a folder.
    public func prepare(_ folder: URL) throws(JournalError) {
        if let s = SafeFile.lstatus(folder.path), s.st_mode & S_IFMT != S_IFDIR {
            guard s.st_mode & S_IFMT == S_IFLNK else {
                throw JournalError(
                    "\(folder.path) is \(SafeFile.kind(s) ?? "not a folder"), not a folder; move it out of the way.")
            }
            let real = SafeFile.realPath(folder.path), top = SafeFile.realPath(root.path)
            guard let real, let top, SafeFile.isInside(real, top), real != top else {
                throw JournalError(
                    "\(folder.path) is a symbolic link that leads out of the workspace \(root.path); coders' work is "
                        + "only written inside it — make it a folder of its own."
                )
            }
        }
        if let why = SafeFile.makeFolders(folder.path) {
            throw JournalError("cannot create the workspace folder \(folder.path) (\(why)).")
        }
        if let s = SafeFile.lstatus(folder.path), s.st_mode & S_IFMT == S_IFLNK,
            SafeFile.realPath(folder.path).map({ SafeFile.lstatus($0).map { $0.st_mode & S_IFMT == S_IFDIR } ?? false })
                != true
        {
            throw JournalError(
                "\(folder.path) is a symbolic link to something that is not a folder; move it out of the way.")
        }
    }

    /// A coder name: letters, digits, ".", "_", "-"; not the reference coder.
    public static func checkCoderName(_ name: String, allowReference: Bool = false) throws(JournalError) {
        let allowed = name.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)
        }
        guard !name.isEmpty, name.count <= 64, allowed, !name.hasPrefix("."), !name.hasPrefix("-") else {
            throw JournalError(
                .badRequest,
                "\"\(name)\" is not a usable coder name: use letters, digits, \".\", \"_\" or \"-\" (at most 64).")
        }
        if !allowReference && name == Dataset.referenceCoder {
            throw JournalError(
                .badRequest,
                "\"\(Dataset.referenceCoder)\" is the report's own coding and cannot be written; choose your own coder "
                    + "name."
            )
        }
    }

    /// The login name, as the default coder.
    public static func loginName(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for key in ["USER", "LOGNAME"] { if let v = environment[key], !v.isEmpty { return v } }
        return NSUserName()
    }
}

/// A journal, workspace or file failure: the sentence users see, and what kind of failure it is,
/// so callers branch on the kind (exit status, read-only fallback), never on the wording.
public struct JournalError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Reason: Sendable, Equatable {
        /// Anything not worth telling apart: the sentence says what went wrong.
        case failed
        /// Another process writes the journal (open it read-only instead).
        case locked
        /// The target exists and is never replaced unasked.
        case exists
        /// A folder that must be new or empty is not.
        case notEmpty
        /// What was asked names nothing, or a name that cannot be used (the user's to correct).
        case badRequest
    }

    public let reason: Reason
    public let message: String
    public init(_ message: String) { self.init(.failed, message) }
    public init(_ reason: Reason, _ message: String) { self.reason = reason; self.message = message }
    public var description: String { message }
}

extension Workspace {
    /// A coder's current coding: `rapport` from the data (every excerpt it codes counts as
    /// reviewed), anyone else from their journal, read without the lock.
    public func coding(of coder: String, data: Dataset) throws(JournalError) -> CodingState {
        if coder == Dataset.referenceCoder { return CodingState.reference(data) }
        try Workspace.checkCoderName(coder)
        guard SafeFile.lstatus(journal(of: coder).path) != nil else {
            let known = coders()
            throw JournalError(
                "coder \"\(coder)\" has no journal in "
                    + "\(journals.path)\(known.isEmpty ? "" : " (coders there: \(known.joined(separator: ", ")))")."
            )
        }
        return try Journal(workspace: self, coder: coder, mode: .readOnly).state
    }
}
