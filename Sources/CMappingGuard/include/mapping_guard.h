#ifndef CASE_EXPLORER_MAPPING_GUARD_H
#define CASE_EXPLORER_MAPPING_GUARD_H
#include <stddef.h>

/// The exit status after a registered file mapping was cut short by another program (EX_TEMPFAIL:
/// running the command again works).
#define CE_MAPPING_GUARD_STATUS 75

/// Registers a read-only file mapping: a SIGBUS whose faulting address lies in
/// [start, start + length) — a page past the end of a file another program truncated — writes
/// `message` (copied, at most 1024 bytes) to standard error and ends the process with
/// CE_MAPPING_GUARD_STATUS, after the leave hook (the terminal) has run. Installs the SIGBUS
/// handler on first use. Returns the registration to give to ce_mapping_guard_unregister, or -1
/// when every slot is taken (the mapping then stays unguarded).
int ce_mapping_guard_register(const void *start, size_t length, const char *message);

/// Ends a registration; call it before the mapping is unmapped.
void ce_mapping_guard_unregister(int registration);

/// Installs the SIGBUS handler now, once per process (registering does it too). A SIGBUS outside
/// every registered mapping goes to the action that was installed before, exactly as without it.
void ce_mapping_guard_install(void);

/// What to run before the message, inside the signal handler: the terminal guard sets it to
/// restore the terminal. Must be async-signal-safe as far as possible; NULL: nothing.
void ce_mapping_guard_set_leave_hook(void (*hook)(void));

#endif
