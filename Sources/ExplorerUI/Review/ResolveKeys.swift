import CaseCore

extension ResolveScreen {
    /// The keys of this screen; Bindings.inEffect adds the global ones it does not take.
    static let bindings: [Binding] =
        [
            Binding([.char("a")], .takeA, .helpTakeA, hint: .hintTakeA),
            Binding([.char("b")], .takeB, .helpTakeB, hint: .hintTakeB),
            Binding([.char("U")], .takeUnion, .helpTakeUnion, hint: .hintUnion),
            Binding([.char("u")], .undo, .helpResolveUndo, hint: .hintUndo),
            Binding([.ctrl("r")], .redo, .helpRedo),
            Binding([.char("e")], .pickCode, .helpResolveEdit, hint: .hintEdit),
            Binding([.char("r")], .mark(.reviewed), .helpResolveDone),
            Binding([.char("m")], .memo, .helpResolveMemo, hint: .hintMemo),
            Binding([.char("n")], .nextExcerpt, .helpNextInQueue, hint: .hintNextPrev),
            Binding([.char("p")], .previousExcerpt, .helpPreviousInQueue),
            Binding([.char("]")], .nextUnreviewed, .helpNextUnresolved),
            Binding([.char("[")], .previousUnreviewed, .helpPreviousUnresolved)
        ]
        + Bindings.whileScrollable(
            [
                Binding([.char("j"), .down], .moveDown, .helpScrollDown, hint: .hintScroll),
                Binding([.char("k"), .up], .moveUp, .helpScrollUp),
                Binding([.pageDown, .char(" ")], .pageDown, .helpScrollTextDown),
                Binding([.pageUp], .pageUp, .helpScrollTextUp)
            ] + Bindings.halfPages, offset: { $0.resolve?.textScroll }, last: ResolveScreen.maxTextScroll)
}
