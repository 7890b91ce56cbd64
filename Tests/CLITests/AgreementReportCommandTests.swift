import Foundation
import Testing

/// `agreement` with intervals, seeds, diagnoses and the Markdown methods text, through the binary.
@Suite struct AgreementReportCommandTests {
    /// anna and bo over five excerpts; bo applies ppt once where anna does not.
    func workspace() throws -> String {
        let ws = FileManager.default.temporaryDirectory.appendingPathComponent("cli-agree-ci-\(UUID().uuidString)").path
        for (e, codes) in [
            ("ex-5.3-02", "ordninger,ppt"), ("ex-5.3-03", "ordninger"), ("ex-5.3-04", ""), ("ex-5.3-05", "ppt"),
            ("ex-5.3-01", "ordninger")
        ] {
            for coder in ["anna", "bo"] {
                let r = try CLI.run([
                    "coding", "set", "--excerpt", e, "--codes", codes, "--workspace", ws, "--coder", coder
                ])
                #expect(r.status == 0, "\(r.stderr)")
            }
        }
        _ = try CLI.run([
            "coding", "apply", "--excerpt", "ex-5.3-04", "--code", "ppt", "--workspace", ws, "--coder", "bo"
        ])
        return ws
    }

    @Test func jsonCarriesTheNewCoefficientsIntervalsAndDiagnoses() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(atPath: ws) }
        let r = try CLI.run([
            "agreement", "--coders", "anna,bo", "--workspace", ws, "--json", "--draws", "300", "--seed", "11",
            "--min-uses", "3"
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(r.json as? [String: Any])
        #expect((o["bootstrap"] as? [String: Int]) == ["draws": 300, "seed": 11])
        #expect(o["minimumUses"] as? Int == 3)
        let codes = try #require(o["codes"] as? [[String: Any]])
        let ppt = try #require(codes.first { $0["code"] as? String == "ppt" })
        #expect(ppt["gwetAC1"] is Double && ppt["brennanPrediger"] is Double && ppt["uses"] as? Int == 3)
        let alpha = try #require((ppt["intervals"] as? [String: Any])?["krippendorffAlpha"] as? [String: Any])
        #expect(alpha["method"] as? String == "krippendorff-bootstrap")
        let diagnoses = try #require(o["diagnoses"] as? [[String: Any]])
        #expect(
            diagnoses.contains { $0["code"] as? String == "ordninger" && $0["kind"] as? String == "too-rare" } == false)
        #expect(diagnoses.allSatisfy { ($0["uses"] as? Int ?? 0) < 3 || $0["kind"] as? String == "kappa-paradox" })
        // The same seed gives the same report; another seed another bootstrap.
        let again = try CLI.run([
            "agreement", "--coders", "anna,bo", "--workspace", ws, "--json", "--draws", "300", "--seed", "11",
            "--min-uses", "3"
        ])
        #expect(again.stdout == r.stdout)
        let other = try CLI.run([
            "agreement", "--coders", "anna,bo", "--workspace", ws, "--json", "--draws", "300", "--seed", "12",
            "--min-uses", "3"
        ])
        #expect(other.stdout != r.stdout)
    }

    @Test func markdownFollowsLangAndTheTableShowsIntervalsAndDiagnoses() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(atPath: ws) }
        let en = try CLI.run(["agreement", "--coders", "anna,bo", "--workspace", ws, "--markdown", "--lang", "en"])
        #expect(en.status == 0, "\(en.stderr)")
        #expect(
            en.stdout.hasPrefix("# Agreement between coders") && en.stdout.contains("## Methods")
                && en.stdout.contains("1000 draws (seed 1)"))
        let nb = try CLI.run(
            ["agreement", "--coders", "anna,bo", "--workspace", ws, "--markdown"], environment: ["LANG": "nb_NO.UTF-8"])
        #expect(nb.stdout.hasPrefix("# Samsvar mellom kodere") && nb.stdout.contains("## Metode"))
        let table = try CLI.run(["agreement", "--coders", "anna,bo", "--workspace", ws])
        #expect(
            table.stdout.contains("GWET AC1") && table.stdout.contains("BRENNAN–PREDIGER κ")
                && table.stdout.contains("95 % intervals"))
        #expect(table.stdout.contains("Rare") && table.stdout.contains("too rare to judge"))
    }

    @Test func badOptionsAreOneSentenceAndHelpNamesThem() throws {
        for args in [["--draws", "0"], ["--min-uses", "-1"], ["--json", "--markdown"], ["--seed", "x"]] {
            let r = try CLI.run(["agreement", "--coders", "anna,bo"] + args)
            #expect(r.status == 64, "\(args)")
            #expect(!r.stderr.isEmpty)
        }
        let help = try CLI.run(["agreement", "--help"])
        for option in ["--draws", "--seed", "--min-uses", "--markdown", "--lang", "AC1", "Brennan"] {
            #expect(help.stdout.contains(option), "\(option)")
        }
    }
}
