import CNcurses
import CTerminalGuard
import ExplorerUI
import Foundation

/// The only code that talks to ncurses: it starts and restores the terminal, turns the
/// program's cell buffer into screen output, and reads keys. Everything runs on the main thread.
public final class Terminal {
    private let window: UnsafeMutablePointer<WINDOW>
    private var previous: CellBuffer?
    private let colour: Bool
    private var ended = false

    /// Starts curses mode, with mouse events when `mouse` (the demo and `--no-mouse` leave the
    /// mouse to the terminal). Fails with a sentence when there is no usable terminal.
    public init(mouse: Bool = true) throws {
        // A UTF-8 locale is needed for æøå; fall back to C.UTF-8 when the environment has none.
        setlocale(LC_ALL, "")
        if String(cString: ce_codeset()) != "UTF-8" { setlocale(LC_CTYPE, "C.UTF-8") }
        // How long Esc waits for the rest of a sequence (an arrow key, a mouse event): a terminal
        // writes a sequence at once, so 10 ms is plenty and Esc answers within a frame.
        if ProcessInfo.processInfo.environment["ESCDELAY"] == nil { set_escdelay(10) }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalError(
                message: "the explorer needs a terminal; for scripts use the subcommands (case-explorer --help).")
        }
        // Our handlers go in before curses starts: ncurses then leaves SIGINT/SIGTERM to us, and a
        // signal ends the program with its own status (130 for Ctrl-C) after the terminal is restored.
        ce_install_terminal_guard()
        guard let screen = newterm(nil, ce_stdout(), ce_stdin()) else {
            ce_terminal_guard_released()
            throw TerminalError(
                message: "cannot start the terminal (TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? "unset")).")
        }
        set_term(screen)
        guard ce_terminal_usable() != 0 else {
            ce_terminal_guard_released()
            endwin()
            delscreen(screen)
            let name = ProcessInfo.processInfo.environment["TERM"] ?? "unset"
            throw TerminalError(
                message:
                    "the terminal TERM=\(name) cannot place the cursor, so the explorer cannot draw its screens; use a "
                    + "full terminal (e.g. TERM=xterm-256color) or the subcommands (case-explorer --help)."
            )
        }
        window = ce_stdscr()!
        cbreak()
        noecho()
        nonl()
        // Ctrl-S is the memo editor's save key: with XON/XOFF on it would freeze the output.
        _ = ce_terminal_no_flow_control()
        ce_terminal_prepare_leaving()
        keypad(window, true)
        // Clicks, double clicks and the wheel; the keyboard stays complete without them.
        if mouse {
            mousemask(ce_button1_clicked() | ce_button1_double_clicked() | ce_wheel_up() | ce_wheel_down(), nil)
            mouseinterval(300)
        }
        curs_set(0)
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        colour = !noColor && has_colors()
        if colour {
            start_color()
            use_default_colors()
            Palette.install()
        }
    }

    /// Signals that end the program are noted instead of acted on at once, so the caller can
    /// clean up first; it polls `pendingSignal` and then calls `end(bySignal:)`.
    public func deferEndingSignals() { ce_terminal_defer_endings() }

    /// The signal (SIGINT, SIGTERM, ...) received since `deferEndingSignals`, if any.
    public var pendingSignal: Int32? { let s = ce_terminal_pending_signal(); return s == 0 ? nil : s }

    /// Forgets the noted signal: the program answered it instead of ending.
    public func clearPendingSignal() { ce_terminal_clear_pending() }

    /// Restores the terminal and ends the process by the signal, as if it had not been deferred.
    public static func end(bySignal signal: Int32) -> Never {
        ce_terminal_end_by_signal(signal)
        exit(128 + signal)
    }

    public var size: (width: Int, height: Int) { (Int(getmaxx(window)), Int(getmaxy(window))) }

    /// Restores the terminal. Safe to call twice.
    public func end() {
        guard !ended else { return }
        ended = true
        curs_set(1)
        // endwin restores the shell's terminal modes (flow control included); a terminal
        // without an alternate screen is then cleared.
        ce_terminal_leave()
    }

    deinit { end() }

    /// Draws a frame: only rows that changed since the last frame are written.
    public func draw(_ buffer: CellBuffer) {
        let full = previous == nil || previous!.width != buffer.width || previous!.height != buffer.height
        if full { werase(window) }
        for y in 0..<buffer.height {
            if !full, let prev = previous, rowEqual(prev, buffer, y) { continue }
            drawRow(buffer, y)
        }
        previous = buffer
        wnoutrefresh(window)
        doupdate()
    }

    /// Forgets the last frame so the next draw repaints everything (after a resize).
    public func invalidate() { previous = nil; clearok(window, true) }

    /// Ctrl-L: the next draw clears the terminal and paints every cell again, whatever another
    /// program (or a noisy line) wrote over it — curses's idea of the screen is thrown away too.
    public func repaint() {
        previous = nil
        clearok(ce_curscr(), true)
    }

    private func rowEqual(_ a: CellBuffer, _ b: CellBuffer, _ y: Int) -> Bool {
        for x in 0..<a.width where a[x, y] != b[x, y] { return false }
        return true
    }

    private func drawRow(_ buffer: CellBuffer, _ y: Int) {
        var x = 0
        while x < buffer.width {
            let style = buffer[x, y].style
            var text = ""
            let start = x
            while x < buffer.width && buffer[x, y].style == style {
                text += buffer[x, y].text
                x += 1
            }
            // The last cell of the screen cannot be written without scrolling in some terminals.
            if y == buffer.height - 1 && x == buffer.width, !text.isEmpty, text.last == " " { text.removeLast() }
            wattrset(window, Int32(bitPattern: UInt32(truncatingIfNeeded: attributes(for: style))))
            var wide = Array(text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }) + [0]
            mvwaddnwstr(window, Int32(y), Int32(start), &wide, Int32(wide.count - 1))
        }
        wattrset(window, 0)
    }

    private func attributes(for style: Style) -> attr_t {
        let wanted = RolePalette.attributes(style, colour: colour)
        var a = ce_a_normal()
        if wanted.bold { a |= ce_a_bold() }
        if wanted.underline { a |= ce_a_underline() }
        if wanted.reverse { a |= ce_a_reverse() }
        if wanted.dim { a |= ce_a_dim() }
        if colour { a |= attr_t(ce_color_pair(Palette.pair(for: style.role))) }
        return a
    }

    /// Waits for a key; nil when the input is closed or `timeout` (ms) passes first.
    public func readKey(timeout: Int32 = -1) -> Key? {
        wtimeout(window, timeout)
        var ch: wint_t = 0
        let result = wget_wch(window, &ch)
        if result == ce_err() { return nil }
        if result == ce_key_code_yes() && Int32(ch) == KEY_MOUSE {
            var event = MEVENT()
            guard getmouse(&event) == ce_ok() else { return nil }
            return Self.mouse(x: event.x, y: event.y, buttons: event.bstate)
        }
        if result == ce_key_code_yes() { return Self.functionKey(Int32(ch)) }
        return Self.character(UInt32(ch))
    }

    static func character(_ value: UInt32) -> Key? {
        switch value {
        case 0x0D, 0x0A: return .enter
        case 0x1B: return .escape
        case 0x09: return .tab
        case 0x7F, 0x08: return .backspace
        case 0x01...0x1A: return .ctrl(Character(UnicodeScalar(value + 0x60)!))
        default:
            guard let scalar = UnicodeScalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// A mouse event from getmouse's fields; nil for what the explorer does not use.
    static func mouse(x: Int32, y: Int32, buttons: mmask_t) -> Key? {
        let kind: MouseEvent.Kind
        if buttons & ce_button1_double_clicked() != 0 {
            kind = .doubleClick
        } else if buttons & ce_button1_clicked() != 0 {
            kind = .click
        } else if buttons & ce_wheel_up() != 0 {
            kind = .wheelUp
        } else if buttons & ce_wheel_down() != 0 {
            kind = .wheelDown
        } else {
            return nil
        }
        return .mouse(MouseEvent(kind, x: Int(x), y: Int(y)))
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_NPAGE: return .pageDown
        case KEY_PPAGE: return .pageUp
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        case KEY_F0 + 1...KEY_F0 + 12: return .function(Int(code - KEY_F0))
        default: return nil
        }
    }
}

public struct TerminalError: Error {
    public let message: String
}

/// Colour pairs for the style roles, on the terminal's own background.
enum Palette {
    static func pair(for role: StyleRole) -> Int16 { Int16(role.rawValue) + 1 }

    static func install() {
        for role in StyleRole.allCases {
            init_pair(pair(for: role), RolePalette.foreground(role)?.rawValue ?? -1, -1)
        }
    }
}
