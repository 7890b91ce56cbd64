import Foundation
import Testing
import CaseCore

/// Runs the real `case-explorer` binary, as a user or a script would.
enum CLI {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let binary: URL = {
        // The test bundle sits in the same build folder as the executable.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("case-explorer")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return repository.appendingPathComponent(".build/debug/case-explorer")
    }()

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
    }

    static func run(_ arguments: [String], environment: [String: String] = [:], cwd: URL? = nil, executable: URL? = nil)
        throws -> Result
    {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        // A hermetic locale: CI exports LC_ALL, which would override any LANG a test sets.
        for key in ["LC_ALL", "LC_MESSAGES", "LANGUAGE"] { env.removeValue(forKey: key) }
        env["LANG"] = "C.UTF-8"
        env.removeValue(forKey: DataLocator.environmentVariable)
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let cwd { process.currentDirectoryURL = cwd }
        // stdout through a pipe read to its end, stderr into a file: neither can fill up and block the child.
        let out = Pipe()
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("cli-stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try err.close()
        let errData = try Data(contentsOf: errURL)
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    static func scratchCopy() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "case-explorer-cli-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: repository.appendingPathComponent("Cases"), to: dir)
        return dir
    }
}
