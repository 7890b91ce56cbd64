/// Pieces of screen drawn one way wherever they appear (each tested on the cell buffer in
/// WidgetTests): a progress bar and a tab bar.
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
