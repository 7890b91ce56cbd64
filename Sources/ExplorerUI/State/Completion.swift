import CaseCore

/// Tab in the `:` line: completes a command's name, then the id it takes (excerpt, code, chain,
/// actor, county); ids are matched without regard to case. What is still open is listed above
/// the line.
extension AppState {
    /// The ids a command's argument can be, as the data spells them.
    func argumentIds(of command: Command) -> [String] {
        switch command.names[0] {
        case "county": return data.counties.map { String($0.id) }
        case "chain": return data.chains.map(\.id)
        case "actor": return data.actors.map(\.id)
        case "excerpt": return data.excerpts.map(\.id)
        case "code": return data.codes.map(\.id)
        case "lang": return Language.allCases.map(\.rawValue)
        default: return []
        }
    }

    /// The id as the data spells it when it differs only in case (`E-0012` finds `e-0012`);
    /// the text itself otherwise.
    func canonicalId(_ typed: String, for name: String) -> String {
        guard let command = Command.all.first(where: { $0.names[0] == name }) else { return typed }
        let ids = argumentIds(of: command)
        if ids.contains(typed) { return typed }
        let same = ids.filter { $0.lowercased() == typed.lowercased() }
        return same.count == 1 ? same[0] : typed
    }

    mutating func complete(_ p: Prompt) {
        var p = p
        let text = p.text.drop { $0 == " " }
        // Tab again over the listed candidates takes each in turn.
        let word = text.split(separator: " ").last.map(String.init) ?? ""
        if !p.candidates.isEmpty, !p.text.hasSuffix(" "),
            p.candidates.contains(word) || Self.commonPrefix(p.candidates) == word
        {
            let next = p.candidates[p.candidates.firstIndex(of: word).map { ($0 + 1) % p.candidates.count } ?? 0]
            p.text = String(p.text.dropLast(word.count)) + next
            prompt = p
            return
        }
        let candidates: [String]
        let done: (String) -> String
        if let space = text.firstIndex(of: " ") {
            let verb = text[..<space].lowercased()
            let typed = String(text[space...].drop { $0 == " " })
            guard let command = Command.all.first(where: { $0.names.contains(verb) }) else {
                p.candidates = []; prompt = p; return
            }
            let ids = argumentIds(of: command)
            let prefixed = ids.filter { $0.lowercased().hasPrefix(typed.lowercased()) }
            candidates = prefixed.isEmpty ? ids.filter { $0.lowercased().contains(typed.lowercased()) } : prefixed
            done = { "\(verb) \($0)" }
        } else {
            let names = Command.all.flatMap(\.names)
            candidates = names.filter { $0.lowercased().hasPrefix(text.lowercased()) }
            done = { name in
                Command.all.first { $0.names.contains(name) }?.argument == nil ? name : name + " "
            }
        }
        switch candidates.count {
        case 0:
            p.candidates = []
            message = nil
        case 1:
            p.text = done(candidates[0])
            p.candidates = []
        default:
            let common = Self.commonPrefix(candidates)
            let current = p.text.split(separator: " ", omittingEmptySubsequences: true).last.map(String.init) ?? ""
            let typed = p.text.hasSuffix(" ") ? "" : current
            // Longer, or the same in the data's spelling (`EX-5` becomes `ex-5`); never shorter than typed.
            if !common.isEmpty, common.lowercased().hasPrefix(typed.lowercased()), common != typed {
                p.text = text.contains(" ") ? done(common) : common
            }
            p.candidates = candidates
        }
        prompt = p
    }

    /// The longest start all the texts share, compared without regard to case (spelled as the first).
    static func commonPrefix(_ texts: [String]) -> String {
        guard var prefix = texts.first.map(Array.init) else { return "" }
        for t in texts.dropFirst() {
            let chars = Array(t)
            var n = 0
            while n < prefix.count, n < chars.count, String(prefix[n]).lowercased() == String(chars[n]).lowercased() {
                n += 1
            }
            prefix = Array(prefix.prefix(n))
        }
        return String(prefix)
    }
}
