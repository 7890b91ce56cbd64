/// Docs/KEYS.md, generated from the binding tables (a test fails when the file is stale).
public enum KeysDocument {
    public static func markdown(language: Language = .en) -> String {
        var out = "# Keys\n\n"
        out += "Generated from the binding tables in `Sources/ExplorerUI/State/Bindings.swift` by "
        out += "`case-explorer keys > Docs/KEYS.md`; the same tables drive the keys, the status-bar hints and the `?` help.\n"
        func table(_ title: String, _ bindings: [Binding]) {
            out += "\n## \(title)\n\n| keys | action |\n|---|---|\n"
            for b in bindings {
                let keys = b.keys.map { "`\($0.label == "`" ? "` ` `" : $0.label)`" }.joined(separator: " ")
                out += "| \(keys) | \(b.help.text(language))\(b.hint != nil ? " (shown in the status bar)" : "") |\n"
            }
        }
        table("Everywhere (except in the filter panel, the help and a prompt)", Bindings.global)
        let titles: [(ScreenKind, String)] = [
            (.chains, "Chains (the home screen)"), (.node, "Actor"), (.reader, "Excerpt reader"),
            (.excerpts, "Excerpt list"), (.codebook, "Codebook"), (.context, "Context"), (.matrix, "Matrices (M)"), (.agreement, "Agreement (A)"),
            (.review, "Review (R from any screen, or case-explorer review)"), (.resolve, "Disagreements (case-explorer resolve)"), (.picker, "Code picker (c in review; type to filter)"),
            (.memo, "Memo editor (m or M in review; typing, arrows, Home/End, Enter for a new line, Backspace/Delete edit)"),
            (.filter, "Filter panel (f on the excerpt list)"),
            (.choice, "Export menu (X): p .qdpx, k .qdc, v excerpts CSV, t codebook CSV, m Markdown; then a file name; y/n when the file exists"), (.help, "Help (?)"), (.prompt, "Search prompt (/) and command line (:)"),
        ]
        for (kind, title) in titles { table(title, Bindings.table(for: kind)) }
        out += "\nIn a prompt, typed characters (æøå included) edit the text, Backspace deletes, Ctrl-U clears.\n"
        out += "\n## Commands after `:`\n\n"
        out += "| command | does |\n|---|---|\n"
        out += "| `:county N` | the chains of case county N |\n| `:chain ID` | that chain |\n| `:actor ID` | that actor |\n"
        out += "| `:excerpt ID` | read that excerpt |\n| `:code ID` | the excerpts with that code |\n| `:search TEXT` | search the excerpts |\n"
        out += "| `:lang nb` / `:lang en` | interface language |\n| `:help` | the help |\n| `:q` | quit |\n"
        return out
    }
}
