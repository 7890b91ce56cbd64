/// One thing wrong with the data, located as `file: json-path: message`.
public struct Problem: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let file: String
    public let path: String
    public let message: String
    /// The data folder itself is missing (exit 66 rather than 65): said by the kind, not the wording.
    public let isMissingFolder: Bool

    public init(file: String, path: String, message: String, isMissingFolder: Bool = false) {
        self.file = file
        self.path = path
        self.message = message
        self.isMissingFolder = isMissingFolder
    }

    public var description: String { "\(file): \(path): \(message)" }
}

/// Raised when a data folder cannot be used; carries every problem found, not just the first.
public struct DataFolderError: Error, Sendable, CustomStringConvertible {
    public let problems: [Problem]
    public init(problems: [Problem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
