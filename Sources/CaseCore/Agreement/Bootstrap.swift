import Foundation

/// Random variates from the project's SplitMix64 generator (`SeededGenerator`), so that a
/// bootstrap is the same for the same seed on every machine.
struct Variates {
    var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    /// Uniform in [0, 1) with 53 random bits.
    mutating func uniform() -> Double { Double(generator.next() >> 11) * 0x1p-53 }

    /// Standard normal (Marsaglia's polar method; the second value is dropped to stay simple).
    mutating func normal() -> Double {
        while true {
            let u = 2 * uniform() - 1, v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 { return u * (-2 * log(s) / s).squareRoot() }
        }
    }

    /// Gamma(a, 1) (Marsaglia & Tsang 2000).
    mutating func gamma(_ a: Double) -> Double {
        if a < 1 { return gamma(a + 1) * pow(uniform(), 1 / a) }
        let d = a - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0, v = 0.0
            repeat { x = normal(); v = 1 + c * x } while v <= 0
            v = v * v * v
            let u = uniform()
            if u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// Binomial(n, p), exactly: the middle order statistic of n uniforms is Beta-distributed, and
    /// the count below p is then a binomial over one half (Knuth, TAOCP 2, 3.4.1) — O(log n).
    mutating func binomial(_ n: Int, _ p: Double) -> Int {
        var n = n, p = p, k = 0
        while n > 32 && p > 0 && p < 1 {
            let a = 1 + n / 2, b = n + 1 - a
            let ga = gamma(Double(a)), gb = gamma(Double(b))
            let x = ga / (ga + gb)
            if x >= p { n = a - 1; p = p / x } else { k += a; n = b - 1; p = (p - x) / (1 - x) }
        }
        if p <= 0 { return k }
        if p >= 1 { return k + n }
        for _ in 0..<n where uniform() < p { k += 1 }
        return k
    }
}

extension AgreementStatistics {
    /// Krippendorff's bootstrap of nominal alpha (Krippendorff 2006/2011, "Algorithm for
    /// bootstrapping a distribution of α"; Hayes & Krippendorff 2007): with the expected
    /// disagreement Dₑ fixed, M pairs of values are drawn with replacement from the observed
    /// coincidences (M = the number of pairs of judgements, Σᵤ mᵤ(mᵤ − 1)/2), α* = 1 − D*/Dₑ for
    /// each draw, values below −1 set to −1, and as many α* = 1 as resamples expected without
    /// variation set to 0. The limits are the 2.5 % and 97.5 % percentiles of the draws.
    ///
    /// For nominal data a drawn pair differs or not, so the number of differing pairs among M is
    /// one binomial variate — the same distribution as M single draws, at a cost of O(log M).
    public static func krippendorffBootstrap(_ units: [Unit], draws: Int, seed: UInt64) -> IntervalEstimate {
        guard draws >= 1 else { return .undefined("no bootstrap draws were asked for") }
        var coincidence: [Int: [Int: Double]] = [:]
        var pairs = 0
        for u in units {
            let values = u.values.compactMap { $0 }
            let m = values.count
            guard m >= 2, u.weight > 0 else { continue }
            pairs += u.weight * m * (m - 1) / 2
            let w = Double(u.weight) / Double(m - 1)
            for i in 0..<m {
                for j in 0..<m where i != j { coincidence[values[i], default: [:]][values[j], default: 0] += w }
            }
        }
        guard pairs >= 1 else { return .undefined("fewer than two pairable values (no unit has two coders' answers)") }
        let categories = Array(coincidence.keys)
        let nc = Dictionary(uniqueKeysWithValues: categories.map { c in (c, coincidence[c]!.values.reduce(0, +)) })
        let n = nc.values.reduce(0, +)
        var observed = 0.0, expected = 0.0, diagonal: [Double] = []
        for c in categories {
            diagonal.append((coincidence[c]?[c] ?? 0) / n)
            for k in categories where c != k {
                observed += coincidence[c]?[k] ?? 0
                expected += nc[c]! * nc[k]!
            }
        }
        guard expected > 0 else {
            return .undefined("every value is the same category, so there is no variation to agree on")
        }
        let de = expected / (n * (n - 1))
        let pDiffer = observed / n
        var variates = Variates(seed: seed)
        var alphas = [Double](repeating: 0, count: draws)
        var ones = 0
        for z in 0..<draws {
            let differing = variates.binomial(pairs, pDiffer)
            if differing == 0 { ones += 1 }
            alphas[z] = max(-1, 1 - (Double(differing) / Double(pairs)) / de)
        }
        // Resamples drawn entirely from one diagonal cell would have no variation (α = 0/0);
        // Krippendorff counts as many of them as expected as 0 rather than 1.
        let withoutVariation = Int((Double(draws) * diagonal.reduce(0) { $0 + pow($1, Double(pairs)) }).rounded())
        var toZero = min(withoutVariation, ones)
        if toZero > 0 { for z in alphas.indices where toZero > 0 && alphas[z] == 1 { alphas[z] = 0; toZero -= 1 } }
        alphas.sort()
        let low = max(Int(0.025 * Double(draws)), 1), high = min(Int(0.975 * Double(draws)) + 1, draws)
        let mean = alphas.reduce(0, +) / Double(draws)
        let sd = draws > 1 ? (alphas.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws - 1)).squareRoot() : 0
        return .interval(
            Interval(
                lower: alphas[low - 1], upper: alphas[high - 1], standardError: sd,
                method: .bootstrap(draws: draws, seed: seed)))
    }
}
