import Foundation

/// The language of a written agreement report (the CLI maps `--lang` / LANG onto it).
public enum ReportLanguage: String, Sendable { case nb, en }

extension AgreementReport {
    /// A number as a methods section writes it: three decimals, a decimal comma in bokmål, a
    /// real minus sign.
    public static func number(_ x: Double, _ lang: ReportLanguage, digits: Int = 3) -> String {
        var s = String(format: "%.\(digits)f", x)
        if s.hasPrefix("-") { s = "−" + s.dropFirst() }
        return lang == .nb ? s.replacingOccurrences(of: ".", with: ",") : s
    }

    public static func percent(_ x: Double, _ lang: ReportLanguage) -> String {
        number(100 * x, lang, digits: 1) + (lang == .nb ? " %" : " %")
    }

    /// One sentence on a diagnosis, for the table's readers.
    public func message(_ d: Diagnosis, _ lang: ReportLanguage) -> String {
        let kappaName = lang == .nb ? (coders.count == 2 ? "Cohens kappa" : "Fleiss' kappa") : kappa.name
        switch (d.kind, lang) {
        case (.tooRare, .en):
            return
                "\(d.code): applied to \(d.uses) excerpt\(d.uses == 1 ? "" : "s") (fewer than \(options.minimumUses)) "
                + "— too rare to judge: its figures rest on too few excerpts to say anything about agreement."
        case (.tooRare, .nb):
            return
                "\(d.code): brukt på \(d.uses) utdrag (færre enn \(options.minimumUses)) — for sjelden til å vurdere: "
                + "tallene bygger på for få utdrag til å si noe om samsvaret."
        case (.kappaParadox, .en):
            let ac1 =
                d.ac1.map {
                    "; AC1, whose chance term does not grow with a rare code, is \(AgreementReport.number($0, .en))"
                } ?? ""
            return
                "\(d.code): \(AgreementReport.percent(d.agreement ?? 0, .en)) agreement but \(kappaName) "
                + "\(AgreementReport.number(d.kappa ?? 0, .en)) at a prevalence of "
                + "\(AgreementReport.percent(d.prevalence ?? 0, .en)) — the kappa paradox: when a code is rare, "
                + "agreement on \"not applied\" is mostly what chance would give, so the few excerpts where the "
                + "coders differ decide kappa\(ac1)."
        case (.kappaParadox, .nb):
            let ac1 =
                d.ac1.map {
                    "; AC1, der sjanseleddet ikke vokser når koden er sjelden, er \(AgreementReport.number($0, .nb))"
                } ?? ""
            return
                "\(d.code): \(AgreementReport.percent(d.agreement ?? 0, .nb)) samsvar, men \(kappaName) "
                + "\(AgreementReport.number(d.kappa ?? 0, .nb)) ved en forekomst på "
                + "\(AgreementReport.percent(d.prevalence ?? 0, .nb)) — kappaparadokset: når en kode er sjelden, "
                + "er samsvar om «ikke brukt» stort sett det tilfeldighetene ville gitt, så de få utdragene der "
                + "koderne er uenige, avgjør kappa\(ac1)."
        }
    }
}
