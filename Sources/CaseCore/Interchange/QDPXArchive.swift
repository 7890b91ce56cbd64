import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// A `.qdpx` archive read into memory: its project and the text of its sources.
public struct QDPXArchive {
    public let name: String
    public let project: RefiProject
    private let zip: ZipReader

    /// A file to import must be a file: a folder made Foundation's reader stop the program (a
    /// crash report), a named pipe would block it. Links are followed (reading is harmless).
    public static func checkIsFile(_ url: URL) throws(InterchangeError) {
        var s = stat()
        guard stat(url.path, &s) == 0 else {
            throw InterchangeError.unreadable(file: url.path, reason: "no such file, or it cannot be read")
        }
        guard let what = SafeFile.kind(s) else { return }
        throw InterchangeError.unreadable(file: url.path, reason: "\(what), not a file to import")
    }

    public static func read(_ url: URL, limits: ZipReader.Limits = .init()) throws(InterchangeError) -> QDPXArchive {
        let name = url.lastPathComponent
        try checkIsFile(url)
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw InterchangeError.unreadable(file: url.path, reason: "no such file, or it cannot be read")
        }
        let head = [UInt8](handle.readData(ofLength: 4))
        try? handle.close()
        guard head == ZipReader.zipSignature else {
            throw InterchangeError.notREFIQDA(
                file: name,
                detail: "not a .qdpx (a REFI-QDA project is a ZIP archive, and this file is not one); for a codebook "
                    + "(.qdc) use `case-explorer import qdc`.")
        }
        let zip = try ZipReader(url: url, name: name, limits: limits)
        guard let qde = zip.files.first(where: { $0.name.lowercased() == "project.qde" })?.bytes else {
            throw InterchangeError.notREFIQDA(
                file: name, detail: "the archive has no project.qde at its top; is this a REFI-QDA project?")
        }
        return QDPXArchive(name: name, project: try RefiProject.parse(qde, name: name), zip: zip)
    }

    /// A source's text as the other program wrote it (a byte-order mark removed and noted), or
    /// nil with the reason it cannot be read.
    public func text(of source: RefiProject.Source) -> Result<(text: String, hadBOM: Bool), SourceTextProblem> {
        var bytes: [UInt8]
        if let path = source.plainTextPath, path.hasPrefix("internal://") {
            let file = String(path.dropFirst("internal://".count))
            guard ZipReader.unsafe(file) == nil, let b = zip.file("sources/\(file)") else {
                return .failure(.notInArchive(path))
            }
            bytes = b
        } else if let content = source.content {
            bytes = Array(content.utf8)
        } else if let path = source.plainTextPath {
            return .failure(.outsideArchive(path))
        } else {
            return .failure(.noText)
        }
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if bom { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(.notUTF8)
        }
        return .success((text, bom))
    }
}

/// Why one source of a project has no text here: the project is still read, the source is
/// listed as not read with this phrase ("its text is not valid UTF-8").
public enum SourceTextProblem: Error, Sendable, Equatable {
    case notInArchive(String)
    case outsideArchive(String)
    case noText
    case notUTF8

    public var message: String {
        switch self {
        case let .notInArchive(path): "its text file \(ZipReader.visible(path)) is not in the archive"
        case let .outsideArchive(path):
            "its text lies outside the archive (\(ZipReader.visible(path))), which is not read"
        case .noText: "it has no text"
        case .notUTF8: "its text is not valid UTF-8"
        }
    }
}
