#define _XOPEN_SOURCE_EXTENDED 1
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include "mapping_guard.h"
#include "terminal_guard.h"

// Crashes keep the runtime's own handler (its report is the bug report); every other signal
// whose default ends the process dies by the default action, so SIGQUIT prints no crash banner.
static const int crashes[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT, SIGSYS };
static const int endings[] = { SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM,
                               SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ,
#ifdef SIGIO
                               SIGIO,
#endif
#ifdef SIGPWR
                               SIGPWR,
#endif
#ifdef SIGSTKFLT
                               SIGSTKFLT,
#endif
};
#define CRASH_COUNT (sizeof(crashes) / sizeof(crashes[0]))
#define ENDING_COUNT (sizeof(endings) / sizeof(endings[0]))
static struct sigaction previous[CRASH_COUNT];
static volatile sig_atomic_t active = 0;
// What leaving must write after endwin on a terminal without an alternate screen (vt100):
// the clear sequence, taken while curses runs so the handler only calls write().
static char clear_after[64];
static size_t clear_after_length = 0;

static void leave(void) {
    if (!active) return;
    active = 0;
    endwin();
    if (clear_after_length > 0) {
        ssize_t ignored = write(STDOUT_FILENO, clear_after, clear_after_length);
        (void)ignored;
    }
}

static volatile sig_atomic_t deferring = 0;
static volatile sig_atomic_t pending = 0;

static void restore_and_reraise(int sig);

static int is_crash(int sig) {
    for (unsigned i = 0; i < CRASH_COUNT; i++) if (crashes[i] == sig) return 1;
    return 0;
}

static void restore_and_reraise(int sig) {
    if (deferring && !is_crash(sig)) {
        // The program ends itself at its next key wait, after cleaning up (the demo's folder).
        if (!pending) pending = sig;
        struct sigaction again;
        memset(&again, 0, sizeof again);
        again.sa_handler = restore_and_reraise;
        sigfillset(&again.sa_mask);
        again.sa_flags = SA_RESETHAND;
        sigaction(sig, &again, NULL);
        return;
    }
    leave();
    int crash = 0;
    for (unsigned i = 0; i < CRASH_COUNT; i++) {
        if (crashes[i] == sig) {
            sigaction(sig, &previous[i], NULL);
            crash = 1;
            break;
        }
    }
    if (!crash) signal(sig, SIG_DFL);
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, sig);
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    raise(sig);
}

// A memory fault the kernel raised (SEGV, BUS) goes back to the faulting instruction after the
// previous action is restored: the fault repeats and the previous handler sees its true address
// (a re-raised signal carries none), so the mapping guard can tell a truncated file and the
// runtime's crash report names the right address.
static void restore_after_crash(int sig, siginfo_t *info, void *context) {
    (void)context;
    if ((sig == SIGSEGV || sig == SIGBUS) && info != NULL && info->si_code > 0) {
        leave();
        for (unsigned i = 0; i < CRASH_COUNT; i++) {
            if (crashes[i] == sig) sigaction(sig, &previous[i], NULL);
        }
        return;
    }
    restore_and_reraise(sig);
}

void ce_install_terminal_guard(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = restore_and_reraise;
    sigfillset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    struct sigaction crash = action;
    crash.sa_sigaction = restore_after_crash;
    crash.sa_flags = SA_RESETHAND | SA_SIGINFO;
    for (unsigned i = 0; i < CRASH_COUNT; i++) sigaction(crashes[i], &crash, &previous[i]);
    // A truncated mapped file ends the program with a sentence: the terminal is restored first.
    ce_mapping_guard_set_leave_hook(leave);
    for (unsigned i = 0; i < ENDING_COUNT; i++) {
        struct sigaction old;
        sigaction(endings[i], NULL, &old);
        // A signal the parent chose to ignore (nohup, SIGPIPE in some shells) stays ignored.
        if (old.sa_handler == SIG_IGN) continue;
        sigaction(endings[i], &action, NULL);
    }
    active = 1;
}

int ce_terminal_usable(void) {
    // A terminal that cannot place the cursor (TERM=dumb) cannot show a screen.
    const char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

int ce_terminal_no_flow_control(void) {
    // XON/XOFF would make Ctrl-S freeze the output (and Ctrl-Q resume it) instead of
    // reaching the program; curses saves this as the program's mode and endwin restores
    // the shell's mode, flow control included.
    struct termios t;
    if (tcgetattr(STDIN_FILENO, &t) != 0) return -1;
    t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
    if (tcsetattr(STDIN_FILENO, TCSADRAIN, &t) != 0) return -1;
    def_prog_mode();
    return 0;
}

void ce_terminal_prepare_leaving(void) {
    const char *smcup = tigetstr("smcup");
    const char *clear = tigetstr("clear");
    int alternate = smcup != NULL && smcup != (char *)-1 && smcup[0] != '\0';
    clear_after_length = 0;
    if (!alternate && clear != NULL && clear != (char *)-1) {
        // Padding markers ($<50>) are delays for tputs, not bytes for the terminal: left out.
        size_t n = 0;
        for (const char *c = clear; *c != '\0' && n + 1 < sizeof clear_after; c++) {
            if (c[0] == '$' && c[1] == '<') {
                const char *end = strchr(c, '>');
                if (end != NULL) { c = end; continue; }
            }
            clear_after[n++] = *c;
        }
        clear_after_length = n;
    }
}

void ce_terminal_leave(void) {
    leave();
}

void ce_terminal_defer_endings(void) {
    deferring = 1;
}

int ce_terminal_pending_signal(void) {
    return pending;
}

void ce_terminal_clear_pending(void) {
    pending = 0;
}

void ce_terminal_end_by_signal(int sig) {
    leave();
    signal(sig, SIG_DFL);
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, sig);
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    raise(sig);
    _exit(128 + sig);
}

void ce_terminal_guard_released(void) {
    active = 0;
}
