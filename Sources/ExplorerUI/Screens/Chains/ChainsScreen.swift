import CaseCore
import Presentation

/// The home screen: counties and chains on the left, the selected chain drawn as a grant flow on
/// the right — statsforvalter → samarbeidsforum → kommune → units, partners beside it — each
/// node with its informants and its number of excerpts.
enum ChainsScreen {
    /// Below this width one pane is shown at a time (Tab switches), so names keep their room.
    static let twoPaneWidth = 90

    static func render(_ state: AppState, _ s: ChainsState, into buffer: inout CellBuffer, in rect: Rect) {
        if rect.width < twoPaneWidth {
            if s.pane == .navigator {
                renderNavigator(state, s, into: &buffer, in: rect.inset(left: 1))
            } else {
                renderChain(state, s, into: &buffer, in: rect)
            }
            return
        }
        let navWidth = min(34, max(24, rect.width / 3))
        let nav = Rect(x: rect.x, y: rect.y, width: navWidth, height: rect.height)
        let main = Rect(x: rect.x + navWidth + 1, y: rect.y, width: rect.width - navWidth - 1, height: rect.height)
        renderNavigator(state, s, into: &buffer, in: nav)
        for y in rect.y..<rect.maxY { buffer.put("│", x: rect.x + navWidth, y: y, style: Style(.dim)) }
        renderChain(state, s, into: &buffer, in: main)
    }

    static func renderNavigator(_ state: AppState, _ s: ChainsState, into buffer: inout CellBuffer, in rect: Rect) {
        let focused = s.pane == .navigator
        var lines: [StyledLine] = [[Span(state.t(.countiesAndChains), Style(.heading, bold: true, underline: focused))]]
        var selectedRow = 0
        for county in state.data.counties {
            lines.append([
                Span("\(county.id) ", Style(.statusKey, bold: true)), Span(county.name, Style(.heading, bold: true))
            ])
            for chain in state.data.chains(in: county.id) {
                let selected = chain.id == s.chainId
                if selected { selectedRow = lines.count }
                let marker = selected ? "▸ " : "  "
                let style =
                    selected ? Style(focused ? .selected : .selectedInactive, bold: true, reverse: focused) : Style()
                // Names wrap rather than lose their end ("Pilotprosjekt 2 (syv kommuner)").
                let rows = DisplayWidth.wrap(chain.name, width: max(4, rect.width - 5))
                for (i, row) in rows.enumerated() {
                    lines.append([
                        Span(i == 0 ? "  " + marker : "    ", Style(.accent, bold: selected)),
                        Span(DisplayWidth.pad(row, to: rect.width - 5), style)
                    ])
                }
            }
        }
        let scroll = Draw.scroll(keeping: selectedRow, current: 0, height: rect.height)
        Draw.lines(lines, scroll: scroll, into: &buffer, in: rect)
    }

    static func nodeSummary(_ state: AppState, _ a: Actor) -> String {
        let informants = state.data.informants(of: a.id).count
        let excerpts = state.data.excerpts(ofActor: a.id).count
        return state.t(.nodeCounts).replacingOccurrences(of: "%i", with: String(informants)).replacingOccurrences(
            of: "%e", with: String(excerpts))
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

    static func renderChain(_ state: AppState, _ s: ChainsState, into buffer: inout CellBuffer, in rect: Rect) {
        guard let chain = state.data.chain(s.chainId) else { return }
        let d = state.data
        let focused = s.pane == .chain
        var lines: [StyledLine] = []
        lines.append([Span(chain.name, Style(.heading, bold: true, underline: focused))])
        var facts: [String] = []
        if let m = chain.municipality { facts.append(m) }
        if let y = chain.fundingYear { facts.append(state.t(.fundsIn).replacingOccurrences(of: "%y", with: String(y))) }
        if let m = chain.measurement { facts.append(m) }
        if !facts.isEmpty { lines.append([Span(facts.joined(separator: " · "), Style(.dim))]) }
        let inCounty = d.excerptCount(county: chain.county)
        let inChain = d.excerptCount(chain: chain.id)
        lines.append([
            Span(
                state.t(.chainExcerpts).replacingOccurrences(of: "%c", with: String(inCounty)).replacingOccurrences(
                    of: "%k", with: String(inChain)), Style(.dim))
        ])
        lines.append([])

        let layout = ChainLayout(data: d, chain: chain.id)
        var selectedRow = 0
        var besideHeaderDone = false
        let countsWidth = 20
        for node in layout.nodes {
            if node.beside && !besideHeaderDone {
                lines.append([])
                lines.append([Span(state.t(.besideChain), Style(.heading, bold: true))])
                besideHeaderDone = true
            }
            var prefix = ""
            if !node.beside {
                for open in node.openColumns.dropFirst() { prefix += open ? "│   " : "    " }
                if node.depth > 0 { prefix += node.isLast ? "└─▶ " : "├─▶ " }
            } else {
                prefix = node.depth > 0 ? "    └─ " : "  "
            }
            let selected = node.actor.id == s.node
            if selected { selectedRow = lines.count }
            let level =
                node.actor.level.map { state.t(.levelShort).replacingOccurrences(of: "%n", with: String($0)) } ?? "  "
            let marker = selected ? "▶" : " "
            let nameWidth = max(8, rect.width - DisplayWidth.of(prefix) - countsWidth - 7)
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
            var continuation = ""
            if !node.beside {
                for open in node.openColumns.dropFirst() { continuation += open ? "│   " : "    " }
                if node.depth > 0 { continuation += node.isLast ? "    " : "│   " }
                let hasChildren = layout.nodes.contains { $0.actor.parent == node.actor.id }
                continuation += hasChildren ? "│ " : "  "
            } else {
                continuation = node.depth > 0 ? "       " : "    "
            }
            let lead = " " + continuation
            let room = rect.width - 2
            for informant in d.informants(of: node.actor.id) {
                lines += wrapped(lead, "· ", informant.role, Style(.normal), width: room)
            }
            for note in node.actor.notes {
                lines += wrapped(lead, "– ", note.text(state.language), Style(.dim), width: room)
            }
        }
        let scroll = Draw.scroll(keeping: selectedRow, current: 0, height: rect.height)
        Draw.lines(lines, scroll: selectedRow < 4 ? 0 : scroll, into: &buffer, in: rect.inset(left: 1))
    }
}
