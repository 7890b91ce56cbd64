import Foundation
import Testing
@testable import CaseCore

/// Every point estimate, standard error and analytic interval against the values frozen from
/// irrCAC, `krippendorff` and scikit-learn by Reference/make_reference.py (run by hand; the
/// tests read its JSON and need no Python).
@Suite struct AgreementReferenceTests {
    struct Dataset: Sendable {
        let name: String
        let units: [[Int?]]
        /// Coefficients with their members (value, standardError, lower, upper, pa, pe).
        let coefficients: [String: [String: Double]]
        /// Single numbers (scikit-learn's kappa, alpha, percent agreement).
        let numbers: [String: Double]
    }

    static let datasets: [Dataset] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Reference/agreement-reference.json")
        let root = try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        return (root["datasets"] as! [[String: Any]]).map { d in
            let units = (d["units"] as! [[Any]]).map { $0.map { $0 is NSNull ? nil : ($0 as! NSNumber).intValue } }
            return Dataset(
                name: d["name"] as! String, units: units,
                coefficients: d.compactMapValues { $0 as? [String: Double] },
                numbers: d.compactMapValues { ($0 as? NSNumber).map(\.doubleValue) })
        }
    }()

    func close(_ a: Double?, _ b: Double, _ what: String) {
        #expect(a.map { abs($0 - b) < 1e-6 } == true, "\(what): \(a.map(String.init(describing:)) ?? "nil") ≠ \(b)")
    }

    @Test func theReferenceHoldsTheDatasetsTheIssueAsksFor() {
        let names = Self.datasets.map(\.name)
        #expect(names.contains("prevalence-paradox"))
        #expect(Self.datasets.contains { d in d.units.first?.count == 3 && d.units.contains { $0.contains(nil) } })
        #expect(Self.datasets.count >= 5)
    }

    @Test(arguments: [ChanceCorrected.cohen, .fleiss, .gwetAC1, .brennanPrediger])
    func kappaFamilyEqualsIrrCAC(_ coefficient: ChanceCorrected) throws {
        let key: String
        switch coefficient {
        case .cohen: key = "cohenKappa"
        case .fleiss: key = "fleissKappa"
        case .gwetAC1: key = "gwetAC1"
        case .brennanPrediger: key = "brennanPrediger"
        }
        var compared = 0
        for d in Self.datasets {
            guard let ref = d.coefficients[key] else { continue }
            let r = coefficient.estimate(d.units.map { ($0, 1) })
            let what = "\(d.name) \(key)"
            close(r.value.value, ref["value"]!, what)
            close(r.observed, ref["pa"]!, what + " pa")
            close(r.chance, ref["pe"]!, what + " pe")
            let i = try #require(r.interval.interval, "\(what): \(r.interval.reason ?? "")")
            close(i.standardError, ref["standardError"]!, what + " se")
            close(i.lower, ref["lower"]!, what + " lower")
            close(i.upper, ref["upper"]!, what + " upper")
            #expect(i.method == .gwet)
            compared += 1
        }
        #expect(compared >= (coefficient == .cohen ? 3 : 6))
    }

    @Test func weightedUnitsGiveTheSameAsUnitsOneByOne() {
        let paradox = Self.datasets.first { $0.name == "prevalence-paradox" }!
        var histogram: [[Int?]: Int] = [:]
        for u in paradox.units { histogram[u, default: 0] += 1 }
        let weighted = histogram.map { ($0.key, $0.value) }
        for c in ChanceCorrected.allCases {
            let one = c.estimate(paradox.units.map { ($0, 1) }), many = c.estimate(weighted)
            close(many.value.value, one.value.value!, "\(c) value")
            close(many.interval.interval?.standardError, one.interval.interval!.standardError, "\(c) se")
        }
    }

    @Test func cohenEqualsScikitLearnAndAlphaBothPackagesAndPercentAgreement() {
        for d in Self.datasets {
            if let sk = d.numbers["cohenKappaScikitLearn"] {
                close(AgreementStatistics.cohenKappa(d.units).value, sk, d.name + " sklearn")
            }
            close(
                AgreementStatistics.krippendorffAlpha(d.units).value, d.numbers["krippendorffAlpha"]!, d.name + " alpha"
            )
            let irr = d.coefficients["krippendorffAlphaIrrCAC"]!
            close(AgreementStatistics.krippendorffAlpha(d.units).value, irr["value"]!, d.name + " alpha irrCAC")
            close(
                AgreementStatistics.percentAgreement(d.units).value, d.numbers["percentAgreement"]!,
                d.name + " agreement")
            close(
                AgreementStatistics.fleissKappa(d.units).value, d.coefficients["fleissKappa"]!["value"]!,
                d.name + " fleiss")
            close(AgreementStatistics.gwetAC1(d.units).value, d.coefficients["gwetAC1"]!["value"]!, d.name + " ac1")
        }
    }

    @Test func theParadoxDatasetShowsTheParadox() {
        let d = Self.datasets.first { $0.name == "prevalence-paradox" }!
        #expect(AgreementStatistics.percentAgreement(d.units).value == 0.94)
        #expect(AgreementStatistics.cohenKappa(d.units).value! < 0)
        #expect(AgreementStatistics.gwetAC1(d.units).value! > 0.9)
    }
}
