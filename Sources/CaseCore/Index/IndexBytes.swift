/// The index file's encoding: little-endian integers and length-prefixed UTF-8 strings, with
/// large arrays 8-byte aligned so they can be read in place from the mapped file.
struct IndexWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func i32(_ v: Int32) { u32(UInt32(bitPattern: v)) }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func i64(_ v: Int64) { u64(UInt64(bitPattern: v)) }
    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 {
            u32(UInt32($0.count)); bytes.append(contentsOf: $0)
        }
    }
    mutating func align() { while bytes.count % 8 != 0 { bytes.append(0) } }
}

/// Why an index file is not used: it is rebuilt, never trusted.
public struct IndexDamage: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// Reads what `IndexWriter` wrote; every read is bounds-checked, so a damaged or hostile file
/// ends in `IndexDamage`, never out of bounds.
struct IndexReader {
    let buffer: UnsafeRawBufferPointer
    var at: Int

    init(_ buffer: UnsafeRawBufferPointer, at: Int = 0) {
        self.buffer = buffer
        self.at = at
    }

    mutating func take(_ n: Int) throws(IndexDamage) -> UnsafeRawBufferPointer {
        guard n >= 0, at <= buffer.count, n <= buffer.count - at else { throw IndexDamage("the index ends early") }
        defer { at += n }
        return UnsafeRawBufferPointer(rebasing: buffer[at..<(at + n)])
    }

    mutating func u8() throws(IndexDamage) -> UInt8 { try take(1)[0] }
    mutating func u32() throws(IndexDamage) -> UInt32 {
        UInt32(littleEndian: try take(4).loadUnaligned(as: UInt32.self))
    }
    mutating func i32() throws(IndexDamage) -> Int32 { Int32(bitPattern: try u32()) }
    mutating func u64() throws(IndexDamage) -> UInt64 {
        UInt64(littleEndian: try take(8).loadUnaligned(as: UInt64.self))
    }
    mutating func i64() throws(IndexDamage) -> Int64 { Int64(bitPattern: try u64()) }
    /// A count that must fit in what is left (each element at least `unit` bytes).
    mutating func count(unit: Int = 1) throws(IndexDamage) -> Int {
        let n = Int(try u32())
        guard n <= (buffer.count - at) / max(1, unit) else { throw IndexDamage("a count larger than the index") }
        return n
    }
    mutating func string() throws(IndexDamage) -> String {
        let n = Int(try u32())
        let b = try take(n)
        return String(decoding: b, as: UTF8.self)
    }
}

/// A fast 64-bit checksum of the index's small parts (tables and facets), so a damaged file is
/// noticed before it is used; the large text sections are only bounds-checked.
func indexChecksum(_ b: UnsafeRawBufferPointer, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> UInt64 {
    indexChecksum(b, seed: seed, givingBack: nil)
}

/// The same checksum, handing each megabyte to `giveBack` once it is summed (a section of a
/// file mapping read once need not stay resident while the rest is read).
func indexChecksum(
    _ b: UnsafeRawBufferPointer, seed: UInt64 = 0x9E37_79B9_7F4A_7C15, givingBack: PageRelease?
) -> UInt64 {
    var h = seed ^ UInt64(b.count)
    var i = 0
    let words = b.count / 8 * 8
    while i < words {
        let from = i, end = givingBack == nil ? words : min(words, i + (1 << 20))
        while i < end {
            h = (h ^ b.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01B3
            h ^= h >> 29
            i += 8
        }
        givingBack?(UnsafeRawBufferPointer(rebasing: b[from..<end]))
    }
    while i < b.count { h = (h ^ UInt64(b[i])) &* 0x0000_0100_0000_01B3; i += 1 }
    return h
}
