import Foundation
import ZIPFoundation

/// Reads a ZIP archive (ZIPFoundation, ZIP64 included) into memory with bounds, so a hostile
/// archive is refused with a sentence: a limit on entries, on each entry's and the whole
/// archive's uncompressed bytes (counted as they are inflated, not taken from the headers — a
/// zip bomb stops at the limit), and names that would leave a target folder.
public struct ZipReader {
    public struct Limits: Sendable {
        public var entries: Int
        public var entryBytes: Int
        public var totalBytes: Int
        public init(entries: Int = 2_000_000, entryBytes: Int = 512 << 20, totalBytes: Int = 2 << 30) {
            self.entries = entries
            self.entryBytes = entryBytes
            self.totalBytes = totalBytes
        }
    }

    /// Every file entry's name and bytes, in archive order; directories are left out.
    public private(set) var files: [(name: String, bytes: [UInt8])] = []
    /// Where each file is in `files`, by its name in lower case (looked up once per source).
    private var index: [String: Int] = [:]

    public static let zipSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    public init(url: URL, name: String, limits: Limits = Limits()) throws(InterchangeError) {
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw InterchangeError.notREFIQDA(
                file: name, detail: "not a ZIP archive that can be read (a .qdpx is a ZIP file); nothing was imported.")
        }
        var total = 0
        var seen = 0
        var names = Set<String>()
        for entry in archive {
            seen += 1
            guard seen <= limits.entries else {
                throw InterchangeError.refused(
                    file: name, detail: "more than \(limits.entries) entries in the archive; refused.")
            }
            let path = entry.path
            if let problem = Self.unsafe(path) {
                throw InterchangeError.refused(
                    file: name,
                    detail: "the archive entry \"\(Self.visible(path))\" \(problem); refused, nothing was imported.")
            }
            guard entry.type == .file else {
                if entry.type == .symlink {
                    throw InterchangeError.refused(
                        file: name,
                        detail: "the archive entry \"\(Self.visible(path))\" is a symbolic link; refused, "
                            + "nothing was imported.")
                }
                continue
            }
            guard names.insert(path.lowercased()).inserted else {
                throw InterchangeError.refused(
                    file: name,
                    detail: "the archive holds \"\(Self.visible(path))\" twice; refused, nothing was imported.")
            }
            if entry.uncompressedSize > UInt64(limits.entryBytes)
                || total + Int(clamping: entry.uncompressedSize) > limits.totalBytes
            {
                throw Self.tooBig(name, path, limits)
            }
            var bytes: [UInt8] = []
            var overflow = false
            do {
                _ = try archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: false) { chunk in
                    guard bytes.count + chunk.count <= limits.entryBytes,
                        total + bytes.count + chunk.count <= limits.totalBytes
                    else {
                        overflow = true
                        throw CocoaError(.fileReadTooLarge)
                    }
                    bytes += chunk
                }
            } catch {
                if overflow { throw Self.tooBig(name, path, limits) }
                throw InterchangeError.notREFIQDA(
                    file: name,
                    detail: "the archive entry \"\(Self.visible(path))\" cannot be unpacked (damaged or a checksum "
                        + "mismatch); nothing was imported.")
            }
            total += bytes.count
            index[path.lowercased()] = files.count
            files.append((path, bytes))
        }
    }

    private static func tooBig(_ name: String, _ path: String, _ limits: Limits) -> InterchangeError {
        .refused(
            file: name,
            detail: "\"\(visible(path))\" unpacks to more than the limit (\(limits.entryBytes >> 20) MiB per entry, "
                + "\(limits.totalBytes >> 20) MiB in all); refused as a possible zip bomb, nothing was imported.")
    }

    /// Why a name could leave the folder it is unpacked into, or nil when it is safe.
    static func unsafe(_ path: String) -> String? {
        if path.isEmpty { return "has no name" }
        if path.hasPrefix("/") || path.hasPrefix("\\") || (path.count >= 2 && Array(path)[1] == ":") {
            return "has an absolute path"
        }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "has control characters in its name"
        }
        let parts = path.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        if parts.contains("..") { return "leads out of the folder (\"..\")" }
        return nil
    }

    /// A name as it may be shown: control characters made visible.
    public static func visible(_ s: String) -> String {
        String(
            String.UnicodeScalarView(
                s.unicodeScalars.prefix(200).map {
                    $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) ? "\u{FFFD}" : $0
                }))
    }

    /// The bytes of a file whose name matches `name` (case-insensitive, as Windows programs write).
    public func file(_ name: String) -> [UInt8]? {
        index[name.lowercased()].map { files[$0].bytes }
    }
}
