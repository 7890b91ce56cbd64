/// A statistic that may be undefined; when it is, the reason says why (never a made-up number).
public enum Statistic: Sendable, Equatable {
    case value(Double)
    case undefined(String)

    public var value: Double? { if case let .value(v) = self { return v } else { return nil } }
    public var reason: String? { if case let .undefined(r) = self { return r } else { return nil } }
}

/// Agreement statistics over nominal data with missing values. `ratings[u][r]` is rater r's
/// category for unit u, or nil when r did not rate u. Categories are small integers.
public enum AgreementStatistics {
    /// Share of units on which all raters who rated it agree, over units rated by every rater.
    public static func percentAgreement(_ ratings: [[Int?]]) -> Statistic {
        let complete = ratings.filter { $0.allSatisfy { $0 != nil } && $0.count >= 2 }
        guard !complete.isEmpty else { return .undefined("no unit was rated by every coder") }
        let agreeing = complete.filter { Set($0.compactMap { $0 }).count == 1 }.count
        return .value(Double(agreeing) / Double(complete.count))
    }

    /// Cohen's kappa for two raters over the units both rated: κ = (pₒ − pₑ) / (1 − pₑ), with pₑ
    /// from each rater's own marginal proportions.
    public static func cohenKappa(_ ratings: [[Int?]]) -> Statistic {
        let pairs = ratings.compactMap { r -> (Int, Int)? in
            guard r.count == 2, let a = r[0], let b = r[1] else { return nil }
            return (a, b)
        }
        guard !pairs.isEmpty else { return .undefined("no unit was rated by both coders") }
        let n = Double(pairs.count)
        let categories = Set(pairs.flatMap { [$0.0, $0.1] })
        let po = Double(pairs.filter { $0.0 == $0.1 }.count) / n
        var pe = 0.0
        for c in categories {
            let pa = Double(pairs.filter { $0.0 == c }.count) / n
            let pb = Double(pairs.filter { $0.1 == c }.count) / n
            pe += pa * pb
        }
        if pe >= 1 - 1e-12 {
            return .undefined("both coders gave the same single answer on every unit (chance agreement is 1)")
        }
        return .value((po - pe) / (1 - pe))
    }

    /// Krippendorff's alpha, nominal, any number of raters, missing values allowed:
    /// α = 1 − Dₒ/Dₑ from the coincidence matrix; units with fewer than two values are dropped.
    public static func krippendorffAlpha(_ ratings: [[Int?]]) -> Statistic {
        var coincidence: [Int: [Int: Double]] = [:]
        var pairable = 0
        for unit in ratings {
            let values = unit.compactMap { $0 }
            let m = values.count
            guard m >= 2 else { continue }
            pairable += m
            for i in 0..<m {
                for j in 0..<m where i != j {
                    coincidence[values[i], default: [:]][values[j], default: 0] += 1.0 / Double(m - 1)
                }
            }
        }
        guard pairable >= 2 else { return .undefined("fewer than two pairable values (no unit has two coders' answers)") }
        let categories = Array(coincidence.keys)
        let nc = Dictionary(uniqueKeysWithValues: categories.map { c in (c, coincidence[c]!.values.reduce(0, +)) })
        let n = nc.values.reduce(0, +)
        var observed = 0.0, expected = 0.0
        for c in categories {
            for k in categories where c != k {
                observed += coincidence[c]?[k] ?? 0
                expected += nc[c]! * nc[k]!
            }
        }
        guard expected > 0 else { return .undefined("every value is the same category, so there is no variation to agree on") }
        return .value(1 - (n - 1) * observed / expected)
    }

    /// Fleiss' kappa over the units rated by every rater (it needs the same number of ratings
    /// per unit).
    public static func fleissKappa(_ ratings: [[Int?]]) -> Statistic {
        let complete = ratings.filter { $0.allSatisfy { $0 != nil } }.map { $0.map { $0! } }
        guard let raters = complete.first?.count, raters >= 2 else { return .undefined("no unit was rated by every coder") }
        let categories = Array(Set(complete.flatMap { $0 }))
        let N = Double(complete.count), n = Double(raters)
        var pj: [Int: Double] = [:]
        var pBar = 0.0
        for unit in complete {
            var counts: [Int: Double] = [:]
            for v in unit { counts[v, default: 0] += 1 }
            for (c, k) in counts { pj[c, default: 0] += k }
            pBar += (counts.values.reduce(0) { $0 + $1 * $1 } - n) / (n * (n - 1))
        }
        pBar /= N
        let peBar = categories.reduce(0.0) { $0 + pow2((pj[$1] ?? 0) / (N * n)) }
        if peBar >= 1 - 1e-12 { return .undefined("every coder gave the same single answer on every unit (chance agreement is 1)") }
        return .value((pBar - peBar) / (1 - peBar))
    }

    private static func pow2(_ x: Double) -> Double { x * x }
}
