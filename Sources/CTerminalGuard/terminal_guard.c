#define _XOPEN_SOURCE_EXTENDED 1
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <string.h>
#include <ncursesw/curses.h>
#include "terminal_guard.h"

static const int guarded[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT, SIGTERM, SIGHUP, SIGINT };
#define GUARDED_COUNT (sizeof(guarded) / sizeof(guarded[0]))
static struct sigaction previous[GUARDED_COUNT];
static volatile sig_atomic_t active = 0;

static void restore_and_reraise(int sig) {
    if (active) {
        active = 0;
        endwin();
    }
    for (unsigned i = 0; i < GUARDED_COUNT; i++) {
        if (guarded[i] == sig) {
            sigaction(sig, &previous[i], NULL);
            break;
        }
    }
    raise(sig);
}

void ce_install_terminal_guard(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = restore_and_reraise;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    for (unsigned i = 0; i < GUARDED_COUNT; i++) {
        sigaction(guarded[i], &action, &previous[i]);
    }
    active = 1;
}

void ce_terminal_guard_released(void) {
    active = 0;
}
