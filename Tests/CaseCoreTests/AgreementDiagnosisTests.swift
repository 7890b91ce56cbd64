import Foundation
import Testing
@testable import CaseCore
import Presentation

/// The report's new figures, intervals, diagnoses and written forms on the bundled data.
@Suite struct AgreementDiagnosisTests {
    let d = Fixtures.dataset

    /// Every excerpt reviewed; `codes(i)` the codes of the i-th excerpt.
    func coding(_ codes: (Int) -> [String]) -> CodingState {
        var s = CodingState()
        for (i, e) in d.excerpts.enumerated() {
            s.apply(CodingEvent(sequence: i + 1, time: "", coder: "x", excerpt: e.id, action: .set, codes: codes(i)))
        }
        return s
    }

    /// ppt: the coders agree everywhere but each applies statped once where the other does not.
    var pair: [(name: String, coding: CodingState)] {
        let a = coding { i in (i % 2 == 0 ? ["ppt"] : []) + (i == 3 ? ["statped"] : []) }
        let b = coding { i in
            (i % 2 == 0 ? ["ppt"] : []) + (i == 7 ? ["statped"] : []) + (i % 5 == 0 ? ["uh-rolle"] : [])
        }
        return [("anna", a), ("bo", b)]
    }

    @Test func newCoefficientsAndIntervalsPerCodeEqualTheUnitLevelEstimates() throws {
        let r = AgreementReport(coders: pair, data: d, options: .init(draws: 200, seed: 5, minimumUses: 1))
        let statped = try #require(r.codes.first { $0.code == "statped" })
        #expect(statped.n == d.excerpts.count)
        #expect(statped.uses == 2)
        // Two excerpts differ, the rest are (0, 0).
        let units: [AgreementStatistics.Unit] = [([0, 0], d.excerpts.count - 2), ([1, 0], 1), ([0, 1], 1)]
        #expect(statped.figures.gwetAC1 == ChanceCorrected.gwetAC1.estimate(units, categories: 2).value)
        #expect(statped.figures.brennanPrediger == ChanceCorrected.brennanPrediger.estimate(units, categories: 2).value)
        #expect(statped.figures.intervals[.cohenKappa] == ChanceCorrected.cohen.estimate(units).interval)
        #expect(
            statped.figures.intervals[.krippendorffAlpha]?.interval?.method
                == .bootstrap(draws: 200, seed: AgreementReport.seed(5, "statped")))
        #expect(statped.figures.intervals[.fleissKappa] == nil)
        #expect(abs(statped.figures.prevalence! - 2.0 / Double(2 * d.excerpts.count)) < 1e-12)
        let ppt = try #require(r.codes.first { $0.code == "ppt" })
        #expect(ppt.figures.gwetAC1 == .value(1) && ppt.figures.brennanPrediger == .value(1))
    }

    @Test func highAgreementWithLowKappaIsTheKappaParadoxWithItsPrevalence() throws {
        let r = AgreementReport(coders: pair, data: d, options: .init(draws: 100, minimumUses: 2))
        let paradox = try #require(r.diagnoses.first { $0.code == "statped" })
        #expect(paradox.kind == .kappaParadox)
        #expect(paradox.kappa! < 0 && paradox.agreement! > 0.95 && paradox.ac1! > 0.9)
        let text = r.message(paradox, .en)
        #expect(
            text.contains("kappa paradox") && text.contains("prevalence of 1.6 %") && text.contains("96.8 % agreement"))
        #expect(r.message(paradox, .nb).contains("kappaparadokset") && r.message(paradox, .nb).contains("96,8 %"))
        #expect(!r.diagnoses.contains { $0.code == "ppt" })
    }

    @Test func aCodeUsedTooRarelyIsFlaggedInsteadOfJudged() throws {
        let r = AgreementReport(coders: pair, data: d, options: .init(draws: 100))
        let rare = try #require(r.diagnoses.first { $0.code == "statped" })
        #expect(rare.kind == .tooRare && rare.uses == 2)
        #expect(r.message(rare, .en).contains("too rare to judge") && r.message(rare, .en).contains("fewer than 5"))
        #expect(!r.diagnoses.contains { $0.code == "statped" && $0.kind == .kappaParadox })
        #expect(!r.diagnoses.contains { $0.code == "ppt" })
    }

    @Test func jsonHasTheDocumentedMembers() throws {
        let r = AgreementReport(coders: pair, data: d, options: .init(draws: 100, seed: 9))
        let o = try #require(
            try JSONSerialization.jsonObject(with: Data(JSONWriter.write(r.json).utf8)) as? [String: Any])
        #expect(o["confidenceLevel"] as? Double == 0.95)
        #expect((o["bootstrap"] as? [String: Any])?["draws"] as? Int == 100)
        #expect((o["bootstrap"] as? [String: Any])?["seed"] as? Int == 9)
        #expect(
            o["intervalMethods"] as? [String: String] == [
                "cohenKappa": "gwet-t", "gwetAC1": "gwet-t", "brennanPrediger": "gwet-t",
                "krippendorffAlpha": "krippendorff-bootstrap"
            ])
        let overall = try #require(o["overall"] as? [String: Any])
        for key in [
            "percentAgreement", "cohenKappa", "fleissKappa", "gwetAC1", "brennanPrediger", "krippendorffAlpha",
            "prevalence", "intervals"
        ] {
            #expect(overall.keys.contains(key), "\(key)")
        }
        let intervals = try #require(overall["intervals"] as? [String: Any])
        let alpha = try #require(intervals["krippendorffAlpha"] as? [String: Any])
        #expect(Set(alpha.keys) == ["lower", "upper", "standardError", "method"])
        #expect(intervals["fleissKappa"] is NSNull)
        let codes = try #require(o["codes"] as? [[String: Any]])
        #expect(codes.allSatisfy { $0["uses"] is Int && $0["intervals"] is [String: Any] })
        let diagnoses = try #require(o["diagnoses"] as? [[String: Any]])
        #expect(
            diagnoses.contains {
                $0["code"] as? String == "statped" && $0["kind"] as? String == "too-rare"
                    && ($0["message"] as? String)?.isEmpty == false
            })
    }

    @Test func markdownHasTheTableAndAMethodsParagraphInEitherLanguage() {
        var coders = pair
        coders[1].name = "rapport"
        let r = AgreementReport(coders: coders, data: d, options: .init(draws: 250, seed: 4))
        let en = r.markdown(.en)
        #expect(en.contains("| Code | N | Agreement | Cohen's κ | AC1 | Brennan–Prediger κ | Krippendorff's α |"))
        #expect(en.contains("| **all, pooled** |"))
        #expect(en.contains("## Methods"))
        #expect(
            en.contains(
                "Agreement between anna and the report's own coding (rapport) was assessed on the \(d.excerpts.count) "
                    + "excerpts"
            ))
        #expect(en.contains("Krippendorff's bootstrap (Hayes & Krippendorff 2007) with 250 draws (seed 4)"))
        #expect(en.contains("not reviewed is missing") || en.contains("had not reviewed is missing"))
        #expect(en.contains("too rare to judge"))
        let nb = r.markdown(.nb)
        #expect(nb.contains("| Kode | N | Samsvar |"))
        #expect(
            nb.contains("## Metode") && nb.contains("rapportens egen koding (rapport)")
                && nb.contains("250 trekninger (frø 4)"))
        #expect(nb.contains("regnes som manglende"))
        // Decimal commas in bokmål, points in English.
        #expect(nb.contains("1,000") && !nb.contains("1.000 ["))
    }

    @Test func withoutIntervalsTheReportHasNone() {
        let r = AgreementReport(coders: pair, data: d, options: .init(intervals: false))
        #expect(r.overall.intervals.isEmpty && r.codes.allSatisfy { $0.figures.intervals.isEmpty })
        #expect(!JSONWriter.write(r.json).contains("\"intervals\""))
    }
}
