import CaseCore
import Presentation

/// One piece of a line laid out by `Fit`: its forms from longest to shortest, whether the last
/// form may be cut further with "…" (labels may, figures never), and how much it matters.
struct FitPart {
    var forms: [String]
    var style: Style
    /// A label may be cut down to `minWidth` cells; a figure is shown whole or not at all.
    var cuttable: Bool
    var minWidth: Int
    /// Parts with a lower priority are shortened and dropped first.
    var priority: Int

    /// A figure (a number with its unit): never cut; `shorter` forms are tried before it is dropped.
    static func figure(_ text: String, _ style: Style = .normal, priority: Int = 5, shorter: [String] = []) -> FitPart {
        FitPart(forms: [text] + shorter, style: style, cuttable: false, minWidth: 0, priority: priority)
    }

    /// A label: cut with "…" down to `minWidth` cells before anything is dropped.
    static func label(_ text: String, _ style: Style = .normal, priority: Int = 1, minWidth: Int = 4) -> FitPart {
        FitPart(forms: [text], style: style, cuttable: true, minWidth: minWidth, priority: priority)
    }
}

/// Lays out lines so that numbers are never cut into other numbers: labels shrink first, then
/// parts take their shorter forms, then whole parts are dropped — lowest priority first.
enum Fit {
    static func line(_ parts: [FitPart], width: Int) -> StyledLine {
        var texts = parts.map { $0.forms.first ?? "" }
        var dropped = Array(repeating: false, count: parts.count)
        func total() -> Int { texts.indices.reduce(0) { $0 + (dropped[$1] ? 0 : DisplayWidth.of(texts[$1])) } }
        // Lowest priority first; among equals, the later part first.
        let order = parts.indices.sorted { (parts[$0].priority, -$0) < (parts[$1].priority, -$1) }
        if total() > width {
            for i in order where parts[i].cuttable {
                let excess = total() - width
                guard excess > 0 else { break }
                let w = DisplayWidth.of(texts[i])
                let target = max(parts[i].minWidth, w - excess)
                if target < w { texts[i] = DisplayWidth.truncate(texts[i], to: target) }
            }
        }
        if total() > width {
            for i in order where parts[i].forms.count > 1 {
                for form in parts[i].forms.dropFirst() where total() > width { texts[i] = form }
            }
        }
        for i in order where total() > width { dropped[i] = true }
        return parts.indices.compactMap { dropped[$0] || texts[$0].isEmpty ? nil : Span(texts[$0], parts[$0].style) }
    }

    /// A path of names fitted to a width, keeping the last (the current item) whole and cutting
    /// in the middle: "Casefylke 1 ▸ … ▸ PP-tjenesten (kommune A)".
    static func crumb(_ names: [String], shortFirst: String? = nil, separator: String = " ▸ ", width: Int) -> String {
        guard let last = names.last, width > 0 else { return "" }
        let full = names.joined(separator: separator)
        if DisplayWidth.of(full) <= width { return full }
        if let short = shortFirst, names.count > 1 {
            let candidate = ([short] + names.dropFirst()).joined(separator: separator)
            if DisplayWidth.of(candidate) <= width { return candidate }
        }
        // Drop names from the middle outwards, keeping the first while it fits.
        var head = Array(names.dropLast())
        while !head.isEmpty {
            head.removeLast()
            let candidate = (head + ["…", last]).joined(separator: separator)
            if DisplayWidth.of(candidate) <= width { return candidate }
        }
        let elided = "…" + separator + last
        if DisplayWidth.of(elided) <= width { return elided }
        return DisplayWidth.truncate(last, to: width)
    }
}
