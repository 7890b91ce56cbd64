#!/bin/sh
# Measures `case-explorer sync` and a replay for a team of five coders with about 100 000
# events each (Docs/TEAM.md, "Measured"). Usage: measure-sync.sh [case-explorer binary] [scratch dir]
set -eu
B=${1:-.build/release/case-explorer}
D=${2:-$(mktemp -d)}
t() { s=$(date +%s.%N); "$@" > "$D/out.txt" 2>&1; e=$(date +%s.%N); printf '%-58s %6.2f s\n' "$LABEL" "$(echo "$e - $s" | bc)"; }
rm -rf "$D/gen" "$D/remote.git" "$D/b" "$D/c"
# 125 000 excerpts: each of the five generated coders reviews about 80 % of them.
"$B" generate --excerpts 125000 --coders 5 --seed 14 -o "$D/gen" > /dev/null
wc -l "$D"/gen/workspace/journals/*.jsonl | tail -1
du -sh "$D/gen/workspace/journals"
git init -q --bare "$D/remote.git"
A="$D/gen/workspace"; CASES="$D/gen/cases"
git -C "$A" init -q; git -C "$A" config user.name a; git -C "$A" config user.email a@example.org
"$B" workspace init --workspace "$A" --remote "$D/remote.git" --cases "$CASES" > /dev/null
LABEL="first sync: commit and push 5 x 100k events"; t "$B" sync --workspace "$A" --cases "$CASES"
git clone -q "$D/remote.git" "$D/b"; git -C "$D/b" config user.name b; git -C "$D/b" config user.email b@example.org
# Machine c starts before the journals exist remotely: its sync brings in all 500k events.
mkdir "$D/c"; git -C "$D/c" init -q; git -C "$D/c" config user.name c; git -C "$D/c" config user.email c@example.org
git -C "$D/c" remote add origin "$D/remote.git"; git -C "$D/c" fetch -q origin; git -C "$D/c" checkout -q -b master
LABEL="sync bringing in 500k events (5 coders)"; t "$B" sync --workspace "$D/c" --cases "$CASES"; tail -6 "$D/out.txt"
# A short session: 20 decisions by koder1 on a and 20 by koder2 on b, then both sync.
ex=$(grep -o '"excerpt":"[^"]*"' "$A/journals/koder1.jsonl" | head -20 | cut -d'"' -f4)
for e in $ex; do "$B" coding set --workspace "$A" --cases "$CASES" --coder koder1 --excerpt "$e" --codes "" > /dev/null; done 2>/dev/null || true
for e in $ex; do "$B" coding set --workspace "$D/b" --cases "$CASES" --coder koder2 --excerpt "$e" --codes "" > /dev/null; done 2>/dev/null || true
LABEL="sync on a: 20 new decisions out (nothing in)"; t "$B" sync --workspace "$A" --cases "$CASES"
LABEL="sync on b: 20 out, 20 in (a union merge)"; t "$B" sync --workspace "$D/b" --cases "$CASES"; tail -4 "$D/out.txt"
LABEL="sync on a: 20 in"; t "$B" sync --workspace "$A" --cases "$CASES"
LABEL="sync with nothing new"; t "$B" sync --workspace "$A" --cases "$CASES"
LABEL="replay one merged 100k journal (coding export)"; t "$B" coding export --workspace "$A" --cases "$CASES" --coder koder1
LABEL="replay all five (agreement --coders koder1..koder5)"; t "$B" agreement --workspace "$A" --cases "$CASES" --coders koder1,koder2,koder3,koder4,koder5
LABEL="load the data alone (validate)"; t "$B" validate --cases "$CASES"
cmp "$A/journals/koder2.jsonl" "$D/b/journals/koder2.jsonl" > /dev/null 2>&1 && echo "a and b: koder2 identical" || echo "a and b: koder2 lines differ in order (same events)"
