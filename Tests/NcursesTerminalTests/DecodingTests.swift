import CNcurses
import ExplorerUI
@testable import NcursesTerminal
import Testing

/// The adapter's decoding, from the values ncurses hands over to the explorer's keys: the
/// functions readKey calls, fed the codes a terminal produces.
@Suite struct DecodingTests {
    @Test func controlCharactersAndLettersBecomeKeys() {
        #expect(Terminal.character(0x0D) == .enter && Terminal.character(0x0A) == .enter)
        #expect(Terminal.character(0x1B) == .escape)
        #expect(Terminal.character(0x09) == .tab)
        #expect(Terminal.character(0x7F) == .backspace && Terminal.character(0x08) == .backspace)
        #expect(Terminal.character(0x13) == .ctrl("s"), "Ctrl-S reaches the memo editor (flow control is off)")
        #expect(Terminal.character(0x03) == .ctrl("c"))
        #expect(Terminal.character(0x6A) == .char("j"))
        #expect(Terminal.character(0xF8) == .char("ø") && Terminal.character(0xC5) == .char("Å"))
        #expect(Terminal.character(0xD800) == nil, "a lone surrogate is no key")
    }

    @Test func functionKeysBecomeNamedKeys() {
        #expect(Terminal.functionKey(KEY_UP) == .up && Terminal.functionKey(KEY_DOWN) == .down)
        #expect(Terminal.functionKey(KEY_NPAGE) == .pageDown && Terminal.functionKey(KEY_PPAGE) == .pageUp)
        #expect(Terminal.functionKey(KEY_BTAB) == .backTab)
        #expect(Terminal.functionKey(KEY_DC) == .delete)
        #expect(Terminal.functionKey(KEY_RESIZE) == .resize)
        #expect(Terminal.functionKey(KEY_F0 + 5) == .function(5))
        #expect(Terminal.functionKey(KEY_SLEFT) == nil, "a key the explorer does not use is none")
    }

    @Test func mouseEventsBecomeClicksDoubleClicksAndTheWheel() {
        #expect(Terminal.mouse(x: 3, y: 29, buttons: ce_button1_clicked()) == .mouse(MouseEvent(.click, x: 3, y: 29)))
        #expect(
            Terminal.mouse(x: 0, y: 5, buttons: ce_button1_double_clicked())
                == .mouse(MouseEvent(.doubleClick, x: 0, y: 5)))
        #expect(Terminal.mouse(x: 1, y: 1, buttons: ce_wheel_up()) == .mouse(MouseEvent(.wheelUp, x: 1, y: 1)))
        #expect(Terminal.mouse(x: 1, y: 1, buttons: ce_wheel_down()) == .mouse(MouseEvent(.wheelDown, x: 1, y: 1)))
        #expect(Terminal.mouse(x: 1, y: 1, buttons: 0) == nil, "a release or a move is nothing")
    }
}
