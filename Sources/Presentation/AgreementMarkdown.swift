import CaseCore
import Foundation

/// The agreement report written for people: figures with their intervals, the table, the
/// diagnoses and a methods paragraph in Markdown.
extension AgreementReport {
    /// A figure with its interval: "0.712 [0.601, 0.823]", "undefined" when it cannot be computed.
    public func cell(_ f: Figures, _ c: Coefficient, _ lang: ReportLanguage) -> String {
        guard let v = f[c].value else { return lang == .nb ? "udefinert" : "undefined" }
        var s = AgreementReport.number(v, lang)
        if let i = f.intervals[c]?.interval {
            s +=
                lang == .nb
                ? " [\(AgreementReport.number(i.lower, lang)); \(AgreementReport.number(i.upper, lang))]"
                : " [\(AgreementReport.number(i.lower, lang)), \(AgreementReport.number(i.upper, lang))]"
        }
        return s
    }

    func coderList(_ lang: ReportLanguage) -> String {
        let names = coders.map { name -> String in
            name == "rapport"
                ? (lang == .nb ? "rapportens egen koding (rapport)" : "the report's own coding (rapport)") : name
        }
        guard names.count > 1 else { return names.joined() }
        return names.dropLast().joined(separator: ", ") + (lang == .nb ? " og " : " and ") + names.last!
    }

    /// The table, the diagnoses and a methods paragraph, as Markdown a researcher can adapt.
    public func markdown(_ lang: ReportLanguage) -> String {
        let nb = lang == .nb
        let shown = coefficients
        func title(_ c: Coefficient) -> String {
            switch c {
            case .percentAgreement: return nb ? "Samsvar" : "Agreement"
            case .cohenKappa: return nb ? "Cohens κ" : "Cohen's κ"
            case .fleissKappa: return nb ? "Fleiss' κ" : "Fleiss' κ"
            case .gwetAC1: return "AC1"
            case .brennanPrediger: return "Brennan–Prediger κ"
            case .krippendorffAlpha: return nb ? "Krippendorffs α" : "Krippendorff's α"
            }
        }
        var out = nb ? "# Samsvar mellom kodere\n\n" : "# Agreement between coders\n\n"
        out += "| " + ([nb ? "Kode" : "Code", "N"] + shown.map(title)).joined(separator: " | ") + " |\n"
        out += "|" + ([":---", "---:"] + shown.map { _ in "---:" }).joined(separator: "|") + "|\n"
        func row(_ label: String, _ n: String, _ f: Figures) -> String {
            "| "
                + ([label, n]
                + shown.map { c in
                    c == .percentAgreement
                        ? (f[c].value.map { AgreementReport.percent($0, lang) } ?? (nb ? "udefinert" : "undefined"))
                        : cell(f, c, lang)
                }).joined(separator: " | ") + " |\n"
        }
        for r in codes { out += row(r.code, String(r.n), r.figures) }
        out += row(nb ? "**alle, samlet**" : "**all, pooled**", "", overall)
        out += "\n"
        out +=
            nb
            ? "N: utdrag alle koderne har gjennomgått. I hakeparentes: 95 %-konfidensintervall.\n\n"
            : "N: excerpts every coder reviewed. In brackets: the 95 % confidence interval.\n\n"
        if !diagnoses.isEmpty {
            out += nb ? "## Merknader\n\n" : "## Diagnoses\n\n"
            for d in diagnoses { out += "- " + message(d, lang) + "\n" }
            out += "\n"
        }
        out += nb ? "## Metode\n\n" : "## Methods\n\n"
        out += methods(lang) + "\n"
        return out
    }

    /// The methods paragraph: coders, unit, N, coefficients, missing decisions, intervals.
    public func methods(_ lang: ReportLanguage) -> String {
        let two = coders.count == 2
        let codeCount = codes.count
        if lang == .nb {
            var s =
                "Samsvaret mellom \(coderList(.nb)) ble vurdert på \(excerpts) utdrag som alle koderne hadde "
                + "gjennomgått, for \(codeCount) \(codeCount == 1 ? "kode" : "koder"). "
            s +=
                "Analyseenheten er ett utdrag, og for hver kode er verdien brukt eller ikke brukt; samlede tall "
                + "behandler hvert par (utdrag, kode) som en enhet. "
            s +=
                "Vi rapporterer prosentvis samsvar, \(two ? "Cohens kappa" : "Fleiss' kappa"), Gwets AC1, Brennan og "
                + "Predigers kappa (fri marginal, sjansesamsvar 1/2) og Krippendorffs alfa (nominal). "
            s +=
                "Et utdrag en koder ikke hadde gjennomgått, regnes som manglende (gjennomgått uten koder er et svar): "
                + "prosentvis samsvar, kappa, AC1 og Brennan–Prediger bygger på utdragene alle koderne hadde "
                + "gjennomgått, Krippendorffs alfa på de \(pairableExcerpts) utdragene minst to kodere hadde "
                + "gjennomgått. "
            s += "Koder som ingen hadde brukt, er utelatt fordi de bare ville blåse opp samsvaret. "
            if options.intervals {
                s +=
                    "95 %-konfidensintervallene for kappa, AC1 og Brennan–Prediger bygger på Gwets (2014) varians med "
                    + "hensyn til utvalget av utdrag, med Students t med n − 1 frihetsgrader og øvre grense høyst "
                    + "1; intervallet for alfa er Krippendorffs bootstrap (Hayes og Krippendorff 2007) med "
                    + "\(options.draws) trekninger (frø \(options.seed)). "
            }
            let rare = diagnoses.filter { $0.kind == .tooRare }.map(\.code),
                paradox = diagnoses.filter { $0.kind == .kappaParadox }.map(\.code)
            if !rare.isEmpty {
                s +=
                    "Koder brukt på færre enn \(options.minimumUses) utdrag (\(rare.joined(separator: ", "))) er for "
                    + "sjeldne til å vurdere. "
            }
            if !paradox.isEmpty {
                s +=
                    "For \(paradox.joined(separator: ", ")) er samsvaret høyt, men kappa lav fordi koden er sjelden "
                    + "(kappaparadokset); der er AC1 og Brennan–Prediger mer talende. "
            }
            s += "Tallene er beregnet med case-explorer."
            return s
        }
        var s =
            "Agreement between \(coderList(.en)) was assessed on the \(excerpts) excerpts every coder had reviewed, "
            + "for \(codeCount) code\(codeCount == 1 ? "" : "s"). "
        s +=
            "The unit of analysis is one excerpt, and for each code the value is applied or not applied; pooled "
            + "figures treat every (excerpt, code) pair as a unit. "
        s +=
            "We report percent agreement, \(two ? "Cohen's kappa" : "Fleiss' kappa"), Gwet's AC1, Brennan and "
            + "Prediger's free-marginal kappa (chance agreement 1/2) and Krippendorff's alpha (nominal). "
        s +=
            "An excerpt a coder had not reviewed is missing (reviewed with no codes is an answer): percent agreement, "
            + "kappa, AC1 and Brennan–Prediger use the excerpts every coder reviewed, Krippendorff's alpha the "
            + "\(pairableExcerpts) excerpts at least two coders reviewed. "
        s += "Codes no coder applied are left out, since they would only inflate agreement. "
        if options.intervals {
            s +=
                "The 95 % confidence intervals for kappa, AC1 and Brennan–Prediger use Gwet's (2014) variance with "
                + "respect to the sample of excerpts, with Student's t on n − 1 degrees of freedom and the upper "
                + "bound capped at 1; the interval for alpha is Krippendorff's bootstrap (Hayes & Krippendorff "
                + "2007) with \(options.draws) draws (seed \(options.seed)). "
        }
        let rare = diagnoses.filter { $0.kind == .tooRare }.map(\.code),
            paradox = diagnoses.filter { $0.kind == .kappaParadox }.map(\.code)
        if !rare.isEmpty {
            s +=
                "Codes applied to fewer than \(options.minimumUses) excerpts (\(rare.joined(separator: ", "))) are too "
                + "rare to judge. "
        }
        if !paradox.isEmpty {
            s +=
                "For \(paradox.joined(separator: ", ")) agreement is high but kappa low because the code is rare (the "
                + "kappa paradox); there AC1 and Brennan–Prediger say more. "
        }
        s += "Figures were computed with case-explorer."
        return s
    }
}
