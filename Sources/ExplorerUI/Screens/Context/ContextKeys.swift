import CaseCore

extension ContextScreen {
    /// The keys of this screen; Bindings.inEffect adds the global ones and asks each whether it is enabled.
    static let bindings: [Binding] =
        [
            Binding([.tab, .char("l"), .right], .nextTab, .helpNextTab, hint: .hintTabs),
            Binding([.backTab, .char("h"), .left], .previousTab, .helpPreviousTab)
        ] + Bindings.scrollKeys + [
            Binding([.enter], .open, .helpOpenQuestion, when: { $0.screen.context?.tab == .questions })
        ]
}

extension AppState {
    mutating func updateContext(_ state: ContextState, _ action: Action) {
        var s = state
        let tabs = ContextState.Tab.allCases
        if s.tab == .questions {
            // The questions tab selects a question; Enter lists the excerpts that bear on it.
            let questions = data.researchQuestions
            switch action {
            case .open:
                guard questions.indices.contains(s.question) else { return }
                let q = questions[s.question]
                guard data.excerptCount(question: q.id) > 0 else { message = t(.noExcerptsMatch); return }
                var f = ExcerptFilter()
                f.researchQuestion = q.id
                filter = f
                push(.excerpts(ListState()))
                return
            default:
                if let next = moved(s.question, count: questions.count, by: action, page: 3) {
                    s.question = next
                    replaceTop(.context(s))
                    return
                }
            }
        }
        switch action {
        case .nextTab: s.tab = tabs[(s.tab.rawValue + 1) % tabs.count]; s.scroll = 0
        case .previousTab: s.tab = tabs[(s.tab.rawValue + tabs.count - 1) % tabs.count]; s.scroll = 0
        default:
            if let v = ScrollView.moved(s.scroll, by: action, page: bodyHeight - 3) { s.scroll = v }
        }
        replaceTop(.context(s))
    }
}
