/// A text file besides the report that evidence may quote (e.g. the publisher's page on an
/// earlier report). The report itself is the study's source and is not listed here.
public struct SourceDocument: Sendable, Hashable, Identifiable {
    public var id: String
    /// The file's name; its line numbers are what the evidence's lines refer to.
    public var file: String
    public var lineCount: Int
    /// What the text is, in a few words ("the publisher's page on Delrapport 1").
    public var name: LocalizedText
    public var description: LocalizedText?
}

/// An earlier (or other) report of the same evaluation, as context: its bibliographic facts and
/// main findings quoted from a source text, and the places where the report refers to it.
public struct RelatedReport: Sendable, Hashable, Identifiable {
    /// A place where the report refers to this one, with the passages of the related report's
    /// source that state the same point (none when that source does not state it).
    public struct Reference: Sendable, Hashable {
        public var section: String
        /// The report's words, verbatim.
        public var passage: Evidence
        public var matches: [Evidence]
        /// The attention point the passage is about, if any.
        public var attentionPoint: String?
        public var note: LocalizedText?
    }

    public var id: String
    /// As the report names it ("Delrapport 1").
    public var name: String
    public var title: Evidence
    public var authors: Evidence?
    public var year: Evidence?
    public var isbn: Evidence?
    public var publisher: Evidence?
    /// What the report examined, in its source's words.
    public var scope: Evidence?
    public var findings: [Evidence]
    public var description: LocalizedText?
    public var references: [Reference]

    /// Every passage this entry quotes, with what it is (for the verbatim check and validation).
    public var quotations: [(member: String, evidence: Evidence)] {
        var all: [(String, Evidence)] = [("title", title)]
        for (key, e) in [
            ("authors", authors), ("year", year), ("isbn", isbn), ("publisher", publisher), ("scope", scope)
        ] {
            if let e { all.append((key, e)) }
        }
        for (i, f) in findings.enumerated() { all.append(("findings[\(i)]", f)) }
        for (i, r) in references.enumerated() {
            all.append(("referencedAt[\(i)]", r.passage))
            for (k, m) in r.matches.enumerated() { all.append(("referencedAt[\(i)].matches[\(k)]", m)) }
        }
        return all
    }
}
