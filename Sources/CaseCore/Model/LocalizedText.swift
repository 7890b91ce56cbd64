/// A text this project writes about the data (a note, a description, a summary), in bokmål and
/// English. The report's own words are never translated: they stay as printed in `Evidence`,
/// excerpts and quoted members.
public struct LocalizedText: Sendable, Hashable {
    public var nb: String
    public var en: String
    /// False for a text given as one plain string: its one wording is shown in both languages,
    /// and the bundled data's test refuses it.
    public var isBilingual: Bool

    public init(nb: String, en: String) { self.nb = nb; self.en = en; isBilingual = true }

    /// A text in one wording, language not stated (what older or generated data holds).
    public init(plain: String) { nb = plain; en = plain; isBilingual = false }

    /// The wording in English or in bokmål.
    public func text(english: Bool) -> String { english ? en : nb }
}
