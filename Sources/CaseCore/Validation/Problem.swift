/// What can be wrong when a data folder is loaded: one case per kind of problem, each with the
/// one sentence users see. Callers branch on the case, never on the wording.
public enum LoadError: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The data folder does not exist.
    case missingFolder
    /// The path names a file, not a folder.
    case notAFolder
    /// The folder holds no `.json` file.
    case noDataFiles
    /// A file is larger than a data file may be.
    case fileTooLarge(mebibytes: Int, limit: Int)
    /// A file could not be read; the system's reason.
    case unreadable(reason: String)
    /// A `.json` entry that is not a regular file (a symbolic link, a named pipe, a socket, a
    /// device): what it is.
    case notARegularFile(what: String)
    /// A file is not well-formed JSON (where and what, from the parser).
    case notJSON(JSONParseError)
    /// No file holds the `study` object.
    case noStudy
    /// A second `study` object; the file of the first.
    case secondStudy(firstIn: String)
    /// A value does not have the shape the data format gives it: missing, of the wrong type,
    /// out of range, or a member the format does not know.
    case malformed(String)
    /// The files disagree with each other: a reference to nothing, an id used twice, a line
    /// range outside its source, an attribution its evidence does not support.
    case inconsistent(String)

    public var description: String {
        switch self {
        case .missingFolder: return "no such data folder"
        case .notAFolder: return "is a file, not a data folder"
        case .noDataFiles: return "the data folder holds no .json files"
        case let .fileTooLarge(size, limit):
            return "the file is \(size) MiB, more than the \(limit) MiB a data file may have"
        case let .unreadable(reason): return "cannot be read (\(reason))"
        case let .notARegularFile(what):
            let link = what == "a symbolic link" ? " (a link is not followed: copy the file in)" : ""
            return "is \(what), not a regular file; a data file is read only as a file of its own in the data "
                + "folder\(link)"
        case let .notJSON(error): return "not valid JSON: \(error.description)"
        case .noStudy: return "no file holds the \"study\" object"
        case let .secondStudy(first): return "a second \"study\" object (the first is in \(first))"
        case let .malformed(message), let .inconsistent(message): return message
        }
    }
}

/// One thing wrong with the data, located as `file: json-path: message`.
public struct Problem: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let file: String
    public let path: String
    public let kind: LoadError

    public init(file: String, path: String, _ kind: LoadError) {
        self.file = file
        self.path = path
        self.kind = kind
    }

    /// The sentence users see (without the place).
    public var message: String { kind.description }

    public var description: String { "\(file): \(path): \(message)" }
}

/// Raised when a data folder cannot be used; carries every problem found, not just the first.
public struct DataFolderError: Error, Sendable, CustomStringConvertible {
    public let problems: [Problem]
    public init(problems: [Problem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
