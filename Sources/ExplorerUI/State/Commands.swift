import CaseCore

extension AppState {
    /// The `:` command line: jumps and a few settings. Unknown input gets a message, never a crash.
    public mutating func runCommand(_ line: String) {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let verb = words.first?.lowercased() else { return }
        let argument = words.dropFirst().joined(separator: " ")
        switch verb {
        case "q", "quit", "avslutt":
            quitting = true
        case "county", "fylke":
            guard let n = Int(argument), data.county(n) != nil else { message = t(.noSuchCounty).replacingOccurrences(of: "%n", with: argument); return }
            popTo(.chains)
            update(.selectCounty(n))
        case "chain", "kjede":
            guard let chain = data.chain(argument) else { message = t(.noSuchId).replacingOccurrences(of: "%id", with: argument); return }
            stack = [.chains(ChainsState(chainId: chain.id, node: ChainLayout(data: data, chain: chain.id).nodes.first?.actor.id))]
        case "excerpt", "utdrag":
            guard let e = data.excerpt(argument) else { message = t(.noSuchId).replacingOccurrences(of: "%id", with: argument); return }
            push(.reader(ReaderState(list: [e.id], index: 0)))
        case "code", "kode":
            guard let c = data.code(argument) else { message = t(.noSuchId).replacingOccurrences(of: "%id", with: argument); return }
            filter = ExcerptFilter(code: c.id)
            stack = [stack[0], .excerpts(ListState())]
        case "actor", "node", "aktør":
            guard let a = data.actor(argument) else { message = t(.noSuchId).replacingOccurrences(of: "%id", with: argument); return }
            push(.node(NodeState(actor: a.id)))
        case "search", "søk":
            stack = [stack[0], .excerpts(ListState())]
            search.query = argument
            if case var .excerpts(list) = screen, let first = listedExcerpts.positions.firstIndex(where: { hits.contains(position: $0) }) {
                list.selection = first
                replaceTop(.excerpts(list))
            }
        case "lang", "språk":
            guard let l = Language(rawValue: argument) else { message = t(.unknownCommand).replacingOccurrences(of: "%c", with: line); return }
            language = l
        case "help", "hjelp":
            overlay = .help(scroll: 0)
        default:
            message = t(.unknownCommand).replacingOccurrences(of: "%c", with: line)
        }
    }
}

/// One row of the filter panel: a dimension of `ExcerptFilter` and the values it steps through.
public enum FilterDimension: Int, CaseIterable, Sendable {
    case county, chain, level, kind, role, code, question, confidence, coding

    public var label: Txt {
        switch self {
        case .county: return .filterCounty
        case .chain: return .filterChain
        case .level: return .filterLevel
        case .kind: return .filterKind
        case .role: return .filterRole
        case .code: return .filterCode
        case .question: return .filterQuestion
        case .confidence: return .filterConfidence
        case .coding: return .filterCoding
        }
    }

    /// The values to step through, `nil` (no filter) first.
    func values(_ f: ExcerptFilter, data: Dataset, coders: [String] = []) -> [String?] {
        switch self {
        case .county: return [nil] + data.counties.map { String($0.id) }
        case .chain: return [nil] + data.chains.filter { f.county == nil || $0.county == f.county }.map(\.id)
        case .level: return [nil, "1", "2", "3", "4"]
        case .kind: return [nil] + ActorKind.allCases.map(\.rawValue)
        case .role: return [nil] + Array(Set(data.excerpts.map(\.speaker.role))).sorted()
        case .code: return [nil] + data.codes.map(\.id)
        case .question: return [nil] + data.researchQuestions.map { String($0.id) }
        case .confidence: return [nil] + Confidence.allCases.map(\.rawValue)
        case .coding: return [nil] + coders.filter { $0 != Dataset.referenceCoder }.map(Optional.some)
        }
    }

    public func current(_ f: ExcerptFilter) -> String? {
        switch self {
        case .county: return f.county.map(String.init)
        case .chain: return f.chain
        case .level: return f.level.map(String.init)
        case .kind: return f.actorKind?.rawValue
        case .role: return f.speakerRole
        case .code: return f.code
        case .question: return f.researchQuestion.map(String.init)
        case .confidence: return f.confidence?.rawValue
        case .coding: return f.coder
        }
    }

    func setting(_ f: ExcerptFilter, _ value: String?) -> ExcerptFilter {
        var f = f
        switch self {
        case .county:
            f.county = value.flatMap(Int.init)
        case .chain: f.chain = value
        case .level: f.level = value.flatMap(Int.init)
        case .kind: f.actorKind = value.flatMap(ActorKind.init(rawValue:))
        case .role: f.speakerRole = value; f.speakerRoleExact = value != nil
        case .code: f.code = value
        case .question: f.researchQuestion = value.flatMap(Int.init)
        case .confidence: f.confidence = value.flatMap(Confidence.init(rawValue:))
        case .coding: f.coder = value
        }
        return f
    }

    func step(_ f: ExcerptFilter, by delta: Int, data: Dataset, coders: [String] = []) -> ExcerptFilter {
        let values = values(f, data: data, coders: coders)
        let i = values.firstIndex(of: current(f)) ?? 0
        var next = setting(f, values[(i + delta + values.count) % values.count])
        // A chain of another county cannot stay selected when the county changes.
        if self == .county, let chain = next.chain, let county = next.county, data.chain(chain)?.county != county { next.chain = nil }
        return next
    }

    func cleared(_ f: ExcerptFilter) -> ExcerptFilter { setting(f, nil) }
}

extension AppState {
    /// The active filter in the interface language, e.g. "Fylke 1, Kode ppt".
    public var filterSummary: String {
        var parts = FilterDimension.allCases.compactMap { dim -> String? in
            guard let value = dim.current(filter) else { return nil }
            // Whose coding a code or question filter reads is always said.
            let coder = " (" + (filter.coder ?? Dataset.referenceCoder) + ")"
            switch dim {
            case .coding: return filter.code == nil && filter.researchQuestion == nil ? "\(t(dim.label)) \(value)" : nil
            case .role: return "\(t(dim.label)) " + (filter.speakerRoleExact ? "«\(value)»" : "~ \(value)")
            case .code: return "\(t(dim.label)) \(value)" + (filter.codeWithSubcodes ? " " + t(.withSubcodes) : "") + coder
            case .question: return "\(t(dim.label)) \(value)" + coder
            default: return "\(t(dim.label)) \(value)"
            }
        }
        if filter.ids != nil { parts.append(filter.idsLabel ?? "") }
        return parts.isEmpty ? t(.filterNone) : parts.joined(separator: ", ")
    }
}
