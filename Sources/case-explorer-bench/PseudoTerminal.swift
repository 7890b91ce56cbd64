import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// The real explorer in a pseudo-terminal, as a user's terminal runs it: the time from starting
/// the process to its first screen, and from writing a key to the screen's update arriving.
struct PseudoTerminalRun {
    /// Milliseconds from the spawn to the end of the first frame.
    var firstScreen = Double.nan
    /// Milliseconds from the spawn to the last update before the screen stayed still for
    /// 600 ms: with the whole dataset built in the background (its progress drawn every half
    /// second), when every excerpt is in; else the first screen.
    var allLoaded = Double.nan
    /// The process's peak resident memory over the whole run (wait4's ru_maxrss), in MB.
    var peakMB = Double.nan
    /// Per key: milliseconds from writing it to the end of the first update it caused (nil when
    /// nothing was redrawn), and to the last update before the screen stayed still (a search
    /// answered in the background arrives as a second update).
    var keys: [(update: Double?, settled: Double?)] = []
    /// Per key typed right after the first screen (while a large study's excerpts load):
    /// milliseconds from writing it to the end of the first update it caused, and from the
    /// spawn to writing it (compared with `allLoaded` of runs that type nothing while loading).
    var keysWhileLoading: [(update: Double?, sentAt: Double)] = []
}

enum PseudoTerminal {
    /// The bytes a terminal sends for a key in tour notation (single characters, Enter, Esc, Tab).
    static func bytes(_ key: String) -> [UInt8] {
        switch key {
        case "Enter": return [13]
        case "Esc": return [27]
        case "Tab": return [9]
        case "Space": return [32]
        default: return Array(key.utf8)
        }
    }

    /// Runs `path args` on a new pseudo-terminal of `columns`×`rows`, waits for its first screen
    /// (output containing `marker`, then 150 ms without output), writes each key and waits for
    /// the screen to stay still, then ends it.
    static func run(
        _ path: String, _ args: [String], environment: [String: String], columns: Int = 160, rows: Int = 50,
        marker: String, keys: [String], keysWhileLoading: [String] = []
    ) -> PseudoTerminalRun? {
        // posix_openpt, unlockpt and ptsname as Linux does them (Swift's Glibc module does not
        // offer those three): the multiplexer, unlock (TIOCSPTLCK), the number (TIOCGPTN).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { return nil }
        defer { close(master) }
        var unlock: Int32 = 0, number: UInt32 = 0
        guard ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else { return nil }
        let slave = "/dev/pts/\(number)"
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // The child's own session, with the terminal opened there as its controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slave, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, 0x80) // POSIX_SPAWN_SETSID (glibc 2.26)
        let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + args).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let start = now()
        guard posix_spawn(&pid, path, &actions, &attributes, argv, envp) == 0 else { return nil }
        var result = PseudoTerminalRun()
        var seen: [UInt8] = []
        let wanted = Array(marker.utf8)
        // The first screen: output until the marker has appeared, then until 150 ms of quiet.
        var last = Double.nan
        while true {
            let timeout: Int32 = seen.isEmpty || !contains(seen, wanted) ? 120_000 : 150
            guard let at = read(master, timeout: timeout, appendingTo: &seen) else { break }
            last = at
        }
        if contains(seen, wanted) { result.firstScreen = (last - start) * 1000 }
        // Keys on the first screen at once, 150 ms apart, each timed to the end of the first
        // burst of output after it (the loading progress, drawn every half second, may end one).
        var whileLoading: [(sent: Double, update: Double?)] = []
        for key in keysWhileLoading {
            let sent = now()
            let k = bytes(key)
            _ = k.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            var firstEnd: Double?
            var previous = sent
            while case let left = 0.15 - (now() - sent), left > 0,
                let at = arrival(master, timeout: Int32(max(1, left * 1000)))
            {
                if firstEnd == nil || at - previous < 0.005 && firstEnd == previous { firstEnd = at }
                previous = at
                last = at
            }
            whileLoading.append((sent, firstEnd.map { ($0 - sent) * 1000 }))
        }
        // The keys are timed once the whole dataset is in (the progress is drawn every 500 ms).
        while let at = arrival(master, timeout: 600) { last = at }
        result.allLoaded = (last - start) * 1000
        result.keysWhileLoading = whileLoading.map { ($0.update, ($0.sent - start) * 1000) }
        for key in keys {
            let sent = now()
            let k = bytes(key)
            _ = k.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            // Updates: bursts of output; the first burst ends at a gap of 5 ms, the screen is
            // still after 300 ms without output.
            var firstEnd: Double?, settled: Double?
            var previous = sent
            while let at = arrival(master, timeout: 300) {
                if firstEnd == nil || at - previous < 0.005 && settled == firstEnd { firstEnd = at }
                settled = at
                previous = at
            }
            result.keys.append((firstEnd.map { ($0 - sent) * 1000 }, settled.map { ($0 - sent) * 1000 }))
        }
        kill(pid, SIGTERM)
        var status: Int32 = 0
        // Drain what it writes while ending (restoring the terminal), or it could block on a full pty.
        while arrival(master, timeout: 200) != nil {}
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        result.peakMB = Double(usage.ru_maxrss) / 1024 // kilobytes on Linux
        return result
    }

    /// Bytes from the terminal within `timeout` milliseconds, appended to `seen`; the time they
    /// arrived, nil when none did.
    private static func read(_ fd: Int32, timeout: Int32, appendingTo seen: inout [UInt8]) -> Double? {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = buffer.withUnsafeMutableBytes { read(fd, timeout: timeout, into: $0) }
        guard n > 0 else { return nil }
        seen.append(contentsOf: buffer[0..<n])
        return now()
    }

    /// When output arrived within `timeout` milliseconds (read and dropped), nil when none did.
    /// No array is made for bytes nobody keeps: the release build freed such an array (the
    /// unused half of a returned tuple) before copying into it — the benchmark's "malloc():
    /// mismatching next->prev_size" aborts, found with valgrind.
    private static func arrival(_ fd: Int32, timeout: Int32) -> Double? {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 8)
        defer { buffer.deallocate() }
        return read(fd, timeout: timeout, into: buffer) > 0 ? now() : nil
    }

    /// poll, then one read into `buffer`: the number of bytes read, 0 when none came in time.
    private static func read(_ fd: Int32, timeout: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, timeout) > 0, p.revents & Int16(POLLIN) != 0 else { return 0 }
        return max(0, Glibc.read(fd, buffer.baseAddress, buffer.count))
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        return (0...(haystack.count - needle.count)).contains { i in
            haystack[i..<(i + needle.count)].elementsEqual(needle)
        }
    }
}
