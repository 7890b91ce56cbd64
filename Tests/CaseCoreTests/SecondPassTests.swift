import Foundation
import Testing
@testable import CaseCore

/// Pins each correction of the second fidelity pass (issue 11) in the bundled data, so that a
/// later edit cannot quietly undo one. The verbatim test (FidelityTests) checks the evidence.
@Suite struct SecondPassTests {
    let d = Fixtures.dataset

    func evidenceLines(_ items: [Evidence]) -> [LineRange] { items.compactMap(\.lines) }
    func cites(_ items: [Evidence], _ start: Int, _ end: Int) -> Bool {
        items.contains { $0.lines.map { $0.start <= start && end <= $0.end } ?? false }
    }

    // MARK: the rule for informant links

    @Test func anExcerptNamesAnInformantOnlyWhenTheAttributionIsStated() {
        for e in d.excerpts where e.speaker.informant != nil {
            #expect(
                e.attribution.confidence == .stated,
                "\(e.id) links an informant on \(e.attribution.confidence.rawValue) grounds")
        }
    }

    @Test func theValidatorRefusesAnInformantLinkOnInferredGrounds() throws {
        let folder = try Fixtures.scratchCopy()
        defer { Fixtures.remove(folder) }
        try Fixtures.edit(folder, "excerpts.json") { o in
            var excerpts = o["excerpts"] as! [[String: Any]]
            let i = excerpts.index(ofId: "ex-6.4-01")
            var s = excerpts[i]["speaker"] as! [String: Any]
            s["informant"] = "cf1-uh-rep"
            excerpts[i]["speaker"] = s
            o["excerpts"] = excerpts
        }
        let (_, problems) = DataFolder.loadCollectingProblems(folder)
        #expect(
            problems.map(\.description).contains {
                $0.hasSuffix(
                    "speaker.informant: names an informant, but the attribution is inferred; an informant is linked "
                        + "only when the report states who speaks"
                )
            }, "\(problems)")
    }

    // MARK: structure

    @Test func pilotProjectOneIsNotOneMunicipality() throws {
        let pilot = try #require(d.chain("cf3-pp1"))
        #expect(!pilot.name.contains("én kommune"))
        #expect(pilot.name.contains("nabokommuner"))
        #expect(cites(pilot.evidence, 2215, 2216) && cites(pilot.evidence, 2710, 2711))
    }

    @Test func pilotProjectOneHasTwoUHMiljoerAndOnlyOneIsAFormalPartner() throws {
        let partner = try #require(d.actor("cf3-pp1-uh")), other = try #require(d.actor("cf3-pp1-uh2"))
        #expect(partner.kind == .uh && other.kind == .uh && other.chain == "cf3-pp1")
        #expect(partner.name.contains("formell partner") && other.name.contains("ikke formell partner"))
        #expect(cites(other.evidence, 3030, 3032) && cites(other.evidence, 2815, 2817))
        for id in ["ex-6.2-07", "ex-6.2-08"] {
            #expect(
                d.excerpt(id)?.attribution.actor == "cf3-pp1-uh2",
                "\(id) belongs to the UH-miljø that was not a formal partner")
        }
        for id in ["ex-6.2-01", "ex-6.2-04", "ex-6.2-06"] { #expect(d.excerpt(id)?.attribution.actor == "cf3-pp1-uh") }
    }

    @Test func theMoveToTheSchoolOfficeIsMarkedInferred() throws {
        let kommune = try #require(d.actor("cf3-pp1-kommune"))
        #expect(
            kommune.notes.contains {
                $0.nb.hasPrefix("Utledet, ikke uttalt") && $0.nb.contains("den ene pilotkommunen")
            })
        #expect(cites(kommune.evidence, 869, 873))
        #expect(
            kommune.description?.nb.contains("løftet ut") == false, "the description no longer states the move as fact")
    }

    @Test func theTwoMembersOfForumAndFagutvalgAreOtherInformantsThanTheForumLeader() throws {
        #expect(try #require(d.informant("cf3-sam-leder")).description == nil)
        #expect(try #require(d.actor("cf3-sam")).notes.contains { $0.nb.contains("to andre informanter enn lederen") })
    }

    @Test func theSpecialNeedsTeamStandsApartFromThePPTjeneste() throws {
        let team = try #require(d.actor("cf3-pp1-spesped"))
        #expect(team.kind == .spesped && team.level == 4)
        #expect(d.informants(of: "cf3-pp1-spesped").map(\.role) == ["en leder for spesialpedagogisk team"])
        #expect(!d.informants(of: "cf3-pp1-ppt").map(\.role).contains("en leder for spesialpedagogisk team"))
        #expect(cites(team.evidence, 892, 893) && cites(team.evidence, 2730, 2731))
    }

    @Test func thePilotsRunFromTheStateGovernorToThePPTjenesteNotThroughTheForum() {
        for id in [
            "cf3-pp1-ppt", "cf3-pp2-ppt", "cf3-pp1-kommune", "cf3-pp2-kommune", "cf3-pp1-skole", "cf3-pp2-barnehage"
        ] {
            let path = d.path(to: id).map(\.id)
            #expect(!path.contains("cf3-sam"), "\(id): \(path)")
            #expect(path.first == "cf3-sf", "\(id): \(path)")
        }
        #expect(d.actor("cf3-pp1-ppt").map { cites($0.evidence, 868, 869) } == true)
    }

    @Test func chainTwoOfCountyOneSaysItsNotInterviewedNoteIsInferred() throws {
        let kindergarten = try #require(d.actor("cf1-tk2-barnehage"))
        #expect(kindergarten.notes.allSatisfy { $0.nb.hasPrefix("Utledet, ikke uttalt") })
        #expect(cites(kindergarten.evidence, 816, 817))
        for i in d.informants where i.id.hasPrefix("cf1-tk2-") {
            #expect(i.description?.nb.hasPrefix("Utledet") == true, "\(i.id)")
        }
    }

    @Test func theMissingEvidenceIsThereAndRolesAreTheReportsWords() throws {
        let kommuneD = try #require(d.chain("cf2-tk2"))
        #expect(cites(kommuneD.evidence, 846, 847) && cites(kommuneD.evidence, 855, 855))
        #expect(d.actor("cf3-sf").map { cites($0.evidence, 903, 905) } == true)
        #expect(d.informant("cf3-sam-rep")?.role == "representanter for samarbeidsforumet")
        let fag = try #require(d.actor("cf3-fag"))
        #expect(
            fag.name.hasPrefix("Fagutvalgene") && cites(fag.evidence, 3032, 3032) && cites(fag.evidence, 1969, 1970))
    }

    // MARK: attributions

    @Test func theUHInformantOf64RestsOnTheReportsRealEvidence() throws {
        for n in 1...7 {
            let e = try #require(d.excerpt("ex-6.4-0\(n)"))
            #expect(e.attribution.county == 1 && e.attribution.confidence == .inferred && e.speaker.informant == nil)
            #expect(cites(e.attribution.evidence, 3017, 3022) && cites(e.attribution.evidence, 3034, 3037), "\(e.id)")
        }
        let note = try #require(d.excerpt("ex-6.4-01")?.attribution.note)
        #expect(!note.en.contains("ruled out by the numbers") && !note.en.contains("single-municipality"))
        #expect(
            note.nb.contains("l. 3029–3037") && note.en.contains("l. 3029–3037"),
            "addresses that the quote follows the pilot 1 paragraph")
    }

    @Test func aTitleListedInOneCaseTiesAnExcerptAResponsibilityDoesNot() throws {
        let chief = try #require(d.excerpt("ex-6.2-12")), responsible = try #require(d.excerpt("ex-5.5-02"))
        #expect(chief.attribution.confidence == .inferred && chief.attribution.chain == "cf3-pp1")
        #expect(cites(chief.attribution.evidence, 893, 893) && cites(chief.attribution.evidence, 3029, 3032))
        #expect(responsible.attribution.confidence == .unknown)
        #expect(responsible.attribution.note?.nb.contains("samme regel som ex-6.2-12") == true)
    }

    @Test func theRejudgedAttributionsSayWhy() throws {
        let analysis = try #require(d.excerpt("ex-5.5-01"))
        #expect(analysis.attribution.confidence == .unknown && analysis.attribution.county == nil)
        #expect(analysis.attribution.note?.nb.contains("andre kommuners") == true)
        let informant = try #require(d.excerpt("ex-6.2-05"))
        #expect(informant.attribution.confidence == .inferred)
        #expect(informant.attribution.note?.nb.contains("«En informant fra UH-sektoren» (l. 2783)") == true)
    }

    @Test func whereANoteReliesOnASecondPassageThatPassageIsEvidence() throws {
        let pairs: [(String, Int, Int)] = [
            ("ex-5.2-01", 1969, 1970), ("ex-5.4-01", 787, 790), ("ex-5.4-05", 2198, 2200), ("ex-5.4-06", 886, 888),
            ("ex-5.5-04", 903, 905), ("ex-6.2-01", 2794, 2797), ("ex-6.2-09", 787, 790), ("ex-6.4-08", 903, 905)
        ]
        for (id, a, b) in pairs {
            let e = try #require(d.excerpt(id))
            #expect(
                e.attribution.evidence.count >= 2 && cites(e.attribution.evidence, a, b), "\(id) lacks lines \(a)–\(b)")
        }
    }

    // MARK: lead-ins, codings, documents

    @Test func theLeadInOf56_05StartsWhereItsSentenceDoes() {
        #expect(d.excerpt("ex-5.6-05")?.leadIn?.lines == LineRange(2522, 2523))
    }

    @Test func theReportsCodingFollowsWhereTheReportDiscussesTheExcerpt() {
        #expect(
            d.referenceCodes(of: "ex-5.6-05").contains("laerende-organisasjon"),
            "reprinted in 7.2 on learning organisations")
        #expect(d.referenceCodes(of: "ex-6.3-02").contains("lokal-forankring"), "its own section's theme")
        for id in ["ex-6.2-03", "ex-6.2-04"] {
            #expect(!d.referenceCodes(of: id).contains("medvirkning"), "\(id): a word match, not the theme")
        }
        #expect(
            !d.referenceCodes(of: "ex-5.6-03").contains("samskapt-laering"),
            "the report does not discuss it as samskapt læring")
    }

    @Test func theReportsOwnMappingOfQuestionsToSectionsIsRecorded() {
        for q in d.researchQuestions {
            let section = q.id <= 4 ? "8.1" : q.id <= 7 ? "8.2" : "8.3"
            #expect(q.discussedIn?.section?.hasPrefix(section) == true, "question \(q.id)")
            #expect(q.discussedIn.map { 4014...4015 ~= $0.lines.start } == true)
        }
        for id in 5...7 {
            #expect(
                d.researchQuestions[id - 1].alsoAt.contains { $0.lines == LineRange(2635 + id, 2635 + id) },
                "question \(id) in chapter 6")
        }
    }

    @Test func attentionPointSevenComesFromDelrapport1() throws {
        let point = try #require(d.attentionPoints.first { $0.id == "op-7" })
        #expect(cites(point.evidence, 4283, 4285))
    }

    @Test func surveyValuesShowAsPrinted() throws {
        let t45 = try #require(d.surveyTables.first { $0.id == "4.5" }),
            t43 = try #require(d.surveyTables.first { $0.id == "4.3" })
        let statped = try #require(t45.rows.first { $0.label == "Statped" })
        #expect(t45.printed(statped.values[1], column: 1) == "2,00")
        let kommune = try #require(t43.rows.first { $0.label.hasPrefix("Kommune") })
        #expect(t43.printed(kommune.values[4], column: 4) == "1,30")
        #expect(t43.notes.contains { $0.en.contains("færre enn åtte") && $0.en.contains("over 8") })
        #expect(t43.notes.contains { $0.en.contains("fylkeskommunene") })
        #expect(
            d.surveyTables.allSatisfy { $0.decimals.count == $0.columns.count },
            "every table says how it prints its numbers")
    }
}
