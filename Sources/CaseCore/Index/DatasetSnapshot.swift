import Foundation

/// The validated dataset as one section of the index, so that `show`, `matrix`, `agreement` and
/// the explorer start without parsing or validating JSON: the data was validated when the index
/// was built, and the index is used only while the data's fingerprint matches.
///
/// Layout: a checksum of the rest (checked when the dataset is read, not at every open: `search`
/// never reads this section), a table of every distinct string (each written once: ids, roles and
/// sections repeat across excerpts and codings), then the entities, each string a table number.
/// The excerpt texts are not in it: they are read from the index's section of original texts.
enum DatasetSnapshot {
    static func encode(_ d: some SnapshotSource) -> [UInt8] {
        // About two distinct strings an excerpt (its id, its evidence), and the other entities'.
        var w = SnapshotWriter(expectedStrings: 2 * d.excerpts.count + 4096)
        w.study(d.study)
        w.list(d.counties) { w, c in
            w.int(c.id); w.str(c.name); w.text(c.organisation); w.evidences(c.evidence)
        }
        w.list(d.chains) { w, c in
            w.str(c.id); w.int(c.county); w.str(c.name); w.str(c.municipality); w.int(c.fundingYear)
            w.str(c.measurement); w.text(c.description); w.evidences(c.evidence)
        }
        w.list(d.actors) { w, a in
            w.str(a.id); w.kind(a.kind); w.str(a.name); w.int(a.county); w.str(a.chain); w.str(a.parent)
            w.text(a.description); w.list(a.notes) { w, n in w.text(n) }; w.evidences(a.evidence)
        }
        w.list(d.informants) { w, i in
            w.str(i.id); w.str(i.actor); w.str(i.role); w.text(i.description); w.evidences(i.evidence)
        }
        w.list(d.excerpts) { w, e in w.excerpt(e) }
        w.list(d.codes) { w, c in
            w.str(c.id); w.str(c.name); w.str(c.description); w.str(c.color); w.str(c.parent)
            w.ints(c.researchQuestions)
        }
        w.list(d.codings) { w, c in
            w.str(c.coder); w.str(c.excerpt); w.list(c.codes) { w, s in w.str(s) }
        }
        w.list(d.researchQuestions) { w, q in
            w.int(q.id); w.str(q.theme); w.str(q.text); w.lines(q.lines); w.printings(q.alsoAt)
            w.optional(q.discussedIn) { w, p in w.printing(p) }; w.evidences(q.evidence); w.text(q.note)
        }
        w.list(d.attentionPoints) { w, p in
            w.str(p.id); w.str(p.theme); w.str(p.text); w.lines(p.lines); w.printings(p.alsoAt)
            w.evidences(p.evidence); w.text(p.note)
        }
        w.list(d.surveyTables) { w, t in w.surveyTable(t) }
        w.list(d.sources) { w, s in
            w.str(s.id); w.str(s.file); w.int(s.lineCount); w.text(s.name); w.text(s.description)
        }
        w.list(d.relatedReports) { w, r in w.relatedReport(r) }
        return w.finish()
    }

    /// What comes before the excerpts: the study and the entities of the explorer's first screen.
    struct Front {
        var study: Study, counties: [County], chains: [Chain], actors: [Actor], informants: [Informant]
    }

    static func front(_ r: inout SnapshotReader) throws(IndexDamage) -> Front {
        let study = try r.study()
        let counties = try r.list { r throws(IndexDamage) in
            County(id: try r.int(), name: try r.str(), organisation: try r.text(), evidence: try r.evidences())
        }
        let chains = try r.list { r throws(IndexDamage) in
            Chain(
                id: try r.str(), county: try r.int(), name: try r.str(), municipality: try r.optStr(),
                fundingYear: try r.optInt(), measurement: try r.optStr(), description: try r.text(),
                evidence: try r.evidences())
        }
        let actors = try r.list { r throws(IndexDamage) in
            Actor(
                id: try r.str(), kind: try r.kind(), name: try r.str(), county: try r.int(), chain: try r.optStr(),
                parent: try r.optStr(), description: try r.optText(),
                notes: try r.list { r throws(IndexDamage) in try r.text() }, evidence: try r.evidences())
        }
        let informants = try r.list { r throws(IndexDamage) in
            Informant(
                id: try r.str(), actor: try r.str(), role: try r.str(), description: try r.optText(),
                evidence: try r.evidences())
        }
        return Front(study: study, counties: counties, chains: chains, actors: actors, informants: informants)
    }

    /// Only the front (checksum compared, strings made as they are read): milliseconds at any size.
    /// `release`: the section's pages are given back as the checksum reads them.
    static func decodeFront(_ bytes: UnsafeRawBufferPointer, release: PageRelease? = nil) throws(IndexDamage) -> Front {
        var r = try SnapshotReader(bytes, lazy: true, release: release)
        return try front(&r)
    }

    /// The dataset back; the excerpt texts are read from `texts` (the index's original texts,
    /// in the excerpts' order) when asked for, not copied (see `ExcerptText`). Every read is
    /// bounds-checked: a damaged section throws. `progress` is told how many excerpts have been
    /// read; `checked`: the checksum was compared already. `release`: the section and the texts
    /// are a file mapping, whose pages are given back once decoded, so nothing is resident
    /// twice (the texts' pages are read again when a text is asked for).
    static func decode(
        _ bytes: UnsafeRawBufferPointer, texts: TextCorpus, progress: LoadProgress? = nil, checked: Bool = false,
        release: PageRelease? = nil
    ) throws(IndexDamage) -> Dataset {
        var r = try SnapshotReader(bytes, checked: checked)
        r.releaseRead(release)
        let f = try front(&r)
        let mapped = MappedTexts(texts)
        var read = 0
        let excerpts = try r.list { r throws(IndexDamage) in
            guard read < texts.count else { throw IndexDamage("the excerpts do not match their texts") }
            read += 1
            if read & 4095 == 0 {
                progress?.excerptsRead(read)
                r.releaseRead(release)
            }
            return try r.excerpt(text: .mapped(mapped, read - 1))
        }
        progress?.excerptsRead(read)
        guard excerpts.count == texts.count else { throw IndexDamage("the excerpts do not match their texts") }
        // The open's check of each text's last byte brought their pages in.
        release?(texts.bytes)
        let codes = try r.list { r throws(IndexDamage) in
            Code(
                id: try r.str(), name: try r.str(), description: try r.str(), color: try r.str(),
                parent: try r.optStr(), researchQuestions: try r.ints())
        }
        let codings = try r.list { r throws(IndexDamage) in
            Coding(coder: try r.str(), excerpt: try r.str(), codes: try r.list { r throws(IndexDamage) in try r.str() })
        }
        let questions = try r.list { r throws(IndexDamage) in
            ResearchQuestion(
                id: try r.int(), theme: try r.str(), text: try r.str(), lines: try r.optLines(),
                alsoAt: try r.printings(), discussedIn: try r.optional { r throws(IndexDamage) in try r.printing() },
                evidence: try r.evidences(), note: try r.optText())
        }
        let points = try r.list { r throws(IndexDamage) in
            AttentionPoint(
                id: try r.str(), theme: try r.str(), text: try r.str(), lines: try r.optLines(),
                alsoAt: try r.printings(), evidence: try r.evidences(), note: try r.optText())
        }
        let tables = try r.list { r throws(IndexDamage) in try r.surveyTable() }
        let sources = try r.list { r throws(IndexDamage) in
            SourceDocument(
                id: try r.str(), file: try r.str(), lineCount: try r.int(), name: try r.text(),
                description: try r.optText())
        }
        let reports = try r.list { r throws(IndexDamage) in try r.relatedReport() }
        guard r.atEnd else { throw IndexDamage("the dataset section has bytes left over") }
        release?(bytes)
        progress?.indexing()
        return Dataset(
            study: f.study, counties: f.counties, chains: f.chains, actors: f.actors, informants: f.informants,
            excerpts: excerpts, codes: codes, codings: codings, researchQuestions: questions,
            attentionPoints: points, surveyTables: tables, sources: sources, relatedReports: reports)
    }
}

/// Writes entities as numbers and string-table references (see `DatasetSnapshot`).
struct SnapshotWriter {
    private var body = IndexWriter()
    private var table: SnapshotStrings

    init(expectedStrings: Int = 0) { table = SnapshotStrings(expected: expectedStrings) }

    /// The checksum, the table and the body in one array (the checksum filled in last).
    mutating func finish() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(12 + table.encoded.count + body.bytes.count)
        out.append(contentsOf: repeatElement(0, count: 8))
        withUnsafeBytes(of: UInt32(table.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: table.encoded)
        out.append(contentsOf: body.bytes)
        let sum = out.withUnsafeBytes { indexChecksum(UnsafeRawBufferPointer(rebasing: $0[8...])) }
        withUnsafeBytes(of: sum.littleEndian) { s in for k in 0..<8 { out[k] = s[k] } }
        return out
    }

    mutating func str(_ s: String) { body.u32(table.number(s)) }
    /// nil is written as 0xFFFF_FFFF.
    mutating func str(_ s: String?) { if let s { str(s) } else { body.u32(.max) } }
    mutating func int(_ v: Int) { body.i64(Int64(v)) }
    mutating func int(_ v: Int?) { optional(v) { w, v in w.int(v) } }
    mutating func ints(_ v: [Int]) { list(v) { w, v in w.int(v) } }
    mutating func double(_ v: Double?) { optional(v) { w, v in w.body.u64(v.bitPattern) } }
    mutating func kind(_ k: ActorKind) { body.u8(UInt8(ActorKind.allCases.firstIndex(of: k)!)) }

    mutating func optional<T>(_ v: T?, _ write: (inout SnapshotWriter, T) -> Void) {
        guard let v else { return body.u8(0) }
        body.u8(1)
        write(&self, v)
    }
    mutating func list<T>(_ items: [T], _ write: (inout SnapshotWriter, T) -> Void) {
        body.u32(UInt32(items.count))
        for item in items { write(&self, item) }
    }

    mutating func text(_ t: LocalizedText) { str(t.nb); str(t.en); body.u8(t.isBilingual ? 1 : 0) }
    mutating func text(_ t: LocalizedText?) { optional(t) { w, t in w.text(t) } }
    mutating func lines(_ r: LineRange) { int(r.start); int(r.end) }
    mutating func lines(_ r: LineRange?) { optional(r) { w, r in w.lines(r) } }
    mutating func evidence(_ e: Evidence) { str(e.text); lines(e.lines); str(e.source) }
    mutating func evidences(_ e: [Evidence]) { list(e) { w, e in w.evidence(e) } }
    mutating func printing(_ p: Printing) { str(p.section); lines(p.lines); str(p.text) }
    mutating func printings(_ p: [Printing]) { list(p) { w, p in w.printing(p) } }
    mutating func location(_ l: SourceLocation) { str(l.section); int(l.page); lines(l.lines); str(l.text) }

    mutating func study(_ s: Study) {
        str(s.id); str(s.title); str(s.report); int(s.year); str(s.sourceFile); int(s.sourceLineCount)
        text(s.description)
    }

    mutating func excerpt(_ e: Excerpt) {
        str(e.id)
        body.u8(UInt8(ExcerptKind.allCases.firstIndex(of: e.kind)!))
        body.u8(UInt8(ExcerptForm.allCases.firstIndex(of: e.form)!))
        location(e.source)
        list(e.alsoAt) { w, l in w.location(l) }
        optional(e.leadIn) { w, l in w.evidence(l) }
        str(e.speaker.role); optional(e.speaker.kind) { w, k in w.kind(k) }; str(e.speaker.informant)
        let a = e.attribution
        int(a.county); str(a.chain); str(a.actor)
        body.u8(UInt8(Confidence.allCases.firstIndex(of: a.confidence)!))
        evidences(a.evidence); text(a.note)
    }

    mutating func surveyTable(_ t: SurveyTable) {
        str(t.id); str(t.title); lines(t.lines); text(t.unit); str(t.labelColumn)
        list(t.columns) { w, c in w.str(c) }
        ints(t.decimals)
        list(t.rows) { w, row in
            w.str(row.label); w.str(row.group); w.list(row.values) { w, v in w.double(v) }; w.lines(row.lines)
        }
        list(t.notes) { w, n in w.text(n) }
    }

    mutating func relatedReport(_ r: RelatedReport) {
        str(r.id); str(r.name); evidence(r.title)
        for e in [r.authors, r.year, r.isbn, r.publisher, r.scope] { optional(e) { w, e in w.evidence(e) } }
        evidences(r.findings); text(r.description)
        list(r.references) { w, ref in
            w.str(ref.section); w.evidence(ref.passage); w.evidences(ref.matches); w.str(ref.attentionPoint)
            w.text(ref.note)
        }
    }
}

/// What the dataset section is written from: a dataset, or the collections a load is about to
/// make one of (so the section can be encoded while the dataset's lookups are built).
protocol SnapshotSource: Sendable {
    var study: Study { get }
    var counties: [County] { get }
    var chains: [Chain] { get }
    var actors: [Actor] { get }
    var informants: [Informant] { get }
    var excerpts: [Excerpt] { get }
    var codes: [Code] { get }
    var codings: [Coding] { get }
    var researchQuestions: [ResearchQuestion] { get }
    var attentionPoints: [AttentionPoint] { get }
    var surveyTables: [SurveyTable] { get }
    var sources: [SourceDocument] { get }
    var relatedReports: [RelatedReport] { get }
}

extension Dataset: SnapshotSource {}

/// The section's strings, each once, numbered in order of first use and keyed by their exact
/// UTF-8 bytes: two spellings of one text (é as one scalar, or e and a combining mark) stay two
/// strings, as they are in the data — `String`'s own equality takes them for one — and a key is
/// hashed from its bytes, not normalised first. The strings are kept as the section writes them
/// (length and bytes, one array), found through an open-addressed table of their numbers: no
/// `String` is copied or kept as a key.
struct SnapshotStrings {
    /// The table as written: each string's length (u32) and bytes, in order of first use.
    private(set) var encoded: [UInt8] = []
    private(set) var count = 0
    /// Where each string's bytes start in `encoded`, their length, and their hash.
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var hashes: [UInt64] = []
    /// Numbers + 1 (0: empty) at the places their hashes pick; a power of two, at most half full.
    private var slots: [UInt32] = []
    private var shift: UInt64 = 0

    init(expected: Int) {
        starts.reserveCapacity(expected)
        lengths.reserveCapacity(expected)
        hashes.reserveCapacity(expected)
        encoded.reserveCapacity(24 * expected)
        var size = 1024
        while size < 2 * expected { size *= 2 }
        resize(size)
    }

    mutating func number(_ s: String) -> UInt32 {
        var s = s
        return s.withUTF8 { number(UnsafeRawBufferPointer($0)) }
    }

    mutating func number(_ b: UnsafeRawBufferPointer) -> UInt32 {
        let hash = indexChecksum(b)
        let mask = slots.count - 1
        var i = place(hash)
        while slots[i] != 0 {
            let k = Int(slots[i] - 1)
            if hashes[k] == hash && holds(k, b) { return UInt32(k) }
            i = (i + 1) & mask
        }
        let k = count
        slots[i] = UInt32(k + 1)
        hashes.append(hash)
        lengths.append(b.count)
        withUnsafeBytes(of: UInt32(b.count).littleEndian) { encoded.append(contentsOf: $0) }
        starts.append(encoded.count)
        encoded.append(contentsOf: b)
        count += 1
        if 2 * count > slots.count { resize(2 * slots.count) }
        return UInt32(k)
    }

    /// The slot a hash starts at (its top bits after a multiply: every bit of the hash counts).
    private func place(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    private func holds(_ k: Int, _ b: UnsafeRawBufferPointer) -> Bool {
        guard lengths[k] == b.count else { return false }
        if b.count == 0 { return true }
        return encoded.withUnsafeBytes { memcmp($0.baseAddress! + starts[k], b.baseAddress!, b.count) == 0 }
    }

    private mutating func resize(_ size: Int) {
        slots = Array(repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        let mask = size - 1
        for k in 0..<count {
            var i = place(hashes[k])
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = UInt32(k + 1)
        }
    }
}

/// Reads what `SnapshotWriter` wrote.
struct SnapshotReader {
    private var r: IndexReader
    /// The string table, made whole up front (a full decode: each string made once, shared by
    /// every entity naming it)…
    private let table: [String]
    /// …or where each string lies, made only when asked for (the overview reads a few hundred
    /// of a table that has one entry per excerpt at least).
    private let offsets: [Int]
    private let tableCount: Int

    /// `checked`: the checksum was already compared (by the overview, on the same mapped bytes).
    /// `release`: the checksum gives back the pages it has read.
    init(
        _ bytes: UnsafeRawBufferPointer, lazy: Bool = false, checked: Bool = false, release: PageRelease? = nil
    ) throws(IndexDamage) {
        var r = IndexReader(bytes)
        let sum = try r.u64()
        if !checked {
            guard indexChecksum(UnsafeRawBufferPointer(rebasing: bytes[8...]), givingBack: release) == sum else {
                throw IndexDamage("the index's dataset is damaged (checksum)")
            }
        }
        var table: [String] = []
        var offsets: [Int] = []
        let n = try r.count(unit: 4)
        if lazy {
            offsets.reserveCapacity(n)
            for _ in 0..<n {
                offsets.append(r.at)
                _ = try r.take(Int(try r.u32()))
            }
        } else {
            table.reserveCapacity(n)
            for _ in 0..<n { table.append(try r.string()) }
        }
        self.table = table
        self.offsets = offsets
        self.tableCount = n
        self.r = r
    }

    private func string(_ k: Int) throws(IndexDamage) -> String {
        guard k < tableCount else { throw IndexDamage("a string outside the table") }
        if offsets.isEmpty { return table[k] }
        var at = IndexReader(r.buffer, at: offsets[k])
        return try at.string()
    }

    var atEnd: Bool { r.at == r.buffer.count }
    private var released = 0

    /// Gives back the pages read so far (see `DatasetSnapshot.decode`).
    mutating func releaseRead(_ release: PageRelease?) {
        guard let release, r.at > released else { return }
        release(UnsafeRawBufferPointer(rebasing: r.buffer[released..<r.at]))
        released = r.at
    }

    mutating func str() throws(IndexDamage) -> String { try string(Int(try r.u32())) }
    mutating func optStr() throws(IndexDamage) -> String? {
        let k = try r.u32()
        return k == .max ? nil : try string(Int(k))
    }
    mutating func int() throws(IndexDamage) -> Int { Int(try r.i64()) }
    mutating func optInt() throws(IndexDamage) -> Int? { try optional { r throws(IndexDamage) in try r.int() } }
    mutating func ints() throws(IndexDamage) -> [Int] { try list { r throws(IndexDamage) in try r.int() } }
    mutating func kind() throws(IndexDamage) -> ActorKind { try pick(ActorKind.allCases) }
    mutating func pick<T>(_ cases: [T]) throws(IndexDamage) -> T {
        let k = Int(try r.u8())
        guard k < cases.count else { throw IndexDamage("an unknown kind") }
        return cases[k]
    }

    mutating func optional<T>(_ read: (inout SnapshotReader) throws(IndexDamage) -> T) throws(IndexDamage) -> T? {
        switch try r.u8() {
        case 0: return nil
        case 1: return try read(&self)
        default: throw IndexDamage("a damaged optional")
        }
    }
    mutating func list<T>(_ read: (inout SnapshotReader) throws(IndexDamage) -> T) throws(IndexDamage) -> [T] {
        let n = try r.count()
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try read(&self)) }
        return out
    }

    mutating func text() throws(IndexDamage) -> LocalizedText {
        var t = LocalizedText(nb: try str(), en: try str())
        t.isBilingual = try r.u8() == 1
        return t
    }
    mutating func optText() throws(IndexDamage) -> LocalizedText? {
        try optional { r throws(IndexDamage) in try r.text() }
    }
    mutating func lines() throws(IndexDamage) -> LineRange { LineRange(try int(), try int()) }
    mutating func optLines() throws(IndexDamage) -> LineRange? {
        try optional { r throws(IndexDamage) in try r.lines() }
    }
    mutating func evidence() throws(IndexDamage) -> Evidence {
        Evidence(text: try str(), lines: try optLines(), source: try optStr())
    }
    mutating func evidences() throws(IndexDamage) -> [Evidence] {
        try list { r throws(IndexDamage) in try r.evidence() }
    }
    mutating func optEvidence() throws(IndexDamage) -> Evidence? {
        try optional { r throws(IndexDamage) in try r.evidence() }
    }
    mutating func printing() throws(IndexDamage) -> Printing {
        Printing(section: try optStr(), lines: try lines(), text: try optStr())
    }
    mutating func printings() throws(IndexDamage) -> [Printing] {
        try list { r throws(IndexDamage) in try r.printing() }
    }
    mutating func location() throws(IndexDamage) -> SourceLocation {
        SourceLocation(section: try str(), page: try optInt(), lines: try lines(), text: try optStr())
    }

    mutating func study() throws(IndexDamage) -> Study {
        Study(
            id: try str(), title: try str(), report: try str(), year: try optInt(), sourceFile: try str(),
            sourceLineCount: try int(), description: try optText())
    }

    mutating func excerpt(text: ExcerptText) throws(IndexDamage) -> Excerpt {
        let id = try str()
        let kind = try pick(ExcerptKind.allCases), form = try pick(ExcerptForm.allCases)
        let source = try location()
        let alsoAt = try list { r throws(IndexDamage) in try r.location() }
        let leadIn = try optEvidence()
        let speaker = Speaker(
            role: try str(), kind: try optional { r throws(IndexDamage) in try r.kind() }, informant: try optStr())
        let attribution = Attribution(
            county: try optInt(), chain: try optStr(), actor: try optStr(), confidence: try pick(Confidence.allCases),
            evidence: try evidences(), note: try optText())
        var e = Excerpt(
            id: id, kind: kind, form: form, text: "", source: source, alsoAt: alsoAt, leadIn: leadIn,
            speaker: speaker, attribution: attribution)
        e.storedText = text
        return e
    }

    mutating func surveyTable() throws(IndexDamage) -> SurveyTable {
        SurveyTable(
            id: try str(), title: try str(), lines: try optLines(), unit: try optText(), labelColumn: try optStr(),
            columns: try list { r throws(IndexDamage) in try r.str() }, decimals: try ints(),
            rows: try list { r throws(IndexDamage) in
                SurveyTable.Row(
                    label: try r.str(), group: try r.optStr(),
                    values: try r.list { r throws(IndexDamage) in
                        try r.optional { r throws(IndexDamage) in Double(bitPattern: try r.r.u64()) }
                    },
                    lines: try r.optLines())
            },
            notes: try list { r throws(IndexDamage) in try r.text() })
    }

    mutating func relatedReport() throws(IndexDamage) -> RelatedReport {
        RelatedReport(
            id: try str(), name: try str(), title: try evidence(), authors: try optEvidence(), year: try optEvidence(),
            isbn: try optEvidence(), publisher: try optEvidence(), scope: try optEvidence(), findings: try evidences(),
            description: try optText(),
            references: try list { r throws(IndexDamage) in
                RelatedReport.Reference(
                    section: try r.str(), passage: try r.evidence(), matches: try r.evidences(),
                    attentionPoint: try r.optStr(), note: try r.optText())
            })
    }
}
