import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Why a workspace could not be set up or synchronised: one sentence, and what kind of
/// failure (the command line turns the kind into an exit status).
public struct SyncError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: Sendable, Equatable {
        /// git is not installed (or not on PATH).
        case noGit
        /// The workspace is not a repository, has no remote, or is not on a branch.
        case notSetUp
        /// The remote could not be reached (offline, wrong address, no access).
        case unreachable
        /// A conflict in a file that is not a journal, or a merge already in progress.
        case conflict
        /// A file of the workspace could not be written.
        case files
        /// Anything else git refused.
        case git
    }
    public let kind: Kind
    public let message: String
    public init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }
    public var description: String { message }
}

/// git, run as a program in a folder: an existing tool, no server of ours.
public struct Git: Sendable {
    public let directory: URL
    public let executable: String

    public struct Output: Sendable {
        public let status: Int32
        public let stdout: [UInt8]
        public let stderr: String
        public var ok: Bool { status == 0 }
        public var text: String {
            String(decoding: stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        /// git's reason: the first line that says what failed ("ssh: …", "fatal: …", "error: …"),
        /// else the last line it wrote on standard error — without the "fatal: " prefix.
        public var reason: String {
            let lines = stderr.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter
            { !$0.isEmpty && !$0.hasPrefix("hint:") }
            let line =
                lines.first { l in ["ssh: ", "fatal: ", "error: "].contains { l.hasPrefix($0) } } ?? lines.last
                ?? "exit status \(status)"
            for prefix in ["fatal: ", "error: "] where line.hasPrefix(prefix) {
                return String(line.dropFirst(prefix.count))
            }
            return line
        }
    }

    /// git in `directory`, found on PATH; nil when it is not installed.
    public init?(in directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let path = Git.locate(environment: environment) else { return nil }
        self.directory = directory
        self.executable = path
    }

    static func locate(environment: [String: String]) -> String? {
        for dir in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/git"
            var s = stat()
            if access(candidate, X_OK) == 0, stat(candidate, &s) == 0, s.st_mode & S_IFMT == S_IFREG {
                return candidate
            }
        }
        return nil
    }

    /// Runs `git <arguments>`; standard output is handed to `line` one line at a time when given
    /// (a diff of a large history is never held whole), else collected.
    @discardableResult
    public func run(_ arguments: [String], input: [UInt8]? = nil, line: ((ArraySlice<UInt8>) -> Void)? = nil)
        throws(SyncError) -> Output
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        // Fixed, English messages (parsed for the reason); never a pager, an editor or a prompt
        // that would wait on a terminal nobody watches.
        process.arguments = ["-c", "core.quotepath=off", "-c", "color.ui=false"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["LC_ALL"] = "C"
        env["GIT_PAGER"] = "cat"
        env["GIT_EDITOR"] = "true"
        env["GIT_MERGE_AUTOEDIT"] = "no"
        process.environment = env
        process.currentDirectoryURL = directory
        let out = Pipe()
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent(
            "case-explorer-git-\(SafeFile.randomName(12))")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        guard let err = try? FileHandle(forWritingTo: errURL) else {
            throw SyncError(
                .git, "cannot make a temporary file for git's messages in \(errURL.deletingLastPathComponent().path).")
        }
        process.standardOutput = out
        process.standardError = err
        let inPipe = input.map { _ in Pipe() }
        process.standardInput = inPipe ?? FileHandle.nullDevice
        do { try process.run() } catch {
            try? err.close()
            throw SyncError(.noGit, "cannot run git (\(executable)): \(error.localizedDescription).")
        }
        if let input, let inPipe {
            let handle = inPipe.fileHandleForWriting
            DispatchQueue.global().async {
                handle.write(Data(input))
                try? handle.close()
            }
        }
        var collected: [UInt8] = []
        var carry: [UInt8] = []
        let reader = out.fileHandleForReading
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            guard let line else { collected += chunk; continue }
            carry += chunk
            var start = 0
            while let nl = carry[start...].firstIndex(of: 0x0A) {
                line(carry[start..<nl])
                start = nl + 1
            }
            carry.removeFirst(start)
        }
        if let line, !carry.isEmpty { line(carry[...]) }
        process.waitUntilExit()
        try? err.close()
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        return Output(status: process.terminationStatus, stdout: collected, stderr: stderr)
    }

    /// Runs git and fails with `message` and git's reason when it does not succeed.
    @discardableResult
    public func must(_ arguments: [String], _ kind: SyncError.Kind = .git, _ message: String) throws(SyncError)
        -> Output
    {
        let o = try run(arguments)
        guard o.ok else { throw SyncError(kind, "\(message) (git: \(o.reason)).") }
        return o
    }
}
