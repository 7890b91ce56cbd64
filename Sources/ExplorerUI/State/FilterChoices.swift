import CaseCore

/// A value of a filter row as the panel and its picker show it: the value the filter holds,
/// the name a person reads (a chain's or a kind's name, not its id) and a detail (the id).
public struct FilterChoice: Sendable, Equatable {
    public var value: String?
    public var name: String
    public var detail: String
}

extension FilterDimension {
    /// The row's values with their names, "any" (no filter) first.
    func choices(
        _ f: ExcerptFilter, data: Dataset, coders: [String], language: Language, roles: [String]? = nil
    ) -> [FilterChoice] {
        values(f, data: data, coders: coders, roles: roles).map { value in
            guard let value else {
                let any = self == .coding ? Dataset.referenceCoder : Txt.filterAny.text(language)
                return FilterChoice(value: nil, name: any, detail: "")
            }
            let name = self.name(of: value, data: data, language: language)
            return FilterChoice(value: value, name: name, detail: name == value ? "" : value)
        }
    }

    /// What a person reads for a value: a chain's name, a kind's name, a code's name, a county
    /// with its name, a question with its theme; the value itself where it is already a word.
    func name(of value: String, data: Dataset, language: Language) -> String {
        switch self {
        case .county:
            return Int(value).flatMap { data.county($0) }.map { "\(value) · " + $0.name } ?? value
        case .chain: return data.chain(value)?.name ?? value
        case .kind: return ActorKind(rawValue: value).map { FilterDimension.kindName($0, language) } ?? value
        case .code: return data.code(value)?.name ?? value
        case .question:
            return Int(value).flatMap { id in data.researchQuestions.first { $0.id == id } }.map {
                "\(value) · " + $0.theme
            } ?? value
        case .confidence:
            return Confidence(rawValue: value).map { ReaderScreen.confidenceText($0).text(language) } ?? value
        case .level, .role, .coding: return value
        }
    }

    static func kindName(_ kind: ActorKind, _ language: Language) -> String {
        let txt: Txt
        switch kind {
        case .statsforvalter: txt = .kindStatsforvalter
        case .samarbeidsforum: txt = .kindSamarbeidsforum
        case .fagutvalg: txt = .kindFagutvalg
        case .kommune: txt = .kindKommune
        case .ppt: txt = .kindPPT
        case .skole: txt = .kindSkole
        case .barnehage: txt = .kindBarnehage
        case .uh: txt = .kindUH
        case .statped: txt = .kindStatped
        case .arbeidsgruppe: txt = .kindArbeidsgruppe
        case .spesped: txt = .kindSpesped
        }
        return txt.text(language)
    }

    /// The values whose name or value contains the typed text (case-insensitive, æøå as typed).
    static func narrowed(_ choices: [FilterChoice], by query: String) -> [FilterChoice] {
        let q = query.lowercased()
        guard !q.isEmpty else { return choices }
        return choices.filter { $0.name.lowercased().contains(q) || ($0.value?.lowercased().contains(q) ?? false) }
    }
}

extension AppState {
    /// The values of the filter row the picker is open on, narrowed by what is typed.
    var filterPickerChoices: [FilterChoice] {
        guard case let .filterValues(row, picker) = overlay else { return [] }
        let dim = FilterDimension.allCases[row]
        return FilterDimension.narrowed(
            dim.choices(
                filter, data: data, coders: knownCoders, language: language, roles: dim == .role ? speakerRoles : nil),
            by: picker.query)
    }

    /// The speakers' roles, gathered from the excerpts once (not on every key of the filter
    /// panel's role row or its picker: 16–27 ms a key at 100 000 excerpts).
    var speakerRoles: [String] { memo.derived("roles") { FilterDimension.roles(data) } }

    /// The picker over the filter panel: Enter sets the row to the value, Esc goes back.
    mutating func updateFilterValues(_ action: Action) {
        guard case .filterValues(let row, var p) = overlay else { return }
        let choices = filterPickerChoices
        switch action {
        case .moveDown: p.row = min(max(0, choices.count - 1), p.row + 1)
        case .moveUp: p.row = max(0, p.row - 1)
        case .open:
            guard choices.indices.contains(p.row) else { message = t(.noValueMatches); return }
            let dim = FilterDimension.allCases[row]
            filter = dim.setting(filter, choices[p.row].value)
            if dim == .county, let chain = filter.chain, let county = filter.county,
                data.chain(chain)?.county != county
            {
                filter.chain = nil
            }
            overlay = .filter(row: row)
            clampListSelection()
            return
        case .back: overlay = .filter(row: row); return
        default: break
        }
        overlay = .filterValues(row: row, picker: p)
    }

    /// Typing in the filter's value picker narrows the list; false when the key is not text.
    mutating func editFilterValues(_ key: Key) -> Bool {
        guard case .filterValues(let row, var p) = overlay, p.edit(key) else { return false }
        overlay = .filterValues(row: row, picker: p)
        return true
    }
}

/// The picker of the filter panel's values, drawn over the panel.
enum FilterValuesOverlay {
    static func render(
        _ state: AppState, row: Int, picker: ReviewModel.Picker, into buffer: inout CellBuffer, in rect: Rect
    ) {
        let dim = FilterDimension.allCases[row]
        let items = state.filterPickerChoices.map { PickerView.Item(name: $0.name, detail: $0.detail) }
        PickerView.render(
            state, title: state.t(dim.label) + " — " + state.t(.typeToNarrow), query: picker.query, items: items,
            row: picker.row, empty: state.t(.noValueMatches), into: &buffer, in: rect)
    }
}
