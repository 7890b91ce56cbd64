import CaseCore

extension AppState {
    /// Journals replayed after they changed on disk: colleagues' codings, the review's two
    /// codings and the resolve screen's three follow; the resolve queue gains new disagreements
    /// and resolutions in conflict, and stays on the excerpt being looked at.
    mutating func followJournals(_ changed: [String: CodingState]) {
        for (coder, state) in changed { codings[coder] = state }
        if var r = review {
            if let s = changed[r.coder] { r.confirm(s, changed: nil) }
            if let s = changed[r.compareCoder] { r.compare = s }
            review = r
            clampCodeRow()
        }
        if var r = resolve {
            if let s = changed[r.a] { r.aCoding = s }
            if let s = changed[r.b] { r.bCoding = s }
            if let s = changed[r.into] { r.consensus = s }
            let current = r.current
            r.queue = ResolveModel.queue(r.aCoding, r.bCoding, consensus: r.consensus, data: data)
            r.index = current.flatMap { r.queue.firstIndex(of: $0) } ?? min(r.index, max(0, r.queue.count - 1))
            resolve = r
        }
    }
}
