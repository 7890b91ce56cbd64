/// Why another program's file (a REFI-QDA codebook or project) was not read, or not turned into
/// a data folder. Each case is the one sentence the user sees, naming the file; the command
/// line's exit status follows from the case, never from the wording.
public enum InterchangeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not there, or cannot be read (`reason`: "no such file", "cannot be read (…)").
    case unreadable(file: String, reason: String)
    /// Not the kind of file it should be: not a ZIP archive, not UTF-8, not well-formed XML, no
    /// REFI-QDA root element or namespace, truncated.
    case notREFIQDA(file: String, detail: String)
    /// Refused on purpose, so that a hostile file stays harmless: too big, a DTD or entities, an
    /// archive entry leading out of the folder, a link, a possible zip bomb.
    case refused(file: String, detail: String)
    /// A well-formed file that cannot be used: a code without a name, a duplicate GUID, no codes,
    /// nothing coded to explore.
    case unusable(file: String, detail: String)
    /// `import qdpx --new` writes a new data folder: the one named exists and is not empty.
    case folderNotEmpty(path: String)
    /// Writing the new data folder failed.
    case writing(ExportError)
    /// Writing a user's journal in the new workspace failed.
    case journal(JournalError)

    public var message: String {
        switch self {
        case let .unreadable(file, reason): "\(file): \(reason)."
        case let .notREFIQDA(file, detail), let .refused(file, detail), let .unusable(file, detail):
            "\(file): \(detail)"
        case let .folderNotEmpty(path):
            "\(path) is not empty; --new writes a new folder (choose an empty or new one)."
        case let .writing(error): error.message
        case let .journal(error): error.message
        }
    }

    public var description: String { message }
}
