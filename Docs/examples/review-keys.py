#!/usr/bin/env python3
"""Times the keys the benchmark does not type, through a pseudo-terminal (140 × 40), as a coder types them.

    python3 Docs/examples/review-keys.py BINARY CASES WORKSPACE review    [CODER]
    python3 Docs/examples/review-keys.py BINARY CASES WORKSPACE resolve   [A,B]
    python3 Docs/examples/review-keys.py BINARY CASES WORKSPACE filter    [CODER]
    python3 Docs/examples/review-keys.py BINARY CASES WORKSPACE agreement [CODER]
    python3 Docs/examples/review-keys.py BINARY CASES WORKSPACE matrix    [CODER]
    python3 Docs/examples/review-keys.py BINARY CASES WORKSPACE export    [CODER]
    python3 Docs/examples/review-keys.py BINARY CASES WORKSPACE search    [CODER]

review and resolve open `case-explorer review` and `resolve`; the others open the explorer
(`explore --coder CODER`, default koder9) and type: the filter panel's keys (`e`, `f`, every
row's values, the value picker, a code by a coder's coding); the agreement screen's (`A`, moves,
sorts, the other coders, Enter on a row, `r`); the matrices by each coder's coding (`M`, `o`,
tabs, Enter on a cell); every export of the `X` menu; `/` and a few letters.

For each key: milliseconds from writing it to the end of the first burst of output it caused
('-': nothing redrawn within 300 ms, or within the seconds a key names after an @, e.g.
`Enter@60`). Keys are 300 ms apart; `wait@N` waits N seconds (an export being written, a
report built in the background) and drains what is drawn meanwhile; the screen is given 6 s
to open. Use a scratch copy of the workspace: the keys record decisions (review as CODER,
default koder9; resolve into "enighet"). Exports are written into a new temporary folder,
the explorer's working directory, removed at the end.
"""
import os, pty, select, shutil, sys, tempfile, time, fcntl, termios, struct

binary, cases, workspace = (os.path.abspath(a) for a in sys.argv[1:4])
mode = sys.argv[4]
extra = sys.argv[5] if len(sys.argv) > 5 else None
explore = ["explore", "--coder", extra or "koder9"]
if mode == "review":
    args = ["review", "--coder", extra or "koder9"]
    keys = ["1", "2", "r", "j", "Space", "d", "n", "1", "R", "u", "U", "p", "D", "m", "x", "Esc", "n", "n", "N"]
elif mode == "resolve":
    args = ["resolve", "--coders", extra or "koder1,koder2", "--into", "enighet"]
    keys = ["j", "a", "n", "b", "p", "n", "n", "N", "u", "Esc"]
elif mode == "filter":
    args = explore
    # Rows: county, chain, level, kind, role, code, question, confidence, coding.
    # The code row last: stepped through codes in a colleague's coding, the other rows cleared.
    keys = ["e", "f", "l", "l", "h", "j", "l", "l", "x", "j", "l", "j", "l", "l", "j", "l", "l", "Enter",
            "l", "e", "Enter", "j", "l", "l", "Enter", "a", "Enter", "j", "l", "j", "l", "j", "l", "l",
            "k", "x", "k", "x", "k", "x", "k", "x", "k", "x", "k", "x", "k", "x", "k", "x", "j", "j", "j", "j",
            "j", "l", "l", "l", "j", "l", "l", "l", "X", "Esc", "f", "Esc"]
elif mode == "agreement":
    args = explore
    keys = ["A", "wait@3", "j", "j", "k", "Space", "G", "g", "s", "s", "s", "s", "s", "s", "s", "o", "wait@3",
            "j", "o", "wait@3", "a", "wait@3", "j", "Enter", "Esc", "r@5", "Esc"]
elif mode == "matrix":
    args = explore
    keys = ["M", "j", "l", "o", "wait@3", "j", "l", "Tab", "wait@3", "Tab", "o", "wait@3", "Tab", "S-Tab", "o",
            "wait@3", "j", "Enter", "Esc", "o", "wait@3", "Tab"]
elif mode == "export":
    args = explore
    keys = ["X", "v", "Enter@60", "wait@5", "X", "t", "Enter@60", "wait@3", "X", "k", "Enter@60", "wait@3",
            "X", "m", "Enter@60", "wait@5", "X", "p", "Enter@120", "wait@30", "X", "v", "Enter", "y@60",
            "wait@5", "X", "Esc"]
elif mode == "search":
    args = explore
    keys = ["/", "k", "o", "m", "BS", "BS", "BS", "Esc", "/", "Esc"]
else:
    sys.exit(f"review-keys.py: {mode}: not one of review, resolve, filter, agreement, matrix, export, search")
out_dir = tempfile.mkdtemp(prefix="review-keys-")
argv = [binary] + args + ["--cases", cases, "--workspace", workspace, "--lang", "en"]
pid, fd = pty.fork()
if pid == 0:
    os.chdir(out_dir)
    os.execve(binary, argv, dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8"))
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 140, 0, 0))


def drain(seconds):
    while select.select([fd], [], [], seconds)[0]:
        try:
            os.read(fd, 65536)
        except OSError:
            return


drain(6.0)
named = {"Space": b" ", "Esc": b"\x1b", "Enter": b"\r", "Tab": b"\t", "S-Tab": b"\x1b[Z", "BS": b"\x7f"}
out = []
for token in keys:
    key, _, limit = token.partition("@")
    if key == "wait":
        drain(float(limit))
        continue
    sent = time.time()
    os.write(fd, named.get(key, key.encode()))
    first, previous = None, sent
    timeout = float(limit) if limit else 0.3
    while select.select([fd], [], [], timeout if first is None else 0.3)[0]:
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
written = sorted(n for n in os.listdir(out_dir) if not n.startswith("."))
if written:
    print("written: " + ", ".join(f"{n} ({os.path.getsize(os.path.join(out_dir, n))} bytes)" for n in written),
          file=sys.stderr)
shutil.rmtree(out_dir, ignore_errors=True)
print(" ".join(f"{k}:{'-' if v is None else f'{v:.1f}'}" for k, v in out))
