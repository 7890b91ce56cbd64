#!/usr/bin/env python3
"""Times review's or resolve's keys through a pseudo-terminal (140 × 40), as a coder types them.

    python3 Docs/examples/review-keys.py BINARY CASES WORKSPACE review  [CODER]
    python3 Docs/examples/review-keys.py BINARY CASES WORKSPACE resolve [A,B]

For each key: milliseconds from writing it to the end of the first burst of output it caused
('-': nothing redrawn within 300 ms). Keys are 300 ms apart; the screen is given 6 s to open.
Use a scratch copy of the workspace: the keys record decisions (review as CODER, default
koder9; resolve into "enighet").
"""
import os, pty, select, sys, time, fcntl, termios, struct

binary, cases, workspace, mode = sys.argv[1:5]
extra = sys.argv[5] if len(sys.argv) > 5 else None
if mode == "review":
    args = ["review", "--coder", extra or "koder9"]
    keys = ["1", "2", "r", "j", "Space", "d", "n", "1", "R", "u", "U", "p", "D", "m", "x", "Esc", "n", "n", "N"]
else:
    args = ["resolve", "--coders", extra or "koder1,koder2", "--into", "enighet"]
    keys = ["j", "a", "n", "b", "p", "n", "n", "N", "u", "Esc"]
argv = [binary] + args + ["--cases", cases, "--workspace", workspace, "--lang", "en"]
pid, fd = pty.fork()
if pid == 0:
    os.execve(binary, argv, dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8"))
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 140, 0, 0))


def drain(seconds):
    while select.select([fd], [], [], seconds)[0]:
        try:
            os.read(fd, 65536)
        except OSError:
            return


drain(6.0)
named = {"Space": b" ", "Esc": b"\x1b", "Enter": b"\r"}
out = []
for key in keys:
    sent = time.time()
    os.write(fd, named.get(key, key.encode()))
    first, previous = None, sent
    while select.select([fd], [], [], 0.3)[0]:
        os.read(fd, 65536)
        now = time.time()
        if first is None or (now - previous < 0.005 and first == previous):
            first = now
        previous = now
    out.append((key, None if first is None else (first - sent) * 1000))
os.write(fd, b"q")
time.sleep(0.5)
os.kill(pid, 15)
os.waitpid(pid, 0)
print(" ".join(f"{k}:{'-' if v is None else f'{v:.1f}'}" for k, v in out))
