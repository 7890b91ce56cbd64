import CaseCore
import Presentation

/// Matrices: code co-occurrence and case × code counts. Row and column headers stay fixed while
/// the cells scroll in both directions; Enter lists the excerpts behind a cell.
public enum MatrixScreen {
    static let tabs: [Txt] = [.matrixCooccurrence, .matrixByCounty, .matrixByChain, .matrixByLevel, .matrixByKind]

    public static func matrix(_ state: AppState, _ s: MatrixState) -> CodeMatrix {
        let coder = state.filter.coder ?? Dataset.referenceCoder
        let coding = state.coding(of: state.filter.coder)
        // Built once per tab and coding version, not every frame.
        let version = coding?.lastSequence ?? 0
        return state.memo.matrix(key: "\(s.tab)/\(coder)/\(version)") {
            let answers = coding.map { CodeMatrix.answers($0, state.data) } ?? CodeMatrix.referenceAnswers(state.data)
            switch s.tab {
            case 0: return CodeMatrix.cooccurrence(answers, coder: coder, data: state.data)
            default:
                return CodeMatrix.cases(
                    by: CodeMatrix.Dimension.allCases[s.tab - 1], answers, coder: coder, data: state.data)
            }
        }
    }

    static let cellWidth = 7

    /// A row's name in the interface language (the matrix itself labels rows for the data files).
    static func rowName(_ state: AppState, _ m: CodeMatrix, _ r: Int) -> String {
        guard m.rows.indices.contains(r) else { return "" }
        if m.kind == .cooccurrence { return state.data.code(m.rows[r])?.name ?? m.rows[r] }
        if r == m.rows.count - 1 { return state.t(.matrixUnplaced) }
        if m.dimension == .level {
            let names: [Txt] = [.matrixLevel1, .matrixLevel2, .matrixLevel3, .matrixLevel4, .besideChain]
            if names.indices.contains(r) { return state.t(names[r]) }
        }
        return m.rows[r]
    }

    static func render(_ state: AppState, _ s: MatrixState, into buffer: inout CellBuffer, in rect: Rect) {
        let inner = rect.inset(left: 1, right: 1)
        buffer.put(TabBar.spans(tabs.map(state.t), active: s.tab), x: inner.x, y: inner.y, limit: inner.width)
        let m = matrix(state, s)
        buffer.put(
            state.t(.matrixCoder).replacingOccurrences(of: "%c", with: m.coder), x: inner.x, y: inner.y + 1,
            style: Style(.dim), limit: inner.width)
        guard !m.rows.isEmpty, !m.columns.isEmpty else {
            buffer.put(state.t(.matrixEmpty), x: inner.x, y: inner.y + 3, style: Style(.dim), limit: inner.width)
            return
        }
        let row = min(s.row, m.rows.count - 1), column = min(s.column, m.columns.count - 1)
        let headerWidth = min(26, max(12, inner.width / 4))
        let gridTop = inner.y + 4, gridHeight = inner.height - 6
        let visibleColumns = max(1, (inner.width - headerWidth) / cellWidth)
        let firstColumn = Draw.scroll(keeping: column, current: 0, height: visibleColumns)
        let firstRow = Draw.scroll(keeping: row, current: 0, height: max(1, gridHeight))
        // Column headers: the column number, with the selected column's full name below the grid.
        for (i, c) in (firstColumn..<min(m.columns.count, firstColumn + visibleColumns)).enumerated() {
            let selected = c == column
            let label = DisplayWidth.truncate(m.columns[c], to: cellWidth - 1)
            buffer.put(
                DisplayWidth.pad(label, to: cellWidth), x: inner.x + headerWidth + i * cellWidth, y: gridTop - 1,
                style: Style(selected ? .selected : .label, bold: true, underline: selected, reverse: selected))
        }
        for (i, r) in (firstRow..<min(m.rows.count, firstRow + max(1, gridHeight))).enumerated() {
            let y = gridTop + i
            let selectedRow = r == row
            let rowLabel = rowName(state, m, r)
            buffer.put(
                DisplayWidth.pad((selectedRow ? "▶ " : "  ") + rowLabel, to: headerWidth - 1), x: inner.x, y: y,
                style: Style(selectedRow ? .selected : .normal, bold: selectedRow))
            for (j, c) in (firstColumn..<min(m.columns.count, firstColumn + visibleColumns)).enumerated() {
                let n = m.count(r, c)
                let text = n == 0 ? "·" : String(n)
                let selected = selectedRow && c == column
                let padded = String(repeating: " ", count: max(0, cellWidth - 2 - DisplayWidth.of(text))) + text + "  "
                buffer.put(
                    selected ? "[" + padded.dropFirst().dropLast() + "]" : padded,
                    x: inner.x + headerWidth + j * cellWidth, y: y,
                    style: Style(
                        selected ? .selected : (n == 0 ? .dim : .normal), bold: selected || n > 0, reverse: selected))
            }
        }
        let name = state.data.code(m.columns[column])?.name ?? m.columns[column]
        let cell = state.t(.matrixCell, count: m.count(row, column)).replacingOccurrences(
            of: "%r", with: rowName(state, m, row)
        ).replacingOccurrences(of: "%c", with: name)
        buffer.put(cell, x: inner.x, y: inner.maxY - 1, style: Style(.accent, bold: true), limit: inner.width)
    }
}
