// The wide-character ncurses API, and accessors for what Swift cannot import directly
// (C globals that Swift 6 rejects as not concurrency-safe, function-like macros).
#ifndef CASE_EXPLORER_NCURSES_SHIM_H
#define CASE_EXPLORER_NCURSES_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *ce_stdscr(void) { return stdscr; }
static inline WINDOW *ce_curscr(void) { return curscr; }
static inline attr_t ce_a_normal(void) { return A_NORMAL; }
static inline attr_t ce_a_bold(void) { return A_BOLD; }
static inline attr_t ce_a_reverse(void) { return A_REVERSE; }
static inline attr_t ce_a_underline(void) { return A_UNDERLINE; }
static inline attr_t ce_a_dim(void) { return A_DIM; }
static inline int ce_key_code_yes(void) { return KEY_CODE_YES; }
static inline int ce_err(void) { return ERR; }
static inline int ce_ok(void) { return OK; }
static inline const char *ce_codeset(void) { return nl_langinfo(CODESET); }
static inline FILE *ce_stdout(void) { return stdout; }
static inline FILE *ce_stdin(void) { return stdin; }
static inline int ce_color_pair(short n) { return (int)COLOR_PAIR(n); }
// Mouse: the event masks are function-like macros.
static inline mmask_t ce_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t ce_button1_double_clicked(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t ce_wheel_up(void) { return BUTTON4_PRESSED; }
static inline mmask_t ce_wheel_down(void) { return BUTTON5_PRESSED; }
#endif
