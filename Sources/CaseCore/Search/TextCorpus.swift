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

    /// Gives back the resident pages of texts `range` when this corpus is read in place from a
    /// file mapping (touched again, they are read from the file again); owned memory keeps them.
    func giveBack(_ range: Range<Int>) {
        guard let file = owner as? MappedFile, !range.isEmpty else { return }
        let lo = Int(starts[range.lowerBound]), hi = Int(starts[range.upperBound])
        file.release(UnsafeRawBufferPointer(rebasing: bytes[lo..<hi]))
    }

    init(bytes: UnsafeRawBufferPointer, starts: UnsafeBufferPointer<UInt32>, owner: AnyObject) {
        self.bytes = bytes
        self.starts = starts
        self.owner = owner
    }

    /// A corpus in owned memory, each text appended by `append(i, &out)`.
    public static func build(count: Int, capacity: Int = 0, _ append: (Int, inout [UInt8]) -> Void) -> TextCorpus {
        var builder = Builder(capacity: capacity, count: count)
        for i in 0..<count { builder.add { append(i, &$0) } }
        return builder.finish()
    }

    /// The texts of several corpora, in order, as one.
    static func joining(_ pieces: [TextCorpus]) -> TextCorpus {
        let storage = OwnedBytes(capacity: pieces.reduce(0) { $0 + $1.bytes.count })
        var starts: [UInt32] = []
        starts.reserveCapacity(pieces.reduce(1) { $0 + $1.count })
        for p in pieces {
            let base = UInt32(truncatingIfNeeded: storage.used)
            for s in p.starts.dropLast() { starts.append(base &+ s) }
            storage.append(p.bytes)
        }
        storage.finish(starts: starts + [UInt32(truncatingIfNeeded: storage.used)])
        return TextCorpus(
            bytes: UnsafeRawBufferPointer(start: storage.base, count: storage.used),
            starts: UnsafeBufferPointer(storage.starts), owner: storage)
    }

    /// Texts added one at a time, straight into the memory the corpus will own: the corpus is
    /// not copied again when it is done.
    public struct Builder {
        private let storage: OwnedBytes
        private var starts: [UInt32] = []
        private var text: [UInt8] = []

        public init(capacity: Int = 0, count: Int = 0) {
            storage = OwnedBytes(capacity: capacity)
            starts.reserveCapacity(count + 1)
        }

        /// Adds one text, written by `write` (its 0 byte is added here).
        public mutating func add(_ write: (inout [UInt8]) -> Void) {
            starts.append(UInt32(truncatingIfNeeded: storage.used))
            text.removeAll(keepingCapacity: true)
            write(&text)
            text.append(0)
            text.withUnsafeBytes { storage.append($0) }
        }

        /// Appends a text written straight into the corpus's memory: `write` is given room for
        /// `maxCount` bytes and returns how many it wrote (the 0 byte after them is added here).
        mutating func add(maxCount: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
            starts.append(UInt32(truncatingIfNeeded: storage.used))
            storage.append(maxCount: maxCount + 1) { p in
                let k = write(p)
                p[k] = 0
                return k + 1
            }
        }

        /// The corpus; the builder is not used after.
        public func finish() -> TextCorpus {
            storage.finish(starts: starts + [UInt32(truncatingIfNeeded: storage.used)])
            return TextCorpus(
                bytes: UnsafeRawBufferPointer(start: storage.base, count: storage.used),
                starts: UnsafeBufferPointer(storage.starts), owner: storage)
        }
    }
}

/// Memory a corpus owns: its bytes grow in place while it is built.
final class OwnedBytes {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var used = 0
    private var capacity: Int
    private(set) var starts = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: 1)

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = malloc(self.capacity)!
    }

    func append(_ bytes: UnsafeRawBufferPointer) {
        if used + bytes.count > capacity {
            capacity = max(capacity * 2, used + bytes.count)
            base = realloc(base, capacity)!
        }
        if let from = bytes.baseAddress { (base + used).copyMemory(from: from, byteCount: bytes.count) }
        used += bytes.count
    }

    /// Bytes written in place by `write`, given room for `maxCount`; it returns how many.
    func append(maxCount: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        if used + maxCount > capacity {
            capacity = max(capacity * 2, used + maxCount)
            base = realloc(base, capacity)!
        }
        used += write((base + used).bindMemory(to: UInt8.self, capacity: maxCount))
    }

    func finish(starts s: [UInt32]) {
        starts.deallocate()
        starts = .allocate(capacity: s.count)
        _ = starts.initialize(from: s)
    }

    deinit {
        free(base)
        starts.deallocate()
    }
}
