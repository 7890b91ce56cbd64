/// Agreement between coders, with the unit of analysis stated: the unit is one excerpt, and for
/// each code the value is "applied" or "not applied". Only excerpts a coder has reviewed count
/// for that coder; not reviewed is missing data.
public struct AgreementReport: Sendable {
    /// The coefficients, in the order the outputs list them.
    public enum Coefficient: String, Sendable, CaseIterable {
        case percentAgreement, cohenKappa, fleissKappa, gwetAC1, brennanPrediger, krippendorffAlpha

        public var name: String {
            switch self {
            case .percentAgreement: return "percent agreement"
            case .cohenKappa: return "Cohen's kappa"
            case .fleissKappa: return "Fleiss' kappa"
            case .gwetAC1: return "Gwet's AC1"
            case .brennanPrediger: return "Brennan–Prediger's kappa"
            case .krippendorffAlpha: return "Krippendorff's alpha"
            }
        }
    }

    public struct Options: Sendable, Equatable {
        /// Whether to compute the 95 % intervals (the resolve screen needs only the figures).
        public var intervals: Bool
        /// Bootstrap draws for Krippendorff's alpha, and the seed that makes them reproducible.
        public var draws: Int
        public var seed: UInt64
        /// A code applied to fewer excerpts than this is flagged as too rare to judge.
        public var minimumUses: Int

        public init(intervals: Bool = true, draws: Int = 1000, seed: UInt64 = 1, minimumUses: Int = 5) {
            self.intervals = intervals
            self.draws = draws
            self.seed = seed
            self.minimumUses = minimumUses
        }
    }

    public struct Figures: Sendable, Equatable {
        public var percentAgreement: Statistic
        public var cohenKappa: Statistic
        public var krippendorffAlpha: Statistic
        public var fleissKappa: Statistic
        public var gwetAC1: Statistic
        public var brennanPrediger: Statistic
        /// 95 % intervals of the chance-corrected coefficients that apply (none for percent agreement).
        public var intervals: [Coefficient: IntervalEstimate]
        /// The share of "applied" among the answers on the excerpts every coder reviewed.
        public var prevalence: Double?

        public subscript(_ c: Coefficient) -> Statistic {
            switch c {
            case .percentAgreement: return percentAgreement
            case .cohenKappa: return cohenKappa
            case .fleissKappa: return fleissKappa
            case .gwetAC1: return gwetAC1
            case .brennanPrediger: return brennanPrediger
            case .krippendorffAlpha: return krippendorffAlpha
            }
        }
    }

    public struct CodeRow: Sendable, Equatable {
        public var code: String
        /// Excerpts every coder reviewed.
        public var n: Int
        /// Excerpts (of those at least two coders reviewed) that some coder applied the code to.
        public var uses: Int
        public var figures: Figures
    }

    /// Something a reader of the figures should know about a code.
    public struct Diagnosis: Sendable, Equatable {
        public enum Kind: String, Sendable { case tooRare = "too-rare", kappaParadox = "kappa-paradox" }
        public var code: String
        public var kind: Kind
        public var uses: Int
        public var prevalence: Double?
        public var agreement: Double?
        public var kappa: Double?
        public var ac1: Double?
    }

    /// High percent agreement with low kappa: at or above this agreement and below this kappa.
    public static let paradoxAgreement = 0.85
    public static let paradoxKappa = 0.40

    public let coders: [String]
    /// Excerpts every coder reviewed.
    public let excerpts: Int
    /// Excerpts at least two coders reviewed (what Krippendorff's alpha uses).
    public let pairableExcerpts: Int
    public let overall: Figures
    public let codes: [CodeRow]
    public let diagnoses: [Diagnosis]
    public let notes: [String]
    public let options: Options

    public static let unit = "excerpt"

    /// The kappa this many coders get: Cohen's for two, Fleiss' for three or more.
    public var kappa: Coefficient { coders.count == 2 ? .cohenKappa : .fleissKappa }

    /// The coefficients that apply to this many coders, in output order.
    public var coefficients: [Coefficient] {
        Coefficient.allCases.filter { $0 != (coders.count == 2 ? .fleissKappa : .cohenKappa) }
    }

    /// - Parameter only: restrict to one code; by default every code that some coder applied to
    ///   an excerpt at least two coders reviewed (codes nobody used would only inflate agreement).
    public init(
        coders: [(name: String, coding: CodingState)], data: Dataset, only code: String? = nil,
        options: Options = Options()
    ) {
        self.coders = coders.map(\.name)
        self.options = options
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
        func has(_ c: Int, _ i: Int, _ x: Int) -> Bool {
            bits[(c * ids.count + i) * words + x / 64] & (1 << UInt64(x % 64)) != 0
        }
        func rated(_ c: Int, _ i: Int) -> Bool { reviewed[c * ids.count + i] }
        let shared = ids.indices.filter { i in (0..<k).filter { rated($0, i) }.count >= 2 }
        excerpts = ids.indices.filter { i in (0..<k).allSatisfy { rated($0, i) } }.count
        pairableExcerpts = shared.count
        let codeIds: [String]
        if let code {
            codeIds = [code]
        } else {
            var used = [Bool](repeating: false, count: data.codes.count)
            for i in shared {
                for c in 0..<k where rated(c, i) {
                    for x in 0..<data.codes.count where !used[x] && has(c, i, x) { used[x] = true }
                }
            }
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
        let notTwo = "Cohen's kappa is for two coders; see Fleiss' kappa"
        let notMany = "Fleiss' kappa is reported for three or more coders; see Cohen's kappa"
        func figures(_ u: [AgreementStatistics.Unit], seed: UInt64) -> Figures {
            // Applied or not applied: two categories, whether or not both occur.
            let cohen = two ? ChanceCorrected.cohen.estimate(u) : nil
            let fleiss = two ? nil : ChanceCorrected.fleiss.estimate(u)
            let ac1 = ChanceCorrected.gwetAC1.estimate(u, categories: 2)
            let bp = ChanceCorrected.brennanPrediger.estimate(u, categories: 2)
            var intervals: [Coefficient: IntervalEstimate] = [:]
            if options.intervals {
                if let cohen { intervals[.cohenKappa] = cohen.interval }
                if let fleiss { intervals[.fleissKappa] = fleiss.interval }
                intervals[.gwetAC1] = ac1.interval
                intervals[.brennanPrediger] = bp.interval
                intervals[.krippendorffAlpha] = AgreementStatistics.krippendorffBootstrap(
                    u, draws: options.draws, seed: seed)
            }
            var applied = 0, answers = 0
            for unit in u where unit.values.allSatisfy({ $0 != nil }) {
                answers += unit.weight * unit.values.count
                applied += unit.weight * unit.values.filter { $0 == 1 }.count
            }
            return Figures(
                percentAgreement: AgreementStatistics.percentAgreement(u),
                cohenKappa: cohen?.value ?? .undefined(notTwo),
                krippendorffAlpha: AgreementStatistics.krippendorffAlpha(u),
                fleissKappa: fleiss?.value ?? .undefined(notMany),
                gwetAC1: ac1.value, brennanPrediger: bp.value, intervals: intervals,
                prevalence: answers > 0 ? Double(applied) / Double(answers) : nil)
        }
        var pooled: [AgreementStatistics.Unit] = []
        var rows: [CodeRow] = []
        for c in codeIds {
            let u = units(c)
            pooled += u
            let complete = u.filter { $0.values.allSatisfy { $0 != nil } }.reduce(0) { $0 + $1.weight }
            let uses = u.filter { $0.values.compactMap { $0 }.count >= 2 && $0.values.contains(1) }.reduce(0) {
                $0 + $1.weight
            }
            rows.append(
                CodeRow(
                    code: c, n: complete, uses: uses, figures: figures(u, seed: AgreementReport.seed(options.seed, c))))
        }
        codes = rows
        overall = figures(pooled, seed: AgreementReport.seed(options.seed, "(pooled)"))
        let kappaName: Coefficient = two ? .cohenKappa : .fleissKappa
        var diagnoses: [Diagnosis] = []
        for row in rows {
            let f = row.figures
            if row.uses < options.minimumUses {
                diagnoses.append(
                    Diagnosis(
                        code: row.code, kind: .tooRare, uses: row.uses, prevalence: f.prevalence,
                        agreement: f.percentAgreement.value, kappa: f[kappaName].value, ac1: f.gwetAC1.value))
            } else if let a = f.percentAgreement.value, a >= AgreementReport.paradoxAgreement,
                let kappa = f[kappaName].value, kappa < AgreementReport.paradoxKappa
            {
                diagnoses.append(
                    Diagnosis(
                        code: row.code, kind: .kappaParadox, uses: row.uses, prevalence: f.prevalence,
                        agreement: a, kappa: kappa, ac1: f.gwetAC1.value))
            }
        }
        self.diagnoses = diagnoses
        var notes = [
            "Unit of analysis: one excerpt; for each code the value is applied or not applied. Overall figures pool "
                + "every (excerpt, code) pair of the codes listed.",
            "An excerpt counts for a coder only once reviewed (reviewed with no codes is an answer); an unreviewed "
                + "excerpt is missing data. Percent agreement, kappa, AC1 and Brennan–Prediger use the excerpts every "
                + "coder reviewed; Krippendorff's alpha uses every excerpt at least two coders reviewed."
        ]
        if code == nil {
            notes.append(
                "Codes listed: those some coder applied to an excerpt at least two coders reviewed; codes nobody used "
                    + "are left out because they would only inflate agreement."
            )
        }
        if two {
            notes.append("Fleiss' kappa is null: it is reported for three or more coders.")
        } else {
            notes.append(
                "Cohen's kappa is null: it is for two coders. Fleiss' kappa uses the excerpts every coder reviewed. "
                    + "Percent agreement counts an excerpt when all coders agree; AC1, Brennan–Prediger and Fleiss' "
                    + "kappa use agreement between pairs of coders."
            )
        }
        if options.intervals {
            notes.append(
                "95 % intervals: \(two ? "Cohen's" : "Fleiss'") kappa, AC1 and Brennan–Prediger from Gwet's standard "
                    + "errors (variance with respect to the sample of excerpts), Student's t with n − 1 degrees of "
                    + "freedom, the upper bound capped at 1; Krippendorff's alpha by Krippendorff's bootstrap (Hayes & "
                    + "Krippendorff 2007), \(options.draws) draws, seed \(options.seed). Pooled intervals treat each "
                    + "(excerpt, code) pair as an independent unit, which understates their width when the codes of "
                    + "one excerpt go together."
            )
        }
        if excerpts == 0 { notes.append("No excerpt was reviewed by every coder.") }
        let reported: [Coefficient] = [kappaName, .gwetAC1, .brennanPrediger, .krippendorffAlpha]
        for row in rows {
            for c in reported {
                if let reason = row.figures[c].reason {
                    notes.append("\(row.code): \(c.name) is undefined: \(reason).")
                } else if let reason = row.figures.intervals[c]?.reason {
                    notes.append("\(row.code): the interval of \(c.name) is undefined: \(reason).")
                }
            }
        }
        self.notes = notes
    }

    /// Each code's bootstrap has its own stream, from the seed and the code's id (FNV-1a), so a
    /// code's interval does not depend on which other codes are listed.
    static func seed(_ seed: UInt64, _ code: String) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in code.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return seed ^ h
    }

    public var json: JSONValue {
        func stat(_ s: Statistic) -> JSONValue { s.value.map(JSONValue.number) ?? .null }
        func figures(_ f: Figures, into o: inout JSONObjectBuilder) {
            // Every coefficient, null where it does not apply, so every row has the same members.
            for c in Coefficient.allCases { o.set(c.rawValue, stat(f[c])) }
            o.set("prevalence", f.prevalence.map(JSONValue.number) ?? .null)
            guard options.intervals else { return }
            var intervals = JSONObjectBuilder()
            for c in Coefficient.allCases where c != .percentAgreement {
                guard let i = f.intervals[c]?.interval else { intervals.set(c.rawValue, .null); continue }
                var x = JSONObjectBuilder()
                x.set("lower", .number(i.lower))
                x.set("upper", .number(i.upper))
                x.set("standardError", .number(i.standardError))
                x.set("method", i.method.name)
                intervals.set(c.rawValue, x.value)
            }
            o.set("intervals", intervals.value)
        }
        var o = JSONObjectBuilder()
        o.set("unit", AgreementReport.unit)
        o.set("coders", .array(coders.map(JSONValue.string)))
        o.set("excerpts", excerpts)
        o.set("pairableExcerpts", pairableExcerpts)
        if options.intervals {
            o.set("confidenceLevel", .number(0.95))
            var methods = JSONObjectBuilder()
            for c in Coefficient.allCases
            where c != .percentAgreement && c != (coders.count == 2 ? .fleissKappa : .cohenKappa) {
                methods.set(c.rawValue, c == .krippendorffAlpha ? "krippendorff-bootstrap" : "gwet-t")
            }
            o.set("intervalMethods", methods.value)
            var boot = JSONObjectBuilder()
            boot.set("draws", options.draws)
            boot.set("seed", .number(Double(options.seed)))
            o.set("bootstrap", boot.value)
        }
        o.set("minimumUses", options.minimumUses)
        var overall = JSONObjectBuilder()
        figures(self.overall, into: &overall)
        o.set("overall", overall.value)
        o.set(
            "codes",
            .array(
                codes.map { row in
                    var r = JSONObjectBuilder()
                    r.set("code", row.code)
                    r.set("n", row.n)
                    r.set("uses", row.uses)
                    figures(row.figures, into: &r)
                    return r.value
                }))
        o.set(
            "diagnoses",
            .array(
                diagnoses.map { d in
                    var x = JSONObjectBuilder()
                    x.set("code", d.code)
                    x.set("kind", d.kind.rawValue)
                    x.set("uses", d.uses)
                    x.set("prevalence", d.prevalence.map(JSONValue.number) ?? .null)
                    x.set("percentAgreement", d.agreement.map(JSONValue.number) ?? .null)
                    x.set(kappa.rawValue, d.kappa.map(JSONValue.number) ?? .null)
                    x.set("gwetAC1", d.ac1.map(JSONValue.number) ?? .null)
                    x.set("message", message(d, .en))
                    return x.value
                }))
        o.set("notes", .array(notes.map(JSONValue.string)))
        return o.value
    }
}

/// Where two coders differ: the excerpts both reviewed whose code sets are not the same.
public enum Disagreements {
    /// The excerpts both reviewed with different code sets; with `code`, only those where one
    /// coder applied that code and the other did not.
    public static func queue(_ a: CodingState, _ b: CodingState, data: Dataset, code: String? = nil) -> [String] {
        data.excerpts.map(\.id).filter { e in
            // Each coding looked up once (a lookup copies the excerpt's coding).
            guard let x = a.excerpts[e], x.status != .unreviewed, let y = b.excerpts[e], y.status != .unreviewed
            else { return false }
            guard let code else { return x.codes != y.codes }
            return x.codes.contains(code) != y.codes.contains(code)
        }
    }
}
