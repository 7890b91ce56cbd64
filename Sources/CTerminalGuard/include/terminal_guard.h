#ifndef CASE_EXPLORER_TERMINAL_GUARD_H
#define CASE_EXPLORER_TERMINAL_GUARD_H
/// Installs handlers that restore the terminal (endwin) before the process dies of a signal:
/// crashes (SEGV, BUS, ILL, FPE, TRAP, ABRT, SYS) and every signal whose default action ends the
/// process (TERM, HUP, INT, QUIT, USR1, USR2, PIPE, ALRM, ...). Each handler restores the terminal,
/// then the previous action (crashes) or the default one (the rest) and re-raises, so the exit
/// status still tells which signal ended the program. A memory fault (SEGV, BUS) is repeated
/// rather than re-raised, so the previous handler sees its address (the mapping guard, the
/// runtime's report). Also sets the mapping guard's leave hook. C because it keeps state.
void ce_install_terminal_guard(void);
/// Whether the terminal (after newterm) can place the cursor; TERM=dumb cannot.
int ce_terminal_usable(void);
/// Turns off XON/XOFF flow control while curses owns the terminal (0, or -1 on failure).
int ce_terminal_no_flow_control(void);
/// Notes, while curses runs, how to leave: a terminal without an alternate screen is cleared
/// after endwin so the last frame does not stay under the shell prompt.
void ce_terminal_prepare_leaving(void);
/// Restores the terminal once (endwin, then the clear if needed); the handlers do the same.
void ce_terminal_leave(void);
/// From now on a signal that ends the program (not a crash) is only noted, so the program can
/// clean up and then end by it (ce_terminal_end_by_signal); the demo uses this.
void ce_terminal_defer_endings(void);
/// The signal noted since ce_terminal_defer_endings, or 0.
int ce_terminal_pending_signal(void);
/// Forgets the noted signal (the program answered it, e.g. by asking about an unsaved memo).
void ce_terminal_clear_pending(void);
/// Restores the terminal if needed and ends the process by `sig` (its status tells which).
void ce_terminal_end_by_signal(int sig);
/// Marks the terminal as no longer in curses mode, so the handlers do nothing more.
void ce_terminal_guard_released(void);
#endif
