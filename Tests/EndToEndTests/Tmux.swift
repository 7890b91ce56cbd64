import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program with posix_spawn: an empty signal mask and default dispositions (a child of a
/// test worker thread would otherwise inherit blocked signals and never see SIGWINCH/SIGINT),
/// standard output to a pipe or /dev/null, and waitpid.
enum Spawn {
    @discardableResult
    static func run(_ path: String, _ args: [String], capture: Bool = true) -> (status: Int32, output: String) {
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attr, &empty)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var fds: [Int32] = [-1, -1]
        if capture {
            _ = pipe(&fds)
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            posix_spawn_file_actions_adddup2(&fileActions, fds[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&fileActions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&fileActions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&fileActions, 0, "/dev/null", O_RDONLY, 0)
        let argv = ([path] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &fileActions, &attr, argv, environ)
        if capture { close(fds[1]) }
        guard rc == 0 else { if capture { close(fds[0]) }; return (-1, "") }
        var output = Data()
        if capture {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(fds[0], &buffer, buffer.count)
                if n <= 0 { break }
                output.append(contentsOf: buffer[0..<n])
            }
            close(fds[0])
        }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return ((status >> 8) & 0xFF, String(decoding: output, as: UTF8.self))
    }
}

/// A private tmux server running one command in a pane of a fixed size.
final class TmuxSession {
    static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static var available: Bool { tmux != nil }

    let socket = "case-explorer-e2e-\(UUID().uuidString.prefix(8))"

    /// Starts `command` (run by sh, which then prints __EXIT__=status and the terminal's
    /// canonical/echo/flow-control state, and stays so the pane can be read). The pane keeps
    /// the terminal settings a new shell has (ixon on); tmux sets TERM itself, so a test of
    /// another TERM sets it in `command`.
    init(_ command: String, width: Int = 100, height: Int = 30, environment: [String: String] = [:]) {
        var env = ["LANG": "C.UTF-8", "TERM": "tmux-256color", "ESCDELAY": "25", "SWIFT_BACKTRACE": "interactive=no"]
        for (k, v) in environment { env[k] = v }
        let script =
            "trap : INT; \(command); echo __EXIT__=$?; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo|ixon)$' | "
            + "tr '\\n' ' '; echo; sleep 600"
        var args = ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", String(width), "-y", String(height)]
        for (k, v) in env.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(k)=\(v)"] }
        args += ["sh", "-c", script, ";", "set-option", "-g", "remain-on-exit", "on"]
        Spawn.run(Self.tmux!, args, capture: false)
    }

    deinit { Spawn.run(Self.tmux!, ["-L", socket, "kill-server"], capture: false) }

    func tmux(_ args: [String]) -> String { Spawn.run(Self.tmux!, ["-L", socket] + args).output }

    var screen: String { tmux(["capture-pane", "-p"]) }

    func keys(_ keys: String...) { _ = tmux(["send-keys"] + keys) }
    func type(_ text: String) { _ = tmux(["send-keys", "-l", text]) }
    func resize(_ width: Int, _ height: Int) { _ = tmux(["resize-window", "-x", String(width), "-y", String(height)]) }
    /// Whether the pane is in the alternate (full-screen) mode.
    var alternateScreen: Bool {
        tmux(["display-message", "-p", "#{alternate_on}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }
    var panePID: String {
        tmux(["display-message", "-p", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the pane every 30 ms until `text` appears; false at the deadline.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if screen.contains(text) { return true }
            usleep(30_000)
        }
        return false
    }
}
