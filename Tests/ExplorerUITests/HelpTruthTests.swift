import CaseCore
@testable import ExplorerUI
import Foundation
import Testing

/// The help tells the truth: in every screen and mode, each key the help shows does what its
/// line says (the state changes, or a message that is not "does nothing here"), and no key that
/// does something is missing from the help.
@Suite struct HelpTruthTests {
    /// A workspace where anna and bo disagree on two excerpts, copied fresh for every press.
    static let template: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("help-truth-\(UUID().uuidString)")
        let ws = Workspace(root: root)
        do { try UIFixtures.annaAndBoDisagree(in: ws) } catch { fatalError("\(error)") }
        return root
    }()
    static let exportPath = FileManager.default.temporaryDirectory.appendingPathComponent(
        "help-truth-\(UUID().uuidString).md"
    ).path

    /// An actor with excerpts of its own to move through.
    static let busyActor = UIFixtures.data.actors.first { UIFixtures.data.excerpts(ofActor: $0.id).count >= 3 }!.id
    /// The first excerpt the report gives three codes or more (a review with rows to move through).
    static let richExcerpt: Int = {
        let reference = CodingState.reference(UIFixtures.data)
        return UIFixtures.data.excerpts.firstIndex { reference[$0.id].codes.count >= 3 }!
    }()

    struct Sample: CustomStringConvertible {
        let name: String
        let keys: String
        var resolve = false
        var description: String { name }
        /// No key from here reaches the workspace except through an effect the test can see.
        var pure: Bool { !resolve && !keys.contains("R") && !name.hasPrefix("export") }

        /// A runner in this state, over a fresh copy of the workspace.
        func make() -> (Runner, URL) {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent(
                "help-truth-run-\(UUID().uuidString)")
            try! FileManager.default.copyItem(at: HelpTruthTests.template, to: root)
            let r = Runner(
                state: AppState(data: UIFixtures.data, language: .nb, width: 100, height: 30),
                workspace: Workspace(root: root), coder: "anna")
            if resolve { r.send(.startResolve(a: "anna", b: "bo", into: "consensus")) }
            // Each key's work in the background (an export) done before the next, as a person
            // waits for "Wrote …" before exporting again.
            for key in try! KeyNotation.parse(keys) {
                r.press(key)
                r.finishExport()
            }
            return (r, root)
        }
    }

    static let samples: [Sample] = [
        Sample(name: "chains", keys: "j"), Sample(name: "chains navigator", keys: "Tab j"),
        Sample(name: "actor", keys: ": actor Space \(busyActor) Enter j"),
        Sample(name: "actor (first in the chain)", keys: "Enter"),
        Sample(name: "reader", keys: "e Enter j"), Sample(name: "reader searched", keys: "e / skole Enter Enter j"),
        Sample(name: "excerpt list", keys: "e j j"),
        Sample(name: "excerpt list searched", keys: "e j / skole Enter"),
        Sample(name: "excerpt list filtered", keys: ": code Space ppt Enter j"),
        Sample(name: "codebook", keys: "b j"), Sample(name: "context questions", keys: "i j"),
        Sample(name: "context attention", keys: "i Tab j"), Sample(name: "context survey", keys: "i Tab Tab j"),
        Sample(name: "context reports", keys: "i Tab Tab Tab j"), Sample(name: "matrix", keys: "M j l"),
        Sample(name: "agreement", keys: "A j"),
        Sample(name: "review", keys: "R " + String(repeating: "n", count: richExcerpt) + " a j PgDn"),
        Sample(name: "review picker", keys: "R c st Down"),
        Sample(name: "review memo", keys: "R m ab Enter cd Enter ef Up Left"),
        Sample(name: "resolve", keys: "", resolve: true),
        Sample(name: "resolve picker", keys: "e st Down", resolve: true),
        Sample(name: "resolve memo", keys: "m ab Enter cd Enter ef Up Left", resolve: true),
        Sample(name: "filter panel", keys: "e f j"), Sample(name: "help", keys: "? j"),
        Sample(name: "filter value picker", keys: "e f j j j j Enter inf Down"),
        Sample(name: "review go to excerpt", keys: "R o 6.2 Down"),
        Sample(
            name: "review only disputed", keys: "R " + String(repeating: "n", count: richExcerpt) + " d f f j PgDn"),
        Sample(name: "help searched", keys: "? / kommando Enter n"), Sample(name: "help search line", keys: "? / komm"),
        Sample(name: "command line completing", keys: ": excerpt Space ex-5 Tab"),
        Sample(name: "help on review", keys: "R ? j"),
        Sample(name: "search prompt", keys: "/ skole"), Sample(name: "command line", keys: ": county"),
        Sample(name: "export menu", keys: "X"), Sample(name: "export file name", keys: "X m C-u \(exportPath)"),
        Sample(name: "export file exists", keys: "X m C-u \(exportPath) Enter X m C-u \(exportPath) Enter")
    ]

    /// Everything a key can change, seen from outside: the screen as drawn and the state behind it.
    /// A message is cleared by any key, so the one before a press is left out.
    static func fingerprint(_ s: AppState, ignoring key: Key? = nil, before: Bool = false) -> String {
        var s = s
        if before { s.message = nil }
        if let key, s.message == s.t(.unknownKey).replacingOccurrences(of: "%k", with: key.label) { s.message = nil }
        let parts: [Any?] = [
            s.stack, s.overlay, s.prompt, s.filter, s.search, s.language, s.quitting, s.review, s.resolve, s.caption,
            s.repaints, s.helpQuery, s.helpHit
        ]
        return Frame.render(s).text + parts.map { String(describing: $0) }.joined(separator: "|")
    }

    /// Presses a key in the sample's state. Where nothing touches the workspace, on a copy of the
    /// state (the effects it asks for count as doing something); else through a fresh runner.
    func press(_ key: Key, on sample: Sample, base: AppState) -> (before: AppState, after: AppState, effects: [Effect])
    {
        if sample.pure {
            var s = base
            s.handle(key)
            let effects = s.takeEffects()
            return (base, s, effects)
        }
        let (r, root) = sample.make()
        defer { try? FileManager.default.removeItem(at: root) }
        // An export the key started is written before the files are removed.
        defer { r.finishExport() }
        let before = r.state
        r.press(key)
        return (before, r.state, [])
    }

    func base(_ sample: Sample) -> AppState {
        let (r, root) = sample.make()
        try? FileManager.default.removeItem(at: root)
        return r.state
    }

    /// What a line of help promises, where it can be said in a predicate.
    func keeps(_ action: Action, _ before: AppState, _ after: AppState, _ effects: [Effect]) -> Bool {
        switch action {
        case .showChains: return after.screen.kind == .chains
        case .showExcerpts, .showCountyExcerpts,
            .filter where after.screen.kind != .excerpts:
            return after.screen.kind == .excerpts
        case .showCodebook: return after.screen.kind == .codebook
        case .showContext: return after.screen.kind == .context
        case .showMatrix: return after.screen.kind == .matrix
        case .showAgreement: return after.screen.kind == .agreement
        case .startReview:
            return after.screen.kind == .review
                || effects.contains { if case .openReview = $0 { return true } else { return false } }
        case .help: return after.overlay == .help(scroll: 0)
        case .commandLine: return after.prompt?.kind == .command
        case .search: return after.prompt?.kind == (before.activeKind == .help ? .helpSearch : .search)
        case .repaint: return after.repaints == before.repaints + 1
        case .exportMenu: return after.overlay == .exportMenu
        case .exportAs: return after.overlay == nil && after.prompt != nil
        case .filter: return after.overlay == .filter(row: 0)
        case .quitNow: return after.quitting || after.message != nil
        case .quit: return after.quitting || after.stack.count < before.stack.count
        case .back:
            return after.activeKind != before.activeKind || after.stack.count < before.stack.count
                || after.message != nil
        case .nextTab, .previousTab: return after.screen != before.screen
        case .pickCode: return after.activeKind == .picker
        case .memo, .codeMemo: return after.activeKind == .memo || after.message != nil
        default: return true
        }
    }

    @Test(arguments: samples)
    func everyKeyTheHelpShowsDoesWhatItsLineSays(sample: Sample) {
        let state = base(sample)
        let effect = Bindings.inEffect(state)
        #expect(!effect.all.isEmpty)
        for b in effect.all {
            let keys = b.typing ? [Key.char("x"), .char("ø")] : b.keys
            for key in keys {
                if !b.typing, b.action != .typing {
                    #expect(
                        Bindings.action(for: key, in: state).map { sameKind($0, b.action) } == true,
                        "\(sample): \(key.label) is shown as \(b.help) but dispatches elsewhere")
                }
                let (before, after, effects) = press(key, on: sample, base: state)
                let unknown = after.t(.unknownKey).replacingOccurrences(of: "%k", with: key.label)
                #expect(after.message != unknown, "\(sample): \(key.label) (\(b.help)) says it does nothing")
                let changed = Self.fingerprint(before, before: true) != Self.fingerprint(after) || !effects.isEmpty
                #expect(changed, "\(sample): \(key.label) (\(b.help)) does nothing")
                #expect(
                    keeps(b.action, before, after, effects), "\(sample): \(key.label) does not do what \(b.help) says")
            }
        }
    }

    func sameKind(_ a: Action, _ b: Action) -> Bool {
        switch (a, b) {
        case (.selectCounty, .selectCounty), (.togglePin, .togglePin): return true
        default: return a == b
        }
    }

    static let everyKey: [Key] =
        (0x20...0x7e).map { Key.char(Character(UnicodeScalar($0)!)) } + "æøåÆØÅ".map { Key.char($0) }
        + [
            .up, .down, .left, .right, .enter, .escape, .tab, .backTab, .backspace, .delete, .pageUp, .pageDown, .home,
            .end
        ]
        + "abcdefghijklmnopqrstuvwxyz".map { Key.ctrl($0) }

    @Test(arguments: samples)
    func noKeyThatDoesSomethingIsMissingFromTheHelp(sample: Sample) {
        let state = base(sample)
        let effect = Bindings.inEffect(state)
        let shown = Set(effect.all.flatMap(\.keys))
        let typing = effect.all.contains { $0.typing }
        for key in Self.everyKey where !shown.contains(key) {
            if typing, case .char = key { continue }
            let (before, after, effects) = press(key, on: sample, base: state)
            let unchanged =
                Self.fingerprint(after, ignoring: key) == Self.fingerprint(before, before: true) && effects.isEmpty
            #expect(unchanged, "\(sample): \(key.label) does something but the help does not show it")
        }
    }

    @Test(
        arguments: samples.filter {
            ["chains", "excerpt list filtered", "review", "resolve", "context questions"].contains($0.name)
        })
    func theHelpOverlayListsExactlyTheBindingsInEffect(sample: Sample) {
        let (r, root) = sample.make()
        defer { try? FileManager.default.removeItem(at: root) }
        r.resize(width: 120, height: 90)
        let effect = Bindings.inEffect(r.state)
        r.press(.char("?"))
        let text = Frame.render(r.state).text
        for b in effect.all {
            #expect(text.contains(String(b.help.text(.nb).prefix(24))), "\(sample): the help lacks \(b.help)")
        }
        for c in Command.all { #expect(text.contains(c.usage(.nb))) }
    }

    @Test func reviewAndResolveShowTheirOwnMeaningOfSharedKeys() {
        let review = Sample(name: "review", keys: "R").make()
        defer { try? FileManager.default.removeItem(at: review.1) }
        let r = Bindings.inEffect(review.0.state)
        #expect(
            !r.global.contains { $0.action == .showChains || $0.action == .showMatrix },
            "c and M pick a code and write a code memo in review")
        #expect(r.shadowed.contains(.char("c")) && r.shadowed.contains(.char("M")))
        let resolve = Sample(name: "resolve", keys: "", resolve: true).make()
        defer { try? FileManager.default.removeItem(at: resolve.1) }
        let s = Bindings.inEffect(resolve.0.state)
        #expect(
            !s.global.contains { $0.action == .showExcerpts || $0.action == .showCodebook },
            "e and b edit and take B in resolve")
        let title = Frame.render(review.0.state).text.components(separatedBy: "\n")[0]
        #expect(
            !title.contains("(c)") && !title.contains("(M)") && title.contains("(e)"),
            "the tab bar shows only keys that open the tab here: \(title)")
    }

    @Test func everyCommandInTheHelpDoesSomething() {
        let d = UIFixtures.data
        let arguments = [
            "county": "2", "chain": d.chains[0].id, "actor": d.actors[0].id, "excerpt": d.excerpts[0].id,
            "code": d.codes[0].id, "search": "skole", "lang": "en"
        ]
        for c in Command.all {
            for name in c.names {
                var s = UIFixtures.state("e")
                let before = Self.fingerprint(s)
                s.runCommand(name + (arguments[c.names[0]].map { " " + $0 } ?? ""))
                #expect(Self.fingerprint(s) != before, ":\(name) does nothing")
                #expect(s.message == nil, ":\(name) says \(s.message ?? "")")
            }
        }
    }

    @Test func theDemoFooterShowsTheDemosKeysNotTheExplorers() {
        var s = UIFixtures.state(width: 60, height: 16)
        s.receive(.showCaption("1/3  Kjedene"))
        let footer = Frame.render(s).text.components(separatedBy: "\n").last!
        for b in Bindings.demo where b.hint != nil {
            #expect(footer.contains(b.keys[0].label + " " + b.hint!.text(.nb)), "\(footer)")
        }
        #expect(!footer.contains("? hjelp"))
    }

    @Test func theStatusBarKeepsHelpAndQuitWhenNarrow() {
        for keys in ["", "e", "b", "i", "M", "e f", "?"] {
            let footer = Frame.render(UIFixtures.state(keys, width: 60, height: 16)).text.components(separatedBy: "\n")
                .last!
            if Bindings.takesGlobals(UIFixtures.state(keys).activeKind) {
                #expect(footer.contains("? hjelp") && footer.contains("q avslutt"), "\(keys): \(footer)")
            }
        }
    }
}
