/// Cycles in parent links (codes, actors), found in time linear in the number of nodes: a
/// walk from every node to its root would be quadratic in the depth of the hierarchy (a
/// 20 000-deep codebook took 25 s to validate).
enum ParentLinks {
    /// For every node whose parent links run into a cycle, the node where they enter it (a
    /// node on the cycle names itself) — what a walk up from that node would meet twice first.
    /// `parent` gives a node's parent if that parent exists.
    static func cycleEntries(_ nodes: [String], parent: (String) -> String?) -> [String: String] {
        var done: [String: String?] = [:]
        for start in nodes where done[start] == nil {
            var path: [String] = []
            var position: [String: Int] = [:]
            var next: String? = start
            var outcome: String?
            while let node = next {
                if let known = done[node] { outcome = known; break }
                if let i = position[node] {
                    for member in path[i...] { done[member] = .some(member) }
                    path.removeSubrange(i...)
                    outcome = node
                    break
                }
                position[node] = path.count
                path.append(node)
                next = parent(node)
            }
            // Each node before the stop meets first what its parent meets.
            for node in path.reversed() { done[node] = .some(outcome) }
        }
        return done.compactMapValues { $0 }
    }
}
