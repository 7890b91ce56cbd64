/// Docs/KEYS.md, generated from the bindings (a test fails when the file is stale): for each
/// screen and mode its own table, then which global keys it gives another meaning.
public enum KeysDocument {
    public static func markdown(language: Language = .en) -> String {
        var out = "# Keys\n\n"
        out +=
            "Generated from the binding tables (each screen's in "
            + "`Sources/ExplorerUI/Screens/<Screen>/<Screen>Keys.swift`, the global keys and the overlays' in "
            + "`Sources/ExplorerUI/State/Bindings.swift`) by "
        out +=
            "`case-explorer keys > Docs/KEYS.md`; the same tables drive the keys, the status-bar hints and the `?` "
            + "help, "
        out +=
            "which shows only what the keys do in the state at hand (a key whose action cannot apply there is left out "
            + "and says it does nothing).\n"
        func table(_ title: String, _ bindings: [Binding], note: String? = nil) {
            out += "\n## \(title)\n\n"
            if let note { out += note + "\n\n" }
            out += "| keys | action |\n|---|---|\n"
            for b in bindings {
                let keys =
                    b.typing
                    ? Txt.typedCharacters.text(language)
                    : b.keys.map { "`\($0.label == "`" ? "` ` `" : $0.label)`" }.joined(separator: " ")
                out += "| \(keys) | \(b.help.text(language))\(b.hint != nil ? " (shown in the status bar)" : "") |\n"
            }
        }
        table("Everywhere (on the screens; not in the overlays, prompts and editors below)", Bindings.global)
        let titles: [(ScreenKind, String)] = [
            (.chains, "Chains (the home screen)"), (.node, "Actor"), (.reader, "Excerpt reader"),
            (.excerpts, "Excerpt list"), (.codebook, "Codebook"),
            (.context, "Context (tabs: research questions, attention points, survey, other reports)"),
            (.matrix, "Matrices (M)"), (.agreement, "Agreement (A)"),
            (.review, "Review (R from any screen, or case-explorer review)"),
            (.resolve, "Disagreements (case-explorer resolve)"),
            (
                .picker,
                "Picker: codes (c in review, e in resolve), excerpts (o in review), values (Enter in the filter panel)"
            ),
            (.memo, "Memo editor (m or M in review, m in resolve)"),
            (.filter, "Filter panel (f on the excerpt list)"),
            (.choice, "Export menu (X); then a file name"), (.confirm, "The export's file exists"), (.help, "Help (?)"),
            (.prompt, "Search prompt (/, also in the help), command line (:) and file name")
        ]
        for (kind, title) in titles {
            let effect = Bindings.effective(for: kind)
            let shadowed = effect.shadowed.map { "`\($0.label)`" }.joined(separator: ", ")
            table(
                title, effect.local,
                note: shadowed.isEmpty
                    ? nil : "Here \(shadowed) do what this table says, not what the table of global keys says.")
        }
        table("The demo (case-explorer demo; its footer shows these)", Bindings.demo)
        out += "\n## The mouse (`--no-mouse` leaves it to the terminal)\n\n"
        out +=
            "A click on a hint in the status line runs it, on a tab of the title bar (or of the context and matrix "
            + "screens) opens it, "
        out +=
            "on a row selects it — an excerpt, a code, an actor of the chain or a chain of the county list, "
            + "an excerpt of the actor page, an agreement row, a matrix cell, a code of the review's table — "
            + "and a double click does what Enter does there; on a row of the filter panel a click chooses it "
            + "(again: the next value); the wheel moves like "
            + "`j`/`k`. The keyboard does everything without it.\n"
        out += "\n## Commands after `:`\n\n"
        out += "| command | bokmål | does |\n|---|---|---|\n"
        for c in Command.all {
            out += "| `\(c.usage(.en))` | `\(c.usage(.nb))` | \(c.help.text(language)) |\n"
        }
        return out
    }
}
