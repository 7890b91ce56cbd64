import Foundation
import ZIPFoundation

/// Writes a ZIP archive in one pass: entries deflated (ZIPFoundation's deflate) when that makes
/// them smaller, ZIP64 records when there are 65 535 entries or more or an offset passes 4 GiB,
/// and a fixed timestamp so the same content always gives the same bytes.
///
/// Why not ZIPFoundation's `Archive.addEntry`: it rewrites the whole central directory on every
/// entry (quadratic — hours at 70 000 sources) and stamps the local time zone into each entry.
/// Its reader (`ZipReader`) and its deflate and CRC-32 are used as they are.
public struct ZipWriter {
    private var data: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0

    public init() {}

    public mutating func add(_ name: String, _ content: [UInt8]) {
        let nameBytes = Array(name.utf8)
        let raw = Data(content)
        let crc = raw.crc32(checksum: 0)
        var method: UInt16 = 0
        var stored = content
        if content.count > 64, let deflated = Self.deflate(raw), deflated.count < content.count {
            method = 8
            stored = deflated
        }
        let offset = UInt64(data.count)
        let size = UInt64(content.count), compressed = UInt64(stored.count)
        let bigSizes = size >= 0xFFFF_FFFF || compressed >= 0xFFFF_FFFF
        let bigOffset = offset >= 0xFFFF_FFFF
        let version: UInt16 = bigSizes || bigOffset ? 45 : 20
        // Local file header. Flag bit 11: names are UTF-8. Time/date: 1980-01-01 00:00.
        let localExtra = bigSizes ? le16(1) + le16(16) + le64(size) + le64(compressed) : []
        data += le32(0x04034b50) + le16(version) + le16(0x0800) + le16(method) + le16(0) + le16(0x21)
        data +=
            le32(crc) + le32(clamp(compressed)) + le32(clamp(size)) + le16(UInt16(nameBytes.count))
            + le16(UInt16(localExtra.count))
        data += nameBytes + localExtra + stored
        var centralExtraBody: [UInt8] = []
        if bigSizes { centralExtraBody += le64(size) + le64(compressed) }
        if bigOffset { centralExtraBody += le64(offset) }
        let centralExtra =
            centralExtraBody.isEmpty ? [] : le16(1) + le16(UInt16(centralExtraBody.count)) + centralExtraBody
        central += le32(0x02014b50) + le16(version) + le16(version) + le16(0x0800) + le16(method) + le16(0) + le16(0x21)
        central += le32(crc) + le32(clamp(compressed)) + le32(clamp(size)) + le16(UInt16(nameBytes.count))
        central +=
            le16(UInt16(centralExtra.count)) + le16(0) + le16(0) + le16(0) + le32(0o100644 << 16) + le32(clamp(offset))
        central += nameBytes + centralExtra
        count += 1
    }

    public func finish() -> [UInt8] {
        let centralStart = UInt64(data.count), centralSize = UInt64(central.count), entries = UInt64(count)
        var out = data + central
        let zip64 = entries >= 0xFFFF || centralStart >= 0xFFFF_FFFF || centralSize >= 0xFFFF_FFFF
        if zip64 {
            let recordStart = UInt64(out.count)
            out += le32(0x06064b50) + le64(44) + le16(45) + le16(45) + le32(0) + le32(0)
            out += le64(entries) + le64(entries) + le64(centralSize) + le64(centralStart)
            out += le32(0x07064b50) + le32(0) + le64(recordStart) + le32(1)
        }
        let shortCount = UInt16(min(entries, 0xFFFF))
        out += le32(0x06054b50) + le16(0) + le16(0) + le16(shortCount) + le16(shortCount)
        out += le32(clamp(centralSize)) + le32(clamp(centralStart)) + le16(0)
        return out
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
