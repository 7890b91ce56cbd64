#if canImport(Glibc)
    import Glibc
#endif

/// Standard input, output and error made safe, and every write to them checked.
///
/// A process started with 0, 1 or 2 closed would hand those numbers to the first files it
/// opens (a journal, a lock), and its messages would land in them; so before anything is
/// opened each closed one is filled with /dev/null, and remembered as closed. A write that
/// fails (a full disk, a closed stream) ends the program with one sentence on the other
/// stream, if that one works, and exit status 74 — never a crash report.
enum StandardStreams {
    static let ioError: Int32 = 74

    /// Which of 0, 1, 2 were closed when the program started (filled with /dev/null since).
    /// Evaluated first thing in `main`, before any file is opened.
    static let closedAtStart: [Bool] = (0...2).map { fd in
        guard fcntl(Int32(fd), F_GETFD) == -1 && errno == EBADF else { return false }
        // open returns the lowest free number, which is this one (the lower ones are open by now).
        let opened = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
        // Without /dev/null the number would stay free for a journal: better not to run at all.
        guard opened == Int32(fd) else { _exit(71) }
        return true
    }

    static func secure() { _ = closedAtStart }

    /// Writes all bytes to 1 or 2; on failure says so on the other stream and exits 74.
    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        if closedAtStart[Int(fd)] { fail(fd, EBADF) }
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN {
                    // A non-blocking stream that is full: wait until it takes more.
                    var ready = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&ready, 1, -1)
                    continue
                }
                fail(fd, errno)
            }
            if n == 0 { fail(fd, EIO) }
            done += n
        }
    }

    static func write(_ fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { write(fd, UnsafeRawBufferPointer($0)) }
    }

    /// One sentence on the stream that still works (if any), then exit 74.
    static func fail(_ fd: Int32, _ code: Int32) -> Never {
        let name = fd == STDOUT_FILENO ? "standard output" : "standard error"
        let other = fd == STDOUT_FILENO ? STDERR_FILENO : STDOUT_FILENO
        let reason = code == EBADF ? "it is closed" : String(cString: strerror(code))
        let message = Array("case-explorer: cannot write to \(name) (\(reason)); the output is incomplete.\n".utf8)
        if !closedAtStart[Int(other)] {
            _ = message.withUnsafeBytes { Glibc.write(other, $0.baseAddress, $0.count) }
        }
        _exit(ioError)
    }
}
