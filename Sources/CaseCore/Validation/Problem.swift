/// One thing wrong with the data, located as `file: json-path: message`.
public struct Problem: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let file: String
    public let path: String
    public let message: String

    public init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    public var description: String { "\(file): \(path): \(message)" }
}

/// Raised when a data folder cannot be used; carries every problem found, not just the first.
public struct DataFolderError: Error, Sendable, CustomStringConvertible {
    public let problems: [Problem]
    public init(problems: [Problem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
