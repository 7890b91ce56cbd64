import Foundation
import Testing
@testable import CaseCore

@Suite struct BundledDataTests {
    let d = Fixtures.dataset

    @Test func holdsTheThreeCountiesAndTheirSixChains() {
        #expect(d.counties.map(\.id) == [1, 2, 3])
        #expect(d.counties.map(\.name) == ["Casefylke 1", "Casefylke 2", "Casefylke 3"])
        #expect(Set(d.chains.map(\.id)) == ["cf1-tk1", "cf1-tk2", "cf2-tk1", "cf2-tk2", "cf3-pp1", "cf3-pp2"])
        #expect(d.chain("cf1-tk1")?.municipality == "kommune A")
        #expect(d.chain("cf1-tk1")?.fundingYear == 2021)
        #expect(d.chain("cf1-tk1")?.measurement == "midtpunktsmåling")
        #expect(d.chain("cf1-tk2")?.fundingYear == 2022)
        #expect(d.chain("cf2-tk1")?.municipality == "kommune C")
        #expect(d.chain("cf2-tk2")?.municipality == "kommune D")
        #expect(d.chain("cf3-pp2")?.description.nb.contains("syv kommuner") == true)
    }

    @Test func everyChainRunsFromTheStateGovernorDownToTheUnits() {
        for chain in d.chains {
            let actors = d.actors(inChain: chain.id)
            let levels = Set(actors.compactMap(\.level))
            #expect(levels == [1, 2, 3, 4], "chain \(chain.id) has levels \(levels)")
            for unit in actors where unit.level == 4 {
                #expect(
                    d.path(to: unit.id).first?.kind == .statsforvalter, "\(unit.id) does not reach the statsforvalter")
            }
        }
    }

    @Test func partnersStandBesideTheChainWithoutALevel() {
        for kind in [ActorKind.uh, .statped, .arbeidsgruppe] {
            #expect(
                d.actors.filter { $0.kind == kind }.allSatisfy {
                    $0.level == nil && $0.parent == nil || $0.kind == .arbeidsgruppe
                })
        }
        #expect(d.actor("cf3-fag")?.kind == .fagutvalg)
        #expect(d.actor("cf3-fag")?.parent == "cf3-sam")
    }

    @Test func keepsTheReportsNotesOnWhoWasNotInterviewed() {
        #expect(
            d.actor("cf1-tk1-barnehage")?.notes.map(\.nb).contains("Vi har ikke intervjuet ansatte i barnehage.")
                == true)
        #expect(
            d.informants(of: "cf1-tk1-skole").map(\.role).contains("en gruppe representanter for ansattnivået i skolen")
        )
    }

    @Test func everyExcerptIsCodedByTheReportAndAttributedHonestly() {
        #expect(d.excerpts.count >= 50)
        for e in d.excerpts {
            #expect(!d.referenceCodes(of: e.id).isEmpty, "\(e.id) has no reference codes")
            if e.attribution.confidence == .unknown {
                #expect(e.attribution.county == nil)
            } else {
                #expect(!e.attribution.evidence.isEmpty, "\(e.id) has no evidence")
            }
        }
    }

    @Test func namesNoRealCountyOrMunicipality() throws {
        // The report names real counties only when quoting annual reports (table 5.1, section 5.2);
        // none of them may appear in the case data.
        let realNames = [
            "Troms", "Finnmark", "Trøndelag", "Nordland", "Vestfold", "Telemark", "Innlandet", "Rogaland", "Agder",
            "Vestland", "Viken", "Oslo", "Møre"
        ]
        for file in ["county-1.json", "county-2.json", "county-3.json", "excerpts.json"] {
            let text = try String(contentsOf: Fixtures.cases.appendingPathComponent(file), encoding: .utf8)
            for name in realNames { #expect(!text.contains(name), "\(file) names \(name)") }
        }
    }

    @Test func holdsTheResearchQuestionsAttentionPointsAndSurveyTables() {
        #expect(d.researchQuestions.map(\.id) == Array(1...10))
        #expect(d.researchQuestions[0].text == "Hva er kompetanseløftets programteori?")
        #expect(d.attentionPoints.count == 10)
        #expect(Set(d.surveyTables.map(\.id)) == ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "5.1"])
        let total = d.surveyTables.first { $0.id == "4.1" }?.rows.first { $0.label == "Totalt" }?.values.first
        #expect(total == 200)
    }
}

@Suite struct ValidationRuleTests {
    /// Loads a broken copy and returns its problems as `file: path: message` lines.
    func problems(_ change: (URL) throws -> Void) throws -> [String] {
        let folder = try Fixtures.scratchCopy()
        defer { Fixtures.remove(folder) }
        try change(folder)
        return DataFolder.loadCollectingProblems(folder).1.map(\.description)
    }

    @Test func theBundledDataHasNoProblems() {
        #expect(DataFolder.loadCollectingProblems(Fixtures.cases).1.isEmpty)
    }

    @Test func aTruncatedFileIsReportedWithLineAndColumn() throws {
        let found = try problems { folder in
            let url = folder.appendingPathComponent("county-1.json")
            let data = try Data(contentsOf: url)
            try data.prefix(data.count / 2).write(to: url)
        }
        #expect(found.count >= 1)
        #expect(
            found.contains { $0.hasPrefix("Cases/county-1.json: $: not valid JSON: line ") && $0.contains("truncated") }
                || found.contains { $0.hasPrefix("case-explorer-test") })
        #expect(found.contains { $0.contains("county-1.json: $: not valid JSON: line ") })
    }

    @Test func aDanglingParentIsReportedAtItsPath() throws {
        let found = try problems { folder in
            try Fixtures.edit(folder, "county-1.json") { o in
                var actors = o["actors"] as! [[String: Any]]
                actors[actors.index(ofId: "cf1-tk1-ppt")]["parent"] = "cf1-tk1-nowhere"
                o["actors"] = actors
            }
        }
        let index = Fixtures.dataset.actors.filter { $0.county == 1 }.firstIndex { $0.id == "cf1-tk1-ppt" }!
        #expect(
            found.contains {
                $0.hasSuffix(
                    "county-1.json: $.actors[\(index)].parent: the parent \"cf1-tk1-nowhere\" is missing: no actor has "
                        + "that id"
                )
            })
    }

    @Test func aDuplicateIdIsReportedWithTheFirstPlace() throws {
        let found = try problems { folder in
            try Fixtures.edit(folder, "excerpts.json") { o in
                var excerpts = o["excerpts"] as! [[String: Any]]
                excerpts[1]["id"] = excerpts[0]["id"]
                o["excerpts"] = excerpts
            }
        }
        let first = Fixtures.dataset.excerpts[0].id
        #expect(
            found.contains {
                $0.contains("excerpts.json: $.excerpts[1].id: duplicate excerpt id \"\(first)\" (first at ")
                    && $0.hasSuffix("excerpts.json: $.excerpts[0])")
            })
    }

    @Test func anIdSharedBetweenKindsIsAmbiguousAndReported() throws {
        let found = try problems { folder in
            try Fixtures.edit(folder, "codebook.json") { o in
                var codes = o["codes"] as! [[String: Any]]
                codes[0]["id"] = "cf1-uh"
                o["codes"] = codes
            }
        }
        #expect(
            found.contains {
                $0.contains("$.codes[0].id: the code id \"cf1-uh\" is already used by a actor")
                    || $0.contains("$.codes[0].id: the code id \"cf1-uh\" is already used by an actor")
            })
    }

    @Test func aCodeOutsideTheCodebookIsReported() throws {
        let found = try problems { folder in
            try Fixtures.edit(folder, "coding-rapport.json") { o in
                var codings = o["codings"] as! [[String: Any]]
                codings[2]["codes"] = ["ppt", "ikke-en-kode"]
                o["codings"] = codings
            }
        }
        #expect(
            found.contains {
                $0.hasSuffix(
                    "coding-rapport.json: $.codings[2].codes[1]: the code \"ikke-en-kode\" is not in the codebook")
            })
    }

    @Test func anEmptyTextIsReported() throws {
        let found = try problems { folder in
            try Fixtures.edit(folder, "excerpts.json") { o in
                var excerpts = o["excerpts"] as! [[String: Any]]
                excerpts[3]["text"] = "   "
                o["excerpts"] = excerpts
            }
        }
        #expect(found.contains { $0.hasSuffix("excerpts.json: $.excerpts[3].text: must not be empty") })
    }

    @Test func aLineRangeOutsideTheSourceIsReported() throws {
        let found = try problems { folder in
            try Fixtures.edit(folder, "excerpts.json") { o in
                var excerpts = o["excerpts"] as! [[String: Any]]
                var source = excerpts[4]["source"] as! [String: Any]
                source["lines"] = [4460, 4470]
                excerpts[4]["source"] = source
                o["excerpts"] = excerpts
            }
        }
        #expect(
            found.contains {
                $0.contains(
                    "excerpts.json: $.excerpts[4].source.lines: line range 4460–4470 lies outside the source, which "
                        + "has 4463 lines"
                )
            })
    }

    @Test func reversedLinesWrongTypesAndUnknownMembersAreReported() throws {
        let found = try problems { folder in
            try Fixtures.edit(folder, "excerpts.json") { o in
                var excerpts = o["excerpts"] as! [[String: Any]]
                var source = excerpts[0]["source"] as! [String: Any]
                source["lines"] = [20, 10]
                excerpts[0]["source"] = source
                excerpts[1]["form"] = 7
                excerpts[2]["attributon"] = [:] as [String: Any]
                o["excerpts"] = excerpts
            }
        }
        #expect(
            found.contains {
                $0.hasSuffix("$.excerpts[0].source.lines: the first line 20 comes after the last line 10")
            })
        #expect(found.contains { $0.hasSuffix("$.excerpts[1].form: expected a string, found a number") })
        #expect(found.contains { $0.contains("$.excerpts[2]: unknown member \"attributon\"") })
    }

    @Test func anUnsupportedAttributionIsReported() throws {
        let found = try problems { folder in
            try Fixtures.edit(folder, "excerpts.json") { o in
                var excerpts = o["excerpts"] as! [[String: Any]]
                let i = excerpts.firstIndex {
                    (($0["attribution"] as! [String: Any])["confidence"] as! String) == "unknown"
                }!
                var a = excerpts[i]["attribution"] as! [String: Any]
                a["county"] = 2
                excerpts[i]["attribution"] = a
                var b = excerpts[i + 1]["attribution"] as! [String: Any]
                b["confidence"] = "stated"; b["county"] = 1; b["chain"] = "cf2-tk1"; b["evidence"] = NSNull()
                excerpts[i + 1]["attribution"] = b
                o["excerpts"] = excerpts
            }
        }
        #expect(
            found.contains {
                $0.hasSuffix(
                    "attribution.confidence: an attribution with confidence \"unknown\" cannot name a county, chain or "
                        + "actor"
                )
            })
        #expect(
            found.contains {
                $0.hasSuffix("attribution.evidence: a stated attribution needs the report's sentence as evidence")
            })
        #expect(
            found.contains {
                $0.hasSuffix(
                    "attribution.chain: the chain \"cf2-tk1\" belongs to county 2, but the attribution names county 1")
            })
    }

    @Test func aCycleInParentLinksIsReportedNotLoopedForever() throws {
        let found = try problems { folder in
            try Fixtures.edit(folder, "county-1.json") { o in
                var actors = o["actors"] as! [[String: Any]]
                actors[actors.index(ofId: "cf1-sf")]["parent"] = "cf1-sam"
                o["actors"] = actors
            }
        }
        #expect(found.contains { $0.contains("parent links form a cycle") })
    }

    @Test func everyProblemIsReportedNotJustTheFirst() throws {
        let found = try problems { folder in
            try Fixtures.edit(folder, "codebook.json") { o in
                var codes = o["codes"] as! [[String: Any]]
                codes[0]["color"] = "red"
                codes[1]["parent"] = "ingen"
                codes[2]["researchQuestions"] = [11]
                o["codes"] = codes
            }
        }
        #expect(found.contains { $0.hasSuffix("$.codes[0].color: \"red\" is not a colour of the form #RRGGBB") })
        #expect(
            found.contains {
                $0.hasSuffix("$.codes[1].parent: the parent code \"ingen\" is missing: no code has that id")
            })
        #expect(found.contains { $0.hasSuffix("$.codes[2].researchQuestions[0]: unknown research question 11") })
    }

    @Test func aMissingOrEmptyFolderIsOneClearProblem() throws {
        #expect(
            DataFolder.loadCollectingProblems(URL(fileURLWithPath: "/nonexistent/Cases")).1.map(\.message) == [
                "no such data folder"
            ])
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { Fixtures.remove(empty) }
        #expect(DataFolder.loadCollectingProblems(empty).1.map(\.message) == ["the data folder holds no .json files"])
    }

    @Test func aFileThatIsNotAnObjectOrNotUTF8IsReported() throws {
        let found = try problems { folder in
            try Data("[1, 2]".utf8).write(to: folder.appendingPathComponent("extra.json"))
            try Data([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]).write(to: folder.appendingPathComponent("latin1.json"))
        }
        #expect(found.contains { $0.hasSuffix("extra.json: $: expected an object, found an array") })
        #expect(
            found.contains {
                $0.hasSuffix("latin1.json: $: not valid JSON: line 1, column 2: a string is not valid UTF-8")
            })
    }
}
