import CaseCore

extension NodeScreen {
    /// The keys of this screen; Bindings.inEffect adds the global ones and asks each whether it is enabled.
    static let bindings: [Binding] = {
        // With two excerpts or more the keys select one; with none, they scroll a description taller than the screen.
        let canMove: @Sendable (AppState) -> Bool = { state in
            guard case let .node(s) = state.screen else { return false }
            let count = NodeScreen.openablePositions(state, s.actor).all.count
            return count > 1
                || count == 0 && NodeScreen.page(state, s, width: state.width - 3).lineCount > state.bodyHeight
        }
        return Bindings.moveKeysWithHint.map { $0.when(canMove) } + [
            Binding([.enter], .open, .helpOpenExcerpt, hint: .hintOpen).when { state in
                state.screen.node.map { !NodeScreen.openablePositions(state, $0.actor).all.isEmpty } ?? false
            },
            Binding([.char("h"), .left], .toParent, .helpNodeParent).when { state in
                state.screen.node.flatMap { state.data.actor($0.actor)?.parent } != nil
            }
        ]
    }()
}

extension AppState {
    mutating func updateNode(_ state: NodeState, _ action: Action) {
        var s = state
        let openable = NodeScreen.openablePositions(self, s.actor)
        let excerpts = openable.all
        switch action {
        case .open:
            // The reader steps within the group the excerpt is in: the actor's own, or the
            // ones not attributed to it — never from one into the other unawares.
            let own = openable.own
            let group = s.selection < own ? excerpts.prefix(own) : excerpts.dropFirst(own)
            if !excerpts.isEmpty {
                push(
                    .reader(
                        ReaderState(
                            list: group.map { data.excerpts[$0].id },
                            index: s.selection < own ? s.selection : s.selection - own)))
            }
            return
        case .toParent:
            if let parent = data.actor(s.actor)?.parent { s = NodeState(actor: parent) }
        default:
            if excerpts.isEmpty {
                // Nothing to select: the keys scroll the description instead (clamped when drawn).
                if let v = ScrollView.moved(s.scroll, by: action, page: bodyHeight - 2) { s.scroll = v }
            } else if let next = moved(s.selection, count: excerpts.count, by: action, page: bodyHeight / 2) {
                s.selection = next
            }
        }
        replaceTop(.node(s))
    }
}
