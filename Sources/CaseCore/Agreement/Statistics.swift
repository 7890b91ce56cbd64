/// A statistic that may be undefined; when it is, the reason says why (never a made-up number).
public enum Statistic: Sendable, Equatable {
    case value(Double)
    case undefined(String)

    public var value: Double? { if case let .value(v) = self { return v } else { return nil } }
    public var reason: String? { if case let .undefined(r) = self { return r } else { return nil } }
}

/// Agreement statistics over nominal data with missing values. A unit is the list of each
/// rater's category (nil: not rated); units come with a weight, so that identical units — and
/// with two categories most units are identical — are counted once and multiplied.
public enum AgreementStatistics {
    public typealias Unit = (values: [Int?], weight: Int)

    static func weighted(_ units: [[Int?]]) -> [Unit] { units.map { ($0, 1) } }

    public static func percentAgreement(_ ratings: [[Int?]]) -> Statistic { percentAgreement(weighted(ratings)) }
    public static func cohenKappa(_ ratings: [[Int?]]) -> Statistic { cohenKappa(weighted(ratings)) }
    public static func krippendorffAlpha(_ ratings: [[Int?]]) -> Statistic { krippendorffAlpha(weighted(ratings)) }
    public static func fleissKappa(_ ratings: [[Int?]]) -> Statistic { fleissKappa(weighted(ratings)) }
    public static func gwetAC1(_ ratings: [[Int?]], categories: Int? = nil) -> Statistic {
        gwetAC1(weighted(ratings), categories: categories)
    }
    public static func brennanPrediger(_ ratings: [[Int?]], categories: Int? = nil) -> Statistic {
        brennanPrediger(weighted(ratings), categories: categories)
    }

    /// Share of units on which all raters agree, over units rated by every rater.
    public static func percentAgreement(_ units: [Unit]) -> Statistic {
        var total = 0, agreeing = 0
        for u in units where u.values.count >= 2 && u.values.allSatisfy({ $0 != nil }) {
            total += u.weight
            if Set(u.values.compactMap { $0 }).count == 1 { agreeing += u.weight }
        }
        guard total > 0 else { return .undefined("no unit was rated by every coder") }
        return .value(Double(agreeing) / Double(total))
    }

    /// Cohen's kappa for two raters over the units both rated: κ = (pₒ − pₑ) / (1 − pₑ), with pₑ
    /// from each rater's own marginal proportions.
    public static func cohenKappa(_ units: [Unit]) -> Statistic { ChanceCorrected.cohen.estimate(units).value }

    /// Gwet's AC1 over the units every rater rated; `categories` is how many categories exist.
    public static func gwetAC1(_ units: [Unit], categories: Int? = nil) -> Statistic {
        ChanceCorrected.gwetAC1.estimate(units, categories: categories).value
    }

    /// Brennan–Prediger's free-marginal kappa (chance agreement 1/q) over the units every rater rated.
    public static func brennanPrediger(_ units: [Unit], categories: Int? = nil) -> Statistic {
        ChanceCorrected.brennanPrediger.estimate(units, categories: categories).value
    }

    /// Krippendorff's alpha, nominal, any number of raters, missing values allowed:
    /// α = 1 − Dₒ/Dₑ from the coincidence matrix; units with fewer than two values are dropped.
    public static func krippendorffAlpha(_ units: [Unit]) -> Statistic {
        var coincidence: [Int: [Int: Double]] = [:]
        var pairable = 0
        for u in units {
            let values = u.values.compactMap { $0 }
            let m = values.count
            guard m >= 2 else { continue }
            pairable += m * u.weight
            let w = Double(u.weight) / Double(m - 1)
            for i in 0..<m {
                for j in 0..<m where i != j {
                    coincidence[values[i], default: [:]][values[j], default: 0] += w
                }
            }
        }
        guard pairable >= 2 else {
            return .undefined("fewer than two pairable values (no unit has two coders' answers)")
        }
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
        guard expected > 0 else {
            return .undefined("every value is the same category, so there is no variation to agree on")
        }
        return .value(1 - (n - 1) * observed / expected)
    }

    /// Fleiss' kappa over the units rated by every rater (it needs the same number of ratings
    /// per unit).
    public static func fleissKappa(_ units: [Unit]) -> Statistic { ChanceCorrected.fleiss.estimate(units).value }
}
