/// A key binding: the keys, the action, the words for help and the status bar, and when it is
/// enabled. The bindings in effect (`Bindings.inEffect`) drive dispatch, the status-bar hints,
/// the `?` help and Docs/KEYS.md, so help can never drift from behaviour.
public struct Binding: Sendable {
    public let keys: [Key]
    public let action: Action
    public let help: Txt
    /// Shown in the status bar when set.
    public let hint: Txt?
    /// Whether the binding does something in this state; a disabled one is neither dispatched
    /// nor shown (its key then "does nothing here").
    public let enabled: @Sendable (AppState) -> Bool
    /// Typed text rather than single keys (the keys are examples; the label says "letters").
    public let typing: Bool

    public init(
        _ keys: [Key], _ action: Action, _ help: Txt, hint: Txt? = nil, typing: Bool = false,
        when enabled: @escaping @Sendable (AppState) -> Bool = { _ in true }
    ) {
        (self.keys, self.action, self.help, self.hint, self.typing, self.enabled) = (
            keys, action, help, hint, typing, enabled
        )
    }

    /// Typed characters: a line of help for text entry (consumed before dispatch).
    static func typed(_ help: Txt) -> Binding { Binding([.char("a"), .char("æ")], .typing, help, typing: true) }

    public func keyLabel(_ language: Language = .en) -> String {
        typing ? Txt.typedCharacters.text(language) : keys.map(\.label).joined(separator: " ")
    }

    func when(_ enabled: @escaping @Sendable (AppState) -> Bool) -> Binding {
        Binding(keys, action, help, hint: hint, typing: typing, when: enabled)
    }
    func with(keys: [Key]) -> Binding { Binding(keys, action, help, hint: hint, typing: typing, when: enabled) }
}

/// The state of the screen in front when it is of a kind, for bindings' `when:` (nil otherwise).
extension Screen {
    var chains: ChainsState? { if case let .chains(s) = self { s } else { nil } }
    var node: NodeState? { if case let .node(s) = self { s } else { nil } }
    var context: ContextState? { if case let .context(s) = self { s } else { nil } }
}

/// The bindings in effect in a state: the table of what has the keys, and the global keys that
/// reach it (without those the table takes over), each filtered by whether it is enabled.
public struct BindingsInEffect: Sendable {
    public let kind: ScreenKind
    public let local: [Binding]
    public let global: [Binding]
    /// Global keys the local table gives another meaning here (review's c and M).
    public let shadowed: [Key]
    public var all: [Binding] { local + global }
}

public enum Bindings {
    /// Moving in a list or scrolling a text: j and k (with their help and status-bar hint),
    /// whole and half pages, the top and the bottom.
    static func paging(_ down: Txt, _ up: Txt, hint: Txt?) -> [Binding] {
        [
            Binding([.char("j"), .down], .moveDown, down, hint: hint),
            Binding([.char("k"), .up], .moveUp, up),
            Binding([.pageDown, .char(" ")], .pageDown, .helpPageDown),
            Binding([.pageUp], .pageUp, .helpPageUp)
        ] + halfPages + [
            Binding([.char("g"), .home], .top, .helpTop),
            Binding([.char("G"), .end], .bottom, .helpBottom)
        ]
    }

    /// Half a page down and up (as in less and vim).
    static let halfPages: [Binding] = [
        Binding([.ctrl("d")], .halfPageDown, .helpHalfPageDown),
        Binding([.ctrl("u")], .halfPageUp, .helpHalfPageUp)
    ]

    /// Scrolling keys in effect only while there is more text their way (the help leaves a key
    /// out otherwise), for a text whose room the keys cannot know without laying it out: the
    /// excerpt of review and resolve, the help. Rendering keeps the offset within the text.
    static func whileScrollable(
        _ keys: [Binding], offset: @escaping @Sendable (AppState) -> Int?, last: @escaping @Sendable (AppState) -> Int
    ) -> [Binding] {
        keys.map { b in
            let down = [.moveDown, .pageDown, .halfPageDown, .bottom].contains(b.action)
            return b.when { s in
                let last = last(s), now = min(offset(s) ?? 0, last)
                return down ? now < last : now > 0
            }
        }
    }

    /// Moving in a list, with "move" shown in the status bar.
    static let moveKeysWithHint = paging(.helpDown, .helpUp, hint: .hintMove)

    /// Scrolling a text taller than the screen.
    static let scrollKeys = paging(.helpScrollDown, .helpScrollUp, hint: .hintScroll)

    /// Typing into a prompt or the picker: characters, Backspace, Ctrl-U.
    static func textEntry(_ help: Txt) -> [Binding] {
        [.typed(help), Binding([.backspace], .typing, .helpDeleteBack), Binding([.ctrl("u")], .typing, .helpClearText)]
    }

    /// Keys that work on every screen (but not while typing in a prompt).
    public static let global: [Binding] = [
        Binding([.char("?"), .function(1)], .help, .helpHelp, hint: .hintHelp),
        Binding([.char(":")], .commandLine, .helpCommand),
        Binding([.char("/")], .search, .helpSearch, hint: .hintSearch),
        Binding([.char("c")], .showChains, .helpShowChains, when: { $0.screen.kind != .chains }),
        Binding([.char("e")], .showExcerpts, .helpShowExcerpts, when: { $0.screen.kind != .excerpts }),
        Binding([.char("b")], .showCodebook, .helpShowCodebook, when: { $0.screen.kind != .codebook }),
        Binding([.char("i")], .showContext, .helpShowContext, when: { $0.screen.kind != .context }),
        Binding([.char("M")], .showMatrix, .helpShowMatrix, when: { $0.screen.kind != .matrix }),
        Binding([.char("A")], .showAgreement, .helpShowAgreement, when: { $0.screen.kind != .agreement }),
        Binding([.char("X")], .exportMenu, .helpExport),
        Binding([.char("R")], .startReview, .helpStartReview, when: { $0.screen.kind != .review }),
        Binding([.escape], .back, .helpBack, when: { $0.stack.count > 1 }),
        Binding([.char("q")], .quit, .helpQuit, hint: .hintQuit),
        Binding([.char("Q"), .ctrl("c"), .function(10)], .quitNow, .helpQuitNow),
        repaint
    ]

    /// Ctrl-L paints the whole terminal again (after another program wrote over it): on every
    /// screen, overlay and prompt.
    static let repaint = Binding([.ctrl("l")], .repaint, .helpRepaint)

    /// Ctrl-C quits from every overlay, prompt, picker and editor (over a changed memo it asks
    /// first), listed last in each with Ctrl-L.
    static let quitFromOverlay = Binding([.ctrl("c")], .quitNow, .helpQuitNow)

    public static func table(for screen: ScreenKind) -> [Binding] {
        switch screen {
        case .chains: return ChainsScreen.bindings
        case .node: return NodeScreen.bindings
        case .reader: return ReaderScreen.bindings
        case .excerpts: return ExcerptListScreen.bindings
        case .codebook: return CodebookScreen.bindings
        case .context: return ContextScreen.bindings
        case .matrix: return MatrixScreen.bindings
        case .agreement: return AgreementScreen.bindings
        case .review: return ReviewScreen.bindings
        case .resolve: return ResolveScreen.bindings
        case .picker:
            return textEntry(.helpTypeFilter) + [
                Binding([.down], .moveDown, .helpDown, hint: .hintMove),
                Binding([.up], .moveUp, .helpUp),
                Binding([.enter], .open, .helpPickerApply, hint: .hintApply, when: { $0.pickerPurpose == .code }),
                Binding([.enter], .open, .helpPickerChoose, hint: .hintChoose, when: { $0.pickerPurpose != .code }),
                // Pins are the reviewer's digits; the resolve picker has none.
                Binding(
                    [.ctrl("p")], .pinCode, .helpPickerPin, hint: .hintPin,
                    when: { $0.screen.kind == .review && $0.pickerPurpose == .code }),
                Binding([.escape], .back, .helpPickerClose, hint: .hintClose)
            ]
        case .memo:
            return [
                .typed(.helpMemoType),
                Binding([.enter], .typing, .helpMemoNewline),
                Binding([.backspace, .delete], .typing, .helpMemoDelete),
                Binding([.left, .right, .up, .down, .home, .end], .typing, .helpMemoMove),
                Binding([.ctrl("u")], .typing, .helpClearText),
                Binding([.ctrl("s")], .saveMemo, .helpMemoSave, hint: .hintSave),
                Binding([.escape], .back, .helpMemoCancel, hint: .hintCancel)
            ]
        case .choice:
            return ExportFormat.allCases.map { Binding([.char($0.key)], .exportAs($0), ExportOverlay.label($0)) } + [
                Binding([.escape], .back, .helpChoiceCancel, hint: .hintCancel)
            ]
        case .confirm:
            return [
                Binding([.char("y"), .char("j"), .char("Y"), .char("J")], .overwrite(true), .helpOverwriteYes),
                Binding([.char("n"), .char("N"), .escape], .overwrite(false), .helpOverwriteNo)
            ]
        case .filter:
            @Sendable func valueSet(_ state: AppState) -> Bool {
                guard case let .filter(row) = state.overlay else { return false }
                return FilterDimension.allCases[row].current(state.filter) != nil
            }
            return [
                Binding([.char("j"), .down], .moveDown, .helpFilterDown, hint: .hintMove),
                Binding([.char("k"), .up], .moveUp, .helpFilterUp),
                Binding([.char("l"), .right, .char(" ")], .nextValue, .helpNextValue, hint: .hintValue),
                Binding([.char("h"), .left], .previousValue, .helpPreviousValue),
                Binding([.char("x"), .backspace], .clearValue, .helpClearValue, when: valueSet),
                Binding([.char("X")], .clearFilter, .helpClearFilter, when: { !$0.filter.isEmpty }),
                Binding([.enter], .open, .helpChooseValue, hint: .hintChoose),
                Binding([.escape, .char("f")], .back, .helpCloseFilter, hint: .hintClose)
            ]
        case .help:
            @Sendable func helpScroll(_ s: AppState) -> Int? {
                if case let .help(scroll) = s.overlay { return scroll } else { return nil }
            }
            return whileScrollable(
                [
                    Binding([.char("j"), .down], .moveDown, .helpScrollDown, hint: .hintScroll),
                    Binding([.char("k"), .up], .moveUp, .helpScrollUp),
                    Binding([.char("g"), .home], .top, .helpTop),
                    Binding([.char("G"), .end], .bottom, .helpBottom)
                ], offset: helpScroll, last: HelpOverlay.maxScroll) + [
                    Binding([.char("/")], .search, .helpSearchHelp, hint: .hintSearch),
                    Binding([.char("n")], .nextHit, .helpNextHelpHit, when: { !$0.helpQuery.isEmpty }),
                    Binding([.char("N")], .previousHit, .helpPreviousHelpHit, when: { !$0.helpQuery.isEmpty }),
                    Binding([.escape, .char("?"), .char("q")], .back, .helpCloseHelp, hint: .hintClose)
                ]
        case .prompt:
            return textEntry(.helpTypeSearch) + [
                Binding([.enter], .open, .helpPromptEnter, hint: .hintPromptEnter),
                Binding([.escape], .back, .helpPromptCancel, hint: .hintPromptCancel),
                Binding(
                    [.tab], .toggleFold, .helpPromptFold, hint: .hintPromptFold, when: { $0.prompt?.kind == .search }),
                Binding(
                    [.tab], .complete, .helpComplete, hint: .hintComplete, when: { $0.prompt?.kind == .command })
            ]
        }
    }

    /// The demo's own controls (`case-explorer demo`); its footer shows them instead of the explorer's.
    public static let demo: [Binding] = [
        Binding([.char(" ")], .demoPause, .helpDemoPause, hint: .hintDemoPause),
        Binding([.right], .demoNext, .helpDemoNext, hint: .hintDemoStep),
        Binding([.left], .demoPrevious, .helpDemoPrevious),
        Binding([.char("q"), .char("Q"), .ctrl("c")], .quit, .helpDemoQuit, hint: .hintDemoQuit)
    ]

    /// Whether global keys apply on a screen (not in overlays that take keys of their own).
    public static func takesGlobals(_ screen: ScreenKind) -> Bool {
        ![.filter, .help, .prompt, .picker, .memo, .choice, .confirm].contains(screen)
    }

    /// The bindings of a kind and the global keys that reach it, before asking whether each is
    /// enabled: what Docs/KEYS.md lists for the screen.
    public static func effective(for kind: ScreenKind) -> (local: [Binding], global: [Binding], shadowed: [Key]) {
        let local = Bindings.table(for: kind)
        guard takesGlobals(kind) else { return (local + [quitFromOverlay, repaint], [], []) }
        let taken = Set(local.flatMap(\.keys))
        let global = Bindings.global.compactMap { b -> Binding? in
            let keys = b.keys.filter { !taken.contains($0) }
            return keys.isEmpty ? nil : b.with(keys: keys)
        }
        return (local, global, Bindings.global.flatMap(\.keys).filter { taken.contains($0) })
    }

    /// What the keys do now: the table of what has the keys and the global keys that reach it,
    /// each only when enabled. (A demo's caption changes only the footer: its keys go to the
    /// demo's loop, the tour's keys to the explorer.)
    public static func inEffect(_ state: AppState) -> BindingsInEffect {
        let kind = state.activeKind
        let (local, global, shadowed) = effective(for: kind)
        return BindingsInEffect(
            kind: kind, local: local.filter { $0.enabled(state) }, global: global.filter { $0.enabled(state) },
            shadowed: shadowed)
    }

    /// The action for a key in a state; nil when no binding in effect has it.
    public static func action(for key: Key, in state: AppState) -> Action? {
        guard let b = inEffect(state).all.first(where: { !$0.typing && $0.keys.contains(key) }), b.action != .typing
        else { return nil }
        if case .selectCounty = b.action, case let .char(c) = key, let n = c.wholeNumberValue {
            return .selectCounty(n)
        }
        if case .togglePin = b.action, case let .char(c) = key, let n = c.wholeNumberValue { return .togglePin(n) }
        return b.action
    }

    /// The key that runs an action now, for the tab bar's key labels: nil when another binding
    /// takes the key here or the action is not enabled.
    public static func key(for action: Action, in state: AppState) -> Key? {
        inEffect(state).all.first { $0.action == action }?.keys.first
    }
}
