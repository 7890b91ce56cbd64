import CaseCore
import Presentation

/// Matrices: code co-occurrence and case × code counts. Row and column headers stay fixed while
/// the cells scroll in both directions; Enter lists the excerpts behind a cell.
public enum MatrixScreen {
    static let tabs: [Txt] = [.matrixCooccurrence, .matrixByCounty, .matrixByChain, .matrixByLevel, .matrixByKind]

    public static func matrix(_ state: AppState, _ s: MatrixState) -> CodeMatrix {
        let (key, build) = matrixBuild(state, s)
        return state.memo.derived(key, build)
    }

    /// The matrix as the screen shows it: on a large study (`searchesInBackground`) a coder's
    /// matrix is built off the key path and nil until it is in (the screen says it is being
    /// counted), never an older version's; the report's are built at the start (`warmUp`).
    static func shown(_ state: AppState, _ s: MatrixState) -> CodeMatrix? {
        guard state.searchesInBackground, state.filter.coder != nil else { return matrix(state, s) }
        let (key, build) = matrixBuild(state, s)
        return state.memo.derivedIfBuilt(key, orAsk: build)
    }

    /// The memo's key for the tab in the filter's coding (one per tab and coding version), and
    /// the work that builds it.
    static func matrixBuild(_ state: AppState, _ s: MatrixState) -> (String, @Sendable () -> CodeMatrix) {
        let coder = state.filter.coder ?? Dataset.referenceCoder
        let coding = state.coding(of: state.filter.coder)
        let version = coding?.lastSequence ?? 0
        let data = state.data, tab = s.tab
        return (
            "matrix/\(tab)/\(coder)/\(version)",
            {
                let answers =
                    coding.map { CodeMatrix.answers($0, data) } ?? CodeMatrix.referenceAnswers(data)
                switch tab {
                case 0: return CodeMatrix.cooccurrence(answers, coder: coder, data: data)
                default:
                    return CodeMatrix.cases(
                        by: CodeMatrix.Dimension.allCases[tab - 1], answers, coder: coder, data: data)
                }
            }
        )
    }

    static let cellWidth = 7

    /// Where the cells are, for rendering and the mouse: the rows under the column header (a
    /// `ListView`), and the columns that fit right of the row names, the selected one in view.
    struct Grid {
        let rows: Rect
        let headerWidth: Int
        let columns: Range<Int>

        init(_ m: CodeMatrix, column: Int, in inner: Rect) {
            rows = inner.rows([.fixed(4), .min(1), .fixed(2)])[1]
            headerWidth = min(26, max(12, inner.width / 4))
            let visible = max(1, (inner.width - headerWidth) / MatrixScreen.cellWidth)
            let first = Draw.scroll(keeping: column, current: 0, height: visible)
            columns = first..<min(m.columns.count, first + visible)
        }

        func x(of column: Int) -> Int { rows.x + headerWidth + (column - columns.lowerBound) * MatrixScreen.cellWidth }

        /// The column drawn at x; on the row names, nil.
        func column(at x: Int) -> Int? {
            guard x >= rows.x + headerWidth else { return nil }
            let c = columns.lowerBound + (x - rows.x - headerWidth) / MatrixScreen.cellWidth
            return columns.contains(c) ? c : nil
        }
    }

    /// The cell drawn at (x, y) (a click there); on a row's name, that row in the selected column.
    static func cell(_ state: AppState, _ s: MatrixState, atX x: Int, y: Int, in rect: Rect) -> (Int, Int)? {
        guard let m = shown(state, s), !m.rows.isEmpty, !m.columns.isEmpty else { return nil }
        let column = min(s.column, m.columns.count - 1)
        let grid = Grid(m, column: column, in: rect.inset(left: 1, right: 1))
        guard
            let row = ListView.index(
                at: y, count: m.rows.count, selection: min(s.row, m.rows.count - 1), in: grid.rows, centred: false)
        else { return nil }
        return (row, grid.column(at: x) ?? column)
    }

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
        buffer.put(
            state.t(.matrixCoder).filling(["%c": state.filter.coder ?? Dataset.referenceCoder]), x: inner.x,
            y: inner.y + 1, style: Style(.dim), limit: inner.width)
        guard let m = shown(state, s) else {
            buffer.put(state.t(.matrixBuilding), x: inner.x, y: inner.y + 3, style: Style(.dim), limit: inner.width)
            return
        }
        guard !m.rows.isEmpty, !m.columns.isEmpty else {
            buffer.put(state.t(.matrixEmpty), x: inner.x, y: inner.y + 3, style: Style(.dim), limit: inner.width)
            return
        }
        let row = min(s.row, m.rows.count - 1), column = min(s.column, m.columns.count - 1)
        let grid = Grid(m, column: column, in: inner)
        // Column headers: the column number, with the selected column's full name below the grid.
        for c in grid.columns {
            let selected = c == column
            let label = DisplayWidth.truncate(m.columns[c], to: cellWidth - 1)
            buffer.put(
                DisplayWidth.pad(label, to: cellWidth), x: grid.x(of: c), y: grid.rows.y - 1,
                style: Style(selected ? .selected : .label, bold: true, underline: selected, reverse: selected))
        }
        ListView.rows(count: m.rows.count, selection: row, in: grid.rows, centred: false) { r, selectedRow, y in
            buffer.put(
                DisplayWidth.pad((selectedRow ? "▶ " : "  ") + rowName(state, m, r), to: grid.headerWidth - 1),
                x: inner.x, y: y, style: Style(selectedRow ? .selected : .normal, bold: selectedRow))
            for c in grid.columns {
                let n = m.count(r, c)
                let text = n == 0 ? "·" : String(n)
                let selected = selectedRow && c == column
                let padded = String(repeating: " ", count: max(0, cellWidth - 2 - DisplayWidth.of(text))) + text + "  "
                buffer.put(
                    selected ? "[" + padded.dropFirst().dropLast() + "]" : padded, x: grid.x(of: c), y: y,
                    style: Style(
                        selected ? .selected : (n == 0 ? .dim : .normal), bold: selected || n > 0, reverse: selected))
            }
        }
        let name = state.data.code(m.columns[column])?.name ?? m.columns[column]
        let cell = state.t(.matrixCell, count: m.count(row, column)).filling(["%r": rowName(state, m, row), "%c": name])
        buffer.put(cell, x: inner.x, y: inner.maxY - 1, style: Style(.accent, bold: true), limit: inner.width)
    }
}
