/// A narrated tour: plain text a presenter can write, one step per line:
///
///     wait | keys | caption
///
/// `wait` is seconds (a decimal number) to stay on the step before the next one; `keys` are sent
/// to the explorer in the key notation of `case-explorer snapshot` (`j j Enter`, `/ søknad`,
/// `Esc`); the caption says what is on screen and why it matters. Blank lines and lines starting
/// with `#` are ignored. A script with an error is refused before the tour starts, with the line
/// number and what is wrong.
public struct Tour: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public var wait: Double
        public var keys: [Key]
        public var keyText: String
        public var caption: String
        public var line: Int
    }

    public var steps: [Step]

    public struct ScriptError: Error, Equatable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    public static func parse(_ text: String) throws(ScriptError) -> Tour {
        var steps: [Step] = []
        for (n, raw) in text.components(separatedBy: "\n").enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.count == 3 else {
                throw ScriptError(line: n + 1, message: "expected three fields, wait | keys | caption, separated by |")
            }
            guard let wait = Double(parts[0].replacingOccurrences(of: ",", with: ".")), wait >= 0, wait <= 3600 else {
                throw ScriptError(
                    line: n + 1, message: "the wait \"\(parts[0])\" is not a number of seconds from 0 to 3600")
            }
            let keys: [Key]
            do { keys = try KeyNotation.parse(parts[1]) } catch {
                throw ScriptError(line: n + 1, message: "\(error.description) in the keys")
            }
            guard !parts[2].isEmpty else { throw ScriptError(line: n + 1, message: "the caption is empty") }
            steps.append(Step(wait: wait, keys: keys, keyText: parts[1], caption: parts[2], line: n + 1))
        }
        guard !steps.isEmpty else { throw ScriptError(line: 1, message: "the script has no steps") }
        return Tour(steps: steps)
    }

    public static func builtIn(_ language: Language) -> Tour {
        // The built-in tours are scripts like any other; a test parses them.
        (try? parse(language == .nb ? TourScripts.nb : TourScripts.en)) ?? Tour(steps: [])
    }
}

public enum TourScripts {
    public static let nb = """
        # Den innebygde omvisningen: vent (sekunder) | taster | tekst
        4 |  | Casefylke 1: tilskuddskjeden fra statsforvalteren via samarbeidsfora til kommune A og enhetene. \
        «PP-sporet»: inkluderingsanalyse som felles tiltak.
        3 | j j j | PP-tjenesten i kommune A — med informantene rapporten nevner. Nivå 4 i kjeden, der tiltaket skal \
        nå praksis.
        4 | G k Enter | UH-sektoren står ved siden av kjeden. Her: hva rapporten sier, informanten, \
        spørreundersøkelsen for UH og utdragene.
        5 | Enter | Et utdrag ordrett, med rapportens innledning, avsnitt og linjer — og tilknytningen med sikkerhet i \
        ord: UTLEDET, med belegg.
        3 | Esc Esc 2 | Casefylke 2: ingen felles satsing — kommunene valgte selv. Kommune C fikk midler i 2021 …
        3 | ] | … og kommune D i 2022; prosjektet var ennå ikke i barnehagene, så ansatte der er ikke intervjuet.
        3 | 3 | Casefylke 3: to pilotprosjekter fra høsten 2020, her pilotprosjekt 1 med arbeidsgruppe og fagutvalg.
        4 | e f j j l l l Esc | Alle utdrag, filtrert på nivå 3 i kjeden (kommune/eier). Filteret står alltid øverst, \
        med antall.
        4 | Enter | Et utdrag fra kommunenivået.
        4 | Esc f j j l Esc | Nivå 4: PP-tjeneste, skole og barnehage.
        4 | Enter | Et utdrag fra enhetsnivået — det nivået kompetanseløftet skal nå.
        3 | Esc x | Filteret fjernes med x.
        4 | / s ø k n a d | Søk mens du skriver: «søknad» finnes i to utdrag. æ, ø og å skilles fra a og o med mindre \
        du ber om det.
        4 | Enter Enter | Treffet er markert i teksten (fet og understreket — ikke bare farge).
        4 | Esc b | Kodeboken bygger på rapportens analytiske temaer; tallene er rapportens egen koding av utdragene.
        4 | i | Kontekst: de ti problemstillingene, med hvor mange utdrag som belyser hver.
        4 | Tab Tab | Spørreundersøkelsen i kapittel 4 som tabeller — der tekst og tabell er uenige, står tabellens \
        tall og en merknad.
        4 | M Tab | Matriser: fylke × kode. Enter åpner utdragene bak en celle.
        4 | e R | Gjennomgang av kodingen: en demokoder (kastes etter omvisningen) ser rapportens koder ved siden av \
        sine egne.
        4 | a r | Én tast godtar rapportens koder, r merker utdraget gjennomgått — lagret på disk før skjermen sier det.
        3 | ] | Neste utdrag som ikke er gjennomgått. Fremdriften står alltid øverst.
        3 | ? | Alle taster står i hjelpen, laget fra samme tabell som styrer tastene.
        2 | Esc | Slutt på omvisningen. Start selv med case-explorer.
        """

    public static let en = """
        # The built-in tour: wait (seconds) | keys | caption
        4 |  | Case county 1: the grant chain from the state governor through the cooperation forums to municipality A \
        and its units. The "PP track": inclusion analysis as the common measure.
        3 | j j j | The PP service of municipality A, with the informants the report names. Level 4 of the chain, \
        where the measure must reach practice.
        4 | G k Enter | The university partner stands beside the chain: what the report says, its informant, the \
        survey for UH, and its excerpts.
        5 | Enter | An excerpt, verbatim, with the report's lead-in, section and lines, and the attribution with its \
        confidence in words: INFERRED, with evidence.
        3 | Esc Esc 2 | Case county 2: no common effort; each municipality chose its focus. Municipality C got funds \
        in 2021 …
        3 | ] | … and municipality D in 2022; the project had not reached the kindergartens, so no staff there were \
        interviewed.
        3 | 3 | Case county 3: two pilot projects from autumn 2020; here pilot 1 with its working group and expert \
        committee.
        4 | e f j j l l l Esc | All excerpts, filtered to level 3 of the chain (municipality/owner). The filter always \
        shows on top, with the count.
        4 | Enter | An excerpt from the municipal level.
        4 | Esc f j j l Esc | Level 4: PP service, school and kindergarten.
        4 | Enter | An excerpt from the unit level, where the programme must arrive.
        3 | Esc x | x clears the filter.
        4 | / s ø k n a d | Search as you type: "søknad" is in two excerpts. æ, ø and å stay distinct from a and o \
        unless you ask.
        4 | Enter Enter | The match is marked in the text (bold and underlined, not colour alone).
        4 | Esc b | The codebook follows the report's analytic themes; the counts are the report's own coding of the \
        excerpts.
        4 | i | Context: the ten research questions and how many excerpts bear on each.
        4 | Tab Tab | The survey of chapter 4 as tables; where text and table disagree, the table's number stands with \
        a note.
        4 | M Tab | Matrices: county × code. Enter opens the excerpts behind a cell.
        4 | e R | Coding review: a demo coder (thrown away after the tour) sees the report's codes beside its own.
        4 | a r | One key accepts the report's codes, r marks the excerpt reviewed — on disk before the screen says so.
        3 | ] | The next excerpt not yet reviewed. Progress always shows on top.
        3 | ? | Every key is in the help, made from the same table that drives the keys.
        2 | Esc | End of the tour. Start yourself with case-explorer.
        """
}
