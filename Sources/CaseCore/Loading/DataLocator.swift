import Foundation

/// Finds the data folder: an explicit path, else `$CASE_EXPLORER_CASES`, else the bundled `Cases/`
/// found by walking up from the executable (a SwiftPM build lives in `.build/<config>/` under the
/// repository) or from the working directory, else `<prefix>/share/case-explorer/Cases` beside an
/// installed binary.
public enum DataLocator {
    public static let environmentVariable = "CASE_EXPLORER_CASES"

    public static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                              executable: String = CommandLine.arguments.first ?? "",
                              workingDirectory: String = FileManager.default.currentDirectoryPath) -> URL? {
        if let explicit { return URL(fileURLWithPath: explicit) }
        if let env = environment[environmentVariable], !env.isEmpty { return URL(fileURLWithPath: env) }
        var starts: [URL] = []
        let exe = URL(fileURLWithPath: executable, relativeTo: URL(fileURLWithPath: workingDirectory)).resolvingSymlinksInPath()
        starts.append(exe.deletingLastPathComponent())
        starts.append(URL(fileURLWithPath: workingDirectory))
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent("Cases")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("study.json").path) { return candidate }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        let installed = exe.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/case-explorer/Cases")
        if FileManager.default.fileExists(atPath: installed.path) { return installed }
        return nil
    }
}
