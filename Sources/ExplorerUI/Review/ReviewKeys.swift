import CaseCore

extension ReviewScreen {
    /// The keys of this screen; Bindings.inEffect adds the global ones it does not take.
    static let bindings: [Binding] =
        [
            Binding(Key.digits, .togglePin(0), .helpTogglePin, hint: .hintPins),
            Binding([.char(" "), .enter], .toggleCode, .helpToggleCode),
            Binding([.char("j"), .down], .moveDown, .helpCodeDown),
            Binding([.char("k"), .up], .moveUp, .helpCodeUp),
            Binding([.char("c")], .pickCode, .helpPickCode, hint: .hintPick),
            Binding([.char("a")], .acceptProposed, .helpAcceptProposed, hint: .hintAccept),
            Binding([.char("r")], .mark(.reviewed), .helpMarkReviewed, hint: .hintReviewed),
            Binding([.char("R")], .reviewedNext, .helpReviewedNext, hint: .hintReviewedNext),
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
            Binding([.char("f")], .cycleQueueView, .helpQueueView),
            Binding([.char("o")], .goToExcerpt, .helpGoToExcerpt)
        ]
        // The excerpt's text: j and k move in the code table here.
        + Bindings.whileScrollable(
            [
                Binding([.pageDown], .pageDown, .helpScrollTextDown),
                Binding([.pageUp], .pageUp, .helpScrollTextUp)
            ] + Bindings.halfPages, offset: { $0.review?.textScroll }, last: ReviewScreen.maxTextScroll)
}
