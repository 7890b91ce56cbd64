import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `search` with the study index cut short under it by another program: the real binary is held
/// by a full output pipe in the middle of its hits, after the index is mapped and the texts
/// ranked; the index is truncated, the pipe read, and the next rows touch pages past the file's
/// new end (SIGBUS). One sentence, status 75, no crash report; the next run rebuilds the index.
@Suite struct TruncatedIndexCommandTests {
    @Test func searchEndsWithTheSentenceWhenItsIndexIsTruncated() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cli-truncated-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let generated = try CLI.run(["generate", "--excerpts", "4000", "--coders", "0", "-o", root.path])
        try #require(generated.status == 0, "\(generated.stderr)")
        let cases = root.appendingPathComponent("cases").path
        let environment = ["XDG_CACHE_HOME": root.appendingPathComponent("cache").path]
        let search = ["search", "skole", "--cases", cases]
        let built = try CLI.run(search, environment: environment)
        try #require(built.status == 0, "\(built.stderr)")
        // Far more hits than a pipe holds: the program waits to write them.
        try #require(built.stdout.utf8.count > 4 * 65536, "\(built.stdout.utf8.count) bytes of hits")
        let folder = root.appendingPathComponent("cache/case-explorer")
        let index = try #require(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix(".index") }
                .map { folder.appendingPathComponent($0) })

        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = search
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let errURL = root.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The pipe is full: the program is stopped in the middle of its output.
        let deadline = Date().addingTimeInterval(60)
        var waiting: Int32 = 0
        while Date() < deadline {
            _ = ioctl(out.fileHandleForReading.fileDescriptor, UInt(FIONREAD), &waiting)
            if waiting >= 65536 { break }
            usleep(20_000)
        }
        #expect(waiting >= 65536, "the output never filled the pipe")
        let handle = try FileHandle(forWritingTo: index)
        try handle.truncate(atOffset: 0)
        try handle.close()
        let printed = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try err.close()
        let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        #expect(process.terminationReason == .exit && process.terminationStatus == 75, "\(stderr)")
        #expect(
            stderr
                == "case-explorer: another program truncated the study index \(index.path) while it was in use; "
                + "run the command again to rebuild it.\n")
        #expect(printed.count < built.stdout.utf8.count, "every hit was printed: the index was never read again")
        let again = try CLI.run(search, environment: environment)
        #expect(again.status == 0 && again.stdout == built.stdout, "\(again.stderr)")
    }
}
