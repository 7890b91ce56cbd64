import CaseCore
import Presentation

/// The home screen: counties and chains on the left, the selected chain drawn as a grant flow on
/// the right — statsforvalter → samarbeidsforum → kommune → units, partners beside it — each
/// node with its informants and its number of excerpts.
enum ChainsScreen {
    /// Below this width one pane is shown at a time (Tab switches), so names keep their room.
    static let twoPaneWidth = 90

    /// The navigator's and the chain's rects: side by side with a rule between them from 90
    /// columns, else the pane in focus alone (the navigator a column in from the edge).
    static func panes(_ s: ChainsState, in rect: Rect) -> (navigator: Rect?, rule: Rect?, chain: Rect?) {
        guard rect.width >= twoPaneWidth else {
            return s.pane == .navigator ? (rect.inset(left: 1), nil, nil) : (nil, nil, rect.inset(left: 1))
        }
        let parts = rect.columns([.fixed(min(34, max(24, rect.width / 3))), .fixed(1), .min(0)])
        return (parts[0], parts[1], parts[2].inset(left: 1))
    }

    static func render(_ state: AppState, _ s: inout ChainsState, into buffer: inout CellBuffer, in rect: Rect) {
        let (navigator, rule, chain) = panes(s, in: rect)
        if let navigator {
            let (lines, _, top) = navigatorLines(state, s, in: navigator)
            Draw.lines(lines, scroll: top, into: &buffer, in: navigator)
        }
        if let rule { for y in rule.y..<rule.maxY { buffer.put("│", x: rule.x, y: y, style: Style(.dim)) } }
        if let chain {
            let (lines, rows) = chainLines(state, s, width: chain.width)
            // The selected actor with its informants stays in view; the first keeps the chain's heading.
            if let i = ChainLayout(data: state.data, chain: s.chainId).index(of: s.node), rows.indices.contains(i) {
                s.scroll = Draw.scroll(
                    keeping: (i == 0 ? 0 : rows[i].lowerBound)..<rows[i].upperBound, current: s.scroll,
                    height: chain.height)
            }
            ScrollView.render(lines, offset: &s.scroll, into: &buffer, in: chain)
        }
    }

    /// Selects the chain or actor drawn at (x, y) (a click); false when none is there.
    static func select(_ state: AppState, _ s: inout ChainsState, atX x: Int, y: Int, in rect: Rect) -> Bool {
        let (navigator, _, chain) = panes(s, in: rect)
        if let navigator, navigator.contains(x: x, y: y) {
            let (_, rows, top) = navigatorLines(state, s, in: navigator)
            guard let hit = rows.first(where: { $0.rows.contains(y - navigator.y + top) }) else { return false }
            if hit.chain != s.chainId {
                s = ChainsState(
                    chainId: hit.chain, node: ChainLayout(data: state.data, chain: hit.chain).nodes.first?.actor.id)
            }
            s.pane = .navigator
            return true
        }
        guard let chain, chain.contains(x: x, y: y),
            let i = chainLines(state, s, width: chain.width).rows.firstIndex(where: {
                $0.contains(y - chain.y + s.scroll)
            })
        else { return false }
        s.node = ChainLayout(data: state.data, chain: s.chainId).nodes[i].actor.id
        s.pane = .chain
        return true
    }

    /// The counties and their chains, the rows each chain takes (for the mouse), and the first
    /// row shown: the selected chain in view from the top (no offset to keep).
    static func navigatorLines(_ state: AppState, _ s: ChainsState, in rect: Rect) -> (
        lines: [StyledLine], rows: [(chain: String, rows: Range<Int>)], top: Int
    ) {
        let width = rect.width
        let focused = s.pane == .navigator
        var lines: [StyledLine] = [[Span(state.t(.countiesAndChains), Style(.heading, bold: true, underline: focused))]]
        var chainRows: [(chain: String, rows: Range<Int>)] = []
        for county in state.data.counties {
            lines.append([
                Span("\(county.id) ", Style(.statusKey, bold: true)), Span(county.name, Style(.heading, bold: true))
            ])
            for chain in state.data.chains(in: county.id) {
                let selected = chain.id == s.chainId
                let marker = selected ? "▸ " : "  "
                let style =
                    selected ? Style(focused ? .selected : .selectedInactive, bold: true, reverse: focused) : Style()
                // Names wrap rather than lose their end ("Pilotprosjekt 2 (syv kommuner)").
                let rows = DisplayWidth.wrap(chain.name, width: max(4, width - 5))
                chainRows.append((chain.id, lines.count..<(lines.count + rows.count)))
                for (i, row) in rows.enumerated() {
                    lines.append([
                        Span(i == 0 ? "  " + marker : "    ", Style(.accent, bold: selected)),
                        Span(DisplayWidth.pad(row, to: width - 5), style)
                    ])
                }
            }
        }
        let selected = chainRows.first { $0.chain == s.chainId }?.rows ?? 0..<1
        return (lines, chainRows, Draw.scroll(keeping: selected, current: 0, height: rect.height))
    }

    static func nodeSummary(_ state: AppState, _ a: Actor) -> String {
        let informants = state.data.informants(of: a.id).count
        let excerpts = state.data.excerptCount(actor: a.id)
        return state.t(.nodeCounts).filling(["%i": String(informants), "%e": String(excerpts)])
    }

    /// A bullet line under a node, wrapped with the tree's continuation drawn on every row.
    static func wrapped(_ lead: String, _ bullet: String, _ text: String, _ style: Style, width: Int) -> [StyledLine] {
        let indent = DisplayWidth.of(lead) + DisplayWidth.of(bullet)
        let rows = DisplayWidth.wrap(text, width: max(10, width - indent))
        return rows.enumerated().map { i, row in
            [
                Span(lead, Style(.dim)),
                Span(i == 0 ? bullet : String(repeating: " ", count: DisplayWidth.of(bullet)), style), Span(row, style)
            ]
        }
    }

    /// The chain drawn as a tree, and the rows each actor takes with its informants and notes
    /// (in the order of `ChainLayout.nodes`).
    static func chainLines(_ state: AppState, _ s: ChainsState, width: Int) -> (lines: [StyledLine], rows: [Range<Int>])
    {
        guard let chain = state.data.chain(s.chainId) else { return ([], []) }
        let d = state.data
        let focused = s.pane == .chain
        var lines: [StyledLine] = []
        lines.append([Span(chain.name, Style(.heading, bold: true, underline: focused))])
        var facts: [String] = []
        if let m = chain.municipality { facts.append(m) }
        if let y = chain.fundingYear { facts.append(state.t(.fundsIn).filling(["%y": String(y)])) }
        if let m = chain.measurement { facts.append(m) }
        if !facts.isEmpty { lines.append([Span(facts.joined(separator: " · "), Style(.dim))]) }
        let inCounty = d.excerptCount(county: chain.county)
        let inChain = d.excerptCount(chain: chain.id)
        lines.append([
            Span(
                state.t(.chainExcerpts).filling(["%c": String(inCounty), "%k": String(inChain)]), Style(.dim))
        ])
        lines.append([])

        let layout = ChainLayout(data: d, chain: chain.id)
        var rows: [Range<Int>] = []
        var besideHeaderDone = false
        let countsWidth = 20
        for node in layout.nodes {
            if node.beside && !besideHeaderDone {
                lines.append([])
                lines.append([Span(state.t(.besideChain), Style(.heading, bold: true))])
                besideHeaderDone = true
            }
            // A │ for each ancestor with siblings still below, then the node's branch.
            let trunk = node.openColumns.dropFirst().map { $0 ? "│   " : "    " }.joined()
            let prefix =
                node.beside
                ? (node.depth > 0 ? "    └─ " : "  ") : trunk + (node.depth == 0 ? "" : node.isLast ? "└─▶ " : "├─▶ ")
            let selected = node.actor.id == s.node
            let first = lines.count
            let level =
                node.actor.level.map { state.t(.levelShort).filling(["%n": String($0)]) } ?? "  "
            let marker = selected ? "▶" : " "
            let nameWidth = max(8, width + 1 - DisplayWidth.of(prefix) - countsWidth - 7)
            let nameStyle =
                selected
                ? Style(focused ? .selected : .selectedInactive, bold: true, reverse: focused)
                : Style(bold: node.actor.level != nil && node.depth == 0)
            lines.append([
                Span(marker, Style(.accent, bold: true)), Span(prefix, Style(.dim)),
                Span(DisplayWidth.pad(node.actor.name, to: nameWidth), nameStyle),
                Span(" " + level + " ", Style(.dim)),
                Span(nodeSummary(state, node.actor), Style(.dim))
            ])
            // The informants under the node, and the report's notes on who was not interviewed.
            let hasChildren = layout.nodes.contains { $0.actor.parent == node.actor.id }
            let continuation =
                node.beside
                ? (node.depth > 0 ? "       " : "    ")
                : trunk + (node.depth == 0 ? "" : node.isLast ? "    " : "│   ") + (hasChildren ? "│ " : "  ")
            let lead = " " + continuation
            let room = width - 1
            for informant in d.informants(of: node.actor.id) {
                lines += wrapped(lead, "· ", informant.role, Style(.normal), width: room)
            }
            for note in node.actor.notes {
                lines += wrapped(lead, "– ", note.text(state.language), Style(.dim), width: room)
            }
            rows.append(first..<lines.count)
        }
        return (lines, rows)
    }
}
