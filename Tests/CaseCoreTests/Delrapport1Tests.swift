import Foundation
import Testing
@testable import CaseCore

/// Delrapport 1 as context (issue 11, item 5): its facts and main findings from the publisher's
/// page, and every place where Delrapport 2 refers to it, at the right lines.
@Suite struct Delrapport1Tests {
    let d = Fixtures.dataset
    let page = "delrapport-1-omtale"

    @Test func theFactsAndFindingsComeFromThePublishersPageAtTheirLines() throws {
        let r = try #require(d.relatedReport("delrapport-1"))
        #expect(d.sourceFile(page)?.file == "delrapport-1-omtale.txt" && d.sourceFile(page)?.lineCount == 77)
        let facts = [r.title, r.authors, r.year, r.isbn, r.publisher].compactMap { $0 }
        #expect(facts.map { $0.lines?.start } == [15, 23, 35, 27, 31])
        #expect(r.year?.text == "2022" && r.isbn?.text.hasPrefix("978-82-7570-688-9") == true)
        #expect(
            r.findings.map(\.lines) == [LineRange(49, 49), LineRange(50, 50), LineRange(51, 51)],
            "the three Hovedfunn, lines 47–51")
        #expect(
            r.quotations.filter { $0.member.hasPrefix("referencedAt") && !$0.member.contains("matches") }.allSatisfy {
                $0.evidence.source == nil
            },
            "the report's own passages name no other source")
        for (member, e) in r.quotations where !(member.hasPrefix("referencedAt") && !member.contains("matches")) {
            #expect(e.source == page, "\(member) is quoted from the page")
        }
    }

    @Test func itIsLinkedToEveryPlaceWhereDelrapport2RefersToIt() throws {
        let r = try #require(d.relatedReport("delrapport-1"))
        // The seven places, with each sentence's own first and last line, and 4314–4316,
        // which a search of the report for "delrapport 1" finds besides them.
        let expected = [
            (360, 369), (1584, 1586), (2139, 2140), (3013, 3015), (4174, 4176), (4282, 4285), (4314, 4316), (4367, 4370)
        ]
        #expect(r.references.map(\.passage.lines) == expected.map { LineRange($0.0, $0.1) })
        for ref in r.references {
            #expect(
                ref.passage.text.lowercased().contains("delrapport 1")
                    || ref.passage.text.contains("første delrapporten"), "\(ref.passage.text)")
            #expect(ref.note?.isBilingual == true)
        }
        #expect(
            r.references.map { String($0.section.prefix(3)) } == [
                "1. ", "4.2", "5.4", "6.4", "8.2", "8.3", "8.3", "8.3"
            ])
        #expect(r.references.first { $0.passage.lines == LineRange(4282, 4285) }?.attentionPoint == "op-7")
        // Where the page states the same point, the link holds it; where it does not, the note says so.
        let matched = r.references.filter { !$0.matches.isEmpty }.map { $0.passage.lines!.start }
        #expect(matched == [360, 2139, 3013, 4174])
        for ref in r.references where ref.matches.isEmpty {
            #expect(ref.note?.en.contains("does not mention") == true, "\(ref.section)")
        }
    }

    @Test(.enabled(if: Fixtures.sourceTexts != nil, Fixtures.sourcesAbsent))
    func everyReferenceSentenceIsWholeAtItsLines() throws {
        let report = try #require(Fixtures.sourceTexts?[d.study.id])
        for ref in try #require(d.relatedReport("delrapport-1")).references {
            let lines = try #require(ref.passage.lines)
            // Not one line more than the passage needs: it neither starts after its first line nor ends before its
            // last.
            #expect(
                !report.contains(ref.passage.text, in: LineRange(lines.start + 1, lines.end)), "\(lines) starts later")
            #expect(
                !report.contains(ref.passage.text, in: LineRange(lines.start, lines.end - 1))
                    || lines.start == lines.end, "\(lines) ends earlier")
        }
    }

    // MARK: bad input

    func problems(_ change: (inout [String: Any]) throws -> Void) throws -> [String] {
        let folder = try Fixtures.scratchCopy()
        defer { Fixtures.remove(folder) }
        try Fixtures.edit(folder, "delrapport-1.json") { o in try change(&o) }
        return DataFolder.loadCollectingProblems(folder).1.map(\.description)
    }

    func editReport(_ o: inout [String: Any], _ change: (inout [String: Any]) -> Void) {
        var reports = o["relatedReports"] as! [[String: Any]]
        change(&reports[0])
        o["relatedReports"] = reports
    }

    @Test func anUnknownSourceNameIsOneLineWithItsPath() throws {
        let found = try problems { o in
            editReport(&o) { r in
                var findings = r["findings"] as! [[String: Any]]
                findings[1]["source"] = "delrapport-3"
                r["findings"] = findings
            }
        }
        #expect(
            found.count == 1
                && found[0].hasSuffix(
                    "delrapport-1.json: $.relatedReports[0].findings[1].source: unknown source \"delrapport-3\" (the "
                        + "sources are delrapport-2-2023, delrapport-1-omtale)"
                ), "\(found)")
    }

    @Test func aRangePastTheEndOfTheNamedSourceIsRefused() throws {
        let found = try problems { o in
            editReport(&o) { r in
                var title = r["title"] as! [String: Any]
                title["lines"] = [78, 78]
                r["title"] = title
                var refs = r["referencedAt"] as! [[String: Any]]
                refs[0]["lines"] = [4470, 4471]
                r["referencedAt"] = refs
            }
        }
        #expect(found.count == 2, "\(found)")
        #expect(
            found.contains {
                $0.hasSuffix(
                    "delrapport-1.json: $.relatedReports[0].title.lines: line range 78 lies outside the source "
                        + "\"delrapport-1-omtale\" (delrapport-1-omtale.txt), which has 77 lines"
                )
            }, "\(found)")
        #expect(
            found.contains {
                $0.hasSuffix(
                    "delrapport-1.json: $.relatedReports[0].referencedAt[0].lines: line range 4470–4471 lies outside "
                        + "the source, which has 4463 lines"
                )
            }, "\(found)")
        // The same lines are fine in the longer source: a range is judged against the source it names.
        let fine = try problems { o in
            editReport(&o) { r in
                var refs = r["referencedAt"] as! [[String: Any]]
                refs[0]["lines"] = [78, 78]
                r["referencedAt"] = refs
            }
        }
        #expect(fine.isEmpty, "\(fine)")
    }

    @Test func evidenceElsewhereMayNameTheSourceAndIsCheckedTheSameWay() throws {
        let folder = try Fixtures.scratchCopy()
        defer { Fixtures.remove(folder) }
        try Fixtures.edit(folder, "study.json") { o in
            var points = o["attentionPoints"] as! [[String: Any]]
            let i = points.index(ofId: "op-7")
            var evidence = points[i]["evidence"] as! [[String: Any]]
            evidence.append([
                "text": "Mange informanter påpeker at samarbeidsforum er for stort", "lines": [71, 71], "source": page
            ])
            evidence.append(["text": "x", "lines": [90, 90], "source": page])
            evidence.append(["text": "x", "lines": [1, 1], "source": "omtale"])
            points[i]["evidence"] = evidence
            o["attentionPoints"] = points
        }
        let found = DataFolder.loadCollectingProblems(folder).1.map(\.description)
        #expect(found.count == 2, "\(found)")
        #expect(
            found.contains {
                $0.contains(
                    "$.attentionPoints[6].evidence[2].lines: line range 90 lies outside the source "
                        + "\"delrapport-1-omtale\""
                )
            }, "\(found)")
        #expect(
            found.contains { $0.contains("$.attentionPoints[6].evidence[3].source: unknown source \"omtale\"") },
            "\(found)")
    }

    @Test func anUnknownAttentionPointAndASourceIdTakenByTheStudyAreRefused() throws {
        let found = try problems { o in
            editReport(&o) { r in
                var refs = r["referencedAt"] as! [[String: Any]]
                refs[5]["attentionPoint"] = "op-99"
                r["referencedAt"] = refs
            }
            var sources = o["sources"] as! [[String: Any]]
            sources.append([
                "id": "delrapport-2-2023", "file": "x.txt", "lineCount": 3, "name": ["nb": "en kopi", "en": "a copy"]
            ])
            o["sources"] = sources
        }
        #expect(
            found.contains {
                $0.hasSuffix("$.relatedReports[0].referencedAt[5].attentionPoint: unknown attention point \"op-99\"")
            }, "\(found)")
        #expect(
            found.contains {
                $0.contains("$.sources[1].id: the source id \"delrapport-2-2023\" is already used by the study")
            }, "\(found)")
    }
}
