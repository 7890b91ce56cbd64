import ArgumentParser
import CaseCore
import Foundation

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one county, chain, actor, informant, excerpt, code or survey table with its context.",
        discussion: "A county is given by its number (1, 2, 3); everything else by its id (see `list`). A survey table by its number, e.g. 4.5."
    )

    @Argument(help: "The id to show.")
    var id: String

    @OptionGroup var data: DataOptions

    @Flag(help: "Print a JSON object instead of text.")
    var json = false

    func run() throws {
        let d = try data.load()
        if let n = Int(id), let county = d.county(n) { return show(county, d) }
        if let chain = d.chain(id) { return show(chain, d) }
        if let actor = d.actor(id) { return show(actor, d) }
        if let informant = d.informant(id) { return show(informant, d) }
        if let excerpt = d.excerpt(id) { return show(excerpt, d) }
        if let code = d.code(id) { return show(code, d) }
        if let table = d.surveyTables.first(where: { $0.id == id || "tabell-\($0.id)" == id.lowercased() }) { return show(table) }
        throw CLIError(message: "nothing has the id \"\(id)\" (no county, chain, actor, informant, excerpt, code or survey table); `case-explorer list` shows the ids.", exitCode: CLIError.notFound)
    }

    private func evidence(_ items: [Evidence]) {
        for e in items { Output.field("Evidence", "«\(e.text)»" + (e.lines.map { " (lines \($0.plain))" } ?? "")) }
    }

    private func show(_ c: County, _ d: Dataset) {
        if json { return Output.json(d.json(county: c)) }
        Output.heading(c.name)
        Output.field("Organisation", c.organisation)
        evidence(c.evidence)
        for chain in d.chains(in: c.id) {
            Output.field("Chain", "\(chain.id): \(chain.name)")
        }
        Output.field("Excerpts", String(d.excerpts(matching: ExcerptFilter(county: c.id)).count) + " attributed to this county")
    }

    private func show(_ ch: Chain, _ d: Dataset) {
        if json { return Output.json(d.json(chain: ch)) }
        Output.heading(ch.name)
        Output.field("County", d.county(ch.county)?.name)
        Output.field("Municipality", ch.municipality)
        Output.field("Funds", ch.fundingYear.map(String.init))
        Output.field("Measurement", ch.measurement)
        Output.field("Description", ch.description)
        evidence(ch.evidence)
        Output.print("")
        Output.print("Grant chain:")
        for a in d.actors(inChain: ch.id) {
            let indent = String(repeating: "  ", count: d.path(to: a.id).count)
            let level = a.level.map { "level \($0)" } ?? "beside the chain"
            Output.print("\(indent)\(a.name) [\(a.kind.rawValue), \(level)] — \(d.informants(of: a.id).count) informants, \(d.excerpts(ofActor: a.id).count) excerpts  (\(a.id))")
        }
    }

    private func show(_ a: Actor, _ d: Dataset) {
        if json { return Output.json(d.json(actor: a)) }
        Output.heading(a.name)
        Output.field("Kind", a.kind.rawValue + (a.level.map { ", level \($0) of the grant chain" } ?? ", beside the grant chain"))
        Output.field("Chain path", d.path(to: a.id).map(\.name).joined(separator: " → "))
        Output.field("County", d.county(a.county)?.name)
        Output.field("Chain", a.chain.map { d.chain($0)?.name ?? $0 } ?? "all chains of the county")
        Output.field("Description", a.description)
        for note in a.notes { Output.field("Note", note) }
        evidence(a.evidence)
        for i in d.informants(of: a.id) { Output.field("Informant", "\(i.role) (\(i.id))") }
        for e in d.excerpts(ofActor: a.id) { Output.field("Excerpt", "\(e.id): \(DisplayWidth.truncate(e.text, to: 70))") }
    }

    private func show(_ i: Informant, _ d: Dataset) {
        if json { return Output.json(d.json(informant: i)) }
        Output.heading(i.role)
        Output.field("Actor", d.path(to: i.actor).map(\.name).joined(separator: " → "))
        Output.field("Description", i.description)
        evidence(i.evidence)
        for e in d.excerpts where e.speaker.informant == i.id { Output.field("Excerpt", "\(e.id): \(DisplayWidth.truncate(e.text, to: 70))") }
    }

    private func show(_ e: Excerpt, _ d: Dataset) {
        if json { return Output.json(d.json(excerpt: e)) }
        Output.heading("Excerpt \(e.id)")
        Output.field("Text", "«\(e.text)»")
        Output.print("")
        Output.field("Lead-in", e.leadIn.map { "«\($0.text)»" + ($0.lines.map { " (lines \($0.plain))" } ?? "") })
        Output.field("Speaker", e.speaker.role + (e.speaker.kind.map { " [\($0.rawValue)]" } ?? ""))
        Output.field("Section", e.source.section)
        Output.field("Page", e.source.page.map(String.init) ?? "not determinable from the text")
        Output.field("Lines", e.source.lines.plain)
        for other in e.alsoAt { Output.field("Also printed", "\(other.section), lines \(other.lines.plain)" + (other.text.map { " (in part: «\($0)»)" } ?? "")) }
        Output.field("Kind", "\(e.kind.rawValue), \(e.form.rawValue) quote")
        let a = e.attribution
        Output.field("Attribution", "\(a.confidence.rawValue) — \(d.placement(of: e))")
        for ev in a.evidence { Output.field("Evidence", "«\(ev.text)»" + (ev.lines.map { " (lines \($0.plain))" } ?? "")) }
        Output.field("Why", a.note)
        let codes = d.referenceCodes(of: e.id).map { id in d.code(id).map { "\($0.name) (\(id))" } ?? id }
        Output.field("Codes", codes.isEmpty ? "none" : codes.joined(separator: "; "))
    }

    private func show(_ c: Code, _ d: Dataset) {
        if json { return Output.json(d.json(code: c)) }
        Output.heading("\(c.name) (\(c.id))")
        Output.field("Description", c.description)
        Output.field("Colour", c.color)
        Output.field("Parent", c.parent.map { d.code($0)?.name ?? $0 })
        let subs = d.subcodes(of: c.id)
        if !subs.isEmpty { Output.field("Subcodes", subs.map(\.id).joined(separator: ", ")) }
        Output.field("Questions", c.researchQuestions.map { q in
            d.researchQuestions.first { $0.id == q }.map { "\(q). \($0.text)" } ?? String(q)
        }.joined(separator: "\n"))
        for e in d.excerpts(withCode: c.id) { Output.field("Excerpt", "\(e.id): \(DisplayWidth.truncate(e.text, to: 70))") }
    }

    private func show(_ t: SurveyTable) {
        if json {
            var o = JSONObjectBuilder()
            o.set("id", t.id); o.set("title", t.title); o.set("unit", t.unit)
            o.set("columns", .array(t.columns.map(JSONValue.string)))
            o.set("rows", .array(t.rows.map { r in
                var x = JSONObjectBuilder()
                x.set("label", r.label)
                x.set("values", .array(r.values.map { $0.map(JSONValue.number) ?? .null }))
                return x.value
            }))
            o.set("notes", .array(t.notes.map(JSONValue.string)))
            return Output.json(o.value)
        }
        Output.heading("Tabell \(t.id) \(t.title)")
        Output.table([""] + t.columns, t.rows.map { r in
            [r.label] + r.values.enumerated().map { c, v in t.printed(v, column: c) ?? v.map(SurveyFormat.number) ?? "–" }
        })
        for note in t.notes { Output.field("Note", note) }
    }
}

enum SurveyFormat {
    /// Norwegian number style, as printed in the report: decimal comma.
    static func number(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e12 { return String(Int64(v)) }
        return String(format: "%.2f", v).replacingOccurrences(of: ".", with: ",")
    }
}
