/// `/` in the help: the help's lines holding the text are marked and n/N step through them.
extension AppState {
    mutating func helpSearchChanged(_ text: String) {
        helpQuery = text
        helpHit = 0
        if let first = HelpOverlay.matches(self).first { showHelpRow(first) }
    }

    mutating func stepHelpHit(forward: Bool) {
        let found = HelpOverlay.matches(self)
        guard !found.isEmpty else { message = t(.noHelpMatches); return }
        helpHit = ((min(helpHit, found.count - 1) + (forward ? 1 : -1)) % found.count + found.count) % found.count
        showHelpRow(found[helpHit])
    }

    /// Scrolls the help so the row is in view, two rows below the top where it can be
    /// (rendering keeps the last page full).
    private mutating func showHelpRow(_ row: Int) {
        guard case .help = overlay else { return }
        overlay = .help(scroll: max(0, row - 2))
    }
}
