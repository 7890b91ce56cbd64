/// A key binding: the keys, the action, and the words for help and the status bar. One table
/// per screen drives dispatch, the status-bar hints, the `?` help and Docs/KEYS.md, so help
/// can never drift from behaviour.
public struct Binding: Sendable {
    public let keys: [Key]
    public let action: Action
    public let help: Txt
    /// Shown in the status bar when set.
    public let hint: Txt?

    public init(_ keys: [Key], _ action: Action, _ help: Txt, hint: Txt? = nil) {
        self.keys = keys
        self.action = action
        self.help = help
        self.hint = hint
    }

    public var keyLabel: String { keys.map(\.label).joined(separator: " ") }
}

public enum Bindings {
    static let moveKeys: [Binding] = [
        Binding([.char("j"), .down], .moveDown, .helpDown),
        Binding([.char("k"), .up], .moveUp, .helpUp),
        Binding([.pageDown, .char(" ")], .pageDown, .helpPageDown),
        Binding([.pageUp], .pageUp, .helpPageUp),
        Binding([.char("g"), .home], .top, .helpTop),
        Binding([.char("G"), .end], .bottom, .helpBottom),
    ]

    /// The move keys, with "move" shown in the status bar.
    static var moveKeysWithHint: [Binding] {
        moveKeys.map { $0.action == .moveDown ? Binding($0.keys, .moveDown, .helpDown, hint: .hintMove) : $0 }
    }

    /// Keys that work on every screen (but not while typing in a prompt).
    public static let global: [Binding] = [
        Binding([.char("?")], .help, .helpHelp, hint: .hintHelp),
        Binding([.char(":")], .commandLine, .helpCommand),
        Binding([.char("/")], .search, .helpSearch, hint: .hintSearch),
        Binding([.char("c")], .showChains, .helpShowChains),
        Binding([.char("e")], .showExcerpts, .helpShowExcerpts),
        Binding([.char("b")], .showCodebook, .helpShowCodebook),
        Binding([.char("i")], .showContext, .helpShowContext),
        Binding([.char("M")], .showMatrix, .helpShowMatrix),
        Binding([.char("A")], .showAgreement, .helpShowAgreement),
        Binding([.char("X")], .exportMenu, .helpExport),
        Binding([.char("R")], .startReview, .helpStartReview),
        Binding([.escape], .back, .helpBack),
        Binding([.char("q")], .quit, .helpQuit, hint: .hintQuit),
        Binding([.char("Q"), .ctrl("c")], .quitNow, .helpQuitNow),
    ]

    public static func table(for screen: ScreenKind) -> [Binding] {
        switch screen {
        case .chains:
            return [
                Binding([.char("j"), .down], .moveDown, .helpChainDown, hint: .hintMove),
                Binding([.char("k"), .up], .moveUp, .helpChainUp),
                Binding([.char("h"), .left], .toParent, .helpToParent),
                Binding([.char("l"), .right], .toChild, .helpToChild),
                Binding([.enter], .open, .helpOpenNode, hint: .hintOpen),
                Binding([.tab, .backTab], .switchPane, .helpSwitchPane, hint: .hintPane),
                Binding([.char("1"), .char("2"), .char("3"), .char("4"), .char("5"), .char("6"), .char("7"), .char("8"), .char("9")], .selectCounty(0), .helpSelectCounty),
                Binding([.char("n")], .nextCounty, .helpNextCounty, hint: .hintCounty),
                Binding([.char("]")], .nextChain, .helpNextChain, hint: .hintChain),
                Binding([.char("[")], .previousChain, .helpPreviousChain),
                Binding([.char("u")], .showCountyExcerpts, .helpCountyExcerpts),
                Binding([.char("g"), .home], .top, .helpTop),
                Binding([.char("G"), .end], .bottom, .helpBottom),
            ]
        case .node:
            return moveKeysWithHint + [
                Binding([.enter], .open, .helpOpenExcerpt, hint: .hintOpen),
                Binding([.char("h"), .left], .toParent, .helpNodeParent),
            ]
        case .reader:
            return [
                Binding([.char("n")], .nextExcerpt, .helpNextExcerpt, hint: .hintNextPrev),
                Binding([.char("p")], .previousExcerpt, .helpPreviousExcerpt),
                Binding([.char("j"), .down], .moveDown, .helpScrollDown, hint: .hintScroll),
                Binding([.char("k"), .up], .moveUp, .helpScrollUp),
                Binding([.pageDown, .char(" ")], .pageDown, .helpPageDown),
                Binding([.pageUp], .pageUp, .helpPageUp),
                Binding([.char("g"), .home], .top, .helpTop),
                Binding([.char("G"), .end], .bottom, .helpBottom),
            ]
        case .excerpts:
            return moveKeysWithHint + [
                Binding([.enter], .open, .helpOpenExcerpt, hint: .hintOpen),
                Binding([.char("f")], .filter, .helpFilter, hint: .hintFilter),
                Binding([.char("x")], .clearFilter, .helpClearFilter),
                Binding([.char("n")], .nextHit, .helpNextHit, hint: .hintHits),
                Binding([.char("N")], .previousHit, .helpPreviousHit),
                Binding([.char("o")], .toggleFold, .helpToggleFold),
                Binding([.backspace], .clearSearch, .helpClearSearch),
            ]
        case .codebook:
            return moveKeysWithHint + [
                Binding([.enter], .open, .helpOpenCode, hint: .hintOpen),
                Binding([.char("o")], .toggleCoder, .helpCycleCoding),
            ]
        case .context:
            return [
                Binding([.tab, .char("l"), .right], .nextTab, .helpNextTab, hint: .hintTabs),
                Binding([.backTab, .char("h"), .left], .previousTab, .helpPreviousTab),
                Binding([.char("j"), .down], .moveDown, .helpScrollDown, hint: .hintScroll),
                Binding([.char("k"), .up], .moveUp, .helpScrollUp),
                Binding([.pageDown, .char(" ")], .pageDown, .helpPageDown),
                Binding([.pageUp], .pageUp, .helpPageUp),
                Binding([.char("g"), .home], .top, .helpTop),
                Binding([.char("G"), .end], .bottom, .helpBottom),
                Binding([.enter], .open, .helpOpenQuestion),
            ]
        case .matrix:
            return [
                Binding([.char("j"), .down], .moveDown, .helpMatrixDown, hint: .hintMove),
                Binding([.char("k"), .up], .moveUp, .helpMatrixUp),
                Binding([.char("l"), .right], .toChild, .helpMatrixRight),
                Binding([.char("h"), .left], .toParent, .helpMatrixLeft),
                Binding([.tab], .nextTab, .helpNextTab, hint: .hintTabs),
                Binding([.backTab], .previousTab, .helpPreviousTab),
                Binding([.enter], .open, .helpMatrixOpen, hint: .hintOpen),
                Binding([.char("o")], .toggleCoder, .helpMatrixCoder),
            ]
        case .agreement:
            return moveKeysWithHint + [
                Binding([.enter], .open, .helpAgreementOpen, hint: .hintOpen),
                Binding([.char("r")], .resolveCode, .helpAgreementResolve, hint: .hintAgreementResolve),
                Binding([.char("s")], .cycleSort, .helpAgreementSort, hint: .hintAgreementSort),
                Binding([.char("a")], .cycleCoderA, .helpAgreementCoderA),
                Binding([.char("o")], .cycleCoderB, .helpAgreementCoderB, hint: .hintAgreementCoder),
            ]
        case .review:
            return [
                Binding((1...9).map { Key.char(Character(String($0))) }, .togglePin(0), .helpTogglePin, hint: .hintPins),
                Binding([.char(" "), .enter], .toggleCode, .helpToggleCode),
                Binding([.char("j"), .down], .moveDown, .helpCodeDown),
                Binding([.char("k"), .up], .moveUp, .helpCodeUp),
                Binding([.char("c")], .pickCode, .helpPickCode, hint: .hintPick),
                Binding([.char("a")], .acceptProposed, .helpAcceptProposed, hint: .hintAccept),
                Binding([.char("r")], .mark(.reviewed), .helpMarkReviewed, hint: .hintReviewed),
                Binding([.char("d")], .mark(.disputed), .helpMarkDisputed),
                Binding([.char("D")], .mark(.discuss), .helpMarkDiscuss),
                Binding([.char("m")], .memo, .helpMemo, hint: .hintMemo),
                Binding([.char("M")], .codeMemo, .helpCodeMemo),
                Binding([.char("u")], .undo, .helpUndo, hint: .hintUndo),
                Binding([.ctrl("r")], .redo, .helpRedo),
                Binding([.char("n")], .nextExcerpt, .helpNextInQueue, hint: .hintNextPrev),
                Binding([.char("p")], .previousExcerpt, .helpPreviousInQueue),
                Binding([.char("]")], .nextUnreviewed, .helpNextUnreviewed),
                Binding([.char("[")], .previousUnreviewed, .helpPreviousUnreviewed),
                Binding([.pageDown], .pageDown, .helpScrollTextDown),
                Binding([.pageUp], .pageUp, .helpScrollTextUp),
            ]
        case .resolve:
            return [
                Binding([.char("a")], .takeA, .helpTakeA, hint: .hintTakeA),
                Binding([.char("b")], .takeB, .helpTakeB, hint: .hintTakeB),
                Binding([.char("u")], .takeUnion, .helpTakeUnion, hint: .hintUnion),
                Binding([.char("e")], .pickCode, .helpResolveEdit, hint: .hintEdit),
                Binding([.char("r")], .mark(.reviewed), .helpResolveDone),
                Binding([.char("m")], .memo, .helpResolveMemo, hint: .hintMemo),
                Binding([.char("n")], .nextExcerpt, .helpNextInQueue, hint: .hintNextPrev),
                Binding([.char("p")], .previousExcerpt, .helpPreviousInQueue),
                Binding([.char("]")], .nextUnreviewed, .helpNextUnresolved),
                Binding([.char("[")], .previousUnreviewed, .helpPreviousUnresolved),
            ]
        case .picker:
            return [
                Binding([.down], .moveDown, .helpDown, hint: .hintMove),
                Binding([.up], .moveUp, .helpUp),
                Binding([.enter], .open, .helpPickerApply, hint: .hintApply),
                Binding([.ctrl("p")], .pinCode, .helpPickerPin, hint: .hintPin),
                Binding([.escape], .back, .helpPickerClose, hint: .hintClose),
                Binding([.ctrl("c")], .quitNow, .helpQuitNow),
            ]
        case .memo:
            return [
                Binding([.ctrl("s")], .saveMemo, .helpMemoSave, hint: .hintSave),
                Binding([.escape], .back, .helpMemoCancel, hint: .hintCancel),
                Binding([.ctrl("c")], .quitNow, .helpQuitNow),
            ]
        case .choice:
            return [
                Binding([.escape], .back, .helpChoiceCancel, hint: .hintCancel),
                Binding([.ctrl("c")], .quitNow, .helpQuitNow),
            ]
        case .filter:
            return [
                Binding([.char("j"), .down], .moveDown, .helpFilterDown, hint: .hintMove),
                Binding([.char("k"), .up], .moveUp, .helpFilterUp),
                Binding([.char("l"), .right, .char(" ")], .nextValue, .helpNextValue, hint: .hintValue),
                Binding([.char("h"), .left], .previousValue, .helpPreviousValue),
                Binding([.char("x"), .backspace], .clearValue, .helpClearValue),
                Binding([.char("X")], .clearFilter, .helpClearFilter),
                Binding([.enter, .escape, .char("f")], .back, .helpCloseFilter, hint: .hintClose),
                Binding([.ctrl("c")], .quitNow, .helpQuitNow),
            ]
        case .help:
            return [
                Binding([.char("j"), .down], .moveDown, .helpScrollDown, hint: .hintScroll),
                Binding([.char("k"), .up], .moveUp, .helpScrollUp),
                Binding([.escape, .char("?"), .char("q")], .back, .helpCloseHelp, hint: .hintClose),
                Binding([.ctrl("c")], .quitNow, .helpQuitNow),
            ]
        case .prompt:
            return [
                Binding([.enter], .open, .helpPromptEnter, hint: .hintPromptEnter),
                Binding([.escape], .back, .helpPromptCancel, hint: .hintPromptCancel),
                Binding([.tab], .toggleFold, .helpPromptFold, hint: .hintPromptFold),
                Binding([.ctrl("c")], .quitNow, .helpQuitNow),
            ]
        }
    }

    /// Whether global keys apply on a screen (not in overlays that take keys of their own).
    public static func takesGlobals(_ screen: ScreenKind) -> Bool {
        ![.filter, .help, .prompt, .picker, .memo, .choice].contains(screen)
    }

    /// The action for a key on a screen: the screen's table first, then the global one.
    public static func action(for key: Key, on screen: ScreenKind) -> Action? {
        if let b = table(for: screen).first(where: { $0.keys.contains(key) }) {
            if case .selectCounty = b.action, case let .char(c) = key, let n = c.wholeNumberValue { return .selectCounty(n) }
            if case .togglePin = b.action, case let .char(c) = key, let n = c.wholeNumberValue { return .togglePin(n) }
            return b.action
        }
        guard takesGlobals(screen) else { return nil }
        return global.first { $0.keys.contains(key) }?.action
    }
}
