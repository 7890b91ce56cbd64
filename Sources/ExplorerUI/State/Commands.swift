import CaseCore

/// A command after `:`: its names (English first, then bokmål), what it takes, what it does.
/// The table drives the command line, the `?` help and Docs/KEYS.md.
public struct Command: Sendable {
    public let names: [String]
    public let argument: String?
    public let help: Txt
    let run: @Sendable (inout AppState, _ argument: String, _ line: String) -> Void

    /// `:county N` in English, `:fylke N` in bokmål.
    public func usage(_ language: Language) -> String {
        ":" + (language == .nb && names.count > 1 ? names[1] : names[0]) + (argument.map { " " + $0 } ?? "")
    }

    public static let all: [Command] = [
        Command(names: ["county", "fylke"], argument: "N", help: .commandCounty) { s, argument, _ in
            guard let n = Int(argument), s.data.county(n) != nil else {
                s.message = s.t(.noSuchCounty).replacingOccurrences(of: "%n", with: argument); return
            }
            s.popTo(.chains)
            s.update(.selectCounty(n))
        },
        Command(names: ["chain", "kjede"], argument: "ID", help: .commandChain) { s, argument, _ in
            guard let chain = s.data.chain(s.canonicalId(argument, for: "chain")) else { s.noSuchId(argument); return }
            s.stack = [
                .chains(
                    ChainsState(
                        chainId: chain.id, node: ChainLayout(data: s.data, chain: chain.id).nodes.first?.actor.id))
            ]
        },
        Command(names: ["actor", "aktør", "node"], argument: "ID", help: .commandActor) { s, argument, _ in
            guard let a = s.data.actor(s.canonicalId(argument, for: "actor")) else { s.noSuchId(argument); return }
            s.push(.node(NodeState(actor: a.id)))
        },
        Command(names: ["excerpt", "utdrag"], argument: "ID", help: .commandExcerpt) { s, argument, _ in
            guard let e = s.data.excerpt(s.canonicalId(argument, for: "excerpt")) else { s.noSuchId(argument); return }
            s.push(.reader(ReaderState(list: [e.id], index: 0)))
        },
        Command(names: ["code", "kode"], argument: "ID", help: .commandCode) { s, argument, _ in
            guard let c = s.data.code(s.canonicalId(argument, for: "code")) else { s.noSuchId(argument); return }
            s.filter = ExcerptFilter(code: c.id)
            s.stack = [s.stack[0], .excerpts(ListState())]
        },
        Command(names: ["search", "søk"], argument: "TEXT", help: .commandSearch) { s, argument, _ in
            s.stack = [s.stack[0], .excerpts(ListState())]
            s.search.query = argument
            if case var .excerpts(list) = s.screen,
                let first = s.listedExcerpts.positions.firstIndex(where: { s.hits.contains(position: $0) })
            {
                list.selection = first
                s.replaceTop(.excerpts(list))
            }
        },
        Command(names: ["lang", "språk"], argument: "nb|en", help: .commandLang) { s, argument, _ in
            // Like the ids, in any case (:lang EN); a known command with a wrong value is not "unknown".
            guard let l = Language(rawValue: argument.lowercased()) else {
                s.message = s.t(.noSuchLanguage).replacingOccurrences(of: "%l", with: argument); return
            }
            s.language = l
        },
        Command(names: ["help", "hjelp"], argument: nil, help: .commandHelp) { s, _, _ in s.overlay = .help(scroll: 0)
        },
        Command(names: ["q", "avslutt", "quit"], argument: nil, help: .commandQuit) { s, _, _ in s.quitting = true }
    ]
}

extension AppState {
    /// The `:` command line: jumps and a few settings. Unknown input gets a message, never a crash.
    public mutating func runCommand(_ line: String) {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let verb = words.first?.lowercased() else { return }
        guard let command = Command.all.first(where: { $0.names.contains(verb) }) else {
            message = t(.unknownCommand).replacingOccurrences(of: "%c", with: line)
            return
        }
        command.run(&self, words.dropFirst().joined(separator: " "), line)
    }

    mutating func noSuchId(_ id: String) { message = t(.noSuchId).replacingOccurrences(of: "%id", with: id) }
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

    /// The values to step through, `nil` (no filter) first. `roles`: the speakers' roles, sorted
    /// (`AppState.speakerRoles` keeps them; gathered from every excerpt when not given).
    func values(_ f: ExcerptFilter, data: Dataset, coders: [String] = [], roles: [String]? = nil) -> [String?] {
        switch self {
        case .county: return [nil] + data.counties.map { String($0.id) }
        case .chain: return [nil] + data.chains.filter { f.county == nil || $0.county == f.county }.map(\.id)
        case .level: return [nil, "1", "2", "3", "4"]
        case .kind: return [nil] + ActorKind.allCases.map(\.rawValue)
        case .role: return [nil] + (roles ?? FilterDimension.roles(data))
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

    /// The speakers' roles of the study, sorted (a pass over every excerpt).
    static func roles(_ data: Dataset) -> [String] { Array(Set(data.facets.role)).sorted() }

    func step(
        _ f: ExcerptFilter, by delta: Int, data: Dataset, coders: [String] = [], roles: [String]? = nil
    ) -> ExcerptFilter {
        let values = values(f, data: data, coders: coders, roles: roles)
        let i = values.firstIndex(of: current(f)) ?? 0
        var next = setting(f, values[(i + delta + values.count) % values.count])
        // A chain of another county cannot stay selected when the county changes.
        if self == .county, let chain = next.chain, let county = next.county, data.chain(chain)?.county != county {
            next.chain = nil
        }
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
            case .code:
                return "\(t(dim.label)) \(value)" + (filter.codeWithSubcodes ? " " + t(.withSubcodes) : "") + coder
            case .question: return "\(t(dim.label)) \(value)" + coder
            case .chain, .kind: return "\(t(dim.label)) " + dim.name(of: value, data: data, language: language)
            default: return "\(t(dim.label)) \(value)"
            }
        }
        if filter.ids != nil { parts.append(filter.idsLabel ?? "") }
        return parts.isEmpty ? t(.filterNone) : parts.joined(separator: ", ")
    }
}
