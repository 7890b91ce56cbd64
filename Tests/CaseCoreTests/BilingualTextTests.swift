import Foundation
import Testing
@testable import CaseCore

/// Every text the project writes about the data exists in bokmål and English; the report's own
/// words are not translated. A plain string in the bundled data fails here.
@Suite struct BilingualTextTests {
    /// Every project-written text of a dataset, named by where it stands.
    static func projectTexts(_ d: Dataset) -> [(String, LocalizedText)] {
        var all: [(String, LocalizedText)] = []
        if let t = d.study.description { all.append(("study.description", t)) }
        for c in d.counties { all.append(("county \(c.id).organisation", c.organisation)) }
        for c in d.chains { all.append(("\(c.id).description", c.description)) }
        for a in d.actors {
            if let t = a.description { all.append(("\(a.id).description", t)) }
            for (i, n) in a.notes.enumerated() { all.append(("\(a.id).notes[\(i)]", n)) }
        }
        for i in d.informants { if let t = i.description { all.append(("\(i.id).description", t)) } }
        for e in d.excerpts { if let t = e.attribution.note { all.append(("\(e.id).attribution.note", t)) } }
        for q in d.researchQuestions { if let t = q.note { all.append(("question \(q.id).note", t)) } }
        for p in d.attentionPoints { if let t = p.note { all.append(("\(p.id).note", t)) } }
        for t in d.surveyTables {
            if let u = t.unit { all.append(("table \(t.id).unit", u)) }
            for (i, n) in t.notes.enumerated() { all.append(("table \(t.id).notes[\(i)]", n)) }
        }
        for s in d.sources {
            all.append(("source \(s.id).name", s.name))
            if let t = s.description { all.append(("source \(s.id).description", t)) }
        }
        for r in d.relatedReports {
            if let t = r.description { all.append(("\(r.id).description", t)) }
            for (i, ref) in r.references.enumerated() {
                if let t = ref.note { all.append(("\(r.id).referencedAt[\(i)].note", t)) }
            }
        }
        return all
    }

    @Test func everyTextTheProjectWritesIsInBokmalAndEnglish() {
        let texts = Self.projectTexts(Fixtures.dataset)
        #expect(texts.count > 200)
        for (place, t) in texts {
            #expect(t.isBilingual, "\(place) is given in one wording only")
            #expect(!t.nb.isEmpty && !t.en.isEmpty, "\(place)")
        }
    }

    /// The text with the report's quoted words («…») taken out: those stay Norwegian in both.
    static func ownWords(_ s: String) -> String {
        var out = "", depth = 0
        for c in s {
            if c == "«" {
                depth += 1
            } else if c == "»" {
                depth = max(0, depth - 1)
            } else if depth == 0 {
                out.append(c)
            }
        }
        return " " + out.replacingOccurrences(of: ",", with: " ").replacingOccurrences(of: ";", with: " ") + " "
    }

    @Test func theTwoLanguagesAreTranslationsNotCopies() {
        // A copy of the other language passes a presence check; these words betray the language.
        let english = [" the ", " and ", " is ", " of ", " not "],
            norwegian = [" ikke ", " er ", " som ", " det ", " har "] // not " og ": «Troms og Finnmark»
        for (place, t) in Self.projectTexts(Fixtures.dataset) {
            if t.nb.count > 25 { #expect(t.nb != t.en, "\(place): the same wording in both languages") }
            let nb = Self.ownWords(t.nb), en = Self.ownWords(t.en)
            #expect(!english.contains { nb.contains($0) }, "\(place): the bokmål text reads as English: \(t.nb)")
            #expect(!norwegian.contains { en.contains($0) }, "\(place): the English text reads as Norwegian: \(t.en)")
        }
    }

    @Test func theNotesNoLongerShowEnglishUnderTheBokmalLabels() throws {
        // Before the second pass these notes were English only.
        let d = Fixtures.dataset
        #expect(try #require(d.excerpt("ex-7.2-03")?.attribution.note).nb.hasPrefix("Et anonymt fritekstsvar"))
        #expect(try #require(d.researchQuestions.first?.note).nb.hasPrefix("Samme ordlyd"))
        #expect(try #require(d.surveyTables.first { $0.id == "4.7" }?.notes.last).nb.hasPrefix("Myk uenighet"))
        #expect(try #require(d.actor("cf1-statped")?.notes.first).en.hasPrefix("Chapter 2.1 does not mention"))
    }

    @Test func aTextMissingALanguageOrWithAnUnknownOneIsReportedAtItsPath() throws {
        let folder = try Fixtures.scratchCopy()
        defer { Fixtures.remove(folder) }
        try Fixtures.edit(folder, "excerpts.json") { o in
            var excerpts = o["excerpts"] as! [[String: Any]]
            var a = excerpts[0]["attribution"] as! [String: Any]
            a["note"] = ["nb": "Bare bokmål."]
            excerpts[0]["attribution"] = a
            var b = excerpts[1]["attribution"] as! [String: Any]
            b["note"] = ["nb": "Bokmål.", "en": "English.", "de": "Deutsch."]
            excerpts[1]["attribution"] = b
            var c = excerpts[2]["attribution"] as! [String: Any]
            c["note"] = 7
            excerpts[2]["attribution"] = c
            o["excerpts"] = excerpts
        }
        let (_, problems) = DataFolder.loadCollectingProblems(folder)
        let found = problems.map(\.description)
        #expect(
            found.contains {
                $0.hasSuffix("excerpts.json: $.excerpts[0].attribution.note: missing required member \"en\"")
            }, "\(found)")
        #expect(
            found.contains {
                $0.hasSuffix("excerpts.json: $.excerpts[1].attribution.note: unknown member \"de\" (known: en, nb)")
            }, "\(found)")
        #expect(
            found.contains {
                $0.hasSuffix(
                    "excerpts.json: $.excerpts[2].attribution.note: expected a text (a string, or an object with "
                        + "\"nb\" and \"en\"), found a number"
                )
            }, "\(found)")
    }

    @Test func aPlainStringStillLoadsAsOneWordingForBothLanguages() {
        let t = LocalizedText(plain: "Én ordlyd.")
        #expect(!t.isBilingual && t.text(english: true) == "Én ordlyd." && t.text(english: false) == "Én ordlyd.")
    }
}
