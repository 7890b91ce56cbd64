/// How many excerpts each code has in one coding: its own (coded with it) and with its subcodes
/// (coded with it or any code below it, each excerpt once) — so a parent code is never "0"
/// when its children hold excerpts.
public struct CodeCounts: Sendable, Equatable {
    public private(set) var own: [String: Int] = [:]
    public private(set) var withSubcodes: [String: Int] = [:]

    /// The report's coding when `coding` is nil, else that coder's.
    public init(_ data: Dataset, coding: CodingState? = nil) {
        for e in data.excerpts {
            let codes = coding.map { Array($0[e.id].codes) } ?? data.referenceCodes(of: e.id)
            var lineage: Set<String> = []
            for code in codes {
                own[code, default: 0] += 1
                var next: String? = code
                // Walk up to the root; a cycle in bad data stops at the first repeat.
                while let c = next, lineage.insert(c).inserted { next = data.code(c)?.parent }
            }
            for c in lineage { withSubcodes[c, default: 0] += 1 }
        }
    }

    public func own(_ code: String) -> Int { own[code] ?? 0 }
    public func withSubcodes(_ code: String) -> Int { withSubcodes[code] ?? 0 }
}
