/// Agreement between coders, with the unit of analysis stated: the unit is one excerpt, and for
/// each code the value is "applied" or "not applied". Only excerpts a coder has reviewed count
/// for that coder; not reviewed is missing data.
public struct AgreementReport: Sendable {
    public struct Figures: Sendable, Equatable {
        public var percentAgreement: Statistic
        public var cohenKappa: Statistic
        public var krippendorffAlpha: Statistic
        public var fleissKappa: Statistic
    }

    public struct CodeRow: Sendable, Equatable {
        public var code: String
        /// Excerpts every coder reviewed.
        public var n: Int
        public var figures: Figures
    }

    public let coders: [String]
    /// Excerpts every coder reviewed.
    public let excerpts: Int
    public let overall: Figures
    public let codes: [CodeRow]
    public let notes: [String]

    public static let unit = "excerpt"

    /// - Parameter only: restrict to one code; by default every code that some coder applied to
    ///   an excerpt at least two coders reviewed (codes nobody used would only inflate agreement).
    public init(coders: [(name: String, coding: CodingState)], data: Dataset, only code: String? = nil) {
        self.coders = coders.map(\.name)
        let ids = data.excerpts.map(\.id)
        let k = coders.count
        // Each coder's answers as flat arrays over the excerpts: reviewed or not, and a bitset of
        // code indices — so building the ratings is a pass of bit tests, not of dictionary lookups.
        let codeIndex = Dictionary(uniqueKeysWithValues: data.codes.enumerated().map { ($1.id, $0) })
        let words = max(1, (data.codes.count + 63) / 64)
        var reviewed = [Bool](repeating: false, count: k * ids.count)
        var bits = [UInt64](repeating: 0, count: k * ids.count * words)
        for (c, coder) in coders.enumerated() {
            for (i, id) in ids.enumerated() {
                let answer = coder.coding[id]
                guard answer.status != .unreviewed else { continue }
                reviewed[c * ids.count + i] = true
                for code in answer.codes {
                    if let x = codeIndex[code] { bits[(c * ids.count + i) * words + x / 64] |= 1 << UInt64(x % 64) }
                }
            }
        }
        func has(_ c: Int, _ i: Int, _ x: Int) -> Bool { bits[(c * ids.count + i) * words + x / 64] & (1 << UInt64(x % 64)) != 0 }
        func rated(_ c: Int, _ i: Int) -> Bool { reviewed[c * ids.count + i] }
        let shared = ids.indices.filter { i in (0..<k).filter { rated($0, i) }.count >= 2 }
        excerpts = ids.indices.filter { i in (0..<k).allSatisfy { rated($0, i) } }.count
        let codeIds: [String]
        if let code {
            codeIds = [code]
        } else {
            var used = [Bool](repeating: false, count: data.codes.count)
            for i in shared { for c in 0..<k where rated(c, i) { for x in 0..<data.codes.count where !used[x] && has(c, i, x) { used[x] = true } } }
            codeIds = data.codes.enumerated().filter { used[$0.offset] }.map(\.element.id)
        }
        // Units with the same answers are counted once, with a weight: with two categories and
        // a few coders there are only a handful of distinct answer patterns.
        func units(_ code: String) -> [AgreementStatistics.Unit] {
            guard let x = codeIndex[code] else { return [] }
            var histogram: [Int: Int] = [:]
            for i in ids.indices {
                var pattern = 0, multiplier = 1, anyone = false
                for c in 0..<k {
                    let digit = rated(c, i) ? (has(c, i, x) ? 2 : 1) : 0
                    if digit > 0 { anyone = true }
                    pattern += digit * multiplier
                    multiplier *= 3
                }
                if anyone { histogram[pattern, default: 0] += 1 }
            }
            return histogram.sorted { $0.key < $1.key }.map { pattern, weight in
                var values: [Int?] = []
                var p = pattern
                for _ in 0..<k { let d = p % 3; values.append(d == 0 ? nil : d - 1); p /= 3 }
                return (values, weight)
            }
        }
        let two = coders.count == 2
        func figures(_ u: [AgreementStatistics.Unit]) -> Figures {
            Figures(percentAgreement: AgreementStatistics.percentAgreement(u),
                    cohenKappa: two ? AgreementStatistics.cohenKappa(u) : .undefined("Cohen's kappa is for two coders; see Fleiss' kappa"),
                    krippendorffAlpha: AgreementStatistics.krippendorffAlpha(u),
                    fleissKappa: two ? .undefined("Fleiss' kappa is reported for three or more coders; see Cohen's kappa") : AgreementStatistics.fleissKappa(u))
        }
        var pooled: [AgreementStatistics.Unit] = []
        var rows: [CodeRow] = []
        for c in codeIds {
            let u = units(c)
            pooled += u
            rows.append(CodeRow(code: c, n: u.filter { $0.values.allSatisfy { $0 != nil } }.reduce(0) { $0 + $1.weight }, figures: figures(u)))
        }
        codes = rows
        overall = figures(pooled)
        var notes = [
            "Unit of analysis: one excerpt; for each code the value is applied or not applied. Overall figures pool every (excerpt, code) pair of the codes listed.",
            "An excerpt counts for a coder only once reviewed (reviewed with no codes is an answer); an unreviewed excerpt is missing data. Percent agreement and kappa use the excerpts every coder reviewed; Krippendorff's alpha uses every excerpt at least two coders reviewed.",
        ]
        if code == nil { notes.append("Codes listed: those some coder applied to an excerpt at least two coders reviewed; codes nobody used are left out because they would only inflate agreement.") }
        if two { notes.append("Fleiss' kappa is null: it is reported for three or more coders.") } else { notes.append("Cohen's kappa is null: it is for two coders. Fleiss' kappa uses the excerpts every coder reviewed.") }
        if excerpts == 0 { notes.append("No excerpt was reviewed by every coder.") }
        for row in rows {
            for (name, s) in [("Cohen's kappa", row.figures.cohenKappa), ("Krippendorff's alpha", row.figures.krippendorffAlpha)] {
                if let reason = s.reason, !reason.contains("for two coders"), !reason.contains("three or more") {
                    notes.append("\(row.code): \(name) is undefined: \(reason).")
                }
            }
        }
        self.notes = notes
    }

    public var json: JSONValue {
        func stat(_ s: Statistic) -> JSONValue { s.value.map(JSONValue.number) ?? .null }
        var o = JSONObjectBuilder()
        o.set("unit", AgreementReport.unit)
        o.set("coders", .array(coders.map(JSONValue.string)))
        o.set("excerpts", excerpts)
        var overall = JSONObjectBuilder()
        overall.set("percentAgreement", stat(self.overall.percentAgreement))
        overall.set("cohenKappa", stat(self.overall.cohenKappa))
        overall.set("krippendorffAlpha", stat(self.overall.krippendorffAlpha))
        overall.set("fleissKappa", stat(self.overall.fleissKappa))
        o.set("overall", overall.value)
        o.set("codes", .array(codes.map { row in
            var r = JSONObjectBuilder()
            r.set("code", row.code)
            r.set("n", row.n)
            r.set("percentAgreement", stat(row.figures.percentAgreement))
            r.set("cohenKappa", stat(row.figures.cohenKappa))
            r.set("krippendorffAlpha", stat(row.figures.krippendorffAlpha))
            if coders.count > 2 { r.set("fleissKappa", stat(row.figures.fleissKappa)) }
            return r.value
        }))
        o.set("notes", .array(notes.map(JSONValue.string)))
        return o.value
    }
}

/// Where two coders differ: the excerpts both reviewed whose code sets are not the same.
public enum Disagreements {
    public static func queue(_ a: CodingState, _ b: CodingState, data: Dataset) -> [String] {
        data.excerpts.map(\.id).filter { e in
            a[e].status != .unreviewed && b[e].status != .unreviewed && a[e].codes != b[e].codes
        }
    }
}
