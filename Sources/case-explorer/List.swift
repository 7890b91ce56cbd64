import ArgumentParser
import CaseCore
import ExplorerUI

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "List counties, chains, actors, informants, excerpts, codes, research questions, attention points, survey "
            + "tables or related reports.",
        discussion: "A readable table by default; with --json a JSON array (Docs/CLI.md lists the members)."
    )

    enum What: String, ExpressibleByArgument, CaseIterable {
        case counties, chains, actors, informants, excerpts, codes, questions, attention, tables, reports
    }

    @Argument(
        help: ArgumentHelp("What to list.", valueName: "WHAT")
    )
    var what: What

    @OptionGroup var data: DataOptions
    @OptionGroup var index: IndexOption
    @OptionGroup(title: "Filters") var filters: FilterOptions

    @OptionGroup var language: LanguageOption

    @Flag(help: "Print a JSON array instead of a table.")
    var json = false

    func run() throws {
        // The table of excerpts reads the index's texts and facets; the rest its whole dataset.
        if what == .excerpts && !json {
            switch try index.catalog(data) {
            case let .index(i): return try listExcerpts(i)
            case let .data(d): return try listExcerpts(d)
            }
        }
        let d = try index.dataset(data)
        try filters.check(against: d)
        let f = filters.filter
        switch what {
        case .counties:
            let items = d.counties.filter { f.county == nil || $0.id == f.county }
            if json { return Output.json(.array(items.map(d.json(county:)))) }
            Output.table(
                ["ID", "NAME", "CHAINS", "EXCERPTS", "ORGANISATION"],
                items.map { c in
                    [
                        String(c.id), c.name, String(d.chains(in: c.id).count),
                        String(d.excerpts(matching: ExcerptFilter(county: c.id)).count),
                        c.organisation.text(language.language)
                    ]
                })
        case .chains:
            let items = d.chains.filter {
                (f.county == nil || $0.county == f.county) && (f.chain == nil || $0.id == f.chain)
            }
            if json { return Output.json(.array(items.map(d.json(chain:)))) }
            Output.table(
                ["ID", "COUNTY", "YEAR", "EXCERPTS", "NAME"],
                items.map { c in
                    [
                        c.id, String(c.county), c.fundingYear.map(String.init) ?? "–",
                        String(d.excerpts(matching: ExcerptFilter(chain: c.id)).count), c.name
                    ]
                })
        case .actors:
            let items = d.actors.filter { a in
                (f.county == nil || a.county == f.county) && (f.chain == nil || a.chain == nil || a.chain == f.chain)
                    && (f.chain == nil || d.chain(f.chain!)?.county == a.county)
                    && (f.actorKind == nil || a.kind == f.actorKind) && (f.level == nil || a.level == f.level)
            }
            if json { return Output.json(.array(items.map(d.json(actor:)))) }
            Output.table(
                ["ID", "KIND", "LEVEL", "CHAIN", "INFORMANTS", "EXCERPTS", "NAME"],
                items.map { a in
                    [
                        a.id, a.kind.rawValue, a.level.map(String.init) ?? "–", a.chain ?? "(county \(a.county))",
                        String(d.informants(of: a.id).count), String(d.excerpts(ofActor: a.id).count), a.name
                    ]
                })
        case .informants:
            let items = d.informants.filter { i in
                guard let a = d.actor(i.actor) else { return false }
                return (f.county == nil || a.county == f.county)
                    && (f.chain == nil || a.chain == nil || a.chain == f.chain)
                    && (f.chain == nil || d.chain(f.chain!)?.county == a.county)
                    && (f.actorKind == nil || a.kind == f.actorKind)
                    && (f.speakerRole == nil || i.role.range(of: f.speakerRole!, options: .caseInsensitive) != nil)
            }
            if json { return Output.json(.array(items.map(d.json(informant:)))) }
            Output.table(["ID", "ACTOR", "ROLE"], items.map { [$0.id, $0.actor, $0.role] })
        case .excerpts:
            Output.json(.array(d.excerpts(matching: f).map { d.json(excerpt: $0) }))
        case .codes:
            let items = d.codes.filter { f.code == nil || $0.id == f.code || $0.parent == f.code }
            if json { return Output.json(.array(items.map(d.json(code:)))) }
            Output.table(
                ["ID", "PARENT", "EXCERPTS", "RQ", "NAME"],
                items.map { c in
                    [
                        c.id, c.parent ?? "–", String(d.excerpts(withCode: c.id).count),
                        c.researchQuestions.map(String.init).joined(separator: ","), c.name
                    ]
                })
        case .questions:
            if json {
                return Output.json(
                    .array(
                        d.researchQuestions.map { q in
                            var o = JSONObjectBuilder()
                            o.set("id", q.id); o.set("theme", q.theme); o.set("text", q.text)
                            return o.value
                        }))
            }
            Output.table(["ID", "THEME", "QUESTION"], d.researchQuestions.map { [String($0.id), $0.theme, $0.text] })
        case .attention:
            if json {
                return Output.json(
                    .array(
                        d.attentionPoints.map { p in
                            var o = JSONObjectBuilder()
                            o.set("id", p.id); o.set("theme", p.theme); o.set("text", p.text)
                            return o.value
                        }))
            }
            Output.table(["ID", "THEME", "ATTENTION POINT"], d.attentionPoints.map { [$0.id, $0.theme, $0.text] })
        case .tables:
            if json {
                return Output.json(.array(d.surveyTables.map(\.json)))
            }
            Output.table(["ID", "ROWS", "TITLE"], d.surveyTables.map { [$0.id, String($0.rows.count), $0.title] })
        case .reports:
            if json { return Output.json(.array(d.relatedReports.map(d.json(relatedReport:)))) }
            Output.table(
                ["ID", "YEAR", "FINDINGS", "REFERENCES", "TITLE"],
                d.relatedReports.map { r in
                    [r.id, r.year?.text ?? "–", String(r.findings.count), String(r.references.count), r.title.text]
                })
        }
    }

    private func listExcerpts<Catalog: ExcerptCatalog>(_ c: Catalog) throws {
        try filters.check(against: c.vocabulary)
        let f = filters.filter
        let facets = c.facets
        let positions = f.positions(in: facets)
        // Nothing found is exit 1, as for search: a script can tell it from a list.
        if positions.isEmpty {
            throw CLIError(message: "no excerpt matches (\(f.summary)).", exitCode: CLIError.notFound)
        }
        ExcerptTable(catalog: c, facets: facets).write(positions)
        Output.print("\(positions.count) of \(c.textCount) excerpts (\(f.summary)).")
    }
}
