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

    /// Returns how many lines of the navigator it made (those in view).
    @discardableResult
    static func render(_ state: AppState, _ s: inout ChainsState, into buffer: inout CellBuffer, in rect: Rect) -> Int {
        let (navigator, rule, chain) = panes(s, in: rect)
        var made = 0
        if let navigator {
            let (layout, top) = navigatorLayout(state, s, in: navigator)
            let drawn = s
            Draw.lines(
                count: layout.rows.count,
                {
                    made += 1; return layout.line($0, state, drawn, width: navigator.width)
                },
                scroll: top, into: &buffer, in: navigator)
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
        return made
    }

    /// Selects the chain or actor drawn at (x, y) (a click); false when none is there.
    static func select(_ state: AppState, _ s: inout ChainsState, atX x: Int, y: Int, in rect: Rect) -> Bool {
        let (navigator, _, chain) = panes(s, in: rect)
        if let navigator, navigator.contains(x: x, y: y) {
            let (layout, top) = navigatorLayout(state, s, in: navigator)
            guard let hit = layout.chainRows.first(where: { $0.rows.contains(y - navigator.y + top) }) else {
                return false
            }
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

    /// The counties and their chains laid out for the navigator's width, and the first row
    /// shown: the selected chain in view from the top (no offset to keep). The layout is kept
    /// between frames (the counties and chains never change); a frame makes only the lines in
    /// view — at 1 000 000 excerpts the study has 1 144 chains, and laying out every one on
    /// each frame took most of a key's 7–17 ms.
    static func navigatorLayout(_ state: AppState, _ s: ChainsState, in rect: Rect) -> (NavigatorLayout, top: Int) {
        let layout = state.memo.derived("navigator/\(rect.width)") {
            NavigatorLayout(state.data, width: rect.width)
        }
        let selected = layout.chainRows.first { $0.chain == s.chainId }?.rows ?? 0..<1
        return (layout, Draw.scroll(keeping: selected, current: 0, height: rect.height))
    }

    /// Every line of the navigator (tests compare a frame with them).
    static func navigatorLines(_ state: AppState, _ s: ChainsState, in rect: Rect) -> [StyledLine] {
        let (layout, _) = navigatorLayout(state, s, in: rect)
        return layout.rows.indices.map { layout.line($0, state, s, width: rect.width) }
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

/// The navigator's rows for one width: the heading, each county, each chain's name wrapped
/// (names wrap rather than lose their end, "Pilotprosjekt 2 (syv kommuner)"); the styles that
/// follow the selection and the focus are given when a line is made.
struct NavigatorLayout: Sendable {
    enum Row: Sendable {
        case heading
        case county(id: Int, name: String)
        /// One row of a chain's wrapped name; `first` carries the marker.
        case chain(id: String, text: String, first: Bool)
    }
    private(set) var rows: [Row] = [.heading]
    /// The rows each chain takes (for the mouse and the scroll).
    private(set) var chainRows: [ChainRows] = []

    struct ChainRows: Sendable {
        let chain: String
        let rows: Range<Int>
    }

    init(_ data: Dataset, width: Int) {
        let chainsByCounty = Dictionary(grouping: data.chains, by: \.county)
        for county in data.counties {
            rows.append(.county(id: county.id, name: county.name))
            for chain in chainsByCounty[county.id] ?? [] {
                let wrapped = DisplayWidth.wrap(chain.name, width: max(4, width - 5))
                chainRows.append(ChainRows(chain: chain.id, rows: rows.count..<(rows.count + wrapped.count)))
                for (i, text) in wrapped.enumerated() { rows.append(.chain(id: chain.id, text: text, first: i == 0)) }
            }
        }
    }

    func line(_ i: Int, _ state: AppState, _ s: ChainsState, width: Int) -> StyledLine {
        let focused = s.pane == .navigator
        switch rows[i] {
        case .heading:
            return [Span(state.t(.countiesAndChains), Style(.heading, bold: true, underline: focused))]
        case let .county(id, name):
            return [Span("\(id) ", Style(.statusKey, bold: true)), Span(name, Style(.heading, bold: true))]
        case let .chain(id, text, first):
            let selected = id == s.chainId
            let marker = selected ? "▸ " : "  "
            let style =
                selected ? Style(focused ? .selected : .selectedInactive, bold: true, reverse: focused) : Style()
            return [
                Span(first ? "  " + marker : "    ", Style(.accent, bold: selected)),
                Span(DisplayWidth.pad(text, to: width - 5), style)
            ]
        }
    }
}
