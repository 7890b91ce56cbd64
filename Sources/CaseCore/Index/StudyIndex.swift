import CMappingGuard
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// The study's index on disk: derived from the data folder, never its source of truth. What
/// `search` and `list excerpts` read instead of parsing and validating every JSON file: the
/// excerpt texts (original, lowered, folded) as the matcher's corpora, the filters' facets and
/// the ids filter values may name. Memory-mapped, so opening it costs a header check and only the
/// pages a query touches are read.
///
/// Layout: a fixed header (magic, format version, section count, file size, checksum, length of
/// the metadata), the metadata (the data's fingerprint, the excerpt count, the filter vocabulary,
/// the section table), then the sections, each 8-byte aligned.
public final class StudyIndex: SearchSource, @unchecked Sendable {
    static let magic: [UInt8] = Array("CEINDEX\n".utf8)
    /// Bumped whenever the layout or the meaning of a section changes: an index of another
    /// version is rebuilt.
    public static let formatVersion: UInt32 = 2
    static let headerSize = 40

    enum Section: Int, CaseIterable {
        case originalBytes, originalStarts, plainBytes, plainStarts, foldedBytes, foldedStarts, idBytes, idStarts,
            dataset, county, facets
        /// Sections covered by the checksum at open (all but the large text bytes, and the
        /// dataset, which has a checksum of its own, checked when it is read).
        var checked: Bool { ![.originalBytes, .plainBytes, .foldedBytes, .dataset].contains(self) }
    }

    public let fingerprint: DataFingerprint
    public let excerptCount: Int
    public let vocabulary: FilterVocabulary
    private let file: MappedFile
    private let sections: [UnsafeRawBufferPointer]
    private let original: TextCorpus
    private let plain: TextCorpus
    private let folded: TextCorpus
    private let ids: TextCorpus
    private let counties: UnsafeBufferPointer<Int32>
    private let lock = NSLock()
    private var decodedFacets: Facets?
    /// Whether the dataset section's checksum has been compared (by `overview`).
    private var datasetChecked = false

    public var textCount: Int { excerptCount }
    public func corpus(fold: Bool) -> TextCorpus { fold ? folded : plain }
    public func withOriginal<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R { body(original.text(i)) }
    public func excerptID(_ i: Int) -> String { String(decoding: ids.text(i), as: UTF8.self) }
    /// -1 when not attributed.
    public func county(_ i: Int) -> Int { Int(counties[i]) }

    /// The filters' fields, decoded on first use (a query without a filter never needs them).
    public var facets: Facets {
        lock.lock()
        defer { lock.unlock() }
        if let decodedFacets { return decodedFacets }
        // The section passed the checksum at open; a decoding failure here would be a bug, and
        // still gives empty facets rather than a crash.
        let f = (try? decodeFacets()) ?? Facets()
        decodedFacets = f
        return f
    }

    /// Opens an index file and checks it against the data's fingerprint now. Throws when it is
    /// missing, of another version, damaged, truncated, or built from other data.
    /// `givingBack`: the pages of the texts, read once to check that each ends in its 0 byte,
    /// are given back as the check goes (the explorer reads them later, if ever; `search`
    /// scans them at once and keeps them).
    public static func open(
        _ url: URL, expecting fingerprint: DataFingerprint, givingBack: Bool = false
    ) throws(IndexDamage) -> StudyIndex {
        let file = try MappedFile(url)
        return try StudyIndex(file, expecting: fingerprint, givingBack: givingBack)
    }

    private init(_ file: MappedFile, expecting: DataFingerprint, givingBack: Bool) throws(IndexDamage) {
        self.file = file
        let b = file.bytes
        var r = IndexReader(b)
        guard b.count >= StudyIndex.headerSize, Array(try r.take(8)) == StudyIndex.magic else {
            throw IndexDamage("not an index file")
        }
        guard try r.u32() == StudyIndex.formatVersion else { throw IndexDamage("an index of another version") }
        let sectionCount = Int(try r.u32())
        guard sectionCount == Section.allCases.count else { throw IndexDamage("an index of another layout") }
        guard try r.u64() == UInt64(b.count) else { throw IndexDamage("the index is truncated") }
        let checksum = try r.u64()
        let metaLength = Int(try r.u64())
        let meta = try r.take(metaLength)
        var m = IndexReader(meta)
        fingerprint = try DataFingerprint.read(&m)
        guard fingerprint == expecting else { throw IndexDamage("the data changed since the index was built") }
        excerptCount = Int(try m.u32())
        func ints() throws(IndexDamage) -> [Int] {
            var out: [Int] = []
            for _ in 0..<(try m.count(unit: 4)) { out.append(Int(try m.i32())) }
            return out
        }
        func strings() throws(IndexDamage) -> [String] {
            var out: [String] = []
            for _ in 0..<(try m.count(unit: 4)) { out.append(try m.string()) }
            return out
        }
        vocabulary = FilterVocabulary(
            counties: try ints(), chains: try strings(), actors: try strings(), codes: try strings(),
            researchQuestions: try ints())
        var parts: [UnsafeRawBufferPointer] = []
        var sum = indexChecksum(meta)
        for section in Section.allCases {
            let offset = Int(try m.u64()), length = Int(try m.u64())
            guard offset % 8 == 0, offset >= StudyIndex.headerSize + metaLength, length >= 0, offset <= b.count,
                length <= b.count - offset
            else {
                throw IndexDamage("a section lies outside the index")
            }
            let part = UnsafeRawBufferPointer(rebasing: b[offset..<(offset + length)])
            if section.checked { sum = indexChecksum(part, seed: sum) }
            parts.append(part)
        }
        guard sum == checksum else { throw IndexDamage("the index is damaged (checksum)") }
        sections = parts
        let n = excerptCount
        func corpus(_ bytes: Section, _ starts: Section) throws(IndexDamage) -> TextCorpus {
            let s = parts[starts.rawValue].bindMemory(to: UInt32.self)
            let t = parts[bytes.rawValue]
            // Every text ends in its 0 byte inside the section: reads stay in bounds.
            guard s.count == n + 1, s[0] == 0, Int(s[n]) == t.count else {
                throw IndexDamage("a text table does not fit its texts")
            }
            var checked = 0
            for i in 0..<n {
                guard s[i + 1] > s[i], Int(s[i + 1]) <= t.count, t[Int(s[i + 1]) - 1] == 0 else {
                    throw IndexDamage("a text table is out of order")
                }
                if givingBack, i & 4095 == 4095 {
                    file.release(UnsafeRawBufferPointer(rebasing: t[checked..<Int(s[i + 1])]))
                    checked = Int(s[i + 1])
                }
            }
            if givingBack { file.release(t) }
            return TextCorpus(bytes: t, starts: s, owner: file)
        }
        original = try corpus(.originalBytes, .originalStarts)
        plain = try corpus(.plainBytes, .plainStarts)
        folded = try corpus(.foldedBytes, .foldedStarts)
        ids = try corpus(.idBytes, .idStarts)
        counties = parts[Section.county.rawValue].bindMemory(to: Int32.self)
        guard counties.count == n else { throw IndexDamage("the county table does not fit") }
    }

    /// The whole validated dataset, without parsing or validating JSON (see `DatasetSnapshot`);
    /// its search corpora are this index's, read in place. Throws when the section is damaged.
    public func dataset(progress: LoadProgress? = nil) throws(IndexDamage) -> Dataset {
        let checked = lock.withLock { datasetChecked }
        let d = try DatasetSnapshot.decode(
            sections[Section.dataset.rawValue], texts: original, progress: progress, checked: checked,
            release: PageRelease(file: file))
        d.searchIndex.adopt(plain: plain, folded: folded)
        return d
    }

    /// What the explorer's first screen shows, without reading a single excerpt: the counties,
    /// chains, actors and informants from the dataset section (its checksum compared, so the
    /// whole dataset read later from the same bytes is the one this overview was made from),
    /// and the excerpts per county, chain and actor counted from the facets, as numbers.
    public func overview() throws(IndexDamage) -> Dataset {
        let front = try DatasetSnapshot.decodeFront(
            sections[Section.dataset.rawValue], release: PageRelease(file: file))
        lock.withLock { datasetChecked = true }
        // The checksum read the whole section, and the open's check of each text's end byte
        // every page of the texts: the explorer decodes the dataset once more, later, and
        // searches read their corpus when they run; until then none of it need be resident.
        for part in [Section.dataset, .originalBytes, .plainBytes, .foldedBytes] {
            file.release(sections[part.rawValue])
        }
        var r = IndexReader(sections[Section.facets.rawValue])
        var names: [UnsafeRawBufferPointer] = []
        for _ in 0..<(try r.count(unit: 4)) { names.append(try r.take(Int(try r.u32()))) }
        var chainsByName = [Int](repeating: 0, count: names.count)
        var actorsByName = [Int](repeating: 0, count: names.count)
        var countyCounts: [Int: Int] = [:]
        for i in 0..<excerptCount {
            let chain = Int(try r.i32()), actor = Int(try r.i32())
            _ = try r.take(2) // kind, confidence
            _ = try r.i32() // role
            let codes = Int(try r.i32())
            if codes > 0 { _ = try r.take(codes * 4) }
            guard chain < names.count, actor < names.count else { throw IndexDamage("a name outside the table") }
            if chain >= 0 { chainsByName[chain] += 1 }
            if actor >= 0 { actorsByName[actor] += 1 }
            if counties[i] >= 0 { countyCounts[Int(counties[i]), default: 0] += 1 }
        }
        func byName(_ counts: [Int]) -> [String: Int] {
            var out: [String: Int] = [:]
            for (k, n) in counts.enumerated() where n > 0 { out[String(decoding: names[k], as: UTF8.self)] = n }
            return out
        }
        return Dataset.overview(
            study: front.study, counties: front.counties, chains: front.chains, actors: front.actors,
            informants: front.informants, excerptTotal: excerptCount, countyCounts: countyCounts,
            chainCounts: byName(chainsByName), actorCounts: byName(actorsByName))
    }

    /// Where a section lies in the file (tests damage it on purpose).
    func sectionRange(_ section: Section) -> Range<Int>? {
        guard let base = file.bytes.baseAddress, let start = sections[section.rawValue].baseAddress else { return nil }
        let offset = start - base
        return offset..<(offset + sections[section.rawValue].count)
    }

    private func decodeFacets() throws(IndexDamage) -> Facets {
        var r = IndexReader(sections[Section.facets.rawValue])
        var table: [String] = []
        for _ in 0..<(try r.count(unit: 4)) { table.append(try r.string()) }
        func optional(_ k: Int32) throws(IndexDamage) -> String? {
            if k < 0 { return nil }
            guard Int(k) < table.count else { throw IndexDamage("a name outside the table") }
            return table[Int(k)]
        }
        let kinds = ActorKind.allCases, confidences = Confidence.allCases
        var f = Facets()
        let n = excerptCount
        f.ids.reserveCapacity(n); f.county.reserveCapacity(n); f.chain.reserveCapacity(n); f.actor.reserveCapacity(n)
        f.kind.reserveCapacity(n); f.confidence.reserveCapacity(n); f.role.reserveCapacity(n);
        f.referenceCodes.reserveCapacity(n)
        for i in 0..<n {
            f.ids.append(excerptID(i))
            f.county.append(county(i))
            f.chain.append(try optional(try r.i32()))
            f.actor.append(try optional(try r.i32()))
            let k = Int(try r.u8())
            f.kind.append(k == 255 ? nil : (k < kinds.count ? kinds[k] : nil))
            let c = Int(try r.u8())
            guard c < confidences.count else { throw IndexDamage("an unknown confidence") }
            f.confidence.append(confidences[c])
            guard let role = try optional(try r.i32()) else { throw IndexDamage("a speaker without a role") }
            f.role.append(role)
            let codes = try r.i32()
            if codes < 0 {
                f.referenceCodes.append(nil)
            } else {
                var list: [Int] = []
                for _ in 0..<codes { list.append(Int(try r.u32())) }
                f.referenceCodes.append(list)
            }
        }
        for _ in 0..<(try r.count(unit: 12)) {
            f.codeIDs.append(try r.string())
            f.codeParents.append(try optional(try r.i32()))
            var questions: [Int] = []
            for _ in 0..<(try r.count(unit: 4)) { questions.append(Int(try r.i32())) }
            f.codeQuestions.append(questions)
        }
        return f
    }
}

extension StudyIndex {
    /// The index of a dataset as bytes: what `write` puts on disk.
    static func encode(_ d: Dataset, fingerprint: DataFingerprint) -> [UInt8] {
        let (head, parts) = layout(d, fingerprint: fingerprint)
        var out = head
        for p in parts {
            while out.count % 8 != 0 { out.append(0) }
            p.forEachRun { out.append(contentsOf: $0) }
        }
        while out.count % 8 != 0 { out.append(0) }
        return out
    }

    /// A section's bytes: an array of its own, or read in place from where they already are —
    /// a corpus, the pieces of corpora built while the data was read, the excerpts' own
    /// strings — so the texts are not copied again to be written.
    enum Part {
        case array([UInt8])
        case corpus(TextCorpus, starts: Bool)
        /// The texts of several corpora, one after another.
        case pieces([TextCorpus])
        /// The excerpts' texts as written, each followed by its 0 byte (`count` bytes in all).
        case texts([Excerpt], count: Int)

        /// The bytes in order, in runs as they lie in memory.
        func forEachRun(_ body: (UnsafeRawBufferPointer) -> Void) {
            switch self {
            case .array, .corpus: withBytes(body)
            case let .pieces(list): for c in list { body(c.bytes) }
            case let .texts(excerpts, _):
                let zero: [UInt8] = [0]
                zero.withUnsafeBytes { end in
                    for e in excerpts {
                        var text = e.text
                        text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
                        body(end)
                    }
                }
            }
        }

        /// The bytes as one buffer (joined first when they lie in pieces: only the small,
        /// checksummed sections are read this way).
        func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
            switch self {
            case let .array(a): return a.withUnsafeBytes(body)
            case let .corpus(c, starts): return body(starts ? UnsafeRawBufferPointer(c.starts) : c.bytes)
            case .pieces, .texts:
                var joined: [UInt8] = []
                joined.reserveCapacity(count)
                forEachRun { joined.append(contentsOf: $0) }
                return joined.withUnsafeBytes(body)
            }
        }

        var count: Int {
            switch self {
            case let .array(a): return a.count
            case let .corpus(c, starts): return starts ? c.starts.count * 4 : c.bytes.count
            case let .pieces(list): return list.reduce(0) { $0 + $1.bytes.count }
            case let .texts(_, count): return count
            }
        }
    }

    /// The offset table of texts of these lengths (each with its 0 byte), as bytes.
    static func startsTable(_ lengths: some Sequence<Int>, count: Int) -> [UInt8] {
        var starts: [UInt32] = []
        starts.reserveCapacity(count + 1)
        var at = 0
        starts.append(0)
        for length in lengths {
            at += length + 1
            starts.append(UInt32(truncatingIfNeeded: at))
        }
        return starts.withUnsafeBytes { Array($0) }
    }

    /// The header with the metadata, and the sections that follow it (each 8-byte aligned).
    static func layout(_ d: Dataset, fingerprint: DataFingerprint) -> (head: [UInt8], parts: [Part]) {
        var (meta, parts) = sections(d, fingerprint: fingerprint)
        parts[Section.dataset.rawValue] = .array(DatasetSnapshot.encode(d))
        return (head(meta: meta, parts), parts)
    }

    /// Where the first section starts: after the header and the metadata (whose table has a
    /// fixed size), so the sections can be written before the header is known.
    static func firstSectionOffset(meta: [UInt8]) -> Int {
        (headerSize + meta.count + 16 * Section.allCases.count + 7) / 8 * 8
    }

    /// Every section but the dataset's (left empty: `DatasetSnapshot.encode` makes it, which
    /// the writer does on another thread), and the metadata before the section table.
    static func sections(_ d: Dataset, fingerprint: DataFingerprint) -> (meta: [UInt8], parts: [Part]) {
        let f = d.facets
        let n = d.excerpts.count
        var sections: [Part] = Array(repeating: .array([]), count: Section.allCases.count)
        func store(_ corpus: TextCorpus, _ bytes: Section, _ starts: Section) {
            sections[bytes.rawValue] = .corpus(corpus, starts: false)
            sections[starts.rawValue] = .corpus(corpus, starts: true)
        }
        for (fold, bytes, starts) in [
            (false, Section.plainBytes, Section.plainStarts), (true, .foldedBytes, .foldedStarts)
        ] {
            if let pieces = d.searchIndex.preparedPieces(fold: fold) {
                // Built while the data was read, one piece per file: written as they are.
                sections[bytes.rawValue] = .pieces(pieces)
                sections[starts.rawValue] = .array(
                    startsTable(pieces.lazy.flatMap { p in (0..<p.count).lazy.map { p.text($0).count } }, count: n))
            } else {
                store(d.searchIndex.corpus(fold: fold), bytes, starts)
            }
        }
        // The original texts straight from the excerpts' strings.
        let texts = d.excerpts
        let originalCount = texts.reduce(0) { $0 + $1.text.utf8.count + 1 }
        sections[Section.originalBytes.rawValue] = .texts(texts, count: originalCount)
        sections[Section.originalStarts.rawValue] = .array(
            startsTable(texts.lazy.map { $0.text.utf8.count }, count: n))
        store(TextCorpus.build(count: n) { i, out in out.append(contentsOf: f.ids[i].utf8) }, .idBytes, .idStarts)
        sections[Section.county.rawValue] = .array(
            f.county.map { Int32(truncatingIfNeeded: $0) }.withUnsafeBytes { Array($0) })
        // Facets: a table of the names (chains, actors, roles, code ids), then fixed fields.
        var names: [String: Int32] = [:]
        var table: [String] = []
        func name(_ s: String?) -> Int32 {
            guard let s else { return -1 }
            if let k = names[s] { return k }
            names[s] = Int32(table.count)
            table.append(s)
            return Int32(table.count - 1)
        }
        var body = IndexWriter()
        let kinds = ActorKind.allCases, confidences = Confidence.allCases
        for i in 0..<n {
            body.i32(name(f.chain[i]))
            body.i32(name(f.actor[i]))
            body.u8(f.kind[i].flatMap { k in kinds.firstIndex(of: k).map(UInt8.init) } ?? 255)
            body.u8(UInt8(confidences.firstIndex(of: f.confidence[i]) ?? 0))
            body.i32(name(f.role[i]))
            if let codes = f.referenceCodes[i] {
                body.i32(Int32(codes.count))
                for c in codes { body.u32(UInt32(c)) }
            } else {
                body.i32(-1)
            }
        }
        body.u32(UInt32(f.codeIDs.count))
        for k in f.codeIDs.indices {
            body.string(f.codeIDs[k])
            body.i32(name(f.codeParents[k]))
            body.u32(UInt32(f.codeQuestions[k].count))
            for q in f.codeQuestions[k] { body.i32(Int32(q)) }
        }
        var facets = IndexWriter()
        facets.u32(UInt32(table.count))
        for s in table { facets.string(s) }
        sections[Section.facets.rawValue] = .array(facets.bytes + body.bytes)

        var meta = IndexWriter()
        fingerprint.write(&meta)
        meta.u32(UInt32(n))
        let v = d.vocabulary
        meta.u32(UInt32(v.counties.count)); for c in v.counties { meta.i32(Int32(c)) }
        for list in [v.chains, v.actors, v.codes] { meta.u32(UInt32(list.count)); for s in list { meta.string(s) } }
        meta.u32(UInt32(v.researchQuestions.count)); for q in v.researchQuestions { meta.i32(Int32(q)) }
        return (meta.bytes, sections)
    }

    /// The header and the metadata with the section table, once every section is known.
    static func head(meta prefix: [UInt8], _ sections: [Part]) -> [UInt8] {
        var meta = IndexWriter()
        meta.bytes = prefix
        // Section offsets follow the metadata, whose length is known once the table is in it.
        var offset = firstSectionOffset(meta: prefix)
        var table2: [(Int, Int)] = []
        for s in sections {
            table2.append((offset, s.count))
            offset = (offset + s.count + 7) / 8 * 8
        }
        for (o, l) in table2 { meta.u64(UInt64(o)); meta.u64(UInt64(l)) }
        var sum = meta.bytes.withUnsafeBytes { indexChecksum($0) }
        for section in Section.allCases where section.checked {
            sum = sections[section.rawValue].withBytes { indexChecksum($0, seed: sum) }
        }
        var out = IndexWriter()
        out.bytes.append(contentsOf: magic)
        out.u32(formatVersion)
        out.u32(UInt32(sections.count))
        out.u64(UInt64(offset))
        out.u64(sum)
        out.u64(UInt64(meta.bytes.count))
        out.bytes.append(contentsOf: meta.bytes)
        return out.bytes
    }
}

/// A read-only memory map of a whole file, unmapped when the last reader lets go.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    private let base: UnsafeMutableRawPointer?
    private let length: Int
    /// The mapping guard's slot for this range (-1: none free, the mapping is unguarded).
    private let guardRegistration: Int32

    init(_ url: URL) throws(IndexDamage) {
        let fd = Glibc.open(url.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { throw IndexDamage("no index") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { throw IndexDamage("not a regular file") }
        length = Int(st.st_size)
        guard length >= StudyIndex.headerSize else { throw IndexDamage("the index is truncated") }
        guard let p = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw IndexDamage("cannot map the index")
        }
        base = p
        bytes = UnsafeRawBufferPointer(start: p, count: length)
        // Another program (a cache cleaner, `truncate`) may cut the file short while it is mapped;
        // a page past its new end then raises SIGBUS, which the guard turns into this sentence.
        guardRegistration = ce_mapping_guard_register(p, length, MappedFile.truncatedMessage(url.path))
    }

    deinit {
        ce_mapping_guard_unregister(guardRegistration)
        if let base { munmap(base, length) }
    }

    /// What the user reads when the file is truncated under the program: one sentence, with the
    /// path's control characters shown as signs so it cannot drive the terminal.
    static func truncatedMessage(_ path: String) -> String {
        let shown = InertText.visible(path, singleLine: true)
        return "case-explorer: another program truncated the study index \(shown) while it was in use; "
            + "run the command again to rebuild it.\n"
    }

    /// Gives back the resident pages of a part of this read-only file mapping (the whole pages
    /// inside it): touched again, they are read from the file again. What the explorer decodes
    /// once (the dataset section, the original texts) then does not stay in memory twice.
    func release(_ part: UnsafeRawBufferPointer) {
        guard let start = part.baseAddress, let base, start >= UnsafeRawPointer(base),
            start + part.count <= UnsafeRawPointer(base) + length
        else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let first = (Int(bitPattern: start) + page - 1) / page * page
        let end = (Int(bitPattern: start) + part.count) / page * page
        guard end > first, let p = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(p, end - first, MADV_DONTNEED)
    }
}

/// `MappedFile.release` as the decoder takes it: only ever made for a file mapping (on other
/// memory, giving pages back would lose the bytes).
struct PageRelease: Sendable {
    fileprivate let file: MappedFile
    func callAsFunction(_ part: UnsafeRawBufferPointer) { file.release(part) }
}
