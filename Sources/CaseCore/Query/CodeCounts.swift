/// How many excerpts each code has in one coding: its own (coded with it) and with its subcodes
/// (coded with it or any code below it, each excerpt once) — so a parent code is never "0"
/// when its children hold excerpts.
///
/// Counted by code positions in the codebook: the report's coding from the facets' code positions
/// per excerpt, a coder's from the excerpts the coder touched, each code's line of ancestors
/// worked out once. (Looking every excerpt's codes up by id and walking up by id took 36 ms at
/// 10 000 excerpts, on the key that opens the codebook.)
public struct CodeCounts: Sendable, Equatable {
    /// Counts by position in `Dataset.codes`.
    private var ownByPosition: [Int]
    private var withSubcodesByPosition: [Int]
    private let positions: [String: Int]
    /// Codes a coding names that the codebook does not have (never in validated data, but a
    /// journal may name one): counted by id, as before.
    private var ownElsewhere: [String: Int] = [:]
    private var withSubcodesElsewhere: [String: Int] = [:]

    /// The report's coding when `coding` is nil, else that coder's.
    public init(_ data: Dataset, coding: CodingState? = nil) {
        let f = data.facets
        positions = Dictionary(f.codeIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        ownByPosition = Array(repeating: 0, count: f.codeIDs.count)
        withSubcodesByPosition = ownByPosition
        let lineages = Lineages(facets: f, positions: positions)
        // Which excerpt last counted a code with its subcodes: each code once per excerpt.
        var countedFor = Array(repeating: -1, count: f.codeIDs.count)
        var elsewhere: Set<String> = []
        if let coding {
            for (id, excerpt) in coding.excerpts where !excerpt.codes.isEmpty {
                guard let i = data.index(ofExcerpt: id) else { continue }
                elsewhere.removeAll(keepingCapacity: true)
                for code in excerpt.codes {
                    if let p = positions[code] {
                        count(p, lineages, excerpt: i, &countedFor, &elsewhere)
                    } else {
                        ownElsewhere[code, default: 0] += 1
                        elsewhere.insert(code)
                    }
                }
                for c in elsewhere { withSubcodesElsewhere[c, default: 0] += 1 }
            }
        } else {
            for i in f.referenceCodes.indices {
                guard let codes = f.referenceCodes[i] else { continue }
                elsewhere.removeAll(keepingCapacity: true)
                for p in codes { count(p, lineages, excerpt: i, &countedFor, &elsewhere) }
                for c in elsewhere { withSubcodesElsewhere[c, default: 0] += 1 }
            }
        }
    }

    private mutating func count(
        _ p: Int, _ lineages: Lineages, excerpt: Int, _ countedFor: inout [Int], _ elsewhere: inout Set<String>
    ) {
        ownByPosition[p] += 1
        for a in lineages.positions[p] where countedFor[a] != excerpt {
            countedFor[a] = excerpt
            withSubcodesByPosition[a] += 1
        }
        if let parent = lineages.missingParent[p] { elsewhere.insert(parent) }
    }

    public func own(_ code: String) -> Int { positions[code].map { ownByPosition[$0] } ?? ownElsewhere[code] ?? 0 }
    public func withSubcodes(_ code: String) -> Int {
        positions[code].map { withSubcodesByPosition[$0] } ?? withSubcodesElsewhere[code] ?? 0
    }
}

/// Each code with its ancestors, as positions, the code first: the walk up to the root made
/// once per code instead of once per coded excerpt.
private struct Lineages {
    var positions: [[Int]]
    /// A parent the codebook does not have, where a code's walk up ends on one.
    var missingParent: [String?]

    init(facets f: Facets, positions index: [String: Int]) {
        positions = []
        missingParent = []
        positions.reserveCapacity(f.codeIDs.count)
        for p in f.codeIDs.indices {
            var line: [Int] = []
            var missing: String?
            var next: Int? = p
            // Up to the root; a cycle in bad data stops at the first repeat.
            while let c = next, !line.contains(c) {
                line.append(c)
                guard let parent = f.codeParents[c] else { break }
                next = index[parent]
                if next == nil { missing = parent }
            }
            positions.append(line)
            missingParent.append(missing)
        }
    }
}
