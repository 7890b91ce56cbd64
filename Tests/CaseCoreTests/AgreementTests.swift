import Testing
@testable import CaseCore

/// Expected values computed with established implementations: scikit-learn `cohen_kappa_score`,
/// the PyPI package `krippendorff` (`alpha(..., level_of_measurement="nominal")`) and statsmodels
/// `fleiss_kappa` — kept here as numbers, not as a Python dependency.
@Suite struct AgreementStatisticsTests {
    func two(_ a: [Int], _ b: [Int]) -> [[Int?]] { zip(a, b).map { [$0, $1] } }
    func close(_ s: Statistic, _ expected: Double) -> Bool { s.value.map { abs($0 - expected) < 1e-6 } ?? false }

    let a = [1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1]
    let b = [1, 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1]

    @Test func twoCodersPercentAgreementCohensKappaAndAlpha() {
        #expect(close(AgreementStatistics.percentAgreement(two(a, b)), 0.8))
        #expect(close(AgreementStatistics.cohenKappa(two(a, b)), 0.5833333333))
        #expect(close(AgreementStatistics.krippendorffAlpha(two(a, b)), 0.59375))
        #expect(
            close(
                AgreementStatistics.cohenKappa(two([0, 1, 2, 2, 1, 0, 0, 2, 1, 1], [0, 1, 2, 1, 1, 0, 2, 2, 1, 0])),
                0.5454545455))
    }

    @Test func krippendorffsAlphaWithMissingData() {
        // Krippendorff's own example: four coders, twelve units, nominal, with missing values.
        let coders: [[Int?]] = [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
            [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil]
        ]
        let units = (0..<12).map { u in coders.map { $0[u] } }
        #expect(close(AgreementStatistics.krippendorffAlpha(units), 0.7434210526))
    }

    @Test func threeCodersFleissKappaAndAlpha() {
        let r1 = [1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1], r2 = [1, 0, 0, 1, 0, 1, 1, 1, 0, 1, 0, 1],
            r3 = [1, 1, 0, 1, 1, 1, 1, 0, 0, 1, 0, 0]
        let units: [[Int?]] = (0..<12).map { [r1[$0], r2[$0], r3[$0]] }
        #expect(close(AgreementStatistics.fleissKappa(units), 0.4285714286))
        #expect(close(AgreementStatistics.krippendorffAlpha(units), 0.4444444444))
        #expect(close(AgreementStatistics.percentAgreement(units), 0.5833333333))
        let categories: [[Int?]] = [[0, 0, 0], [0, 1, 2], [1, 1, 1], [2, 2, 1], [0, 2, 2], [1, 1, 0]]
        #expect(close(AgreementStatistics.fleissKappa(categories), 0.2429906542))
        #expect(close(AgreementStatistics.krippendorffAlpha(categories), 0.2850467290))
    }

    @Test func undefinedStatisticsSayWhyInsteadOfInventingANumber() {
        let constant = two([0, 0, 0, 0], [0, 0, 0, 0])
        #expect(AgreementStatistics.cohenKappa(constant).reason?.contains("same single answer") == true)
        #expect(AgreementStatistics.krippendorffAlpha(constant).reason?.contains("no variation") == true)
        #expect(close(AgreementStatistics.percentAgreement(constant), 1))
        #expect(AgreementStatistics.cohenKappa([[1, nil], [nil, 0]]).reason?.contains("both coders") == true)
        #expect(AgreementStatistics.krippendorffAlpha([[1, nil], [nil, 0]]).reason != nil)
        #expect(AgreementStatistics.fleissKappa([[1, 1, 1], [0, 0, 0]].map { $0.map { Optional($0) } }).value != nil)
        #expect(AgreementStatistics.fleissKappa([[1, 1, nil]]).reason != nil)
        #expect(AgreementStatistics.fleissKappa([[1, 1, 1], [1, 1, 1]]).reason?.contains("same single answer") == true)
    }
}

@Suite struct AgreementReportTests {
    let d = Fixtures.dataset
    func close(_ s: Statistic, _ expected: Double) -> Bool { s.value.map { abs($0 - expected) < 1e-6 } ?? false }

    /// Two coders over the first six excerpts with three codes; coder A has not reviewed e6.
    func coding(_ decisions: [(Int, [String])?]) -> CodingState {
        var s = CodingState()
        for (i, decision) in decisions.enumerated() {
            guard let (_, codes) = decision else { continue }
            s.apply(
                CodingEvent(
                    sequence: i + 1, time: "", coder: "x", excerpt: d.excerpts[i].id, action: .set, codes: codes))
        }
        return s
    }

    @Test func perCodeAndPooledFiguresMatchTheReference() {
        let a = coding([
            (1, ["ppt", "statped"]), (2, ["ppt"]), (3, []), (4, ["statped", "uh-rolle"]), (5, ["ppt", "uh-rolle"]), nil
        ])
        let b = coding([
            (1, ["ppt"]), (2, ["ppt", "statped"]), (3, []), (4, ["statped"]), (5, ["ppt", "uh-rolle"]), (6, ["ppt"])
        ])
        let r = AgreementReport(coders: [("a", a), ("b", b)], data: d)
        #expect(r.excerpts == 5)
        #expect(Set(r.codes.map(\.code)) == ["ppt", "statped", "uh-rolle"])
        let ppt = r.codes.first { $0.code == "ppt" }!, statped = r.codes.first { $0.code == "statped" }!,
            uh = r.codes.first { $0.code == "uh-rolle" }!
        #expect(ppt.n == 5)
        #expect(
            close(ppt.figures.percentAgreement, 1) && close(ppt.figures.cohenKappa, 1)
                && close(ppt.figures.krippendorffAlpha, 1))
        #expect(
            close(statped.figures.percentAgreement, 0.6) && close(statped.figures.cohenKappa, 0.1666666667)
                && close(statped.figures.krippendorffAlpha, 0.25))
        #expect(
            close(uh.figures.percentAgreement, 0.8) && close(uh.figures.cohenKappa, 0.5454545455)
                && close(uh.figures.krippendorffAlpha, 0.5714285714))
        #expect(close(r.overall.percentAgreement, 0.8))
        #expect(close(r.overall.cohenKappa, 0.5945945946))
        #expect(close(r.overall.krippendorffAlpha, 0.6063348416))
        #expect(r.overall.fleissKappa.value == nil)
        #expect(r.notes.contains { $0.hasPrefix("Unit of analysis: one excerpt") })
    }

    @Test func aCodeNobodyAppliedIsUndefinedWithAReason() {
        let a = coding([(1, ["ppt"]), (2, [])]), b = coding([(1, ["ppt"]), (2, [])])
        let r = AgreementReport(coders: [("a", a), ("b", b)], data: d, only: "statped")
        #expect(r.codes[0].figures.cohenKappa.reason != nil)
        #expect(r.notes.contains { $0.hasPrefix("statped: Cohen's kappa is undefined") })
        let json = JSONWriter.write(r.json)
        #expect(json.contains("\"cohenKappa\": null"))
        #expect(json.contains("\"unit\": \"excerpt\""))
    }
}
