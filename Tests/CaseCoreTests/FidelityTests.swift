import Foundation
import Testing
@testable import CaseCore

@Suite struct FidelityTests {
    @Test(.enabled(if: Fixtures.source != nil, "SKIPPED: the report's text is not on this machine (../shared/source/delrapport-2-2023.txt or $CASE_EXPLORER_SOURCE); excerpts were NOT checked verbatim"))
    func everyExcerptLeadInAndEvidenceStandsVerbatimInTheReport() throws {
        let source = try SourceText(contentsOf: Fixtures.source!)
        let problems = FidelityCheck.check(Fixtures.dataset, against: source)
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test(.enabled(if: Fixtures.source != nil, "SKIPPED: the report's text is not on this machine (../shared/source/delrapport-2-2023.txt or $CASE_EXPLORER_SOURCE); excerpts were NOT checked verbatim"))
    func everyPieceOfEvidenceForTheCaseStructureStandsVerbatim() throws {
        let source = try SourceText(contentsOf: Fixtures.source!)
        let d = Fixtures.dataset
        let evidence = d.counties.flatMap(\.evidence) + d.chains.flatMap(\.evidence) + d.actors.flatMap(\.evidence) + d.informants.flatMap(\.evidence)
        #expect(evidence.count > 50)
        for e in evidence {
            #expect(e.lines.map { source.contains(e.text, in: $0) } == true, "«\(e.text)» not at \(String(describing: e.lines))")
        }
        let context = FidelityCheck.checkContext(d, against: source)
        #expect(context.isEmpty, "\(context.map(\.description).joined(separator: "\n"))")
    }

    let sample = SourceText(text: """
    Innledende linje som ikke er sitat.
    Dette er et sitat med UH-
    sektoren og en gjennom-
    føring som går over   linjeskift [...] og [ fylke].
    ·  74  ·
    R
    A
    Videre etter sidetallet.
    """)

    @Test func joinsLinesAndUndoesOnlyLineBreakHyphenation() {
        #expect(sample.contains("med UH-sektoren og en gjennomføring som går over linjeskift [...] og [ fylke].", in: LineRange(2, 4)))
        #expect(sample.contains("en gjennom-føring", in: LineRange(2, 4)))
    }

    @Test func ignoresPageFurniture() {
        #expect(sample.contains("[ fylke]. Videre etter sidetallet.", in: LineRange(4, 8)))
    }

    @Test func refusesAnyOtherDifference() {
        #expect(!sample.contains("med UH sektoren", in: LineRange(2, 4)))
        #expect(!sample.contains("[…]", in: LineRange(4, 4)))
        #expect(!sample.contains("[fylke]", in: LineRange(4, 4)))
        #expect(!sample.contains("Dette er et sitat", in: LineRange(3, 4)), "outside its line range")
        #expect(!sample.contains("dette er et sitat", in: LineRange(2, 2)), "case matters")
    }

    @Test func aWrongWordInTheDataIsCaught() throws {
        var d = Fixtures.dataset
        let source = SourceText(text: (1...d.study.sourceLineCount).map { _ in "x" }.joined(separator: "\n"))
        d.excerpts = [d.excerpts[0]]
        let problems = FidelityCheck.check(d, against: source)
        #expect(problems.contains { $0.excerpt == d.excerpts[0].id && $0.message.hasPrefix("text not found verbatim in lines") })
    }
}
