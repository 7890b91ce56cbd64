/// Why a file was not written (an export, a recording, a codebook for the data folder). Each
/// case is the one sentence the user sees; the command line's exit status follows from the
/// case, never from the wording.
public enum ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A symbolic link, FIFO, device or folder stands where the file would go: never written
    /// through nor replaced, not even when asked to replace.
    case notARegularFile(path: String, what: String)
    /// The file exists and replacing it was not asked for.
    case exists(path: String)
    /// The folder to write into does not exist.
    case noFolder(path: String)
    /// What stands where the folder to write into should be is not a folder (a file, say).
    case notAFolder(path: String)
    /// The system refused the write (a full disk, no permission), in its own words.
    case cannotWrite(path: String, reason: String)

    public var message: String {
        switch self {
        case let .notARegularFile(path, what):
            "\(path) is \(what), not a regular file; nothing was written (it is never replaced, not even with --force)."
        case let .exists(path): "\(path) exists; nothing was written (use --force to replace it)."
        case let .noFolder(path): "the folder \(path) does not exist; nothing was written."
        case let .notAFolder(path): "\(path) is not a folder; nothing was written."
        case let .cannotWrite(path, reason): "cannot write \(path) (\(reason))."
        }
    }

    public var description: String { message }
}
