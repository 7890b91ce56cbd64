import CaseCore

extension CodebookScreen {
    /// The keys of this screen; Bindings.inEffect adds the global ones and asks each whether it is enabled.
    static let bindings: [Binding] =
        Bindings.moveKeysWithHint + [
            Binding([.enter], .open, .helpOpenCode, hint: .hintOpen),
            Binding([.char("o")], .toggleCoder, .helpCycleCoding)
        ]
}

extension AppState {
    mutating func updateCodebook(_ state: ListState, _ action: Action) {
        var s = state
        let codes = CodebookLayout(data: data).rows
        switch action {
        case .open:
            guard s.selection < codes.count else { return }
            // A parent code lists its own excerpts and its children's, in the coding shown.
            let row = codes[s.selection]
            var f = ExcerptFilter(code: row.code.id)
            f.codeWithSubcodes = !data.subcodes(of: row.code.id).isEmpty
            f.coder = filter.coder
            filter = f
            push(.excerpts(ListState()))
            return
        case .toggleCoder:
            _ = cycleCoding()
        default:
            if let next = moved(s.selection, count: codes.count, by: action, page: bodyHeight - 3) {
                s.selection = next
            }
        }
        replaceTop(.codebook(s))
    }
}

/// The rows of the codebook screen: codes in tree order with their depth.
public struct CodebookLayout: Sendable {
    public struct Row: Sendable { public let code: Code; public let depth: Int }
    public let rows: [Row]

    public init(data: Dataset) {
        var rows: [Row] = []
        var seen: Set<String> = []
        func visit(_ c: Code, depth: Int) {
            guard seen.insert(c.id).inserted else { return }
            rows.append(Row(code: c, depth: depth))
            for child in data.subcodes(of: c.id) { visit(child, depth: depth + 1) }
        }
        for c in data.codes where c.parent == nil || data.code(c.parent!) == nil { visit(c, depth: 0) }
        self.rows = rows
    }
}
