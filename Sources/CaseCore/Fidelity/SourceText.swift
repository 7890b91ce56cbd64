import Foundation

/// The report as a text file, and the check that an excerpt stands in it verbatim.
///
/// The only differences allowed between an excerpt and the printed text are the normalisation
/// the data format permits: lines joined (any run of white space matches any other), a hyphen
/// at a line end dropped when it only split a word ("Gjennom-|føring") or kept when it is real
/// ("UH-|sektoren"), and page furniture (page numbers "·  74  ·", the vertical "RAPPORT 2023"
/// letters) ignored. Everything else — "[...]", brackets, dashes, typos — must match exactly.
public struct SourceText: Sendable {
    public let lines: [String]

    public init(text: String) {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
    }

    public init(contentsOf url: URL) throws {
        self.init(text: try String(contentsOf: url, encoding: .utf8))
    }

    public static func isPageFurniture(_ line: String) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces)
        if ["R", "A", "PPO", "T 20", "23"].contains(t) { return true }
        // "·  74  ·"
        guard t.hasPrefix("·"), t.hasSuffix("·"), t.count >= 3 else { return false }
        return t.dropFirst().dropLast().trimmingCharacters(in: .whitespaces).allSatisfy(\.isNumber)
    }

    /// The printed text of a line range with furniture removed, lines trimmed and joined by "\n".
    public func text(of range: LineRange) -> String {
        guard range.start >= 1, range.start <= lines.count else { return "" }
        let upper = min(range.end, lines.count)
        return lines[(range.start - 1)..<upper]
            .filter { !SourceText.isPageFurniture($0) }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: "\n")
    }

    /// Whether `excerpt` stands verbatim (after the allowed normalisation) within `range`.
    public func contains(_ excerpt: String, in range: LineRange) -> Bool {
        let source = Array(text(of: range).unicodeScalars)
        let wanted = Array(excerpt.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars)
        guard let first = wanted.first else { return false }
        for start in source.indices where source[start] == first {
            if SourceText.matches(source, from: start, wanted) { return true }
        }
        return false
    }

    private static func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }

    private static func matches(_ src: [Unicode.Scalar], from start: Int, _ ex: [Unicode.Scalar]) -> Bool {
        var i = start, j = 0
        let n = src.count, m = ex.count
        while j < m {
            guard i < n else { return false }
            let c = src[i], e = ex[j]
            if isSpace(c) && isSpace(e) {
                while i < n && isSpace(src[i]) { i += 1 }
                while j < m && isSpace(ex[j]) { j += 1 }
                continue
            }
            if c == "-" && i + 1 < n && src[i + 1] == "\n" {
                i += 2
                while i < n && isSpace(src[i]) { i += 1 }
                if e == "-" {
                    // A real hyphen: the excerpt keeps it, and may or may not continue with a space.
                    j += 1
                    while j < m && isSpace(ex[j]) { j += 1 }
                }
                continue
            }
            guard c == e else { return false }
            i += 1
            j += 1
        }
        return true
    }
}

/// A verbatim problem found by comparing the data with the report's text.
public struct FidelityProblem: Sendable, Equatable, CustomStringConvertible {
    public let excerpt: String
    public let message: String
    public var description: String { "\(excerpt): \(message)" }
}

public enum FidelityCheck {
    /// Every excerpt, at its own place and every place it is also printed, must be verbatim.
    public static func check(_ dataset: Dataset, against source: SourceText) -> [FidelityProblem] {
        var problems: [FidelityProblem] = []
        if source.lines.count != dataset.study.sourceLineCount {
            problems.append(FidelityProblem(excerpt: dataset.study.sourceFile, message: "the source has \(source.lines.count) lines, the data expects \(dataset.study.sourceLineCount)"))
        }
        for e in dataset.excerpts {
            if !source.contains(e.text, in: e.source.lines) {
                problems.append(FidelityProblem(excerpt: e.id, message: "text not found verbatim in lines \(e.source.lines)"))
            }
            for other in e.alsoAt {
                if !source.contains(other.text ?? e.text, in: other.lines) {
                    problems.append(FidelityProblem(excerpt: e.id, message: "text not found verbatim at its repeat in lines \(other.lines)"))
                }
                if let part = other.text, !SourceText(text: e.text).contains(part, in: LineRange(1, 1)) {
                    problems.append(FidelityProblem(excerpt: e.id, message: "the partial repeat in lines \(other.lines) is not a part of the excerpt's text"))
                }
            }
            if let leadIn = e.leadIn, let lines = leadIn.lines, !source.contains(leadIn.text, in: lines) {
                problems.append(FidelityProblem(excerpt: e.id, message: "lead-in not found verbatim in lines \(lines)"))
            }
            for evidence in e.attribution.evidence {
                if let lines = evidence.lines, !source.contains(evidence.text, in: lines) {
                    problems.append(FidelityProblem(excerpt: e.id, message: "attribution evidence not found verbatim in lines \(lines)"))
                }
            }
        }
        problems += checkContext(dataset, against: source)
        return problems
    }

    /// The case structure's evidence and the research questions and attention points: every
    /// passage the data quotes from the report stands verbatim at its lines.
    public static func checkContext(_ d: Dataset, against source: SourceText) -> [FidelityProblem] {
        var problems: [FidelityProblem] = []
        func check(_ owner: String, _ what: String, _ text: String, _ lines: LineRange?) {
            if let lines, !source.contains(text, in: lines) {
                problems.append(FidelityProblem(excerpt: owner, message: "\(what) not found verbatim in lines \(lines)"))
            }
        }
        func check(_ owner: String, _ items: [Evidence]) { for e in items { check(owner, "evidence «\(e.text)»", e.text, e.lines) } }
        for c in d.counties { check("county \(c.id)", c.evidence) }
        for c in d.chains { check(c.id, c.evidence) }
        for a in d.actors { check(a.id, a.evidence) }
        for i in d.informants { check(i.id, i.evidence) }
        for q in d.researchQuestions {
            let owner = "research question \(q.id)"
            check(owner, "text", q.text, q.lines)
            for p in q.alsoAt { check(owner, "printing", p.text ?? q.text, p.lines) }
            if let p = q.discussedIn { check(owner, "discussedIn", p.text ?? "", p.lines) }
            check(owner, q.evidence)
        }
        for p in d.attentionPoints {
            check(p.id, "text", p.text, p.lines)
            for other in p.alsoAt { check(p.id, "printing", other.text ?? p.text, other.lines) }
            check(p.id, p.evidence)
        }
        return problems
    }
}
