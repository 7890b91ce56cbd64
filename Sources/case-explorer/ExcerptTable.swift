import CaseCore
import Presentation

/// `list excerpts` as a table written on bytes: the same columns and widths as `Output.table`
/// (the last column cut with "…" to the terminal), without a `String` per text or a regex per
/// line; text from the data goes through `ByteOutput.cell`, so control characters are harmless.
struct ExcerptTable<Catalog: ExcerptCatalog> {
    let catalog: Catalog
    let facets: Facets

    func write(_ positions: [Int]) {
        let header = ["ID", "COUNTY", "CHAIN", "CONFIDENCE", "SPEAKER", "TEXT"]
        let cells: [[String]] = positions.map { i in
            [
                facets.ids[i], facets.county[i] < 0 ? "–" : String(facets.county[i]), facets.chain[i] ?? "–",
                facets.confidence[i].rawValue,
                DisplayWidth.truncate(facets.role[i], to: 24, as: .printed)
            ]
        }
        var widths = (0..<5).map { col in max(DisplayWidth.of(header[col]), cells.map { width($0[col]) }.max() ?? 0) }
        var textWidth = DisplayWidth.of(header[5])
        for i in positions { textWidth = max(textWidth, catalog.withOriginal(i) { Self.width(of: $0) }) }
        let fixed = widths.reduce(0, +) + 2 * 5
        widths.append(max(10, min(textWidth, Output.width - fixed)))
        var out = ByteOutput()
        func row(_ columns: [String], text: (inout ByteOutput) -> Void) {
            for (col, s) in columns.enumerated() {
                out.cell(s)
                out.spaces(widths[col] - width(s) + 2)
            }
            text(&out)
            out.newline()
        }
        row(Array(header.prefix(5))) { $0.append(header[5]) }
        out.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        out.newline()
        for (k, i) in positions.enumerated() {
            row(cells[k]) { out in catalog.withOriginal(i) { Self.cut($0, to: widths[5], into: &out) } }
        }
        out.flush()
    }

    private func width(_ s: String) -> Int {
        s.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } ? s.utf8.count : DisplayWidth.of(s, as: .printed)
    }

    static func width(of t: UnsafeRawBufferPointer) -> Int {
        var w = 0, i = 0
        while i < t.count {
            if t[i] < 0x80 { w += 1; i += 1; continue }
            let (cw, length) = characterWidth(at: i, in: t)
            w += cw
            i += length
        }
        return w
    }

    /// The text, or as much as fits in `width - 1` cells and "…" (as `DisplayWidth.truncate`).
    static func cut(_ t: UnsafeRawBufferPointer, to width: Int, into out: inout ByteOutput) {
        guard width > 0 else { return }
        if Self.width(of: t) <= width { return out.cell(t) }
        var used = 0, i = 0
        while i < t.count {
            let (cw, length) = t[i] < 0x80 ? (1, 1) : characterWidth(at: i, in: t)
            if used + cw > width - 1 { break }
            used += cw
            i += length
        }
        out.cell(UnsafeRawBufferPointer(rebasing: t[0..<i]))
        out.append("…")
    }
}
