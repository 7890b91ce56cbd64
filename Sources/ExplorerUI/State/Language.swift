import CaseCore

/// The interface language. The data stays Norwegian; the interface speaks bokmål or English.
public enum Language: String, Sendable, CaseIterable {
    case nb, en

    /// From `LANG`/`LC_ALL`/`LC_MESSAGES`: Norwegian locales (nb, nn, no) give bokmål, anything else English.
    public static func fromEnvironment(_ env: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = env[key], !value.isEmpty else { continue }
            let lower = value.lowercased()
            return ["nb", "nn", "no"].contains { lower.hasPrefix($0) } ? .nb : .en
        }
        return .en
    }
}

extension LocalizedText {
    /// The project's text in the interface language (the report's own words are never translated).
    public func text(_ language: Language) -> String { text(english: language == .en) }
}

extension String {
    /// The text with its placeholders (`%a`, `%n`, …) filled, in the order given.
    func filling(_ values: KeyValuePairs<String, String>) -> String {
        values.reduce(self) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
    }
}
