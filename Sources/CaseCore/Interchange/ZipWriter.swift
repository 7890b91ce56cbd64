import Foundation
import ZIPFoundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a ZIP archive in one pass: entries deflated (ZIPFoundation's deflate) when that makes
/// them smaller, ZIP64 records when there are 65 535 entries or more or an offset passes 4 GiB,
/// and a fixed timestamp so the same content always gives the same bytes. Into memory, or
/// straight to a file (`init(writingTo:)`), so that an archive of a million entries is never
/// held whole.
///
/// Why not ZIPFoundation's `Archive.addEntry`: it rewrites the whole central directory on every
/// entry (quadratic — hours at 70 000 sources) and stamps the local time zone into each entry.
/// Its reader (`ZipReader`) and its deflate and CRC-32 are used as they are.
public struct ZipWriter {
    private var data: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0
    /// Where the archive goes when written to a file; -1 for memory.
    private let sink: Int32
    /// Bytes of the archive so far.
    private var offset: UInt64 = 0
    /// A write to the file failed (the archive is then incomplete and must not be kept).
    public private(set) var failed = false

    public init() { sink = -1 }

    /// An archive written to an open file as it is made.
    public init(writingTo fd: Int32) { sink = fd }

    private mutating func emit(_ bytes: [UInt8]) {
        offset += UInt64(bytes.count)
        if sink < 0 { data += bytes } else if !failed && !SafeFile.writeAll(sink, bytes) { failed = true }
    }

    public mutating func add(_ name: String, _ content: [UInt8]) {
        let raw = Data(content)
        let crc = raw.crc32(checksum: 0)
        if content.count > 64, let deflated = Self.deflate(raw), deflated.count < content.count {
            entry(name, crc: crc, method: 8, size: UInt64(content.count), compressed: UInt64(deflated.count))
            emit(deflated)
        } else {
            entry(name, crc: crc, method: 0, size: UInt64(content.count), compressed: UInt64(content.count))
            emit(content)
        }
    }

    /// An entry made from a file read in pieces: deflated into `scratch` (an empty file of the
    /// caller's), then copied in; neither the content nor its deflated form is held whole.
    public mutating func add(_ name: String, contentOf file: Int32, scratch: Int32) throws(ExportError) {
        var st = stat()
        guard fstat(file, &st) == 0 else {
            throw ExportError.cannotWrite(path: name, reason: "reading it: " + SafeFile.reason())
        }
        let size = Int64(st.st_size)
        var compressed: UInt64 = 0
        var crc: UInt32 = 0
        var readFailed = false, writeFailed = false
        do {
            crc = try Data.compress(
                size: size, bufferSize: 1 << 20,
                provider: { position, length in
                    var chunk = Data(count: length)
                    let n = chunk.withUnsafeMutableBytes { pread(file, $0.baseAddress, length, off_t(position)) }
                    if n != length { readFailed = true }
                    return chunk
                },
                consumer: { piece in
                    compressed += UInt64(piece.count)
                    if !SafeFile.writeAll(scratch, Array(piece)) { writeFailed = true }
                })
        } catch {
            throw ExportError.cannotWrite(path: name, reason: "deflating it: \(error)")
        }
        guard !readFailed, !writeFailed else { throw ExportError.cannotWrite(path: name, reason: SafeFile.reason()) }
        entry(name, crc: crc, method: 8, size: UInt64(size), compressed: compressed)
        var position: off_t = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while UInt64(position) < compressed {
            let n = buffer.withUnsafeMutableBytes { pread(scratch, $0.baseAddress, $0.count, position) }
            guard n > 0 else {
                throw ExportError.cannotWrite(path: name, reason: "reading it back: " + SafeFile.reason())
            }
            emit(Array(buffer[0..<n]))
            position += off_t(n)
        }
    }

    /// The local header of an entry (its content follows) and its central directory record.
    private mutating func entry(_ name: String, crc: UInt32, method: UInt16, size: UInt64, compressed: UInt64) {
        let nameBytes = Array(name.utf8)
        let entryOffset = offset
        let bigSizes = size >= 0xFFFF_FFFF || compressed >= 0xFFFF_FFFF
        let bigOffset = entryOffset >= 0xFFFF_FFFF
        let version: UInt16 = bigSizes || bigOffset ? 45 : 20
        // Local file header. Flag bit 11: names are UTF-8. Time/date: 1980-01-01 00:00.
        let localExtra = bigSizes ? le16(1) + le16(16) + le64(size) + le64(compressed) : []
        emit(
            le32(0x04034b50) + le16(version) + le16(0x0800) + le16(method) + le16(0) + le16(0x21) + le32(crc)
                + le32(clamp(compressed)) + le32(clamp(size)) + le16(UInt16(nameBytes.count))
                + le16(UInt16(localExtra.count)) + nameBytes + localExtra)
        var centralExtraBody: [UInt8] = []
        if bigSizes { centralExtraBody += le64(size) + le64(compressed) }
        if bigOffset { centralExtraBody += le64(entryOffset) }
        let centralExtra =
            centralExtraBody.isEmpty ? [] : le16(1) + le16(UInt16(centralExtraBody.count)) + centralExtraBody
        central += le32(0x02014b50) + le16(version) + le16(version) + le16(0x0800) + le16(method) + le16(0) + le16(0x21)
        central += le32(crc) + le32(clamp(compressed)) + le32(clamp(size)) + le16(UInt16(nameBytes.count))
        central +=
            le16(UInt16(centralExtra.count)) + le16(0) + le16(0) + le16(0) + le32(0o100644 << 16)
            + le32(clamp(entryOffset))
        central += nameBytes + centralExtra
        count += 1
    }

    /// The central directory and end records; the whole archive when written to memory (empty
    /// when written to a file).
    public mutating func finish() -> [UInt8] {
        let centralStart = offset, centralSize = UInt64(central.count), entries = UInt64(count)
        emit(central)
        central = []
        var tail: [UInt8] = []
        let zip64 = entries >= 0xFFFF || centralStart >= 0xFFFF_FFFF || centralSize >= 0xFFFF_FFFF
        if zip64 {
            let recordStart = offset
            tail += le32(0x06064b50) + le64(44) + le16(45) + le16(45) + le32(0) + le32(0)
            tail += le64(entries) + le64(entries) + le64(centralSize) + le64(centralStart)
            tail += le32(0x07064b50) + le32(0) + le64(recordStart) + le32(1)
        }
        let shortCount = UInt16(min(entries, 0xFFFF))
        tail += le32(0x06054b50) + le16(0) + le16(0) + le16(shortCount) + le16(shortCount)
        tail += le32(clamp(centralSize)) + le32(clamp(centralStart)) + le16(0)
        emit(tail)
        return data
    }

    private static func deflate(_ raw: Data) -> [UInt8]? {
        var out = Data()
        do {
            _ = try Data.compress(
                size: Int64(raw.count), bufferSize: 64 * 1024,
                provider: { position, size in
                    raw.subdata(in: Int(position)..<Int(position) + size)
                }, consumer: { out.append($0) })
        } catch { return nil }
        return Array(out)
    }

    /// A 32-bit field, or 0xFFFFFFFF when the value lives in the ZIP64 extra field.
    private func clamp(_ v: UInt64) -> UInt32 { v >= 0xFFFF_FFFF ? 0xFFFF_FFFF : UInt32(v) }
    private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (UInt32($0) * 8)) & 0xFF) } }
    private func le64(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8((v >> (UInt64($0) * 8)) & 0xFF) } }
}
