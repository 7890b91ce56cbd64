import Foundation
import Testing
@testable import CaseCore

/// Control characters become visible signs; line feed and tab stay, except on one line.
@Suite struct InertTextTests {
    @Test func controlsBecomeSignsAndLineBreaksStay() {
        #expect(InertText.visible("a\u{1B}[2Jb\u{07}\u{7F}\u{85}") == "a␛[2Jb␇␡\u{FFFD}")
        #expect(InertText.visible("æøå\nneste\tlinje") == "æøå\nneste\tlinje")
    }

    @Test func onOneLineTheLineBreaksAreSignsToo() {
        #expect(InertText.visible("æøå\nneste\tlinje\u{1B}", singleLine: true) == "æøå␊neste␉linje␛")
        #expect(InertText.visible("plain", singleLine: true) == "plain")
    }

    /// The sentence a truncated index ends the program with stays one line whatever its path.
    @Test func theTruncatedIndexSentenceIsOneInertLine() {
        let m = MappedFile.truncatedMessage("/tmp/a\nb\u{1B}]0;title\u{07}/x.index")
        #expect(m.hasSuffix("rebuild it.\n"))
        #expect(m.dropLast().allSatisfy { $0 != "\n" && $0 != "\u{1B}" && $0 != "\u{07}" })
        #expect(m.contains("/tmp/a␊b␛]0;title␇/x.index"))
    }
}
