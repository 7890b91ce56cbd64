import CaseCore
import Foundation

/// RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they hold a comma, a
/// quote or a line break; UTF-8 without a byte-order mark.
public enum CSV {
    public static func field(_ s: String) -> String {
        s.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    public static func document(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    public static func excerpts(_ d: Dataset) -> String {
        document(
            [
                "id", "kind", "form", "county", "chain", "actor", "confidence", "evidence", "section", "page",
                "first_line", "last_line",
                "speaker_role", "speaker_kind", "lead_in", "text", "codes"
            ],
            d.excerpts.map { e in
                [
                    e.id, e.kind.rawValue, e.form.rawValue, e.attribution.county.map { String($0) } ?? "",
                    e.attribution.chain ?? "", e.attribution.actor ?? "",
                    e.attribution.confidence.rawValue, e.attribution.evidence.map(\.text).joined(separator: " … "),
                    e.source.section, e.source.page.map { String($0) } ?? "",
                    String(e.source.lines.start), String(e.source.lines.end), e.speaker.role,
                    e.speaker.kind?.rawValue ?? "", e.leadIn?.text ?? "",
                    e.text, d.referenceCodes(of: e.id).joined(separator: ";")
                ]
            })
    }

    public static func coding(_ d: Dataset, coder: String, _ state: CodingState) -> String {
        let touched = d.excerpts.filter { state[$0.id].touched }
        return document(
            ["coder", "excerpt", "status", "codes", "memo"],
            touched.map { e in
                [
                    coder, e.id, state[e.id].status.rawValue, state[e.id].sortedCodes.joined(separator: ";"),
                    state[e.id].memo
                ]
            })
    }

    /// The columns Taguette imports: `tag`, `description`.
    public static func codebook(_ d: Dataset) -> String {
        document(["tag", "description"], d.codes.map { [$0.name, $0.description] })
    }
}

/// A Markdown case report: per county, each chain with its actors and informants, and under
/// each the excerpts with codes and provenance — ready for a report appendix.
public enum MarkdownReport {
    public static func render(
        _ d: Dataset, county only: Int? = nil, coder: String = Dataset.referenceCoder, coding: CodingState? = nil
    ) -> String {
        func codes(_ e: Excerpt) -> [String] { coding.map { $0[e.id].sortedCodes } ?? d.referenceCodes(of: e.id) }
        func quote(_ e: Excerpt) -> String {
            var s = "> «\(e.text)»\n>\n"
            let where_ =
                "\(e.source.section), linje \(e.source.lines.start)–\(e.source.lines.end)"
                + (e.alsoAt.isEmpty
                    ? ""
                    : " (også trykt: "
                        + e.alsoAt.map { "\($0.section), linje \($0.lines.start)–\($0.lines.end)" }.joined(
                            separator: "; ") + ")")
            s += "> — \(e.speaker.role). \(where_). `\(e.id)`\n\n"
            var meta = "Tilknytning: **\(e.attribution.confidence.rawValue)**"
            for ev in e.attribution.evidence {
                meta += " — «\(ev.text)»" + (ev.lines.map { " (linje \($0.start)–\($0.end))" } ?? "")
            }
            s += meta + "  \n"
            let names = codes(e).map { id in d.code(id)?.name ?? id }
            s += "Koder (\(coder)): " + (names.isEmpty ? "–" : names.joined(separator: "; ")) + "\n\n"
            return s
        }
        var out =
            "# \(d.study.title)\n\n\(d.study.report). Casestudier: tilskuddskjeder, aktører, informanter og "
            + "intervjuutdrag.\n"
        out +=
            "Sitatene er ordrett fra rapporten; tilknytning til fylke og kjede bare der rapporten gir grunnlag "
            + "(stated, inferred), ellers unknown.\n\n"
        for county in d.counties where only == nil || only == county.id {
            out += "## \(county.name)\n\n\(county.organisation.nb)\n\n"
            for chain in d.chains(in: county.id) {
                out += "### \(chain.name)\n\n\(chain.description.nb)\n\n"
                for actor in d.actors(inChain: chain.id) where actor.chain == chain.id {
                    out += actorSection(actor, d, quote)
                }
                let chainLevel = d.excerpts(matching: ExcerptFilter(chain: chain.id)).filter {
                    $0.attribution.actor == nil
                }
                if !chainLevel.isEmpty {
                    out += "#### Utdrag knyttet til kjeden uten aktør\n\n" + chainLevel.map(quote).joined()
                }
            }
            out += "### Aktører felles for fylkets kjeder\n\n"
            for actor in d.actors(inCounty: county.id) where actor.chain == nil { out += actorSection(actor, d, quote) }
            let countyLevel = d.excerpts(matching: ExcerptFilter(county: county.id)).filter {
                $0.attribution.chain == nil && $0.attribution.actor == nil
            }
            if !countyLevel.isEmpty {
                out += "#### Utdrag knyttet til fylket uten kjede eller aktør\n\n" + countyLevel.map(quote).joined()
            }
        }
        if only == nil {
            let unplaced = d.excerpts.filter { $0.attribution.county == nil }
            out += "## Utdrag rapporten ikke knytter til et casefylke\n\n" + unplaced.map(quote).joined()
        }
        // A report is read, often with `cat`: a control character in the data (an ESC from a
        // hostile file) is written as its sign, as on the terminal, never as a live sequence.
        return InertText.visible(out)
    }

    private static func actorSection(_ a: Actor, _ d: Dataset, _ quote: (Excerpt) -> String) -> String {
        var s = "#### \(a.name)\n\n"
        s += "*\(a.kind.rawValue)" + (a.level.map { ", nivå \($0)" } ?? ", ved siden av kjeden") + "*"
        if let description = a.description { s += " — \(description.nb)" }
        s += "\n\n"
        let informants = d.informants(of: a.id)
        if !informants.isEmpty { s += "Informanter: " + informants.map(\.role).joined(separator: "; ") + ".\n\n" }
        for note in a.notes { s += "_\(note.nb)_\n\n" }
        s += d.excerpts(ofActor: a.id).map(quote).joined()
        return s
    }
}
