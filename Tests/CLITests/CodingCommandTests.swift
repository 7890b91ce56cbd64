import CaseCore
import Foundation
import Testing
#if canImport(Glibc)
    import Glibc
#endif

@Suite struct CodingCommandTests {
    func workspace() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("cli-ws-\(UUID().uuidString)").path
    }

    /// A fingerprint of every file under Cases/: names, sizes and contents.
    func casesFingerprint() throws -> String {
        let root = CLI.repository.appendingPathComponent("Cases")
        let files = try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted()
        return try files.map { name in
            let data = (try? Data(contentsOf: root.appendingPathComponent(name))) ?? Data()
            return "\(name):\(data.count):\(data.hashValue)"
        }.joined(separator: "|")
    }

    @Test func recordsDecisionsPrintsSavedAndExportsThem() throws {
        let ws = workspace()
        defer { try? FileManager.default.removeItem(atPath: ws) }
        let before = try casesFingerprint()
        let common = ["--workspace", ws, "--coder", "anna"]
        #expect(
            try CLI.run(["coding", "set", "--excerpt", "ex-5.3-02", "--codes", "ordninger,ppt"] + common).stdout
                == "saved 1\n")
        #expect(
            try CLI.run(["coding", "apply", "--excerpt", "ex-5.3-02", "--code", "statped"] + common).stdout
                == "saved 2\n")
        #expect(
            try CLI.run(["coding", "remove", "--excerpt", "ex-5.3-02", "--code", "ppt"] + common).stdout == "saved 3\n")
        #expect(
            try CLI.run(
                ["coding", "memo", "--excerpt", "ex-5.3-02", "--text", "Søknadene – «et hav»\nandre linje"] + common
            ).stdout == "saved 4\n")
        #expect(try CLI.run(["coding", "set", "--excerpt", "ex-5.3-04", "--codes", ""] + common).stdout == "saved 5\n")
        #expect(
            try CLI.run(["coding", "status", "--excerpt", "ex-5.3-05", "--status", "discuss"] + common).stdout
                == "saved 6\n")
        let export = try CLI.run(["coding", "export", "--json"] + common)
        #expect(export.status == 0)
        let items = try #require(export.json as? [[String: Any]])
        #expect(items.map { $0["excerpt"] as? String } == ["ex-5.3-02", "ex-5.3-04", "ex-5.3-05"])
        #expect(items[0]["codes"] as? [String] == ["ordninger", "statped"])
        #expect(items[0]["status"] as? String == "reviewed")
        #expect(items[0]["memo"] as? String == "Søknadene – «et hav»\nandre linje")
        #expect(
            items[1]["codes"] as? [String] == [] && items[1]["status"] as? String == "reviewed",
            "reviewed with no codes")
        #expect(items[2]["status"] as? String == "discuss")
        let log = try CLI.run(["coding", "log"] + common)
        #expect(log.stdout.contains("#3  "))
        #expect(log.stdout.contains("removed ppt; replaced codes [ordninger, ppt, statped]"))
        #expect(try casesFingerprint() == before, "a coder's work never changes Cases/")
        #expect(!FileManager.default.fileExists(atPath: CLI.repository.appendingPathComponent("Cases/journals").path))
    }

    @Test func refusesUnknownIdsAndCodersWithASentence() throws {
        let ws = workspace()
        defer { try? FileManager.default.removeItem(atPath: ws) }
        for (args, fragment) in [
            (["coding", "apply", "--excerpt", "ex-0", "--code", "ppt"], "there is no excerpt \"ex-0\""),
            (["coding", "apply", "--excerpt", "ex-5.3-02", "--code", "nope"], "there is no code \"nope\""),
            (["coding", "set", "--excerpt", "ex-5.3-02", "--codes", "ppt,nope"], "there is no code \"nope\""),
            (
                ["coding", "apply", "--excerpt", "ex-5.3-02", "--code", "ppt", "--coder", "rapport"],
                "report's own coding"
            ),
            (
                ["coding", "apply", "--excerpt", "ex-5.3-02", "--code", "ppt", "--coder", "../x"],
                "not a usable coder name"
            )
        ] {
            let r = try CLI.run(args + ["--workspace", ws] + (args.contains("--coder") ? [] : ["--coder", "anna"]))
            #expect(r.status != 0, "\(args)")
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.contains(fragment), "\(args): \(r.stderr)")
        }
        let none = try CLI.run(["coding", "export", "--workspace", ws, "--coder", "nobody"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("coder \"nobody\" has no journal"))
        let inside = try CLI.run([
            "coding", "apply", "--excerpt", "ex-5.3-02", "--code", "ppt", "--coder", "anna", "--workspace",
            CLI.repository.appendingPathComponent("Cases/ws").path
        ])
        #expect(inside.status == 64)
        #expect(inside.stderr.contains("inside the data folder"))
    }

    @Test func theReferenceCodingExportsFromTheData() throws {
        let r = try CLI.run(["coding", "export", "--coder", "rapport", "--json"])
        let items = try #require(r.json as? [[String: Any]])
        #expect(items.count >= 50)
    }

    @Test func aSecondProcessCannotWriteWhileTheFirstHoldsTheJournal() throws {
        let ws = workspace()
        defer { try? FileManager.default.removeItem(atPath: ws) }
        let holder = try Journal(workspace: Workspace(root: URL(fileURLWithPath: ws)), coder: "anna")
        _ = try holder.append(CodingEvent(coder: "anna", excerpt: "ex-5.3-02", action: .apply, code: "ppt"))
        let r = try CLI.run([
            "coding", "apply", "--excerpt", "ex-5.3-02", "--code", "statped", "--workspace", ws, "--coder", "anna"
        ])
        #expect(r.status == 1)
        #expect(r.stderr.contains("being written by another process (pid \(getpid()))"))
        let read = try CLI.run(["coding", "export", "--json", "--workspace", ws, "--coder", "anna"])
        #expect(read.status == 0, "reading works while another process writes")
        #expect((read.json as? [[String: Any]])?.first?["codes"] as? [String] == ["ppt"])
    }

    /// Starts `coding apply` again and again and kills it with SIGKILL at random moments; every
    /// decision that printed `saved N` must be in the export afterwards.
    @Test func everyAcknowledgedDecisionSurvivesSIGKILL() throws {
        let ws = workspace()
        defer { try? FileManager.default.removeItem(atPath: ws) }
        let codes = Fixtures.codes
        var acknowledged: [(seq: Int, excerpt: String, code: String)] = []
        var generator = SystemRandomNumberGenerator()
        let excerpts = ["ex-5.3-02", "ex-5.3-03", "ex-5.3-04", "ex-5.4-03", "ex-6.2-01"]
        for round in 0..<60 {
            let excerpt = excerpts[round % excerpts.count], code = codes[round % codes.count]
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = [
                "coding", "apply", "--excerpt", excerpt, "--code", code, "--workspace", ws, "--coder", "kill"
            ]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Most kills land within the first 60 ms; every fourth waits up to half a second, so
            // some runs reach "saved" even when the machine is loaded by a parallel test run.
            usleep(UInt32.random(in: 0...(round % 4 == 3 ? 500_000 : 60_000), using: &generator))
            kill(process.processIdentifier, SIGKILL)
            let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            if let line = printed.split(separator: "\n").first(where: { $0.hasPrefix("saved ") }),
                let seq = Int(line.dropFirst(6))
            {
                acknowledged.append((seq, excerpt, code))
            }
        }
        #expect(!acknowledged.isEmpty, "no run got as far as saving; the kill test tested nothing")
        let journal = try Journal(workspace: Workspace(root: URL(fileURLWithPath: ws)), coder: "kill", mode: .readOnly)
        for a in acknowledged {
            let event = journal.events.first { $0.sequence == a.seq }
            #expect(event?.excerpt == a.excerpt && event?.code == a.code, "acknowledged #\(a.seq) is missing")
            #expect(journal.state[a.excerpt].touched)
        }
        // And a writer after the kills loads whatever is there without losing them.
        let writer = try Journal(workspace: Workspace(root: URL(fileURLWithPath: ws)), coder: "kill")
        #expect(Set(acknowledged.map(\.seq)).isSubset(of: Set(writer.events.map(\.sequence))))
    }
}

enum Fixtures {
    static let codes = ["ppt", "statped", "uh-rolle", "partnerskap", "ordninger", "tverrfaglig"]
}

@Suite struct AgreementCommandTests {
    @Test func reportsTheDocumentedJSONShapeWithTheUnitStated() throws {
        let ws = FileManager.default.temporaryDirectory.appendingPathComponent("cli-agree-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: ws) }
        for (e, codes) in [
            ("ex-5.3-02", "ordninger,soknad-rapportering"), ("ex-5.3-03", "ordninger"), ("ex-5.3-04", "")
        ] {
            _ = try CLI.run(["coding", "set", "--excerpt", e, "--codes", codes, "--workspace", ws, "--coder", "anna"])
            _ = try CLI.run(["coding", "set", "--excerpt", e, "--codes", codes, "--workspace", ws, "--coder", "bo"])
        }
        _ = try CLI.run([
            "coding", "apply", "--excerpt", "ex-5.3-04", "--code", "ppt", "--workspace", ws, "--coder", "bo"
        ])
        let r = try CLI.run(["agreement", "--coders", "anna,bo", "--workspace", ws, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(r.json as? [String: Any])
        #expect(o["unit"] as? String == "excerpt")
        #expect(o["coders"] as? [String] == ["anna", "bo"])
        #expect(o["excerpts"] as? Int == 3)
        let overall = try #require(o["overall"] as? [String: Any])
        for key in ["percentAgreement", "cohenKappa", "krippendorffAlpha", "fleissKappa"] {
            #expect(overall.keys.contains(key))
        }
        #expect(overall["fleissKappa"] is NSNull)
        let codes = try #require(o["codes"] as? [[String: Any]])
        #expect(
            codes.map { $0["code"] as? String }
                == ["ppt", "ordninger", "soknad-rapportering"].sorted { a, b in
                    let order = Fixtures.codebookOrder
                    return order.firstIndex(of: a!)! < order.firstIndex(of: b!)!
                })
        for c in codes {
            for key in ["code", "n", "percentAgreement", "cohenKappa", "krippendorffAlpha"] {
                #expect(c.keys.contains(key))
            }
        }
        #expect(((o["notes"] as? [String]) ?? []).contains { $0.contains("Unit of analysis") })
        let three = try CLI.run(["agreement", "--coders", "anna,bo,rapport", "--workspace", ws, "--json"])
        let o3 = try #require(three.json as? [String: Any])
        #expect((o3["overall"] as? [String: Any])?["cohenKappa"] is NSNull)
        #expect((o3["overall"] as? [String: Any])?["fleissKappa"] is Double)
        let table = try CLI.run(["agreement", "--coders", "anna,bo", "--workspace", ws])
        #expect(table.stdout.contains("unit of analysis: one excerpt"))
    }

    @Test func badCodersAreOneSentence() throws {
        #expect(try CLI.run(["agreement", "--coders", "anna"]).status == 64)
        let r = try CLI.run(["agreement", "--coders", "nobody,rapport", "--workspace", "/tmp/none-\(UUID().uuidString)"]
        )
        #expect(r.status == 1)
        #expect(r.stderr.contains("coder \"nobody\" has no journal"))
    }
}

extension Fixtures {
    static let codebookOrder: [String] = {
        let url = CLI.repository.appendingPathComponent("Cases/codebook.json")
        let o = try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        return (o["codes"] as! [[String: Any]]).map { $0["id"] as! String }
    }()
}

@Suite struct MatrixCommandTests {
    @Test func casesAndCooccurrenceInEveryFormat() throws {
        let json = try CLI.run(["matrix", "cases", "--by", "county", "--json"])
        #expect(json.status == 0)
        let o = try #require(json.json as? [String: Any])
        #expect(o["unit"] as? String == "excerpt")
        #expect(o["coder"] as? String == "rapport")
        let rows = try #require(o["rows"] as? [String])
        #expect(rows == ["Casefylke 1", "Casefylke 2", "Casefylke 3", "(ikke plassert)"])
        let counts = try #require(o["counts"] as? [[Int]])
        let columns = try #require(o["columns"] as? [String])
        #expect(counts.count == rows.count && counts.allSatisfy { $0.count == columns.count })
        let csv = try CLI.run(["matrix", "cooccurrence", "--csv"])
        let lines = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines[0].hasPrefix("code,"))
        #expect(lines.count == columns.count + 1 || lines.count > 2)
        let diagonal = lines[1].split(separator: ",")
        #expect(Int(diagonal[1]) ?? 0 > 0, "the diagonal counts the code's own excerpts")
        for by in ["chain", "level", "kind"] {
            #expect(try CLI.run(["matrix", "cases", "--by", by]).status == 0)
        }
        #expect(try CLI.run(["matrix", "cases", "--csv", "--json"]).status == 64)
        #expect(try CLI.run(["matrix", "nonsense"]).status == 64)
    }
}

@Suite struct SignalDurabilityTests {
    /// SIGTERM, SIGHUP and SIGINT at random moments during `coding apply`: whatever printed
    /// `saved N` is in the journal, and the journal always loads.
    @Test func acknowledgedDecisionsSurviveTermHupAndInt() throws {
        let ws = FileManager.default.temporaryDirectory.appendingPathComponent("cli-sig-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: ws) }
        var acknowledged: [Int] = []
        var generator = SystemRandomNumberGenerator()
        for round in 0..<45 {
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = [
                "coding", "apply", "--excerpt", "ex-5.3-0\(2 + round % 4)", "--code",
                Fixtures.codes[round % Fixtures.codes.count], "--workspace", ws, "--coder", "sig"
            ]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 0...50_000, using: &generator))
            kill(process.processIdentifier, [SIGTERM, SIGHUP, SIGINT][round % 3])
            let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            if let line = printed.split(separator: "\n").first(where: { $0.hasPrefix("saved ") }),
                let seq = Int(line.dropFirst(6))
            {
                acknowledged.append(seq)
            }
        }
        let journal = try Journal(workspace: Workspace(root: URL(fileURLWithPath: ws)), coder: "sig", mode: .readOnly)
        let present = Set(journal.events.map(\.sequence))
        for seq in acknowledged { #expect(present.contains(seq), "acknowledged #\(seq) is missing") }
    }
}

@Suite struct DamagedJournalCommandTests {
    @Test func exportReportsDamageAndKeepsEveryCompleteDecision() throws {
        let ws = FileManager.default.temporaryDirectory.appendingPathComponent("cli-damaged-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: ws) }
        for code in ["ppt", "statped", "uh-rolle"] {
            _ = try CLI.run([
                "coding", "apply", "--excerpt", "ex-5.3-02", "--code", code, "--coder", "d", "--workspace", ws
            ])
        }
        let url = URL(fileURLWithPath: ws).appendingPathComponent("journals/d.jsonl")
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        lines.insert("{\"seq\": 99, garbage", at: 1)
        try (lines.joined(separator: "\n") + "{\"seq\":4,\"ti").write(to: url, atomically: true, encoding: .utf8)
        let r = try CLI.run(["coding", "export", "--json", "--coder", "d", "--workspace", ws])
        #expect(r.status == 0)
        #expect(r.stderr.contains("d.jsonl: line 2: not valid JSON"))
        #expect(r.stderr.contains("incomplete last line"))
        let items = try #require(r.json as? [[String: Any]])
        #expect(items.first?["codes"] as? [String] == ["ppt", "statped", "uh-rolle"])
        // Read-only: the damaged tail is left for the writer, who moves it aside.
        let w = try CLI.run([
            "coding", "apply", "--excerpt", "ex-5.3-03", "--code", "ppt", "--coder", "d", "--workspace", ws
        ])
        #expect(w.stdout == "saved 4\n")
        #expect(w.stderr.contains("moved aside to d.jsonl.damaged-"))
    }
}
