import CaseCore
import ExplorerUI
import Testing

/// The project's notes show in the interface language; the report's words stay as printed in both.
@Suite struct BilingualScreenTests {
    @Test func theReaderShowsTheNoteInTheInterfaceLanguage() {
        // The last excerpt, ex-7.2-03, had an English-only note before the second pass.
        let nb = Frame.render(UIFixtures.state("e G Enter", width: 100, height: 40)).text
        let en = Frame.render(UIFixtures.state("e G Enter", width: 100, height: 40, language: .en)).text
        #expect(nb.contains("ex-7.2-03") && en.contains("ex-7.2-03"))
        #expect(nb.contains("Begrunnelse") && nb.contains("Et anonymt fritekstsvar"))
        #expect(!nb.contains("This is an anonymous"))
        #expect(en.contains("This is an anonymous survey free-text answer"))
        #expect(!en.contains("Et anonymt fritekstsvar"))
        // The quote itself is the report's, the same in both.
        let quote = UIFixtures.data.excerpt("ex-7.2-03")!.text.prefix(30)
        #expect(nb.contains(quote) && en.contains(quote))
    }

    @Test func theSurveyNotesAndActorNotesFollowTheLanguage() {
        let nb = Frame.render(UIFixtures.state("i Tab Tab", width: 100, height: 30)).text
        let en = Frame.render(UIFixtures.state("i Tab Tab", width: 100, height: 30, language: .en)).text
        #expect(nb.contains("Lest uten problemer") && !nb.contains("Read without difficulty"))
        #expect(en.contains("Read without difficulty"))
    }
}
