import CaseCore
import ExplorerUI
import Foundation
import Testing

@Suite struct TourTests {
    @Test func theBuiltInToursParseAndHaveTheSameSteps() throws {
        let nb = try Tour.parse(TourScripts.nb), en = try Tour.parse(TourScripts.en)
        #expect(nb.steps.count == en.steps.count)
        #expect(nb.steps.map(\.keyText) == en.steps.map(\.keyText))
        #expect(Tour.builtIn(.nb) == nb)
    }

    @Test(arguments: [
        ("3 | j", 1, "expected three fields"),
        ("x | j | tekst", 1, "not a number of seconds"),
        ("# kommentar\n\n2 | Entr | tekst", 3, "unknown key name \"Entr\""),
        ("1 | j | ", 1, "caption is empty"),
        ("-1 | j | tekst", 1, "not a number"),
        ("# bare kommentarer", 1, "no steps")
    ])
    func aBadScriptIsRefusedWithItsLineNumber(_ script: String, _ line: Int, _ fragment: String) {
        do {
            _ = try Tour.parse(script)
            Issue.record("accepted: \(script)")
        } catch {
            #expect(error.line == line)
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    func play(_ language: Language, width: Int = 80, height: Int = 24) -> (TourPlayer, URL) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tour-\(UUID().uuidString)")
        return (
            TourPlayer(
                tour: Tour.builtIn(language), data: UIFixtures.data, language: language, width: width, height: height,
                scratch: scratch), scratch
        )
    }

    @Test func theTourShowsWhatItsCaptionsSay() {
        let (p, scratch) = play(.nb)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var screens: [String] = [Frame.render(p.state).text]
        while p.next() { screens.append(Frame.render(p.state).text) }
        #expect(screens.count == p.tour.steps.count)
        #expect(screens[0].contains("Tilskuddskjede 1 (kommune A)") && screens[0].contains("▶ 1/"))
        #expect(screens[1].contains("▶PP-tjenesten (kommune A)") || screens[1].contains("PP-tjenesten (kommune A)"))
        #expect(screens[2].contains("UH-sektoren (casefylke 1)"))
        #expect(screens[3].contains("UTLEDET"))
        #expect(screens[4].contains("Tilskuddskjede 1 (kommune C)"))
        #expect(screens[5].contains("Tilskuddskjede 2 (kommune D)"))
        #expect(screens[6].contains("Pilotprosjekt 1"))
        #expect(screens[7].contains("Nivå 3"))
        #expect(screens[9].contains("Nivå 4"))
        #expect(screens[12].contains("2 treff"))
        #expect(screens[14].contains("Kodebok"))
        #expect(screens[16].contains("Tabell 4.1"))
        #expect(screens[17].contains("Fylke × kode"))
        #expect(screens[18].contains("0/62 ferdig"))
        #expect(screens[19].contains("1/62 ferdig"))
        #expect(screens[21].contains("Hjelp"))
        // Every screen is a real frame at 80×24 with the caption above the status line.
        for s in screens { #expect(s.components(separatedBy: "\n").count == 24) }
    }

    @Test func steppingBackReplaysToTheSameScreen() {
        let (p, scratch) = play(.en)
        defer { try? FileManager.default.removeItem(at: scratch) }
        for _ in 0..<5 { p.next() }
        let at5 = Frame.render(p.state).text
        p.next()
        p.previous()
        #expect(p.index == 5)
        #expect(Frame.render(p.state).text == at5)
    }

    @Test func theCodingDecisionGoesToAThrowAwayCoder() throws {
        let (p, scratch) = play(.nb)
        defer { try? FileManager.default.removeItem(at: scratch) }
        while p.next() {}
        #expect(p.state.review?.coder == TourPlayer.demoCoder)
        #expect(p.state.review?.reviewed == 1)
        let journals = try FileManager.default.subpathsOfDirectory(atPath: scratch.path).filter {
            $0.hasSuffix(".jsonl")
        }
        #expect(journals.allSatisfy { $0.hasSuffix("journals/demo.jsonl") })
        #expect(!journals.isEmpty)
    }
}

/// Presenting: the pause is said in words and kept when stepping back; captions are never cut.
@Suite struct DemoCaptionTests {
    func play(_ language: Language, width: Int, height: Int) -> (TourPlayer, URL) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tour-\(UUID().uuidString)")
        return (
            TourPlayer(
                tour: Tour.builtIn(language), data: UIFixtures.data, language: language, width: width, height: height,
                scratch: scratch), scratch
        )
    }

    @Test(arguments: [(Language.en, 80, 24), (Language.nb, 80, 24), (Language.en, 60, 16)])
    func everyCaptionIsShownWhole(_ language: Language, _ width: Int, _ height: Int) {
        let (p, scratch) = play(language, width: width, height: height)
        defer { try? FileManager.default.removeItem(at: scratch) }
        repeat {
            let text = Frame.render(p.state).lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
            let words = p.tour.steps[p.index].caption.split(separator: " ").joined(separator: " ")
            #expect(text.contains(words), "step \(p.index + 1) cut at \(width)×\(height)")
        } while p.next()
    }

    @Test func pauseIsSaidInWordsAndKeptWhenSteppingBack() {
        let (p, scratch) = play(.en, width: 80, height: 24)
        defer { try? FileManager.default.removeItem(at: scratch) }
        p.next(); p.next()
        #expect(!Frame.render(p.state).text.contains("PAUSED"))
        p.setPaused(true)
        #expect(Frame.render(p.state).text.contains("‖ PAUSED (Space goes on) · 3/"))
        p.previous()
        #expect(Frame.render(p.state).text.contains("‖ PAUSED (Space goes on) · 2/"), "still paused after ←")
        p.setPaused(false)
        #expect(Frame.render(p.state).text.contains("▶ 2/") && !Frame.render(p.state).text.contains("PAUSED"))
    }
}
