#!/usr/bin/env python3
"""Writes a large coder journal for measuring `coding apply` on a long history.

    python3 Docs/examples/journal-big.py WORKSPACE [EVENTS] [CODER]   (default 6 000 000 events, coder "big")

The events cycle over the bundled excerpts and codes (apply, remove, set, status and memo in
turn, each with the id, time and replaced values the program writes), about 175 bytes each:
6 M events make a journal of about 1 GB at WORKSPACE/journals/CODER.jsonl. Then, e.g.:

    /usr/bin/time -v case-explorer coding apply --workspace WORKSPACE --coder big \\
        --excerpt ex-5.3-02 --code ppt
"""
import json, os, sys, datetime

here = os.path.dirname(os.path.abspath(__file__))
cases = os.path.join(here, "..", "..", "Cases")
workspace = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 6_000_000
coder = sys.argv[3] if len(sys.argv) > 3 else "big"
excerpts = [e["id"] for e in json.load(open(os.path.join(cases, "excerpts.json")))["excerpts"]]
codes = [c["id"] for c in json.load(open(os.path.join(cases, "codebook.json")))["codes"]]
os.makedirs(os.path.join(workspace, "journals"), exist_ok=True)
start = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
session = "bigjrnl0"
with open(os.path.join(workspace, "journals", coder + ".jsonl"), "w", buffering=1 << 20) as out:
    for n in range(1, count + 1):
        t = (start + datetime.timedelta(milliseconds=n)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        e = {"seq": n, "id": f"{session}-{n}", "time": t, "coder": coder, "excerpt": excerpts[n % len(excerpts)]}
        kind = (n // len(excerpts)) % 5
        code = codes[n % len(codes)]
        if kind == 0: e.update(action="apply", code=code)
        elif kind == 1: e.update(action="remove", code=code)
        elif kind == 2: e.update(action="set", codes=[code, codes[(n + 1) % len(codes)]])
        elif kind == 3: e.update(action="status", status="reviewed")
        else: e.update(action="memo", memo=f"notat {n}: æøå")
        out.write(json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n")
