import Foundation

/// Finds the data folder: an explicit path, else `$CASE_EXPLORER_CASES`, else the bundled `Cases/`
/// found by walking up from the executable's real location (a SwiftPM build lives in
/// `.build/<config>/` under the repository; a symlink on `PATH` is followed to it) or from the
/// working directory, else `<prefix>/share/case-explorer/Cases` beside an installed binary.
public enum DataLocator {
    public static let environmentVariable = "CASE_EXPLORER_CASES"

    public static func locate(
        explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        executable: String = DataLocator.runningExecutable,
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) -> URL? {
        if let explicit { return URL(fileURLWithPath: explicit) }
        if let env = environment[environmentVariable], !env.isEmpty { return URL(fileURLWithPath: env) }
        var starts: [URL] = []
        let exe = URL(fileURLWithPath: executable, relativeTo: URL(fileURLWithPath: workingDirectory))
            .resolvingSymlinksInPath()
        starts.append(exe.deletingLastPathComponent())
        starts.append(URL(fileURLWithPath: workingDirectory))
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent("Cases")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("study.json").path) {
                    return candidate
                }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        let installed = exe.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            "share/case-explorer/Cases")
        if FileManager.default.fileExists(atPath: installed.path) { return installed }
        return nil
    }

    /// The running binary's own path. `argv[0]` is only the bare name when the program is started
    /// from `PATH`, so the kernel's link is asked first; its target is the real file, whatever
    /// symlink the user ran.
    public static var runningExecutable: String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return CommandLine.arguments.first ?? ""
    }
}
