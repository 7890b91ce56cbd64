import Foundation
import Testing

extension ExplorerEndToEndTests {
    /// A real xterm click (X10 encoding, as in `aMouseClickOnATabOpensIt`) on an actor of the
    /// chain pane selects it: Enter then opens that actor, not the first one.
    @Test func aMouseClickOnAnActorOfTheChainSelectsIt() {
        let t = TmuxSession("\(Self.binary) --lang nb")
        #expect(t.waitFor("Casefylker og kjeder"), "\(t.screen)")
        let lines = t.screen.components(separatedBy: "\n")
        guard let row = lines.firstIndex(where: { $0.contains("└─▶ Kommune A") }) else {
            Issue.record("no Kommune A in the chain:\n\(t.screen)")
            return
        }
        // The column: the characters before the name (the tree's and the rule's are one cell wide).
        let column = lines[row].components(separatedBy: "Kommune A")[0].count
        let at = String(UnicodeScalar(UInt8(column + 2 + 32))) + String(UnicodeScalar(UInt8(row + 1 + 32)))
        t.type("\u{1B}[M " + at)
        t.type("\u{1B}[M#" + at)
        // The selection marker moves to the clicked actor before Enter is typed.
        #expect(t.waitFor("▶    └─▶ Kommune A"), "the click did not select Kommune A:\n\(t.screen)")
        t.keys("Enter")
        #expect(t.waitFor("Kjedevei"), "Enter did not open an actor:\n\(t.screen)")
        #expect(
            t.screen.components(separatedBy: "\n")[1].contains("Kommune A"), "the click chose another:\n\(t.screen)")
        t.keys("Q")
        #expect(t.waitFor("__EXIT__=0"), "\(t.screen)")
    }
}
