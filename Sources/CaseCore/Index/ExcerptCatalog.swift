/// What `search` and `list excerpts` read: the texts for the matcher, the facets for the one
/// filter, the ids a filter value may name, each excerpt's id and county. The index on disk is
/// one; the dataset in memory (no cache folder, `--no-index`, or the run that builds the index)
/// is the other. Both give the same answers through the same matcher and filter.
public protocol ExcerptCatalog: SearchSource {
    var vocabulary: FilterVocabulary { get }
    var facets: Facets { get }
    func excerptID(_ i: Int) -> String
    /// -1 when not attributed.
    func county(_ i: Int) -> Int
}

extension StudyIndex: ExcerptCatalog {}

/// A loaded dataset as a catalog.
public struct DatasetCatalog: ExcerptCatalog {
    public let data: Dataset
    public init(_ data: Dataset) { self.data = data }
    public var textCount: Int { data.excerpts.count }
    public func corpus(fold: Bool) -> TextCorpus { data.searchIndex.corpus(fold: fold) }
    public func withOriginal<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        data.searchIndex.withOriginal(i, body)
    }
    public var vocabulary: FilterVocabulary { data.vocabulary }
    public var facets: Facets { data.facets }
    public func excerptID(_ i: Int) -> String { data.facets.ids[i] }
    public func county(_ i: Int) -> Int { data.facets.county[i] }
}
