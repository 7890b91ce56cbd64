/// Agreement between coders, with the unit of analysis stated: the unit is one excerpt, and for
/// each code the value is "applied" or "not applied". Only excerpts a coder has reviewed count
/// for that coder; not reviewed is missing data.
public struct AgreementReport: Sendable {
    public struct Figures: Sendable, Equatable {
        public var percentAgreement: Statistic
        public var cohenKappa: Statistic
        public var krippendorffAlpha: Statistic
        public var fleissKappa: Statistic
    }

    public struct CodeRow: Sendable, Equatable {
        public var code: String
        /// Excerpts every coder reviewed.
        public var n: Int
        public var figures: Figures
    }

    public let coders: [String]
    /// Excerpts every coder reviewed.
    public let excerpts: Int
    public let overall: Figures
    public let codes: [CodeRow]
    public let notes: [String]

    public static let unit = "excerpt"

    /// - Parameter only: restrict to one code; by default every code that some coder applied to
    ///   an excerpt at least two coders reviewed (codes nobody used would only inflate agreement).
    public init(coders: [(name: String, coding: CodingState)], data: Dataset, only code: String? = nil) {
        self.coders = coders.map(\.name)
        let ids = data.excerpts.map(\.id)
        func reviewed(_ k: Int, _ e: String) -> Bool { coders[k].coding[e].status != .unreviewed }
        let shared = ids.filter { e in (0..<coders.count).filter { reviewed($0, e) }.count >= 2 }
        excerpts = ids.filter { e in (0..<coders.count).allSatisfy { reviewed($0, e) } }.count
        let codeIds: [String]
        if let code {
            codeIds = [code]
        } else {
            let used = Set(shared.flatMap { e in (0..<coders.count).flatMap { reviewed($0, e) ? Array(coders[$0].coding[e].codes) : [] } })
            codeIds = data.codes.map(\.id).filter { used.contains($0) }
        }
        func ratings(_ c: String) -> [[Int?]] {
            ids.map { e in (0..<coders.count).map { k in reviewed(k, e) ? (coders[k].coding[e].codes.contains(c) ? 1 : 0) : nil } }
                .filter { $0.contains { $0 != nil } }
        }
        let two = coders.count == 2
        func figures(_ r: [[Int?]]) -> Figures {
            Figures(percentAgreement: AgreementStatistics.percentAgreement(r),
                    cohenKappa: two ? AgreementStatistics.cohenKappa(r) : .undefined("Cohen's kappa is for two coders; see Fleiss' kappa"),
                    krippendorffAlpha: AgreementStatistics.krippendorffAlpha(r),
                    fleissKappa: two ? .undefined("Fleiss' kappa is reported for three or more coders; see Cohen's kappa") : AgreementStatistics.fleissKappa(r))
        }
        var pooled: [[Int?]] = []
        var rows: [CodeRow] = []
        for c in codeIds {
            let r = ratings(c)
            pooled += r
            rows.append(CodeRow(code: c, n: r.filter { $0.allSatisfy { $0 != nil } }.count, figures: figures(r)))
        }
        codes = rows
        overall = figures(pooled)
        var notes = [
            "Unit of analysis: one excerpt; for each code the value is applied or not applied. Overall figures pool every (excerpt, code) pair of the codes listed.",
            "An excerpt counts for a coder only once reviewed (reviewed with no codes is an answer); an unreviewed excerpt is missing data. Percent agreement and kappa use the excerpts every coder reviewed; Krippendorff's alpha uses every excerpt at least two coders reviewed.",
        ]
        if code == nil { notes.append("Codes listed: those some coder applied to an excerpt at least two coders reviewed; codes nobody used are left out because they would only inflate agreement.") }
        if two { notes.append("Fleiss' kappa is null: it is reported for three or more coders.") } else { notes.append("Cohen's kappa is null: it is for two coders. Fleiss' kappa uses the excerpts every coder reviewed.") }
        if excerpts == 0 { notes.append("No excerpt was reviewed by every coder.") }
        for row in rows {
            for (name, s) in [("Cohen's kappa", row.figures.cohenKappa), ("Krippendorff's alpha", row.figures.krippendorffAlpha)] {
                if let reason = s.reason, !reason.contains("for two coders"), !reason.contains("three or more") {
                    notes.append("\(row.code): \(name) is undefined: \(reason).")
                }
            }
        }
        self.notes = notes
    }

    public var json: JSONValue {
        func stat(_ s: Statistic) -> JSONValue { s.value.map(JSONValue.number) ?? .null }
        var o = JSONObjectBuilder()
        o.set("unit", AgreementReport.unit)
        o.set("coders", .array(coders.map(JSONValue.string)))
        o.set("excerpts", excerpts)
        var overall = JSONObjectBuilder()
        overall.set("percentAgreement", stat(self.overall.percentAgreement))
        overall.set("cohenKappa", stat(self.overall.cohenKappa))
        overall.set("krippendorffAlpha", stat(self.overall.krippendorffAlpha))
        overall.set("fleissKappa", stat(self.overall.fleissKappa))
        o.set("overall", overall.value)
        o.set("codes", .array(codes.map { row in
            var r = JSONObjectBuilder()
            r.set("code", row.code)
            r.set("n", row.n)
            r.set("percentAgreement", stat(row.figures.percentAgreement))
            r.set("cohenKappa", stat(row.figures.cohenKappa))
            r.set("krippendorffAlpha", stat(row.figures.krippendorffAlpha))
            if coders.count > 2 { r.set("fleissKappa", stat(row.figures.fleissKappa)) }
            return r.value
        }))
        o.set("notes", .array(notes.map(JSONValue.string)))
        return o.value
    }
}

/// Where two coders differ: the excerpts both reviewed whose code sets are not the same.
public enum Disagreements {
    public static func queue(_ a: CodingState, _ b: CodingState, data: Dataset) -> [String] {
        data.excerpts.map(\.id).filter { e in
            a[e].status != .unreviewed && b[e].status != .unreviewed && a[e].codes != b[e].codes
        }
    }
}
