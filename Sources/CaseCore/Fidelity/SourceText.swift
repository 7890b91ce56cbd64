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
    /// The file of the source the problem is in; nil for the report.
    public var sourceFile: String? = nil
    public var description: String { "\(excerpt): \(message)" }
}

public enum FidelityCheck {
    /// The check against the report alone; evidence quoted from another source is reported as
    /// not checked.
    public static func check(_ dataset: Dataset, against source: SourceText) -> [FidelityProblem] {
        check(dataset, against: [dataset.study.id: source])
    }

    /// Every excerpt, at its own place and every place it is also printed, must be verbatim in
    /// the report; every piece of evidence in the source it names. `texts` holds the source
    /// texts by id (the study's id for the report).
    public static func check(_ dataset: Dataset, against texts: [String: SourceText]) -> [FidelityProblem] {
        var problems = lineCounts(dataset, texts)
        var quotes = Quotations(dataset: dataset, texts: texts)
        if let source = texts[dataset.study.id] {
            for e in dataset.excerpts {
                if !source.contains(e.text, in: e.source.lines) {
                    problems.append(
                        FidelityProblem(excerpt: e.id, message: "text not found verbatim in lines \(e.source.lines)"))
                }
                for other in e.alsoAt {
                    if !source.contains(other.text ?? e.text, in: other.lines) {
                        problems.append(
                            FidelityProblem(
                                excerpt: e.id, message: "text not found verbatim at its repeat in lines \(other.lines)")
                        )
                    }
                    if let part = other.text, !SourceText(text: e.text).contains(part, in: LineRange(1, 1)) {
                        problems.append(
                            FidelityProblem(
                                excerpt: e.id,
                                message:
                                    "the partial repeat in lines \(other.lines) is not a part of the excerpt's text"))
                    }
                }
            }
        } else if !dataset.excerpts.isEmpty {
            problems.append(
                FidelityProblem(
                    excerpt: dataset.study.sourceFile,
                    message: "the report's text was not given: no excerpt was checked"))
        }
        for e in dataset.excerpts {
            if let leadIn = e.leadIn { quotes.check(e.id, "lead-in", leadIn) }
            for evidence in e.attribution.evidence { quotes.check(e.id, "attribution evidence", evidence) }
        }
        problems += quotes.problems
        problems += checkContext(dataset, against: texts)
        return problems
    }

    public static func checkContext(_ d: Dataset, against source: SourceText) -> [FidelityProblem] {
        checkContext(d, against: [d.study.id: source])
    }

    /// The case structure's evidence, the research questions and attention points, and the
    /// related reports: every passage the data quotes stands verbatim at its lines in its source.
    public static func checkContext(_ d: Dataset, against texts: [String: SourceText]) -> [FidelityProblem] {
        var quotes = Quotations(dataset: d, texts: texts)
        func check(_ owner: String, _ items: [Evidence]) {
            for e in items { quotes.check(owner, "evidence «\(e.text)»", e) }
        }
        for c in d.counties { check("county \(c.id)", c.evidence) }
        for c in d.chains { check(c.id, c.evidence) }
        for a in d.actors { check(a.id, a.evidence) }
        for i in d.informants { check(i.id, i.evidence) }
        for q in d.researchQuestions {
            let owner = "research question \(q.id)"
            quotes.check(owner, "text", Evidence(text: q.text, lines: q.lines))
            for p in q.alsoAt { quotes.check(owner, "printing", Evidence(text: p.text ?? q.text, lines: p.lines)) }
            if let p = q.discussedIn {
                quotes.check(owner, "discussedIn", Evidence(text: p.text ?? "", lines: p.lines))
            }
            check(owner, q.evidence)
        }
        for p in d.attentionPoints {
            quotes.check(p.id, "text", Evidence(text: p.text, lines: p.lines))
            for other in p.alsoAt {
                quotes.check(p.id, "printing", Evidence(text: other.text ?? p.text, lines: other.lines))
            }
            check(p.id, p.evidence)
        }
        for r in d.relatedReports {
            for (member, e) in r.quotations { quotes.check(r.id, "\(member) «\(e.text)»", e) }
        }
        return quotes.problems
    }

    /// Each given text's line count against what the data expects of it.
    static func lineCounts(_ d: Dataset, _ texts: [String: SourceText]) -> [FidelityProblem] {
        d.sourceIDs.compactMap { id in
            guard let text = texts[id], let (file, expected) = d.sourceFile(id), text.lines.count != expected else {
                return nil
            }
            return FidelityProblem(
                excerpt: file, message: "the source has \(text.lines.count) lines, the data expects \(expected)")
        }
    }
}

/// Checks quotations each against the source text it names, and says once per source when that
/// text was not given (so nothing goes unchecked in silence).
struct Quotations {
    let dataset: Dataset
    let texts: [String: SourceText]
    private(set) var problems: [FidelityProblem] = []
    private var missing: Set<String> = []

    init(dataset: Dataset, texts: [String: SourceText]) { self.dataset = dataset; self.texts = texts }

    mutating func check(_ owner: String, _ what: String, _ e: Evidence) {
        guard let lines = e.lines else { return }
        let id = e.source ?? dataset.study.id
        guard let text = texts[id] else {
            if missing.insert(id).inserted {
                let file = dataset.sourceFile(id)?.file ?? id
                problems.append(
                    FidelityProblem(
                        excerpt: file,
                        message:
                            "the text of source \"\(id)\" was not given: the passages quoted from it were not checked"))
            }
            return
        }
        if !text.contains(e.text, in: lines) {
            let file = id == dataset.study.id ? nil : dataset.sourceFile(id)?.file
            problems.append(
                FidelityProblem(
                    excerpt: owner, message: "\(what) not found verbatim in lines \(lines)", sourceFile: file))
        }
    }
}
