/// SipHash-2-4 with a 128-bit result (Aumasson and Bernstein): a keyed hash that, with a secret
/// random key, nobody who only writes the hashed bytes can steer to a given value. Journal
/// checkpoints use it to prove they were made from exactly the bytes of the journal's prefix;
/// it reads about as fast as the page cache delivers a file, far faster than parsing it.
/// Streaming: bytes may be given in pieces of any size, and a copy of the value is the hash
/// of the bytes given so far.
struct SipHash128: Equatable {
    private var v0: UInt64
    private var v1: UInt64
    private var v2: UInt64
    private var v3: UInt64
    /// Bytes not yet compressed (fewer than 8), little-endian in the low bits.
    private var tail: UInt64 = 0
    private var tailCount = 0
    private var length: UInt64 = 0

    init(key: (UInt64, UInt64)) {
        v0 = 0x736f_6d65_7073_6575 ^ key.0
        v1 = 0x646f_7261_6e64_6f6d ^ key.1 ^ 0xee
        v2 = 0x6c79_6765_6e65_7261 ^ key.0
        v3 = 0x7465_6462_7974_6573 ^ key.1
    }

    @inline(__always)
    private mutating func round() {
        v0 &+= v1; v1 = v1 << 13 | v1 >> 51; v1 ^= v0; v0 = v0 << 32 | v0 >> 32
        v2 &+= v3; v3 = v3 << 16 | v3 >> 48; v3 ^= v2
        v0 &+= v3; v3 = v3 << 21 | v3 >> 43; v3 ^= v0
        v2 &+= v1; v1 = v1 << 17 | v1 >> 47; v1 ^= v2; v2 = v2 << 32 | v2 >> 32
    }

    @inline(__always)
    private mutating func compress(_ m: UInt64) {
        v3 ^= m
        round()
        round()
        v0 ^= m
    }

    mutating func absorb(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        let count = bytes.count
        length &+= UInt64(count)
        var i = 0
        while tailCount > 0 && tailCount < 8 && i < count {
            tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << (8 * UInt64(tailCount))
            tailCount += 1
            i += 1
        }
        if tailCount == 8 {
            compress(tail)
            tail = 0
            tailCount = 0
        }
        // Whole words straight from the buffer (unaligned loads are fine on every Swift target).
        var (a, b, c, d) = (v0, v1, v2, v3)
        while i + 8 <= count {
            let m = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            d ^= m
            for _ in 0..<2 {
                a &+= b; b = b << 13 | b >> 51; b ^= a; a = a << 32 | a >> 32
                c &+= d; d = d << 16 | d >> 48; d ^= c
                a &+= d; d = d << 21 | d >> 43; d ^= a
                c &+= b; b = b << 17 | b >> 47; b ^= c; c = c << 32 | c >> 32
            }
            a ^= m
            i += 8
        }
        (v0, v1, v2, v3) = (a, b, c, d)
        while i < count {
            tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << (8 * UInt64(tailCount))
            tailCount += 1
            i += 1
        }
    }

    mutating func absorb(_ bytes: [UInt8]) { bytes.withUnsafeBytes { absorb($0) } }

    /// The hash of everything absorbed, as 16 bytes (the state itself is left as it is).
    var digest: [UInt8] {
        var s = self
        let b = (length << 56) | s.tail
        s.compress(b)
        s.v2 ^= 0xee
        for _ in 0..<4 { s.round() }
        let h0 = s.v0 ^ s.v1 ^ s.v2 ^ s.v3
        s.v1 ^= 0xdd
        for _ in 0..<4 { s.round() }
        let h1 = s.v0 ^ s.v1 ^ s.v2 ^ s.v3
        return (0..<8).map { UInt8(truncatingIfNeeded: h0 >> (8 * UInt64($0))) }
            + (0..<8).map { UInt8(truncatingIfNeeded: h1 >> (8 * UInt64($0))) }
    }
}
