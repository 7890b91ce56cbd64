import Foundation
import Testing

@Suite struct ValidateCommandTests {
    @Test func theBundledDataIsValidFromAnyWorkingDirectory() throws {
        let r = try CLI.run(["validate"], cwd: URL(fileURLWithPath: "/"))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("valid: 3 counties, 6 chains, "))
        #expect(r.stdout.contains(" excerpts ("))
        #expect(r.stderr.isEmpty)
    }

    @Test func aBrokenCopyIsReportedWithFileAndPathAndExit65() throws {
        let folder = try CLI.scratchCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        // a truncated file, a dangling reference and a duplicate id at once
        let codebook = folder.appendingPathComponent("codebook.json")
        let data = try Data(contentsOf: codebook)
        try data.prefix(200).write(to: codebook)
        var county =
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("county-2.json")))
            as! [String: Any]
        var actors = county["actors"] as! [[String: Any]]
        actors[3]["parent"] = "finnes-ikke"
        actors[4]["id"] = actors[5]["id"]
        county["actors"] = actors
        try JSONSerialization.data(withJSONObject: county).write(to: folder.appendingPathComponent("county-2.json"))

        let r = try CLI.run(["validate", "--cases", folder.path])
        #expect(r.status == 65)
        #expect(r.stdout.isEmpty)
        let name = folder.lastPathComponent
        #expect(r.stderr.contains("\(name)/codebook.json: $: not valid JSON: line "))
        #expect(
            r.stderr.contains(
                "\(name)/county-2.json: $.actors[3].parent: the parent \"finnes-ikke\" is missing: no actor has that id"
            ))
        #expect(r.stderr.contains("\(name)/county-2.json: $.actors[5].id: duplicate actor id"))
        #expect(r.stderr.contains("case-explorer: "))
        #expect(!r.stderr.contains("Fatal error"))
    }

    @Test(
        .enabled(
            if: haveSources,
            """
            SKIPPED: the source texts are not in ../shared/source (nor beside $CASE_EXPLORER_SOURCE); the binary's \
            verbatim check did NOT run
            """
        ))
    func checksEveryExcerptVerbatimWithSource() throws {
        let source = Self.sourceFolder.appendingPathComponent("delrapport-2-2023.txt")
        let r = try CLI.run(["validate", "--source", source.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.contains(
                "every excerpt and quotation verbatim in its source (delrapport-2-2023.txt, delrapport-1-omtale.txt)"),
            "the page on Delrapport 1 is found beside the report")
    }

    /// The source texts: beside the repository (`../shared/source`), or where `CASE_EXPLORER_SOURCE` points.
    static let sourceFolder =
        ProcessInfo.processInfo.environment["CASE_EXPLORER_SOURCE"].map {
            URL(fileURLWithPath: $0).deletingLastPathComponent()
        }
        ?? CLI.repository.deletingLastPathComponent().appendingPathComponent("shared/source")
    static let haveSources = ["delrapport-2-2023.txt", "delrapport-1-omtale.txt"].allSatisfy {
        FileManager.default.fileExists(atPath: sourceFolder.appendingPathComponent($0).path)
    }

    @Test(
        .enabled(
            if: haveSources,
            """
            SKIPPED: the source texts are not in ../shared/source (nor beside $CASE_EXPLORER_SOURCE); the binary's \
            verbatim check did NOT run
            """
        ))
    func aChangedLetterInADelrapport1QuoteFailsTheVerbatimCheck() throws {
        let folder = try CLI.scratchCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("delrapport-1.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "Rolleforståelsen til flere", with: "Rolleforståelsen til fiere").write(
            to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["validate", "--cases", folder.path, "--source", Self.sourceFolder.path])
        #expect(r.status == 65)
        #expect(
            r.stderr.hasPrefix("delrapport-1-omtale.txt: delrapport-1: findings[1] «Rolleforståelsen til fiere"),
            "\(r.stderr)")
        #expect(r.stderr.contains("» not found verbatim in lines 50\n"))
    }

    @Test(
        .enabled(
            if: haveSources,
            """
            SKIPPED: the source texts are not in ../shared/source (nor beside $CASE_EXPLORER_SOURCE); the binary's \
            verbatim check did NOT run
            """
        ))
    func aSourceMissingBesideTheReportIsOneSentenceAndExit66() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cli-source-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = dir.appendingPathComponent("rapport.txt")
        try FileManager.default.copyItem(
            at: Self.sourceFolder.appendingPathComponent("delrapport-2-2023.txt"), to: report)
        let r = try CLI.run(["validate", "--source", report.path])
        #expect(r.status == 66)
        #expect(
            r.stderr
                == "case-explorer: cannot find delrapport-1-omtale.txt, the text of the source "
                + "\"delrapport-1-omtale\", beside \(report.path); give it with --source to check what the data "
                + "quotes from it.\n"
        )
        // Given by name, it is found wherever it is; a file that is no source is refused.
        let both = try CLI.run([
            "validate", "--source", report.path, "--source",
            Self.sourceFolder.appendingPathComponent("delrapport-1-omtale.txt").path
        ])
        #expect(both.status == 0, "\(both.stderr)")
        let stray = try CLI.run(["validate", "--source", report.path, "--source", report.path])
        #expect(stray.status == 64 && stray.stderr.contains("is not a source text of this data"), "\(stray.stderr)")
    }

    @Test func aMissingFolderIsOneSentenceAndExit66() throws {
        let r = try CLI.run(["validate", "--cases", "/nonexistent/Cases"])
        #expect(r.status == 66)
        let r2 = try CLI.run(["list", "counties", "--cases", "/nonexistent/Cases"])
        #expect(r2.status == 66)
        #expect(r2.stderr == "case-explorer: /nonexistent/Cases: $: no such data folder\n")
    }

    @Test func runByNameFromPathThroughASymlinkFindsTheBundledCases() throws {
        // As after `ln -s …/case-explorer ~/bin`: argv[0] is the bare name, the cwd is elsewhere.
        let bin = FileManager.default.temporaryDirectory.appendingPathComponent("ce-path-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: bin) }
        try FileManager.default.createSymbolicLink(
            at: bin.appendingPathComponent("case-explorer"), withDestinationURL: CLI.binary)
        let r = try CLI.run(
            ["-c", "exec case-explorer list counties"], environment: ["PATH": bin.path + ":/usr/bin:/bin"],
            cwd: URL(fileURLWithPath: "/"), executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Casefylke 1"))
    }

    @Test func theEnvironmentVariableChoosesTheDataFolder() throws {
        let r = try CLI.run(["list", "counties"], environment: ["CASE_EXPLORER_CASES": "/nonexistent/elsewhere"])
        #expect(r.status == 66)
        #expect(r.stderr.contains("/nonexistent/elsewhere"))
    }
}

@Suite struct ListCommandTests {
    func array(_ args: [String]) throws -> [[String: Any]] {
        let r = try CLI.run(args)
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(r.json as? [[String: Any]])
    }

    @Test func excerptsHaveTheDocumentedShape() throws {
        let items = try array(["list", "excerpts", "--json"])
        #expect(items.count >= 50)
        for e in items {
            #expect(e["id"] is String)
            #expect((e["text"] as? String)?.isEmpty == false)
            #expect(e["county"] is NSNull || e["county"] is Int)
            #expect(e["chain"] is NSNull || e["chain"] is String)
            let attribution = try #require(e["attribution"] as? [String: Any])
            #expect(["stated", "inferred", "unknown"].contains(attribution["confidence"] as? String))
            #expect(attribution.keys.contains("evidence"))
            let source = try #require(e["source"] as? [String: Any])
            #expect(source["section"] is String)
            #expect(source.keys.contains("page"))
            let lines = try #require(source["lines"] as? [Int])
            #expect(lines.count == 2 && lines[0] <= lines[1])
            #expect((e["speaker"] as? [String: Any])?["role"] is String)
            #expect(((e["codes"] as? [String]) ?? []).isEmpty == false)
        }
    }

    @Test func actorsCountiesAndCodesHaveTheDocumentedShape() throws {
        let actors = try array(["list", "actors", "--json"])
        for a in actors {
            for key in ["id", "kind", "level", "parent", "chain", "county"] {
                #expect(a.keys.contains(key), "actor lacks \(key)")
            }
        }
        let ppt = try #require(actors.first { $0["id"] as? String == "cf1-tk1-ppt" })
        #expect(ppt["level"] as? Int == 4)
        #expect(ppt["parent"] as? String == "cf1-tk1-kommune")
        #expect(actors.first { $0["id"] as? String == "cf1-uh" }?["level"] is NSNull)

        let counties = try array(["list", "counties", "--json"])
        #expect(counties.map { $0["id"] as? Int } == [1, 2, 3])
        let chains = try #require(counties[0]["chains"] as? [[String: Any]])
        #expect(chains.map { $0["id"] as? String } == ["cf1-tk1", "cf1-tk2"])
        #expect(chains.map { $0["fundingYear"] as? Int } == [2021, 2022])
        #expect(counties[0]["name"] as? String == "Casefylke 1")

        let codes = try array(["list", "codes", "--json"])
        for c in codes {
            for key in ["id", "name", "description", "parent", "color", "researchQuestions"] {
                #expect(c.keys.contains(key), "code lacks \(key)")
            }
        }
    }

    @Test func filtersNarrowTheList() throws {
        let county3 = try array(["list", "excerpts", "--county", "3", "--json"])
        #expect(!county3.isEmpty)
        #expect(county3.allSatisfy { $0["county"] as? Int == 3 })
        let inferred = try array(["list", "excerpts", "--confidence", "inferred", "--kind", "uh", "--json"])
        #expect(inferred.allSatisfy { ($0["attribution"] as? [String: Any])?["confidence"] as? String == "inferred" })
        let chain = try array(["list", "actors", "--chain", "cf2-tk1", "--json"])
        #expect(chain.allSatisfy { ($0["chain"] as? String).map { $0 == "cf2-tk1" } ?? ($0["county"] as? Int == 2) })
    }

    @Test func theTableShowsNorwegianLettersAndACount() throws {
        let r = try CLI.run(["list", "excerpts", "--county", "1"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("ø") || r.stdout.contains("å") || r.stdout.contains("æ"))
        #expect(r.stdout.contains("excerpts (county 1)."))
    }

    @Test func excerptsThatMatchNothingAreExit1LikeASearch() throws {
        let r = try CLI.run(["list", "excerpts", "--confidence", "stated"])
        #expect(r.status == 1 && r.stdout.isEmpty)
        #expect(r.stderr == "case-explorer: no excerpt matches (confidence stated).\n")
        let json = try CLI.run(["list", "excerpts", "--confidence", "stated", "--json"])
        #expect(json.status == 0 && json.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test func badInputIsOneSentenceAndANonZeroExit() throws {
        for args in [
            ["list", "excerpts", "--county", "9"], ["list", "excerpts", "--chain", "nope"],
            ["list", "excerpts", "--code", "nope"],
            ["list", "excerpts", "--level", "7"], ["list", "nonsense"], ["list", "excerpts", "--county", "x"],
            ["list", "excerpts", "--confidence", "sure"]
        ] {
            let r = try CLI.run(args)
            #expect(r.status == 64, "\(args): \(r.status)")
            #expect(r.stdout.isEmpty)
            #expect(!r.stderr.isEmpty && !r.stderr.contains("Fatal error") && !r.stderr.contains("Stack"))
        }
    }
}

@Suite struct ShowAndSearchCommandTests {
    @Test func filterWordsInTheSearchNarrowLikeTheOptions() throws {
        let inline = try CLI.run(["search", "det", "kind:ppt", "--json"])
        let options = try CLI.run(["search", "det", "--kind", "ppt", "--json"])
        #expect(inline.status == 0 && inline.stdout == options.stdout)
        #expect(((inline.json as? [[String: Any]])?.count ?? 0) > 0)
        let bad = try CLI.run(["search", "det", "kind:pp"])
        #expect(bad.status == 64)
        #expect(bad.stderr.hasPrefix("case-explorer: kind:pp — the kinds are statsforvalter"))
        let only = try CLI.run(["search", "kind:ppt"])
        #expect(only.status == 64 && only.stderr.contains("besides the filters"))
        let quoted = try CLI.run(["search", "\"kind:ppt\""])
        #expect(quoted.status == 1, "quoted, it is text to find")
    }

    @Test func showsAnExcerptWithItsContext() throws {
        let r = try CLI.run(["show", "ex-6.4-01"])
        #expect(r.status == 0)
        for label in ["Text", "Lead-in", "Speaker", "Section", "Lines", "Attribution", "Evidence", "Codes"] {
            #expect(r.stdout.contains(label), "no \(label)")
        }
        #expect(r.stdout.contains("inferred — Casefylke 1"))
        let j = try CLI.run(["show", "ex-6.4-01", "--json"])
        let o = try #require(j.json as? [String: Any])
        #expect(o["id"] as? String == "ex-6.4-01")
    }

    @Test func showsEveryKindOfEntity() throws {
        for id in ["1", "cf1-tk1", "cf1-tk1-ppt", "cf1-tk1-skole-ansatte", "ppt", "4.1"] {
            let r = try CLI.run(["show", id])
            #expect(r.status == 0, "\(id): \(r.stderr)")
            #expect(!r.stdout.isEmpty)
        }
        let chain = try CLI.run(["show", "cf1-tk1"])
        #expect(chain.stdout.contains("Statsforvalteren (casefylke 1)"))
        #expect(chain.stdout.contains("PP-tjenesten (kommune A)"))
    }

    @Test func showFollowsTheLanguageInItsLabelsAndTheProjectsNotes() throws {
        let nb = try CLI.run(["show", "ex-7.2-03", "--lang", "nb"])
        #expect(nb.status == 0)
        for label in ["Tekst", "Innledning", "Taler", "Avsnitt", "Linjer", "Tilknytning", "Begrunnelse", "Koder"] {
            #expect(nb.stdout.contains(label), "no \(label)")
        }
        #expect(nb.stdout.contains("Et anonymt fritekstsvar") && !nb.stdout.contains("This is an anonymous"))
        #expect(nb.stdout.contains("ukjent — "))
        let en = try CLI.run(["show", "ex-7.2-03", "--lang", "en"])
        #expect(en.stdout.contains("Why") && en.stdout.contains("This is an anonymous survey free-text answer"))
        let fromLANG = try CLI.run(["show", "cf3-pp1-kommune"], environment: ["LANG": "nb_NO.UTF-8"])
        #expect(fromLANG.stdout.contains("Merknad") && fromLANG.stdout.contains("Utledet, ikke uttalt"))
        let table = try CLI.run(["show", "4.5", "--lang", "nb"])
        #expect(table.stdout.contains("2,00"), "values as printed")
    }

    @Test func showsDelrapport1WithItsSourceAndTheReportsReferences() throws {
        let nb = try CLI.run(["show", "delrapport-1", "--lang", "nb"])
        #expect(nb.status == 0, "\(nb.stderr)")
        #expect(nb.stdout.contains("Kilde           utgiverens side om Delrapport 1 (delrapport-1-omtale.txt)"))
        #expect(
            nb.stdout.contains("Forfattere      Christian Wendelborg, Cay Gjerustad") && nb.stdout.contains("linje 23)")
        )
        #expect(nb.stdout.components(separatedBy: "Hovedfunn ").count == 4, "three main findings")
        #expect(nb.stdout.components(separatedBy: "Henvisning ").count == 9, "eight places in the report")
        #expect(nb.stdout.contains("8.3 Utviklingen av kompetanseløftet (linje 4282-4285)"))
        let json = try #require(try CLI.run(["show", "delrapport-1", "--json"]).json as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.map { $0["lines"] as? [Int] } == [[49, 49], [50, 50], [51, 51]])
        #expect(findings.allSatisfy { $0["source"] as? String == "delrapport-1-omtale" })
        let references = try #require(json["referencedAt"] as? [[String: Any]])
        #expect(references.count == 8 && references.allSatisfy { $0["source"] as? String == "delrapport-2-2023" })
        #expect(references.map { $0["attentionPoint"] as? String }.compactMap { $0 } == ["op-7"])
        let sources = try #require(json["sources"] as? [[String: Any]])
        #expect(
            sources.first?["file"] as? String == "delrapport-1-omtale.txt" && sources.first?["lineCount"] as? Int == 77)
        // Every piece of evidence names its source in JSON, the report's by the study's id.
        let actor = try #require(try CLI.run(["show", "cf3-sf", "--json"]).json as? [String: Any])
        #expect(
            (actor["evidence"] as? [[String: Any]])?.allSatisfy { $0["source"] as? String == "delrapport-2-2023" }
                == true)
        let list = try CLI.run(["list", "reports"])
        #expect(list.status == 0 && list.stdout.contains("delrapport-1  2022  3         8"), "\(list.stdout)")
        #expect((try CLI.run(["list", "reports", "--json"]).json as? [[String: Any]])?.count == 1)
    }

    @Test func anUnknownIdIsOneSentenceAndExit1() throws {
        let r = try CLI.run(["show", "ex-99"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("case-explorer: nothing has the id \"ex-99\""))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func searchesWithNorwegianLettersAndFolding() throws {
        let exact = try CLI.run(["search", "søknader", "--json"])
        #expect(exact.status == 0)
        let hits = try #require(exact.json as? [[String: Any]])
        #expect(!hits.isEmpty)
        #expect(hits.allSatisfy { ($0["matches"] as? [[Int]])?.isEmpty == false })

        let unfolded = try CLI.run(["search", "soknader"])
        #expect(unfolded.status == 1)
        #expect(unfolded.stderr.contains("--fold"))

        let folded = try CLI.run(["search", "soknader", "--fold", "--json"])
        #expect((folded.json as? [[String: Any]])?.count == hits.count)
    }

    @Test func highlightsTheMatchInTheTable() throws {
        let r = try CLI.run(["search", "skjemavelde"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("»skjemavelde«"))
        #expect(r.stdout.contains("1 excerpt found."))
    }

    @Test func anEmptyQueryIsRefused() throws {
        let r = try CLI.run(["search", " "])
        #expect(r.status == 64)
    }
}
