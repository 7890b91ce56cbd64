/// Pieces of screen drawn one way wherever they appear (each tested on the cell buffer in
/// WidgetTests): a list, a progress bar and a tab bar.
enum ListView {
    /// The rows of a list that fit in `rect`, the selection (clamped to the list) centred when it
    /// can be: `row` draws item i, told whether it is selected and on which line.
    static func rows(count: Int, selection: Int, in rect: Rect, _ row: (_ index: Int, _ selected: Bool, _ y: Int) -> Void) {
        guard count > 0, rect.height > 0 else { return }
        let selection = max(0, min(selection, count - 1))
        let first = Self.first(count: count, selection: selection, height: rect.height)
        for (offset, i) in (first..<min(count, first + rect.height)).enumerated() { row(i, i == selection, rect.y + offset) }
    }

    /// The item drawn on row y (a click there), nil when none is.
    static func index(at y: Int, count: Int, selection: Int, in rect: Rect) -> Int? {
        guard count > 0, y >= rect.y, y < rect.maxY else { return nil }
        let i = first(count: count, selection: max(0, min(selection, count - 1)), height: rect.height) + y - rect.y
        return i < count ? i : nil
    }

    private static func first(count: Int, selection: Int, height: Int) -> Int {
        Draw.scroll(keeping: selection, current: max(0, selection - height / 2), height: height)
    }
}

enum ProgressBar {
    /// "[█████░░░░░]" in `width` cells between the brackets: the amount in characters, never by
    /// colour alone.
    static func spans(done: Int, total: Int, width: Int) -> StyledLine {
        let filled = max(0, min(width, width * done / max(1, total)))
        return [Span("[", Style(.dim)), Span(String(repeating: "█", count: filled), Style(.accent, bold: true)),
                Span(String(repeating: "░", count: width - filled), Style(.dim)), Span("]", Style(.dim))]
    }
}

enum TabBar {
    /// One span per tab, the active one marked "▸" and reversed (the mark says it without
    /// colour), each followed by `gap`.
    static func spans(_ labels: [String], active: Int?, gap: String = " ") -> StyledLine {
        labels.enumerated().flatMap { i, label -> StyledLine in
            let on = i == active
            let tab = Span((on ? "▸" : " ") + label + " ", Style(on ? .tabActive : .tab, bold: on, reverse: on))
            return gap.isEmpty ? [tab] : [tab, Span(gap)]
        }
    }
}
