import CaseCore

extension MatrixScreen {
    /// The keys of this screen; Bindings.inEffect adds the global ones and asks each whether it is enabled.
    static let bindings: [Binding] =
        [
            Binding([.char("j"), .down], .moveDown, .helpMatrixDown, hint: .hintMove),
            Binding([.char("k"), .up], .moveUp, .helpMatrixUp)
        ] + Bindings.halfPages + [
            Binding([.char("l"), .right], .toChild, .helpMatrixRight),
            Binding([.char("h"), .left], .toParent, .helpMatrixLeft),
            Binding([.tab], .nextTab, .helpNextTab, hint: .hintTabs),
            Binding([.backTab], .previousTab, .helpPreviousTab),
            Binding([.enter], .open, .helpMatrixOpen, hint: .hintOpen),
            Binding([.char("o")], .toggleCoder, .helpMatrixCoder)
        ]
}

extension AppState {
    mutating func updateMatrix(_ state: MatrixState, _ action: Action) {
        var s = state
        // Being counted (a coder's matrix on a large study): tabs and codings change, the
        // cursor waits for the cells.
        let m = MatrixScreen.shown(self, s) ?? CodeMatrix.empty
        switch action {
        case .toChild: s.column = min(max(0, m.columns.count - 1), s.column + 1)
        case .toParent: s.column = max(0, s.column - 1)
        case .nextTab: s.tab = (s.tab + 1) % MatrixScreen.tabs.count; s.row = 0; s.column = 0
        case .previousTab:
            s.tab = (s.tab + MatrixScreen.tabs.count - 1) % MatrixScreen.tabs.count; s.row = 0; s.column = 0
        case .toggleCoder:
            if cycleCoding() { s.row = 0; s.column = 0 }
        case .open:
            guard m.rows.indices.contains(s.row), m.columns.indices.contains(s.column), m.count(s.row, s.column) > 0
            else { return }
            replaceTop(.matrix(s))
            var f = ExcerptFilter()
            f.ids = Set(m.cells[s.row][s.column].map { data.excerpts[$0].id })
            f.idsLabel = "\(MatrixScreen.rowName(self, m, s.row)) × \(m.columns[s.column]) (\(m.coder))"
            filter = f
            push(.excerpts(ListState()))
            return
        default:
            // The rows under the tabs, the column header and above the selected cell's line.
            if let row = moved(s.row, count: m.rows.count, by: action, page: bodyHeight - 6) { s.row = row }
        }
        replaceTop(.matrix(s))
    }
}
