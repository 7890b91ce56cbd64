/// Counts of excerpts in a grid, each cell knowing the excerpts behind it. The unit is one
/// excerpt reviewed by the coder (every excerpt for the report's coding).
public struct CodeMatrix: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case cooccurrence, cases }
    /// The rows of a case × code matrix.
    public enum Dimension: String, Sendable, CaseIterable { case county, chain, level, kind }

    public let kind: Kind
    public let dimension: Dimension?
    public let coder: String
    public let rows: [String]
    public let columns: [String]
    /// cells[row][column]: the excerpt ids counted there.
    public let cells: [[[String]]]

    public func count(_ r: Int, _ c: Int) -> Int { cells[r][c].count }

    /// Code co-occurrence: cell (a, b) holds the excerpts coded with both; the diagonal the
    /// excerpts with the code at all. Codes that occur are listed, in codebook order.
    /// One pass over the excerpts: each adds itself to the cells of its pairs of codes.
    public static func cooccurrence(_ coding: CodingState, coder: String, data: Dataset) -> CodeMatrix {
        let order = Dictionary(uniqueKeysWithValues: data.codes.enumerated().map { ($1.id, $0) })
        var used = Set<String>()
        var reviewed: [(id: String, codes: [Int])] = []
        for e in data.excerpts {
            let c = coding[e.id]
            guard c.status != .unreviewed else { continue }
            let codes = c.codes.compactMap { order[$0] }.sorted()
            used.formUnion(c.codes)
            reviewed.append((e.id, codes))
        }
        let codes = data.codes.map(\.id).filter { used.contains($0) }
        let position = Dictionary(uniqueKeysWithValues: codes.enumerated().map { (order[$1]!, $0) })
        var cells = [[[String]]](repeating: [[String]](repeating: [], count: codes.count), count: codes.count)
        for (id, list) in reviewed {
            let ps = list.compactMap { position[$0] }
            for a in ps { for b in ps { cells[a][b].append(id) } }
        }
        return CodeMatrix(kind: .cooccurrence, dimension: nil, coder: coder, rows: codes, columns: codes, cells: cells)
    }

    /// Case × code: rows are counties, chains, levels of the grant chain or actor kinds (with a
    /// last row for excerpts the report does not place); columns are the codes that occur.
    public static func cases(by dimension: Dimension, _ coding: CodingState, coder: String, data: Dataset) -> CodeMatrix {
        let unplaced = "(ikke plassert)"
        var keys: [String]
        let levels = ["nivå 1 statsforvalter", "nivå 2 samarbeidsforum", "nivå 3 kommune/eier", "nivå 4 enhet", "ved siden av kjeden"]
        let label: (Excerpt) -> String
        switch dimension {
        case .county:
            keys = data.counties.map(\.name)
            label = { e in e.attribution.county.flatMap { data.county($0)?.name } ?? unplaced }
        case .chain:
            // The id first: row labels are cut in narrow views, and ids tell the chains apart.
            keys = data.chains.map { "\($0.id) \($0.name)" }
            label = { e in e.attribution.chain.flatMap { data.chain($0) }.map { "\($0.id) \($0.name)" } ?? unplaced }
        case .level:
            keys = levels
            label = { e in
                guard let kind = data.actorKind(of: e) else { return unplaced }
                return kind.chainLevel.map { levels[$0 - 1] } ?? "ved siden av kjeden"
            }
        case .kind:
            keys = ActorKind.allCases.map(\.rawValue)
            label = { e in data.actorKind(of: e)?.rawValue ?? unplaced }
        }
        keys.append(unplaced)
        let row = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var used = Set<String>()
        var placed: [(id: String, row: Int, codes: Set<String>)] = []
        for e in data.excerpts {
            let c = coding[e.id]
            guard c.status != .unreviewed else { continue }
            used.formUnion(c.codes)
            placed.append((e.id, row[label(e)] ?? keys.count - 1, c.codes))
        }
        let codes = data.codes.map(\.id).filter { used.contains($0) }
        let column = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        var cells = [[[String]]](repeating: [[String]](repeating: [], count: codes.count), count: keys.count)
        for p in placed { for code in p.codes { if let c = column[code] { cells[p.row][c].append(p.id) } } }
        return CodeMatrix(kind: .cases, dimension: dimension, coder: coder, rows: keys, columns: codes, cells: cells)
    }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("kind", kind.rawValue)
        o.set("by", dimension?.rawValue)
        o.set("coder", coder)
        o.set("unit", "excerpt")
        o.set("rows", .array(rows.map(JSONValue.string)))
        o.set("columns", .array(columns.map(JSONValue.string)))
        o.set("counts", .array(cells.map { .array($0.map { .number(Double($0.count)) }) }))
        return o.value
    }

    /// RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break.
    public var csv: String {
        func field(_ s: String) -> String {
            s.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" } ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var lines = [([kind == .cooccurrence ? "code" : (dimension?.rawValue ?? "")] + columns).map(field).joined(separator: ",")]
        for (r, row) in rows.enumerated() {
            lines.append(([row] + cells[r].map { String($0.count) }).map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
