import CMappingGuard
import CTerminalGuard
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The mapping guard in a fresh process each (an exit test), with the terminal guard installed
/// after it, before it, or not at all: a SIGBUS from a page past the end of a truncated file
/// inside a registered mapping ends the process with the sentence and status 75; any other
/// SIGBUS reaches the handler that was there before, with the true faulting address.
@Suite struct MappingGuardTests {
    /// What the child installs, in this order, before it touches the truncated file.
    enum Step: String, Codable, Sendable {
        /// A handler of the test's own, standing for the runtime's: exits 42 when it sees a fault
        /// at the expected address, 43 at another, 44 for a signal a program sent.
        case previousHandler
        case mappingGuard
        case terminalGuard
    }

    static let sentence = "test: the mapped file was truncated.\n"

    @Test(arguments: [
        [Step.previousHandler, .mappingGuard],
        [.previousHandler, .mappingGuard, .terminalGuard],
        [.previousHandler, .terminalGuard, .mappingGuard]
    ])
    func aFaultInsideARegisteredMappingEndsWithTheSentence(_ steps: [Step]) async {
        let result = await #expect(processExitsWith: .exitCode(75), observing: [\.standardErrorContent]) {
            [steps] in
            Child.run(steps, registered: true, sentence: MappingGuardTests.sentence)
        }
        #expect(result.map { String(decoding: $0.standardErrorContent, as: UTF8.self) } == Self.sentence)
    }

    @Test(arguments: [
        [Step.previousHandler, .mappingGuard],
        [.previousHandler, .mappingGuard, .terminalGuard],
        [.previousHandler, .terminalGuard, .mappingGuard]
    ])
    func aFaultOutsideGoesToThePreviousHandlerWithItsAddress(_ steps: [Step]) async {
        await #expect(processExitsWith: .exitCode(42)) { [steps] in
            Child.run(steps, registered: false, sentence: MappingGuardTests.sentence)
        }
    }

    /// The leave hook (the terminal's restoring) runs before the sentence is written.
    @Test func theLeaveHookRunsFirst() async {
        let result = await #expect(processExitsWith: .exitCode(75), observing: [\.standardErrorContent]) {
            ce_mapping_guard_set_leave_hook {
                let text: StaticString = "left\n"
                _ = write(STDERR_FILENO, text.utf8Start, text.utf8CodeUnitCount)
            }
            Child.run([.mappingGuard], registered: true, sentence: MappingGuardTests.sentence)
        }
        #expect(result.map { String(decoding: $0.standardErrorContent, as: UTF8.self) } == "left\n" + Self.sentence)
    }

    /// A SIGBUS sent by a program (kill, raise: no fault address) is no fault of a mapping: the
    /// previous handler gets it. Sent to this thread, so it arrives before raise returns.
    @Test func aSignalSentByAProgramGoesToThePreviousHandler() async {
        await #expect(processExitsWith: .exitCode(44)) {
            Child.install([.previousHandler, .mappingGuard])
            var unblock = sigset_t()
            sigemptyset(&unblock)
            sigaddset(&unblock, SIGBUS)
            pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
            _ = raise(SIGBUS)
            _exit(1)
        }
    }

    /// With the runtime's own handler before it, a fault outside every registered mapping still
    /// gets the runtime's crash report, at the true address, and the process dies of SIGBUS.
    @Test func theRuntimesReportStaysForARealCrash() async {
        let result = await #expect(processExitsWith: .signal(SIGBUS), observing: [\.standardErrorContent]) {
            Child.run([.mappingGuard], registered: false, sentence: MappingGuardTests.sentence)
        }
        let stderr = result.map { String(decoding: $0.standardErrorContent, as: UTF8.self) } ?? ""
        #expect(!stderr.contains(Self.sentence), "\(stderr)")
        let announced = stderr.split(separator: "\n").first { $0.hasPrefix("fault at ") }?.dropFirst(9)
        let reported = stderr.split(separator: "\n").first { $0.contains("crashed") && $0.contains("Bus error") }
        #expect(announced != nil && reported?.contains(announced!) == true, "\(stderr)")
    }
}

/// The address the child will fault at, for its stand-in previous handler. Set before the
/// handler can run; read only in it.
nonisolated(unsafe) private var expectedFault: UInt = 0

private enum Child {
    static func install(_ steps: [MappingGuardTests.Step]) {
        for step in steps {
            switch step {
            case .previousHandler:
                var action = sigaction()
                action.__sigaction_handler.sa_sigaction = { _, info, _ in
                    guard let info, info.pointee.si_code > 0 else { _exit(44) }
                    let address = UInt(bitPattern: info.pointee._sifields._sigfault.si_addr)
                    _exit(address == expectedFault ? 42 : 43)
                }
                action.sa_flags = SA_SIGINFO
                sigemptyset(&action.sa_mask)
                sigaction(SIGBUS, &action, nil)
            case .mappingGuard: ce_mapping_guard_install()
            case .terminalGuard: ce_install_terminal_guard()
            }
        }
    }

    /// Maps three pages of a new file, registers them (or another range), truncates the file to
    /// one page and reads the third: a SIGBUS. Never returns.
    static func run(_ steps: [MappingGuardTests.Step], registered: Bool, sentence: String) -> Never {
        install(steps)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("guard-\(UUID().uuidString)").path
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0o600)
        unlink(path)
        guard fd >= 0, ftruncate(fd, off_t(3 * page)) == 0,
            let base = mmap(nil, 3 * page, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED
        else { _exit(2) }
        if registered {
            _ = ce_mapping_guard_register(base, 3 * page, sentence)
        } else {
            // Another mapping is registered: the table is not empty, the fault is just not in it.
            let other = mmap(nil, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
            _ = ce_mapping_guard_register(other, page, sentence)
        }
        _ = ftruncate(fd, off_t(page))
        let target = base + 2 * page + 5
        expectedFault = UInt(bitPattern: target)
        if !registered {
            // For the runtime's report to be compared with.
            let line = "fault at " + String(format: "0x%016lx", UInt(bitPattern: target)) + "\n"
            _ = write(STDERR_FILENO, line, line.utf8.count)
        }
        let byte = target.load(as: UInt8.self)
        _exit(byte == 0 ? 3 : 4)
    }
}
