import Foundation

/// Filters written into a search line, so one line asks one question:
/// `kapasitet kind:ppt`, `"samarbeidsforum" county:1 level:2`, `role:"leder i PP"`.
///
/// A word `key:value` with a known key narrows the filter; every other word is searched for.
/// Keys are the command line's filter options (`county`, `chain`, `actor`, `level`, `kind`,
/// `role`, `code`, `question`, `confidence`, `coding`) or their bokmål names (`fylke`, `kjede`,
/// `aktør`, `nivå`, `type`, `rolle`, `kode`, `problemstilling`, `sikkerhet`, `koding`). A value
/// that names nothing in the data is a problem with its sentence, never an empty result; a
/// quoted word (`"kind:ppt"`) is text to find.
public enum InlineFilter {
    public enum Key: String, Sendable, CaseIterable {
        case county, chain, actor, level, kind, role, code, question, confidence, coding

        public var bokmal: String {
            switch self {
            case .county: "fylke"
            case .chain: "kjede"
            case .actor: "aktør"
            case .level: "nivå"
            case .kind: "type"
            case .role: "rolle"
            case .code: "kode"
            case .question: "problemstilling"
            case .confidence: "sikkerhet"
            case .coding: "koding"
            }
        }

        init?(named name: String) {
            let lower = name.lowercased()
            guard let key = Key.allCases.first(where: { $0.rawValue == lower || $0.bokmal == lower }) else {
                return nil
            }
            self = key
        }
    }

    public struct Parsed: Sendable, Equatable {
        /// The words to search for, quoted phrases kept in their quotes.
        public var text: String
        /// The base filter narrowed by every valid `key:value`.
        public var filter: ExcerptFilter
        /// One sentence per `key:value` whose value names nothing (the rest still applies).
        public var problems: [String]
        /// Whether any `key:value` was given.
        public var hasFilters: Bool
    }

    /// Splits a line into words; a quote keeps spaces inside one word (`role:"leder i PP"`).
    static func words(_ line: String) -> [String] {
        var out: [String] = []
        var current = "", inQuotes = false
        for ch in line {
            if ch == "\"" { inQuotes.toggle() }
            if ch.isWhitespace && !inQuotes {
                if !current.isEmpty { out.append(current) }
                current = ""
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    public static func parse(_ line: String, base: ExcerptFilter = ExcerptFilter(), data: Dataset) -> Parsed {
        parse(words: words(line), base: base, vocabulary: data.vocabulary)
    }

    public static func parse(words: [String], base: ExcerptFilter = ExcerptFilter(), data: Dataset) -> Parsed {
        parse(words: words, base: base, vocabulary: data.vocabulary)
    }

    /// The same for words already split (a command line's arguments: the shell took the quotes),
    /// checked against the ids of a dataset or of the index on disk.
    public static func parse(words: [String], base: ExcerptFilter = ExcerptFilter(), vocabulary data: FilterVocabulary)
        -> Parsed
    {
        var filter = base
        var text: [String] = []
        var problems: [String] = []
        var hasFilters = false
        for word in words {
            // A filter is a bare word `key:value` (the value may be quoted); "key:value" in
            // quotes from its first character is text.
            guard !word.hasPrefix("\""), let colon = word.firstIndex(of: ":"),
                let key = Key(named: String(word[..<colon]))
            else {
                text.append(word)
                continue
            }
            hasFilters = true
            let value = String(word[word.index(after: colon)...]).trimmingCharacters(
                in: CharacterSet(charactersIn: "\""))
            if let problem = apply(key, value, to: &filter, data: data) {
                problems.append("\(key.rawValue):\(value) — \(problem)")
            }
        }
        return Parsed(text: text.joined(separator: " "), filter: filter, problems: problems, hasFilters: hasFilters)
    }

    /// Sets one field; the reason when the value names nothing.
    static func apply(_ key: Key, _ value: String, to f: inout ExcerptFilter, data: FilterVocabulary) -> String? {
        guard !value.isEmpty else { return "give a value after the colon" }
        let lower = value.lowercased()
        switch key {
        case .county:
            guard let n = Int(value), data.counties.contains(n) else {
                return "the counties are \(data.counties.map { String($0) }.joined(separator: ", "))"
            }
            f.county = n
        case .chain:
            guard let c = data.chains.first(where: { $0.lowercased() == lower }) else {
                return "no chain has that id (try `case-explorer list chains`)"
            }
            f.chain = c
        case .actor:
            guard let a = data.actors.first(where: { $0.lowercased() == lower }) else {
                return "no actor has that id (try `case-explorer list actors`)"
            }
            f.actor = a
        case .level:
            guard let n = Int(value), (1...4).contains(n) else { return "the levels are 1, 2, 3 and 4" }
            f.level = n
        case .kind:
            guard let k = ActorKind(rawValue: lower) else {
                return "the kinds are \(ActorKind.allCases.map(\.rawValue).joined(separator: ", "))"
            }
            f.actorKind = k
        case .role:
            f.speakerRole = value
            f.speakerRoleExact = false
        case .code:
            guard let c = data.codes.first(where: { $0.lowercased() == lower }) else {
                return "no code has that id (try `case-explorer list codes`)"
            }
            f.code = c
        case .question:
            guard let n = Int(value), data.researchQuestions.contains(n) else {
                return "the research questions are \(data.researchQuestions.map { String($0) }.joined(separator: ", "))"
            }
            f.researchQuestion = n
        case .confidence:
            guard let c = Confidence(rawValue: lower) else {
                return "the confidences are \(Confidence.allCases.map(\.rawValue).joined(separator: ", "))"
            }
            f.confidence = c
        case .coding:
            f.coder = lower == Dataset.referenceCoder ? nil : value
        }
        return nil
    }
}
