/// The ids a filter value may name: what the inline-filter parser and the command line's filter
/// options check a value against. The dataset and the index on disk both provide it, so a value
/// that names nothing gets the same sentence whichever answers.
public struct FilterVocabulary: Sendable, Equatable {
    public var counties: [Int]
    public var chains: [String]
    public var actors: [String]
    public var codes: [String]
    public var researchQuestions: [Int]

    public init(counties: [Int], chains: [String], actors: [String], codes: [String], researchQuestions: [Int]) {
        self.counties = counties
        self.chains = chains
        self.actors = actors
        self.codes = codes
        self.researchQuestions = researchQuestions
    }
}

extension Dataset {
    public var vocabulary: FilterVocabulary {
        FilterVocabulary(
            counties: counties.map(\.id), chains: chains.map(\.id), actors: actors.map(\.id),
            codes: codes.map(\.id), researchQuestions: researchQuestions.map(\.id))
    }
}
