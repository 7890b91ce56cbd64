/// A 95 % confidence interval with the standard error behind it and how it was obtained.
public struct Interval: Sendable, Equatable {
    public enum Method: Sendable, Equatable {
        /// Gwet's variance with respect to the sample of units, Student's t with n − 1 degrees of
        /// freedom; the upper bound capped at 1 (as irrCAC and Gwet's R functions do).
        case gwet
        /// Krippendorff's bootstrap (Hayes & Krippendorff 2007), percentile limits.
        case bootstrap(draws: Int, seed: UInt64)

        public var name: String {
            switch self {
            case .gwet: return "gwet-t"
            case .bootstrap: return "krippendorff-bootstrap"
            }
        }
    }

    public var lower: Double
    public var upper: Double
    /// Gwet's standard error, or the standard deviation of the bootstrap draws.
    public var standardError: Double
    public var method: Method
}

/// An interval that could not be computed keeps its reason, like `Statistic`.
public enum IntervalEstimate: Sendable, Equatable {
    case interval(Interval)
    case undefined(String)

    public var interval: Interval? { if case let .interval(i) = self { return i } else { return nil } }
    public var reason: String? { if case let .undefined(r) = self { return r } else { return nil } }
}

/// The chance-corrected coefficients of the kappa family, κ = (pₐ − pₑ)/(1 − pₑ), which differ
/// only in the chance term pₑ; all from the units every rater rated, with Gwet's standard errors
/// (Gwet 2014, Handbook of Inter-Rater Reliability, ch. 5; the same formulas as irrCAC).
public enum ChanceCorrected: Sendable, CaseIterable {
    /// Cohen's kappa (two raters): pₑ from each rater's own marginals (Conger's kappa for r = 2).
    case cohen
    /// Fleiss' kappa: pₑ = Σ πₖ² from the pooled marginals.
    case fleiss
    /// Gwet's AC1: pₑ = Σ πₖ(1 − πₖ)/(q − 1), small when a category is rare or common.
    case gwetAC1
    /// Brennan–Prediger's free-marginal kappa: pₑ = 1/q.
    case brennanPrediger

    public struct Result: Sendable, Equatable {
        public var value: Statistic
        public var interval: IntervalEstimate
        /// Pairwise agreement pₐ and the chance term pₑ (nil when undefined).
        public var observed: Double?
        public var chance: Double?
    }

    /// - Parameter categories: how many categories exist (2 for applied / not applied); by default
    ///   the number observed. AC1 and Brennan–Prediger depend on it; Cohen and Fleiss do not.
    public func estimate(_ units: [AgreementStatistics.Unit], categories: Int? = nil) -> Result {
        func undefined(_ reason: String) -> Result {
            Result(value: .undefined(reason), interval: .undefined(reason), observed: nil, chance: nil)
        }
        let complete = units.filter { $0.weight > 0 && $0.values.count >= 2 && $0.values.allSatisfy { $0 != nil } }
        guard let r = complete.first?.values.count else {
            return undefined(self == .cohen ? "no unit was rated by both coders" : "no unit was rated by every coder")
        }
        if self == .cohen && r != 2 { return undefined("Cohen's kappa is for two coders") }
        // Categories as positions 0..<q.
        let observed = Set(complete.flatMap { $0.values.compactMap { $0 } }).sorted()
        let position = Dictionary(uniqueKeysWithValues: observed.enumerated().map { ($1, $0) })
        let q = max(categories ?? 0, observed.count)
        let rd = Double(r)
        var n = 0.0
        var pi = [Double](repeating: 0, count: q)
        var perRater = [[Double]](repeating: [Double](repeating: 0, count: q), count: r)
        var pa = 0.0
        // Each unit as its per-category counts (and, for Cohen, each rater's category).
        var rows: [(counts: [Double], raters: [Int], weight: Double, pa: Double)] = []
        rows.reserveCapacity(complete.count)
        for u in complete {
            var counts = [Double](repeating: 0, count: q)
            let raters = u.values.map { position[$0!]! }
            for k in raters { counts[k] += 1 }
            let w = Double(u.weight)
            let pai = counts.reduce(0) { $0 + $1 * ($1 - 1) } / (rd * (rd - 1))
            n += w
            pa += w * pai
            for k in 0..<q { pi[k] += w * counts[k] / rd }
            for (g, k) in raters.enumerated() { perRater[g][k] += w }
            rows.append((counts, raters, w, pai))
        }
        pa /= n
        for k in 0..<q { pi[k] /= n }
        for g in 0..<r { for k in 0..<q { perRater[g][k] /= n } }
        let pe: Double
        switch self {
        case .cohen: pe = (0..<q).reduce(0) { $0 + perRater[0][$1] * perRater[1][$1] }
        case .fleiss: pe = pi.reduce(0) { $0 + $1 * $1 }
        case .gwetAC1: pe = q < 2 ? 1 : pi.reduce(0) { $0 + $1 * (1 - $1) } / Double(q - 1)
        case .brennanPrediger: pe = q < 2 ? 1 : 1 / Double(q)
        }
        if pe >= 1 - 1e-12 {
            return undefined(
                self == .cohen
                    ? "both coders gave the same single answer on every unit (chance agreement is 1)"
                    : "every coder gave the same single answer on every unit (chance agreement is 1)")
        }
        let coefficient = (pa - pe) / (1 - pe)
        guard n >= 2 else {
            return Result(
                value: .value(coefficient), interval: .undefined("one unit is too few for a standard error"),
                observed: pa, chance: pe)
        }
        // Each unit's share of the coefficient, corrected for the chance term's own sampling
        // variation; the variance of their mean is the variance with respect to the units.
        var sum = 0.0
        let mean = (0..<q).map { k in (0..<r).reduce(0) { $0 + perRater[$1][k] } / rd }
        for row in rows {
            let pei: Double
            switch self {
            case .cohen:
                // Σ_g (r·p̄ₖ − p_gk)/(r(r − 1)) at each rater's own category k (complete data).
                pei =
                    row.raters.enumerated().reduce(0) { $0 + (rd * mean[$1.element] - perRater[$1.offset][$1.element]) }
                    / (rd * (rd - 1))
            case .fleiss: pei = (0..<q).reduce(0) { $0 + row.counts[$1] * pi[$1] } / rd
            case .gwetAC1: pei = (0..<q).reduce(0) { $0 + row.counts[$1] * (1 - pi[$1]) } / (rd * Double(q - 1))
            case .brennanPrediger: pei = pe
            }
            let ci = (row.pa - pe) / (1 - pe) - 2 * (1 - coefficient) * (pei - pe) / (1 - pe)
            sum += row.weight * (ci - coefficient) * (ci - coefficient)
        }
        let se = (sum / (n * (n - 1))).squareRoot()
        let t = StudentT.quantile975(degreesOfFreedom: n - 1)
        let interval = Interval(
            lower: coefficient - t * se, upper: min(1, coefficient + t * se), standardError: se, method: .gwet)
        return Result(value: .value(coefficient), interval: .interval(interval), observed: pa, chance: pe)
    }
}
