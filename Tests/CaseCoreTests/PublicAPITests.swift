import CaseCore
import Foundation
import Testing

/// The core through its public interface only (no @testable import in this file), as another
/// Swift tool sees it: a study built from the entities' public initialisers is filtered,
/// searched and exported, and the GUIDs in the export are the pinned ones.
@Suite struct PublicAPITests {
    /// A study of one county, one chain, one PP service and two excerpts, made in code.
    static let study: Dataset = {
        let note = LocalizedText(plain: "Laget i en test.")
        let lines = LineRange(10, 12)
        func excerpt(_ id: String, _ text: String, _ confidence: Confidence, actor: String?) -> Excerpt {
            Excerpt(
                id: id, kind: .interview, form: .block, text: text,
                source: SourceLocation(section: "5.3", page: 41, lines: lines),
                speaker: Speaker(role: "leder i PP-tjenesten", kind: .ppt),
                attribution: Attribution(
                    county: 1, chain: "cf1-tk1", actor: actor, confidence: confidence,
                    evidence: confidence == .unknown ? [] : [Evidence(text: "PP-lederen sier", lines: lines)]))
        }
        return Dataset(
            study: Study(id: "test", title: "En test", report: "Testrapport", sourceFile: "t.txt", sourceLineCount: 99),
            counties: [County(id: 1, name: "Casefylke 1", organisation: note)],
            chains: [Chain(id: "cf1-tk1", county: 1, name: "Tilskuddskjede 1", description: note)],
            actors: [Actor(id: "ppt-a", kind: .ppt, name: "PP-tjenesten i kommune A", county: 1, chain: "cf1-tk1")],
            informants: [Informant(id: "inf-1", actor: "ppt-a", role: "leder i PP-tjenesten")],
            excerpts: [
                excerpt("ex-5.3-02", "Vi søkte om midler sammen med skolene.", .stated, actor: "ppt-a"),
                excerpt("ex-5.3-03", "Ordningen var ny for oss alle.", .unknown, actor: nil)
            ],
            codes: [
                Code(id: "ordninger", name: "Ordninger", description: "Tilskuddsordningen.", color: "#336699"),
                Code(id: "soknad", name: "Søknad", description: "Søknaden.", color: "#993366", parent: "ordninger")
            ],
            codings: [
                Coding(coder: "rapport", excerpt: "ex-5.3-02", codes: ["ordninger"]),
                Coding(coder: "rapport", excerpt: "ex-5.3-03", codes: ["soknad"])
            ],
            researchQuestions: [], attentionPoints: [], surveyTables: [])
    }()

    @Test func aStudyMadeInCodeIsFilteredAndSearchedLikeALoadedOne() {
        let d = Self.study
        #expect(d.excerpts(matching: ExcerptFilter(actor: "ppt-a")).map(\.id) == ["ex-5.3-02"])
        #expect(d.excerpts(matching: ExcerptFilter(actorKind: .ppt)).count == 2, "the speaker's kind counts too")
        var parent = ExcerptFilter(code: "ordninger")
        #expect(d.excerpts(matching: parent).map(\.id) == ["ex-5.3-02"])
        parent.codeWithSubcodes = true
        #expect(d.excerpts(matching: parent).map(\.id) == ["ex-5.3-02", "ex-5.3-03"])
        #expect(d.excerpts(matching: ExcerptFilter(confidence: .unknown)).map(\.id) == ["ex-5.3-03"])
        #expect(d.search(SearchQuery("sokte", foldNordic: true)).map(\.excerpt.id) == ["ex-5.3-02"])
        #expect(d.search(SearchQuery("sokte")).isEmpty, "without folding ø is not o")
        #expect(d.actor("ppt-a")?.level == 4 && d.informants(of: "ppt-a").count == 1)
    }

    /// Pinned: every partner program that imported an export knows our entities by these GUIDs,
    /// so a change to the scheme must fail here. The values are UUID version 5 in RFC 4122's URL
    /// namespace of "case-explorer:KIND:ID", computed independently of this code (Python's
    /// uuid.uuid5(uuid.NAMESPACE_URL, "case-explorer:code:ordninger")).
    @Test func theGUIDsOfKnownEntitiesArePinned() {
        let xml = RefiExport(data: Self.study, codings: [("rapport", CodingState.reference(Self.study))]).projectXML()
        let pinned = [
            ("source ex-5.3-02", "4699c496-5675-5298-8712-e4a6ab1b7595"),
            ("user rapport", "c0a85c21-cf94-5dfc-a0a3-65c4ebaee2f8"),
            ("code ordninger", "fb7b3df2-b2ff-5528-9ade-c8b6d658012f"),
            ("case county 1", "3ddf6157-2b1d-54af-97a0-6d8d1921594c"),
            ("case chain cf1-tk1", "fb993482-d5ed-568a-86f8-cda70ba4f801"),
            ("selection rapport/ex-5.3-02", "59619964-0161-5a1f-936a-47bb35ecb7b8"),
            ("coding rapport/ex-5.3-02/ordninger", "27c888ca-1e10-58e9-9813-94a21cc27607")
        ]
        for (what, guid) in pinned {
            #expect(xml.contains("guid=\"\(guid)\"") || xml.contains("GUID=\"\(guid)\""), "\(what): \(guid)")
        }
        let codebook = RefiExport(data: Self.study, codings: []).codebook()
        #expect(codebook.contains("guid=\"fb7b3df2-b2ff-5528-9ade-c8b6d658012f\""), "the codebook's code GUID")
    }
}
