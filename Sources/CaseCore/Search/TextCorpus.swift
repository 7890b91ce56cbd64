import Foundation

/// Many texts as one run of bytes: text i is `bytes[starts[i] ..< starts[i + 1] - 1]`, each
/// followed by a 0 byte. The storage is either owned memory or a memory-mapped index file; the
/// search code reads both the same way.
public struct TextCorpus: @unchecked Sendable {
    public let bytes: UnsafeRawBufferPointer
    public let starts: UnsafeBufferPointer<UInt32>
    /// Keeps the memory alive.
    let owner: AnyObject

    public var count: Int { max(0, starts.count - 1) }

    @inline(__always) public func text(_ i: Int) -> UnsafeRawBufferPointer {
        let lo = Int(starts[i]), hi = Int(starts[i + 1]) - 1
        return UnsafeRawBufferPointer(rebasing: bytes[lo..<max(lo, hi)])
    }

    init(bytes: UnsafeRawBufferPointer, starts: UnsafeBufferPointer<UInt32>, owner: AnyObject) {
        self.bytes = bytes
        self.starts = starts
        self.owner = owner
    }

    /// A corpus in owned memory, each text appended by `append(i, &out)`.
    public static func build(count: Int, capacity: Int = 0, _ append: (Int, inout [UInt8]) -> Void) -> TextCorpus {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(capacity)
        var starts: [UInt32] = []
        starts.reserveCapacity(count + 1)
        for i in 0..<count {
            starts.append(UInt32(bytes.count))
            append(i, &bytes)
            bytes.append(0)
        }
        starts.append(UInt32(bytes.count))
        let storage = OwnedBytes(bytes, starts)
        return TextCorpus(
            bytes: UnsafeRawBufferPointer(storage.bytes), starts: UnsafeBufferPointer(storage.starts), owner: storage)
    }
}

/// Memory a corpus owns (copied once from the arrays it was built in).
final class OwnedBytes {
    let bytes: UnsafeMutableRawBufferPointer
    let starts: UnsafeMutableBufferPointer<UInt32>
    private let base: UnsafeMutableRawBufferPointer
    init(_ b: [UInt8], _ s: [UInt32]) {
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, b.count), alignment: 16)
        b.withUnsafeBytes { raw.copyMemory(from: $0) }
        bytes = UnsafeMutableRawBufferPointer(rebasing: raw[0..<b.count])
        base = raw
        starts = .allocate(capacity: s.count)
        _ = starts.initialize(from: s)
    }
    deinit {
        base.deallocate()
        starts.deallocate()
    }
}
