#define _XOPEN_SOURCE 700
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include "mapping_guard.h"

// A fixed table, so the handler reads it without malloc or locks: a slot's range and message are
// written while it is CLAIMED and published by the release store of ACTIVE.
enum { SLOT_COUNT = 64, MESSAGE_CAPACITY = 1024 };
enum { FREE = 0, CLAIMED = 1, ACTIVE = 2 };

struct slot {
    atomic_int state;
    atomic_uintptr_t start;
    atomic_uintptr_t end;
    size_t message_length;
    char message[MESSAGE_CAPACITY];
};

static struct slot slots[SLOT_COUNT];
static struct sigaction previous;
static void (*_Atomic leave_hook)(void) = NULL;
static pthread_once_t installed = PTHREAD_ONCE_INIT;

// Gives the signal to the action found at installation, as if this handler had never been there.
// A fault the kernel raised is repeated by returning to the faulting instruction, so the previous
// handler sees the true address and context (the runtime's crash report names the right one);
// a signal sent by a program is sent again.
static void chain(int sig, const siginfo_t *info) {
    sigaction(sig, &previous, NULL);
    if (info != NULL && info->si_code > 0) return;
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, sig);
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    raise(sig);
}

static void on_bus_error(int sig, siginfo_t *info, void *context) {
    (void)context;
    if (info != NULL && info->si_code > 0) {
        uintptr_t address = (uintptr_t)info->si_addr;
        for (int i = 0; i < SLOT_COUNT; i++) {
            struct slot *s = &slots[i];
            if (atomic_load_explicit(&s->state, memory_order_acquire) != ACTIVE) continue;
            uintptr_t start = atomic_load_explicit(&s->start, memory_order_relaxed);
            uintptr_t end = atomic_load_explicit(&s->end, memory_order_relaxed);
            if (address < start || address >= end) continue;
            void (*hook)(void) = atomic_load(&leave_hook);
            if (hook != NULL) hook();
            size_t done = 0;
            while (done < s->message_length) {
                ssize_t n = write(STDERR_FILENO, s->message + done, s->message_length - done);
                if (n <= 0) break;
                done += (size_t)n;
            }
            _exit(CE_MAPPING_GUARD_STATUS);
        }
    }
    chain(sig, info);
}

static void install(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_bus_error;
    sigfillset(&action.sa_mask);
    // On the alternate stack when the thread has one (the Swift runtime's handlers use it too).
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGBUS, &action, &previous);
}

void ce_mapping_guard_install(void) {
    pthread_once(&installed, install);
}

int ce_mapping_guard_register(const void *start, size_t length, const char *message) {
    ce_mapping_guard_install();
    for (int i = 0; i < SLOT_COUNT; i++) {
        struct slot *s = &slots[i];
        int expected = FREE;
        if (!atomic_compare_exchange_strong(&s->state, &expected, CLAIMED)) continue;
        size_t n = message == NULL ? 0 : strlen(message);
        if (n > MESSAGE_CAPACITY) n = MESSAGE_CAPACITY;
        if (n > 0) memcpy(s->message, message, n);
        // A sentence cut at the capacity still ends its line.
        if (n == MESSAGE_CAPACITY) s->message[n - 1] = '\n';
        s->message_length = n;
        atomic_store_explicit(&s->start, (uintptr_t)start, memory_order_relaxed);
        atomic_store_explicit(&s->end, (uintptr_t)start + length, memory_order_relaxed);
        atomic_store_explicit(&s->state, ACTIVE, memory_order_release);
        return i;
    }
    return -1;
}

void ce_mapping_guard_unregister(int registration) {
    if (registration < 0 || registration >= SLOT_COUNT) return;
    atomic_store_explicit(&slots[registration].state, FREE, memory_order_release);
}

void ce_mapping_guard_set_leave_hook(void (*hook)(void)) {
    atomic_store(&leave_hook, hook);
}
