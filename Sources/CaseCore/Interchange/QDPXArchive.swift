import Foundation

/// A `.qdpx` archive read into memory: its project and the text of its sources.
public struct QDPXArchive {
    public let name: String
    public let project: RefiProject
    private let zip: ZipReader

    public static func read(_ url: URL, limits: ZipReader.Limits = .init()) throws(JournalError) -> QDPXArchive {
        let name = url.lastPathComponent
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw JournalError("\(url.path): no such file, or it cannot be read.")
        }
        let head = [UInt8](handle.readData(ofLength: 4))
        try? handle.close()
        guard head == ZipReader.zipSignature else {
            throw JournalError(
                "\(name): not a .qdpx (a REFI-QDA project is a ZIP archive, and this file is not one); for a codebook (.qdc) use `case-explorer import qdc`."
            )
        }
        let zip = try ZipReader(url: url, name: name, limits: limits)
        guard let qde = zip.files.first(where: { $0.name.lowercased() == "project.qde" })?.bytes else {
            throw JournalError("\(name): the archive has no project.qde at its top; is this a REFI-QDA project?")
        }
        return QDPXArchive(name: name, project: try RefiProject.parse(qde, name: name), zip: zip)
    }

    /// A source's text as the other program wrote it (a byte-order mark removed and noted), or
    /// nil with the reason it cannot be read.
    public func text(of source: RefiProject.Source) -> Result<(text: String, hadBOM: Bool), JournalError> {
        var bytes: [UInt8]
        if let path = source.plainTextPath, path.hasPrefix("internal://") {
            let file = String(path.dropFirst("internal://".count))
            guard ZipReader.unsafe(file) == nil, let b = zip.file("sources/\(file)") else {
                return .failure(JournalError("its text file \(ZipReader.visible(path)) is not in the archive"))
            }
            bytes = b
        } else if let content = source.content {
            bytes = Array(content.utf8)
        } else if let path = source.plainTextPath {
            return .failure(
                JournalError("its text lies outside the archive (\(ZipReader.visible(path))), which is not read"))
        } else {
            return .failure(JournalError("it has no text"))
        }
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if bom { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(JournalError("its text is not valid UTF-8"))
        }
        return .success((text, bom))
    }
}
