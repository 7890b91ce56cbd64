import CaseCore
import ExplorerUI
import Testing

/// The Delrapport 1 tab of the context screen, and evidence from another source named as such.
@Suite struct Delrapport1ScreenTests {
    @Test func theTabShowsTheFindingsAndEveryReferenceWithItsSourceAndLines() {
        let nb = Frame.render(UIFixtures.state("i Tab Tab Tab", width: 100, height: 200)).text
        #expect(nb.contains("▸Delrapport 1") && nb.contains("Delrapport 1 (2022)"))
        #expect(nb.contains("Kilde       utgiverens side om Delrapport 1 (delrapport-1-omtale.txt)"))
        #expect(nb.contains("Hovedfunn, slik utgiverens side om Delrapport 1 gjengir dem"))
        for line in [49, 50, 51] { #expect(nb.contains("(linje\u{00A0}\(line))"), "finding at line \(line)") }
        #expect(nb.contains("Der rapporten viser til den (8 steder)"))
        for lines in [
            "360–369", "1584–1586", "2139–2140", "3013–3015", "4174–4176", "4282–4285", "4314–4316", "4367–4370"
        ] {
            #expect(nb.contains("Delrapport 2, linje\u{00A0}\(lines)"), "the reference at \(lines)")
        }
        #expect(nb.contains("Det samme i utgiverens side om Delrapport 1, linje\u{00A0}77"))
        #expect(nb.contains("Her kommer oppmerksomhetspunkt op-7 fra"))
        let en = Frame.render(UIFixtures.state("i Tab Tab Tab", width: 100, height: 200, language: .en)).text
        #expect(
            en.contains("Main findings, as the publisher's page on Delrapport 1 gives them")
                && en.contains("Where the report refers to it (8 places)"))
        #expect(en.contains("The publisher's page does not mention") && !en.contains("Utgiverens side nevner ikke"))
    }

    @Test func evidenceFromAnotherSourceNamesItOnTheActorScreen() {
        let data = UIFixtures.data.with(
            actors: UIFixtures.data.actors.map { a in
                var a = a
                a.evidence.append(
                    Evidence(
                        text: "Flere informanter påpeker at Statpeds rolle fremstår som kompleks og uklar.",
                        lines: LineRange(77, 77), source: "delrapport-1-omtale"))
                return a
            })
        var s = AppState(data: data, language: .nb, width: 100, height: 60)
        for key in try! KeyNotation.parse("Enter") { s.handle(key) }
        let screen = Frame.render(s).text
        #expect(screen.contains("(utgiverens side om Delrapport 1, linje 77)"), "\(screen)")
        #expect(
            screen.contains("(linje 868–869)") || screen.contains("(linje "),
            "the report's own evidence keeps its plain lines")
    }

    @Test func withoutRelatedReportsTheTabSaysSo() {
        let data = UIFixtures.data.with(relatedReports: [])
        var s = AppState(data: data, language: .en, width: 60, height: 16)
        for key in try! KeyNotation.parse("i Tab Tab Tab") { s.handle(key) }
        let screen = Frame.render(s).text
        #expect(
            screen.contains("▸Other reports") && screen.contains("The dataset holds no other reports."), "\(screen)")
    }
}
