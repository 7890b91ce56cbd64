import CaseCore
import ExplorerUI

/// The labels of `show`, in bokmål and English: one exhaustive table, so a missing translation
/// does not compile. The data's own words (names, quotes, evidence) are never translated.
enum Label {
    case organisation, evidence, chain, excerpts, attributedToCounty, county, municipality, funds, measurement
    case description, grantChain, level, besideChain, informants, excerptsCount, kind, levelOfChain, besideGrantChain
    case chainPath, allChains, note, informant, excerpt, actor, excerptHeading, text, leadIn, speaker, section
    case page, pageUnknown, lines, alsoPrinted, inPart, quote, attribution, why, codes, none, colour, parent
    case subcodes, questions, questionsLink, table, linesWord
    case title, authors, year, isbn, publisher, scope, source, finding, referencedAt, sameIn, attentionPoint, theReport

    func text(_ language: Language) -> String {
        let (nb, en) = pair
        return language == .nb ? nb : en
    }

    private var pair: (String, String) {
        switch self {
        case .organisation: return ("Organisering", "Organisation")
        case .evidence: return ("Belegg", "Evidence")
        case .chain: return ("Kjede", "Chain")
        case .excerpts: return ("Utdrag", "Excerpts")
        case .attributedToCounty: return ("%n knyttet til fylket", "%n attributed to this county")
        case .county: return ("Fylke", "County")
        case .municipality: return ("Kommune", "Municipality")
        case .funds: return ("Midler", "Funds")
        case .measurement: return ("Måling", "Measurement")
        case .description: return ("Beskrivelse", "Description")
        case .grantChain: return ("Tilskuddskjede:", "Grant chain:")
        case .level: return ("nivå %n", "level %n")
        case .besideChain: return ("ved siden av kjeden", "beside the chain")
        case .informants: return ("informanter", "informants")
        case .excerptsCount: return ("utdrag", "excerpts")
        case .kind: return ("Type", "Kind")
        case .levelOfChain: return (", nivå %n i tilskuddskjeden", ", level %n of the grant chain")
        case .besideGrantChain: return (", ved siden av tilskuddskjeden", ", beside the grant chain")
        case .chainPath: return ("Sti i kjeden", "Chain path")
        case .allChains: return ("alle fylkets kjeder", "all chains of the county")
        case .note: return ("Merknad", "Note")
        case .informant: return ("Informant", "Informant")
        case .excerpt: return ("Utdrag", "Excerpt")
        case .actor: return ("Aktør", "Actor")
        case .excerptHeading: return ("Utdrag %id", "Excerpt %id")
        case .text: return ("Tekst", "Text")
        case .leadIn: return ("Innledning", "Lead-in")
        case .speaker: return ("Taler", "Speaker")
        case .section: return ("Avsnitt", "Section")
        case .page: return ("Side", "Page")
        case .pageUnknown: return ("kan ikke bestemmes fra teksten", "not determinable from the text")
        case .lines: return ("Linjer", "Lines")
        case .linesWord: return ("linje", "lines")
        case .alsoPrinted: return ("Også trykt", "Also printed")
        case .inPart: return ("delvis", "in part")
        case .quote: return ("sitat", "quote")
        case .attribution: return ("Tilknytning", "Attribution")
        case .why: return ("Begrunnelse", "Why")
        case .codes: return ("Koder", "Codes")
        case .none: return ("ingen", "none")
        case .colour: return ("Farge", "Colour")
        case .parent: return ("Overordnet", "Parent")
        case .subcodes: return ("Underkoder", "Subcodes")
        case .questions: return ("Problemstillinger", "Questions")
        case .questionsLink: return ("(datasettets kobling, ikke rapportens)", "(the dataset's link, not the report's)")
        case .table: return ("Tabell", "Table")
        case .title: return ("Tittel", "Title")
        case .authors: return ("Forfattere", "Authors")
        case .year: return ("År", "Year")
        case .isbn: return ("ISBN", "ISBN")
        case .publisher: return ("Utgiver", "Publisher")
        case .scope: return ("Tema", "Topic")
        case .source: return ("Kilde", "Source")
        case .finding: return ("Hovedfunn", "Main finding")
        case .referencedAt: return ("Henvisning", "Reference")
        case .sameIn: return ("Det samme i", "The same in")
        case .attentionPoint: return ("Oppm.punkt", "Attention pt.")
        case .theReport: return ("rapporten", "the report")
        }
    }
}

extension Confidence {
    /// The confidence in the interface language (the data format's words in English).
    func word(_ language: Language) -> String {
        guard language == .nb else { return rawValue }
        switch self {
        case .stated: return "uttalt"
        case .inferred: return "utledet"
        case .unknown: return "ukjent"
        }
    }
}
