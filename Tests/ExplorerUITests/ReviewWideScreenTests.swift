import CaseCore
@testable import ExplorerUI
import Foundation
import Presentation
import Testing

/// The review screen in a wide window (field test, item 4): the coders' columns stood some 130
/// cells right of the code names at 200 columns. The name column takes what the codebook's
/// longest name needs, up to a maximum, and the coders' columns follow it.
@Suite struct ReviewWideScreenTests {
    /// The cell where `needle` starts on the row, counted in display cells.
    static func cell(of needle: String, in row: String) -> Int? {
        row.range(of: needle).map { DisplayWidth.of(row[..<$0.lowerBound]) }
    }

    @Test func atTwoHundredColumnsTheCodersColumnsFollowTheNames() throws {
        let (r, ws) = ReviewFlowTests().review("R 1", width: 200, height: 50)
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let lines = Frame.render(r.state).lines
        let header = try #require(lines.first { $0.hasPrefix("   Koder") })
        let compare = try #require(Self.cell(of: "rapport", in: header))
        let own = try #require(Self.cell(of: "anna", in: header))
        let longest = UIFixtures.data.codes.map { DisplayWidth.of($0.name) }.max() ?? 0
        // The screen's margin and two cells, then the name column: the longest name and a blank
        // either side; the coders are 10 apart.
        #expect(compare == 3 + longest + 2, "\(header)")
        #expect(compare <= 3 + ReviewScreen.maxCodeNameWidth)
        #expect(own == compare + 10)
        let rows = lines.filter { $0.hasPrefix(" ▶") || $0.hasPrefix("  ") && ($0.contains("✓") || $0.contains(" · ")) }
            .filter { !$0.hasPrefix("   Koder") }
        #expect(rows.count >= 2, "\(lines.joined(separator: "\n"))")
        for row in rows {
            let name = try #require(UIFixtures.data.codes.first { row.contains($0.name) }, "\(row)")
            let nameEnd = try #require(Self.cell(of: name.name, in: row)) + DisplayWidth.of(name.name)
            let mark = try #require([Self.cell(of: "✓", in: row), Self.cell(of: "·", in: row)].compactMap { $0 }.min())
            // Each row's marks stand under the coders' names, close to the code's name.
            #expect(mark == compare, "\(row)")
            #expect(mark - nameEnd <= longest - DisplayWidth.of(name.name) + 1, "\(row)")
        }
        expectSnapshot("review-200x50", r.state)
    }

    /// A name longer than the maximum (here a code of a journal that the codebook lacks, shown
    /// by its id) is cut, and the columns stay at the maximum.
    @Test func aVeryLongCodeNameIsCutAtTheMaximum() {
        let long = String(repeating: "lang-kode-", count: 12)
        #expect(ReviewScreen.codeNameWidth(UIFixtures.data, [long]) == ReviewScreen.maxCodeNameWidth)
        #expect(ReviewScreen.codeNameWidth(UIFixtures.data, []) < ReviewScreen.maxCodeNameWidth)
    }

    /// Narrower windows are laid out as before (their snapshots are unchanged): the name column
    /// is what the window leaves, which is less than the codebook asks for.
    @Test(arguments: [(80, 24), (60, 16)]) func narrowWindowsKeepTheirLayout(width: Int, height: Int) throws {
        let (r, ws) = ReviewFlowTests().review("R", width: width, height: height)
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let header = try #require(Frame.render(r.state).lines.first { $0.hasPrefix("   Koder") })
        #expect(Self.cell(of: "rapport", in: header) == 3 + max(12, width - 2 - 34), "\(header)")
    }
}
