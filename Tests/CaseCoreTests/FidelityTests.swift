import Foundation
import Testing
@testable import CaseCore

@Suite struct FidelityTests {
    @Test(.enabled(if: Fixtures.sourceTexts != nil, Fixtures.sourcesAbsent))
    func everyExcerptLeadInAndEvidenceStandsVerbatimInItsSource() throws {
        let texts = try #require(Fixtures.sourceTexts)
        #expect(
            Set(texts.keys) == Set(Fixtures.dataset.sourceIDs), "both sources: the report and the page on Delrapport 1")
        let problems = FidelityCheck.check(Fixtures.dataset, against: texts)
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test(.enabled(if: Fixtures.sourceTexts != nil, Fixtures.sourcesAbsent))
    func everyPieceOfEvidenceForTheCaseStructureStandsVerbatim() throws {
        let texts = try #require(Fixtures.sourceTexts)
        let source = try #require(texts[Fixtures.dataset.study.id])
        let d = Fixtures.dataset
        let evidence =
            d.counties.flatMap(\.evidence) + d.chains.flatMap(\.evidence) + d.actors.flatMap(\.evidence)
            + d.informants.flatMap(\.evidence)
        #expect(evidence.count > 50)
        for e in evidence {
            #expect(
                e.lines.map { source.contains(e.text, in: $0) } == true,
                "«\(e.text)» not at \(String(describing: e.lines))")
        }
        let context = FidelityCheck.checkContext(d, against: texts)
        #expect(context.isEmpty, "\(context.map(\.description).joined(separator: "\n"))")
    }

    @Test(.enabled(if: Fixtures.sourceTexts != nil, Fixtures.sourcesAbsent))
    func aOneCharacterChangeInAnyDelrapport1QuoteIsCaught() throws {
        let texts = try #require(Fixtures.sourceTexts)
        var d = Fixtures.dataset
        let quotes = d.relatedReports[0].quotations.filter { $0.evidence.source == "delrapport-1-omtale" }
        #expect(quotes.count >= 10)
        for (member, _) in quotes {
            d = d.with(relatedReports: [Self.changingOneCharacter(of: member, in: Fixtures.dataset.relatedReports[0])])
            let problems = FidelityCheck.checkContext(d, against: texts)
            #expect(
                problems.contains {
                    $0.excerpt == "delrapport-1" && $0.message.hasPrefix(member + " «")
                        && $0.sourceFile == "delrapport-1-omtale.txt"
                },
                "a changed \(member) went through: \(problems)")
        }
    }

    @Test func theVerbatimCheckOfEachSourceWorksWithoutTheSourceFiles() {
        // Hermetic: texts built from the data's own quotes at their lines, in each source.
        var d = Fixtures.dataset
        d = d.with(
            counties: [], chains: [], actors: [], informants: [], excerpts: [], researchQuestions: [],
            attentionPoints: [])
        var texts: [String: [String]] = [:]
        for id in d.sourceIDs { texts[id] = Array(repeating: "x", count: d.sourceFile(id)!.lineCount) }
        for (_, e) in d.relatedReports[0].quotations {
            let id = e.source ?? d.study.id
            texts[id]![e.lines!.start - 1] = e.text
        }
        let sources = texts.mapValues { SourceText(text: $0.joined(separator: "\n")) }
        #expect(FidelityCheck.checkContext(d, against: sources).isEmpty)
        d = d.with(relatedReports: [Self.changingOneCharacter(of: "findings[1]", in: d.relatedReports[0])])
        #expect(
            FidelityCheck.checkContext(d, against: sources).map(\.message).contains { $0.hasPrefix("findings[1] «") })
        d = d.with(relatedReports: [
            Self.changingOneCharacter(of: "referencedAt[2]", in: Fixtures.dataset.relatedReports[0])
        ])
        let problems = FidelityCheck.checkContext(d, against: sources)
        #expect(
            problems.contains { $0.message.hasPrefix("referencedAt[2] «") && $0.sourceFile == nil },
            "a passage of the report, named as such")
    }

    @Test func aSourceOfAnotherLengthThanTheDataSaysIsReported() {
        var d = Fixtures.dataset
        d = d.with(excerpts: [])
        let texts = Dictionary(
            uniqueKeysWithValues: d.sourceIDs.map { id in
                (
                    id,
                    SourceText(
                        text: Array(repeating: "x", count: d.sourceFile(id)!.lineCount - (id == d.study.id ? 0 : 1))
                            .joined(separator: "\n"))
                )
            })
        let problems = FidelityCheck.check(d, against: texts)
        #expect(
            problems.contains {
                $0.excerpt == "delrapport-1-omtale.txt" && $0.message == "the source has 76 lines, the data expects 77"
            }, "\(problems.prefix(3))")
    }

    @Test func aSourceNotGivenIsSaidNotSkipped() {
        var d = Fixtures.dataset
        d = d.with(excerpts: [])
        let report = SourceText(text: Array(repeating: "x", count: d.study.sourceLineCount).joined(separator: "\n"))
        let problems = FidelityCheck.check(d, against: report)
        #expect(problems.contains { $0.excerpt == "delrapport-1-omtale.txt" && $0.message.contains("was not given") })
    }

    /// A related report with one character of one quotation changed: the middle one, to "å" (or "a").
    static func changingOneCharacter(of member: String, in r: RelatedReport) -> RelatedReport {
        func change(_ e: Evidence) -> Evidence {
            var text = e.text
            let i = text.index(text.startIndex, offsetBy: text.count / 2)
            text.replaceSubrange(i...i, with: text[i] == "å" ? "a" : "å")
            return Evidence(text: text, lines: e.lines, source: e.source)
        }
        var r = r
        switch member {
        case "title": r.title = change(r.title)
        case "authors": r.authors = r.authors.map(change)
        case "year": r.year = r.year.map(change)
        case "isbn": r.isbn = r.isbn.map(change)
        case "publisher": r.publisher = r.publisher.map(change)
        case "scope": r.scope = r.scope.map(change)
        default:
            let numbers = member.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            if member.hasPrefix("findings") {
                r.findings[numbers[0]] = change(r.findings[numbers[0]])
            } else if member.contains("matches") {
                r.references[numbers[0]].matches[numbers[1]] = change(r.references[numbers[0]].matches[numbers[1]])
            } else {
                r.references[numbers[0]].passage = change(r.references[numbers[0]].passage)
            }
        }
        return r
    }

    let sample = SourceText(
        text: """
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
        #expect(
            sample.contains(
                "med UH-sektoren og en gjennomføring som går over linjeskift [...] og [ fylke].", in: LineRange(2, 4)))
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
        d = d.with(excerpts: [d.excerpts[0]])
        let problems = FidelityCheck.check(d, against: source)
        #expect(
            problems.contains {
                $0.excerpt == d.excerpts[0].id && $0.message.hasPrefix("text not found verbatim in lines")
            })
    }
}
