import CaseCore

/// The actors of one chain in display order: the grant flow as a tree from the top, then the
/// partners beside the chain. Screens, navigation and tests share it.
public struct ChainLayout: Sendable {
    public struct Node: Sendable, Equatable {
        public let actor: Actor
        public let depth: Int
        /// Whether the node stands beside the chain rather than in the grant flow.
        public let beside: Bool
        /// For tree drawing: whether it is the last child of its parent.
        public let isLast: Bool
        /// Ancestor columns that still have siblings below (draw a │ there).
        public let openColumns: [Bool]
    }

    public let nodes: [Node]

    public init(data: Dataset, chain chainId: String) {
        let actors = data.actors(inChain: chainId)
        let ids = Set(actors.map(\.id))
        let inChain: (Actor) -> Bool = { $0.parent.map { ids.contains($0) } ?? false }
        var result: [Node] = []
        func visit(_ a: Actor, depth: Int, isLast: Bool, open: [Bool]) {
            result.append(Node(actor: a, depth: depth, beside: false, isLast: isLast, openColumns: open))
            let children = actors.filter { $0.parent == a.id }.sorted(by: ChainLayout.order)
            for (i, c) in children.enumerated() {
                visit(c, depth: depth + 1, isLast: i == children.count - 1, open: open + [!isLast])
            }
        }
        let roots = actors.filter { !inChain($0) && $0.level != nil }.sorted(by: ChainLayout.order)
        for (i, r) in roots.enumerated() { visit(r, depth: 0, isLast: i == roots.count - 1, open: []) }
        let partners = actors.filter { !inChain($0) && $0.level == nil }.sorted(by: ChainLayout.order)
        for a in partners {
            result.append(Node(actor: a, depth: 0, beside: true, isLast: true, openColumns: []))
            let children = actors.filter { $0.parent == a.id }
            for c in children {
                result.append(Node(actor: c, depth: 1, beside: true, isLast: true, openColumns: [false]))
            }
        }
        nodes = result
    }

    /// Level first (partners after), then kind, then id: a stable order for siblings.
    static func order(_ a: Actor, _ b: Actor) -> Bool {
        let la = a.level ?? 9, lb = b.level ?? 9
        if la != lb { return la < lb }
        let ka = ActorKind.allCases.firstIndex(of: a.kind)!, kb = ActorKind.allCases.firstIndex(of: b.kind)!
        if ka != kb { return ka < kb }
        return a.id < b.id
    }

    public func index(of actorId: String?) -> Int? {
        guard let actorId else { return nil }
        return nodes.firstIndex { $0.actor.id == actorId }
    }
}
