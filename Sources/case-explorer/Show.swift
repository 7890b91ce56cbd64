import ArgumentParser
import CaseCore
import ExplorerUI
import Foundation
import Presentation

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Show one county, chain, actor, informant, excerpt, code, survey table or related report with its context.",
        discussion:
            "A county is given by its number (1, 2, 3); everything else by its id (see `list`). A survey table by its "
            + "number, e.g. 4.5; Delrapport 1 by delrapport-1."
    )

    @Argument(help: "The id to show.")
    var id: String

    @OptionGroup var data: DataOptions
    @OptionGroup var index: IndexOption

    @OptionGroup var language: LanguageOption

    @Flag(help: "Print a JSON object instead of text.")
    var json = false

    func run() throws {
        let d = try index.dataset(data)
        if let n = Int(id), let county = d.county(n) { return show(county, d) }
        if let chain = d.chain(id) { return show(chain, d) }
        if let actor = d.actor(id) { return show(actor, d) }
        if let informant = d.informant(id) { return show(informant, d) }
        if let excerpt = d.excerpt(id) { return show(excerpt, d) }
        if let code = d.code(id) { return show(code, d) }
        if let table = d.surveyTables.first(where: { $0.id == id || "tabell-\($0.id)" == id.lowercased() }) {
            return show(table)
        }
        if let report = d.relatedReport(id) { return show(report, d) }
        throw CLIError(
            message:
                "nothing has the id \"\(id)\" (no county, chain, actor, informant, excerpt, code, survey table or "
                + "related report); `case-explorer list` shows the ids.",
            exitCode: CLIError.notFound)
    }

    private var lang: Language { language.language }
    private func l(_ label: Label) -> String { label.text(lang) }
    private func text(_ t: LocalizedText?) -> String? { t?.text(lang) }
    private func lines(_ r: LineRange) -> String { " (" + linesLabel(r) + ")" }

    /// "line 49" or "lines 794-795" (bokmål "linje" for both).
    private func linesLabel(_ r: LineRange) -> String {
        (r.start == r.end && lang == .en ? "line" : l(.linesWord)) + " \(r.plain)"
    }

    private func evidence(_ items: [Evidence], _ d: Dataset) {
        for e in items { Output.field(l(.evidence), "«\(e.text)»" + place(e, d)) }
    }

    /// " (lines 49)", naming the source when it is not the report: " (the publisher's page on Delrapport 1, lines 49)".
    private func place(_ e: Evidence, _ d: Dataset) -> String {
        let range = e.lines.map(linesLabel)
        guard let source = e.source, let doc = d.sourceDocument(source) else { return range.map { " (\($0))" } ?? "" }
        return " (" + ([doc.name.text(lang)] + [range].compactMap { $0 }).joined(separator: ", ") + ")"
    }

    private func show(_ r: RelatedReport, _ d: Dataset) {
        if json { return Output.json(d.json(relatedReport: r)) }
        Output.heading(r.name)
        if let doc = d.sourceDocument(r.title.source) {
            Output.field(l(.source), "\(doc.name.text(lang)) (\(doc.file))")
        }
        for (label, fact) in [
            (Label.title, r.title), (.authors, r.authors), (.year, r.year), (.isbn, r.isbn), (.publisher, r.publisher),
            (.scope, r.scope)
        ] {
            if let fact { Output.field(l(label), fact.text + place(fact, d)) }
        }
        Output.field(l(.description), text(r.description))
        for f in r.findings { Output.field(l(.finding), "«\(f.text)»" + place(f, d)) }
        for ref in r.references {
            Output.print("")
            Output.field(l(.referencedAt), ref.section + (ref.passage.lines.map(lines) ?? ""))
            Output.field(l(.text), "«\(ref.passage.text)»")
            for m in ref.matches { Output.field(l(.sameIn), "«\(m.text)»" + place(m, d)) }
            Output.field(l(.attentionPoint), ref.attentionPoint)
            Output.field(l(.note), text(ref.note))
        }
    }

    private func show(_ c: County, _ d: Dataset) {
        if json { return Output.json(d.json(county: c)) }
        Output.heading(c.name)
        Output.field(l(.organisation), text(c.organisation))
        evidence(c.evidence, d)
        for chain in d.chains(in: c.id) {
            Output.field(l(.chain), "\(chain.id): \(chain.name)")
        }
        Output.field(
            l(.excerpts),
            l(.attributedToCounty).replacingOccurrences(
                of: "%n", with: String(d.excerpts(matching: ExcerptFilter(county: c.id)).count)))
    }

    private func show(_ ch: Chain, _ d: Dataset) {
        if json { return Output.json(d.json(chain: ch)) }
        Output.heading(ch.name)
        Output.field(l(.county), d.county(ch.county)?.name)
        Output.field(l(.municipality), ch.municipality)
        Output.field(l(.funds), ch.fundingYear.map(String.init))
        Output.field(l(.measurement), ch.measurement)
        Output.field(l(.description), text(ch.description))
        evidence(ch.evidence, d)
        Output.print("")
        Output.print(l(.grantChain))
        for a in d.actors(inChain: ch.id) {
            let indent = String(repeating: "  ", count: d.path(to: a.id).count)
            let level = a.level.map { l(.level).replacingOccurrences(of: "%n", with: String($0)) } ?? l(.besideChain)
            Output.print(
                "\(indent)\(a.name) [\(a.kind.rawValue), \(level)] — \(d.informants(of: a.id).count) "
                    + "\(l(.informants)), \(d.excerpts(ofActor: a.id).count) \(l(.excerptsCount))  (\(a.id))"
            )
        }
    }

    private func show(_ a: Actor, _ d: Dataset) {
        if json { return Output.json(d.json(actor: a)) }
        Output.heading(a.name)
        Output.field(
            l(.kind),
            a.kind.rawValue
                + (a.level.map { l(.levelOfChain).replacingOccurrences(of: "%n", with: String($0)) }
                    ?? l(.besideGrantChain)))
        Output.field(l(.chainPath), d.path(to: a.id).map(\.name).joined(separator: " → "))
        Output.field(l(.county), d.county(a.county)?.name)
        Output.field(l(.chain), a.chain.map { d.chain($0)?.name ?? $0 } ?? l(.allChains))
        Output.field(l(.description), text(a.description))
        for note in a.notes { Output.field(l(.note), note.text(lang)) }
        evidence(a.evidence, d)
        for i in d.informants(of: a.id) { Output.field(l(.informant), "\(i.role) (\(i.id))") }
        for e in d.excerpts(ofActor: a.id) {
            Output.field(l(.excerpt), "\(e.id): \(DisplayWidth.truncate(e.text, to: 70, as: .printed))")
        }
    }

    private func show(_ i: Informant, _ d: Dataset) {
        if json { return Output.json(d.json(informant: i)) }
        Output.heading(i.role)
        Output.field(l(.actor), d.path(to: i.actor).map(\.name).joined(separator: " → "))
        Output.field(l(.description), text(i.description))
        evidence(i.evidence, d)
        for e in d.excerpts where e.speaker.informant == i.id {
            Output.field(l(.excerpt), "\(e.id): \(DisplayWidth.truncate(e.text, to: 70, as: .printed))")
        }
    }

    private func show(_ e: Excerpt, _ d: Dataset) {
        if json { return Output.json(d.json(excerpt: e)) }
        Output.heading(l(.excerptHeading).replacingOccurrences(of: "%id", with: e.id))
        Output.field(l(.text), "«\(e.text)»")
        Output.print("")
        Output.field(l(.leadIn), e.leadIn.map { "«\($0.text)»" + ($0.lines.map(lines) ?? "") })
        Output.field(l(.speaker), e.speaker.role + (e.speaker.kind.map { " [\($0.rawValue)]" } ?? ""))
        Output.field(l(.section), e.source.section)
        Output.field(l(.page), e.source.page.map(String.init) ?? l(.pageUnknown))
        Output.field(l(.lines), e.source.lines.plain)
        for other in e.alsoAt {
            Output.field(
                l(.alsoPrinted),
                "\(other.section)," + lines(other.lines) + (other.text.map { " (\(l(.inPart)): «\($0)»)" } ?? ""))
        }
        Output.field(l(.kind), "\(e.kind.rawValue), \(e.form.rawValue) \(l(.quote))")
        let a = e.attribution
        Output.field(l(.attribution), "\(a.confidence.word(lang)) — \(d.placement(of: e))")
        evidence(a.evidence, d)
        Output.field(l(.why), text(a.note))
        let codes = d.referenceCodes(of: e.id).map { id in d.code(id).map { "\($0.name) (\(id))" } ?? id }
        Output.field(l(.codes), codes.isEmpty ? l(.none) : codes.joined(separator: "; "))
    }

    private func show(_ c: Code, _ d: Dataset) {
        if json { return Output.json(d.json(code: c)) }
        Output.heading("\(c.name) (\(c.id))")
        Output.field(l(.description), c.description)
        Output.field(l(.colour), c.color)
        Output.field(l(.parent), c.parent.map { d.code($0)?.name ?? $0 })
        let subs = d.subcodes(of: c.id)
        if !subs.isEmpty { Output.field(l(.subcodes), subs.map(\.id).joined(separator: ", ")) }
        let questions = c.researchQuestions.map { q in
            d.researchQuestions.first { $0.id == q }.map { "\(q). \($0.text)" } ?? String(q)
        }
        if !questions.isEmpty { Output.field(l(.questions), ([l(.questionsLink)] + questions).joined(separator: "\n")) }
        for e in d.excerpts(withCode: c.id) {
            Output.field(l(.excerpt), "\(e.id): \(DisplayWidth.truncate(e.text, to: 70, as: .printed))")
        }
    }

    private func show(_ t: SurveyTable) {
        if json {
            return Output.json(t.json)
        }
        Output.heading("\(l(.table)) \(t.id) \(t.title)")
        Output.field(l(.description), text(t.unit))
        Output.table(
            [""] + t.columns,
            t.rows.map { r in
                [r.label]
                    + r.values.enumerated().map { c, v in t.printed(v, column: c) ?? v.map(SurveyFormat.number) ?? "–" }
            })
        for note in t.notes { Output.field(l(.note), note.text(lang)) }
    }
}

enum SurveyFormat {
    /// Norwegian number style, as printed in the report: decimal comma.
    static func number(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e12 { return String(Int64(v)) }
        return String(format: "%.2f", v).replacingOccurrences(of: ".", with: ",")
    }
}
