#ifndef CASE_EXPLORER_TERMINAL_GUARD_H
#define CASE_EXPLORER_TERMINAL_GUARD_H
/// Installs handlers that restore the terminal (endwin) before the process dies of a signal:
/// crashes (SEGV, BUS, ILL, FPE, TRAP, ABRT) and SIGTERM, SIGHUP, SIGINT. Each handler restores
/// the previous action and re-raises, so the exit status still tells which signal ended the
/// program. Lives in a C target because it keeps state (the previous actions).
void ce_install_terminal_guard(void);
/// Marks the terminal as no longer in curses mode, so the handlers do nothing more.
void ce_terminal_guard_released(void);
#endif
