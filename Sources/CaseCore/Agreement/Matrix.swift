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
    /// cells[row][column]: the positions (in `Dataset.excerpts`) of the excerpts counted there.
    public let cells: [[[Int]]]

    public func count(_ r: Int, _ c: Int) -> Int { cells[r][c].count }

    /// No rows, no columns (a matrix not counted yet).
    public static let empty = CodeMatrix(
        kind: .cooccurrence, dimension: nil, coder: "", rows: [], columns: [], cells: [])

    /// A coder's answers as a function of the excerpt's position: its codes as positions in
    /// `Dataset.codes`, or nil when unreviewed.
    public typealias Answers = (Int) -> [Int]?

    public static func answers(_ coding: CodingState, _ data: Dataset) -> Answers {
        let ids = data.facets.ids
        let order = Dictionary(uniqueKeysWithValues: data.codes.enumerated().map { ($1.id, $0) })
        return { i in
            let c = coding[ids[i]]
            return c.status == .unreviewed ? nil : c.codes.compactMap { order[$0] }
        }
    }

    /// The report's coding, straight from the data: every excerpt it codes counts.
    public static func referenceAnswers(_ data: Dataset) -> Answers {
        let codes = data.facets.referenceCodes
        return { codes[$0] }
    }

    public static func cooccurrence(_ coding: CodingState, coder: String, data: Dataset) -> CodeMatrix {
        cooccurrence(answers(coding, data), coder: coder, data: data)
    }

    public static func cases(by dimension: Dimension, _ coding: CodingState, coder: String, data: Dataset) -> CodeMatrix
    {
        cases(by: dimension, answers(coding, data), coder: coder, data: data)
    }

    /// Code co-occurrence: cell (a, b) holds the excerpts coded with both; the diagonal the
    /// excerpts with the code at all. Codes that occur are listed, in codebook order.
    /// One pass over the excerpts: each adds itself to the cells of its pairs of codes.
    public static func cooccurrence(_ answers: Answers, coder: String, data: Dataset) -> CodeMatrix {
        var used = [Bool](repeating: false, count: data.codes.count)
        var reviewed: [(position: Int, codes: [Int])] = []
        for i in data.excerpts.indices {
            guard let list = answers(i) else { continue }
            for x in list { used[x] = true }
            reviewed.append((i, list))
        }
        let codes = data.codes.indices.filter { used[$0] }
        var position = [Int](repeating: -1, count: data.codes.count)
        for (p, x) in codes.enumerated() { position[x] = p }
        var sizes = [[Int]](repeating: [Int](repeating: 0, count: codes.count), count: codes.count)
        for (_, list) in reviewed { for a in list { for b in list { sizes[position[a]][position[b]] += 1 } } }
        var cells = CodeMatrix.cells(sized: sizes)
        for (i, list) in reviewed {
            for a in list { for b in list { cells[position[a]][position[b]].append(i) } }
        }
        let ids = codes.map { data.codes[$0].id }
        return CodeMatrix(kind: .cooccurrence, dimension: nil, coder: coder, rows: ids, columns: ids, cells: cells)
    }

    /// Case × code: rows are counties, chains, levels of the grant chain or actor kinds (with a
    /// last row for excerpts the report does not place); columns are the codes that occur.
    public static func cases(by dimension: Dimension, _ answers: Answers, coder: String, data: Dataset) -> CodeMatrix {
        let unplaced = "(ikke plassert)"
        var keys: [String]
        let levels = [
            "nivå 1 statsforvalter", "nivå 2 samarbeidsforum", "nivå 3 kommune/eier", "nivå 4 enhet",
            "ved siden av kjeden"
        ]
        let countyRow = Dictionary(uniqueKeysWithValues: data.counties.enumerated().map { ($1.id, $0) })
        let chainRow = Dictionary(uniqueKeysWithValues: data.chains.enumerated().map { ($1.id, $0) })
        let f = data.facets
        let row: (Int) -> Int?
        switch dimension {
        case .county:
            keys = data.counties.map(\.name)
            row = { i in countyRow[f.county[i]] }
        case .chain:
            // The id first: row labels are cut in narrow views, and ids tell the chains apart.
            keys = data.chains.map { "\($0.id) \($0.name)" }
            row = { i in f.chain[i].flatMap { chainRow[$0] } }
        case .level:
            keys = levels
            row = { i in f.kind[i].map { ($0.chainLevel ?? 5) - 1 } }
        case .kind:
            keys = ActorKind.allCases.map(\.rawValue)
            row = { i in f.kind[i].flatMap { ActorKind.allCases.firstIndex(of: $0) } }
        }
        keys.append(unplaced)
        var used = [Bool](repeating: false, count: data.codes.count)
        var placed: [(position: Int, row: Int, codes: [Int])] = []
        for i in data.excerpts.indices {
            guard let list = answers(i) else { continue }
            for x in list { used[x] = true }
            placed.append((i, row(i) ?? keys.count - 1, list))
        }
        let codes = data.codes.indices.filter { used[$0] }
        var column = [Int](repeating: -1, count: data.codes.count)
        for (p, x) in codes.enumerated() { column[x] = p }
        var sizes = [[Int]](repeating: [Int](repeating: 0, count: codes.count), count: keys.count)
        for p in placed { for x in p.codes { sizes[p.row][column[x]] += 1 } }
        var cells = CodeMatrix.cells(sized: sizes)
        for p in placed { for x in p.codes { cells[p.row][column[x]].append(p.position) } }
        return CodeMatrix(
            kind: .cases, dimension: dimension, coder: coder, rows: keys, columns: codes.map { data.codes[$0].id },
            cells: cells)
    }

    /// Empty cells with room for exactly as many positions as they will hold: the explorer
    /// keeps its five matrices, and cells grown by doubling held a third more than they used.
    static func cells(sized sizes: [[Int]]) -> [[[Int]]] {
        sizes.map { row in
            row.map { n in
                var cell: [Int] = []
                cell.reserveCapacity(n)
                return cell
            }
        }
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
            s.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var lines = [
            ([kind == .cooccurrence ? "code" : (dimension?.rawValue ?? "")] + columns).map(field).joined(separator: ",")
        ]
        for (r, row) in rows.enumerated() {
            lines.append(([row] + cells[r].map { String($0.count) }).map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
