import CaseCore

extension ChainsScreen {
    /// The keys of this screen; Bindings.inEffect adds the global ones and asks each whether it is enabled.
    static let bindings: [Binding] =
        [
            Binding([.char("j"), .down], .moveDown, .helpChainDown, hint: .hintMove),
            Binding([.char("k"), .up], .moveUp, .helpChainUp)
        ] + Bindings.halfPages + [
            Binding([.char("h"), .left], .toParent, .helpToParent, when: { $0.screen.chains?.pane == .chain }),
            Binding([.char("l"), .right], .toChild, .helpToChild),
            Binding([.enter], .open, .helpOpenNode, hint: .hintOpen),
            Binding([.tab, .backTab], .switchPane, .helpSwitchPane, hint: .hintPane),
            Binding(Key.digits, .selectCounty(0), .helpSelectCounty),
            Binding([.char("n")], .nextCounty, .helpNextCounty, hint: .hintCounty),
            Binding([.char("]")], .nextChain, .helpNextChain, hint: .hintChain),
            Binding([.char("[")], .previousChain, .helpPreviousChain),
            Binding([.char("u")], .showCountyExcerpts, .helpCountyExcerpts),
            Binding([.char("g"), .home], .top, .helpTop),
            Binding([.char("G"), .end], .bottom, .helpBottom)
        ]
}

extension AppState {
    mutating func updateChains(_ state: ChainsState, _ action: Action) {
        var s = state
        let layout = ChainLayout(data: data, chain: s.chainId)
        let chains = data.chains
        let chainIndex = chains.firstIndex { $0.id == s.chainId } ?? 0
        func select(chain index: Int) {
            guard !chains.isEmpty else { return }
            let i = (index + chains.count) % chains.count
            s.chainId = chains[i].id
            s.node = ChainLayout(data: data, chain: s.chainId).nodes.first?.actor.id
            s.scroll = 0
        }
        switch action {
        case .switchPane: s.pane = s.pane == .chain ? .navigator : .chain
        case .selectCounty(let n):
            if let i = chains.firstIndex(where: { $0.county == n }) {
                select(chain: i)
            } else {
                message = t(.noSuchCounty).filling(["%n": String(n)])
            }
        case .nextCounty:
            let counties = data.counties.map(\.id)
            guard !counties.isEmpty else { message = t(.noCounties); break }
            let current = chains.isEmpty ? 0 : chains[chainIndex].county
            let next = counties[((counties.firstIndex(of: current) ?? -1) + 1) % max(1, counties.count)]
            if let i = chains.firstIndex(where: { $0.county == next }) { select(chain: i) }
        case .nextChain: select(chain: chainIndex + 1)
        case .previousChain: select(chain: chainIndex - 1)
        case .showCountyExcerpts:
            if let chain = data.chain(s.chainId) {
                filter = ExcerptFilter(county: chain.county)
                show(.excerpts(ListState()))
                return
            }
        default:
            if s.pane == .navigator {
                if action == .open || action == .toChild {
                    s.pane = .chain
                } else if let next = moved(chainIndex, count: chains.count, by: action, page: bodyHeight / 3) {
                    select(chain: next)
                }
            } else {
                let index = layout.index(of: s.node) ?? 0
                switch action {
                case .open:
                    if let id = s.node { replaceTop(.chains(s)); push(.node(NodeState(actor: id))); return }
                case .toParent:
                    if let parent = s.node.flatMap({ data.actor($0)?.parent }), layout.index(of: parent) != nil {
                        s.node = parent
                    } else {
                        s.pane = .navigator
                    }
                case .toChild:
                    if let child = layout.nodes.first(where: { $0.actor.parent == s.node }) { s.node = child.actor.id }
                default:
                    if let next = moved(index, count: layout.nodes.count, by: action, page: bodyHeight / 3) {
                        s.node = layout.nodes[next].actor.id
                    }
                }
            }
        }
        replaceTop(.chains(s))
    }
}
