import Foundation
import Testing
@testable import CaseCore

/// The bootstrap's parts against what they must give: the binomial sampler's moments, the
/// t quantile against tabled values, and the bootstrap distribution of nominal alpha against
/// its known mean and spread (α* = 1 − B/(M·Dₑ) with B binomial).
@Suite struct AgreementIntervalTests {
    @Test func binomialVariatesHaveTheBinomialMeanAndVariance() {
        var v = Variates(seed: 7)
        for (n, p) in [(10, 0.3), (1000, 0.02), (1_000_000, 0.3), (30_000_000, 0.001)] {
            let draws = 4000
            let xs = (0..<draws).map { _ in Double(v.binomial(n, p)) }
            let mean = xs.reduce(0, +) / Double(draws)
            let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws - 1)
            let expectedMean = Double(n) * p, expectedVariance = Double(n) * p * (1 - p)
            // Five standard errors of the mean; the variance within 10 % (4000 draws).
            #expect(
                abs(mean - expectedMean) < 5 * (expectedVariance / Double(draws)).squareRoot(),
                "n \(n) p \(p): mean \(mean)")
            #expect(
                abs(variance / expectedVariance - 1) < 0.1, "n \(n) p \(p): variance \(variance) vs \(expectedVariance)"
            )
            #expect(xs.allSatisfy { $0 >= 0 && $0 <= Double(n) })
        }
        #expect(v.binomial(50, 0) == 0 && v.binomial(50, 1) == 50 && v.binomial(0, 0.5) == 0)
    }

    @Test func tQuantilesMatchTheTables() {
        // scipy.stats.t.ppf(0.975, df), scipy 1.12: both sides of the switch to the expansion at 1000.
        for (df, t) in [
            (1.0, 12.706204736432095), (2, 4.302652729911275), (9, 2.2621571627409915), (19, 2.093024054408263),
            (99, 1.9842169515086827), (999, 1.9623414611334487), (1000, 1.9623390808264074), (1001, 1.9623367052808787),
            (5000, 1.9604385517065075), (100_000, 1.9599877075346093)
        ] {
            #expect(
                abs(StudentT.quantile975(degreesOfFreedom: df) - t) < 1e-9,
                "df \(df): \(StudentT.quantile975(degreesOfFreedom: df))")
        }
    }

    func units(_ agree0: Int, _ agree1: Int, _ differ: Int) -> [AgreementStatistics.Unit] {
        [([0, 0], agree0), ([1, 1], agree1), ([1, 0], differ)]
    }

    @Test func bootstrapOfAlphaIsCentredOnAlphaWithTheBinomialSpread() throws {
        let u = units(600, 300, 100)
        let alpha = try #require(AgreementStatistics.krippendorffAlpha(u).value)
        let i = try #require(AgreementStatistics.krippendorffBootstrap(u, draws: 20_000, seed: 3).interval)
        // M = 1000 pairs; coincidences: n.. = 2000, differing pairs share p = 0.1; Dₑ from the margins.
        let n0 = 2.0 * 600 + 100, n1 = 2.0 * 300 + 100, n = n0 + n1
        let de = 2 * n0 * n1 / (n * (n - 1)), p = 0.1
        let sd = (p * (1 - p) / 1000).squareRoot() / de
        #expect(abs(i.standardError / sd - 1) < 0.03, "bootstrap sd \(i.standardError) vs \(sd)")
        #expect(abs((i.lower + i.upper) / 2 - alpha) < 0.01)
        #expect(abs(i.upper - i.lower - 2 * 1.96 * sd) < 0.1 * sd * 4)
        #expect(i.method == .bootstrap(draws: 20_000, seed: 3))
    }

    @Test func theSameSeedGivesTheSameIntervalAndAnotherSeedAnother() {
        let u = units(60, 25, 15)
        let a = AgreementStatistics.krippendorffBootstrap(u, draws: 1000, seed: 42)
        #expect(a == AgreementStatistics.krippendorffBootstrap(u, draws: 1000, seed: 42))
        #expect(a != AgreementStatistics.krippendorffBootstrap(u, draws: 1000, seed: 43))
    }

    @Test func bootstrapLimitsAreDrawsAndAlphaNeverBelowMinusOne() throws {
        // Total disagreement: alpha near −1, draws capped at −1.
        let i = try #require(
            AgreementStatistics.krippendorffBootstrap([([0, 1], 3), ([1, 0], 3)], draws: 500, seed: 1).interval)
        #expect(i.lower >= -1 && i.upper >= i.lower)
        #expect(
            AgreementStatistics.krippendorffBootstrap([([0, 0], 5)], draws: 100, seed: 1).reason?.contains(
                "no variation") == true)
        #expect(AgreementStatistics.krippendorffBootstrap([([0, nil], 5)], draws: 100, seed: 1).reason != nil)
        #expect(AgreementStatistics.krippendorffBootstrap(units(5, 5, 1), draws: 0, seed: 1).reason != nil)
    }

    @Test func perfectAgreementHasAZeroWidthIntervalAndOneUnitNone() {
        let perfect = ChanceCorrected.cohen.estimate(units(10, 10, 0))
        #expect(perfect.value == .value(1))
        #expect(perfect.interval.interval.map { $0.lower == 1 && $0.upper == 1 && $0.standardError == 0 } == true)
        let one = ChanceCorrected.brennanPrediger.estimate([([1, 1], 1)], categories: 2)
        #expect(one.value == .value(1))
        #expect(one.interval.reason?.contains("one unit") == true)
        #expect(ChanceCorrected.cohen.estimate([([1, 1, 1], 4)]).value.reason?.contains("two coders") == true)
    }
}
