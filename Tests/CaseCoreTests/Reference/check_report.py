#!/usr/bin/env python3
"""Checks a whole `case-explorer agreement --json` report against irrCAC, krippendorff and
scikit-learn, from the coders' own codings (run by hand; nothing in the test suite needs it):

    pip install irrCAC krippendorff scikit-learn
    python3 Tests/CaseCoreTests/Reference/check_report.py --coders rapport,eksempel --workspace Docs/examples/agreement

It exports each coder's coding with `case-explorer coding export --json`, builds for every code
the excerpt x coder table of applied (1) / not applied (0) / not reviewed (missing), computes
every coefficient, standard error and analytic interval independently, and prints the largest
difference from the report (the bootstrap interval of alpha has no independent counterpart).
"""
import argparse
import json
import subprocess

import krippendorff
import numpy as np
import pandas as pd
from irrCAC.raw import CAC
from sklearn.metrics import cohen_kappa_score

parser = argparse.ArgumentParser()
parser.add_argument("--coders", required=True)
parser.add_argument("--workspace")
parser.add_argument("--cases")
parser.add_argument("--binary", default=".build/debug/case-explorer")
args = parser.parse_args()
coders = args.coders.split(",")
extra = (["--workspace", args.workspace] if args.workspace else []) + (["--cases", args.cases] if args.cases else [])

report = json.loads(subprocess.run([args.binary, "agreement", "--coders", args.coders, "--json"] + extra,
                                   check=True, capture_output=True, text=True).stdout)
codings = {}
for c in coders:
    rows = json.loads(subprocess.run([args.binary, "coding", "export", "--coder", c, "--json"] + extra,
                                     check=True, capture_output=True, text=True).stdout)
    codings[c] = {r["excerpt"]: (set(r["codes"]) if r["status"] != "unreviewed" else None) for r in rows}
excerpts = sorted(set().union(*[set(v) for v in codings.values()]))


def table(code):
    rows = []
    for e in excerpts:
        row = []
        for c in coders:
            answer = codings[c].get(e)
            row.append(np.nan if answer is None else float(code in answer))
        if sum(not np.isnan(v) for v in row) >= 1:
            rows.append(row)
    return pd.DataFrame(rows)


worst = 0.0
compared = 0


def compare(what, ours, theirs):
    global worst, compared
    if ours is None:
        print(f"  {what}: report has null, reference {theirs}")
        return
    worst = max(worst, abs(ours - theirs))
    compared += 1


kappa_key = "cohenKappa" if len(coders) == 2 else "fleissKappa"
for row in report["codes"]:
    t = table(row["code"])
    complete = t.dropna()
    cac = CAC(complete, categories=[0.0, 1.0], digits=15)
    methods = {"gwetAC1": cac.gwet, "brennanPrediger": cac.bp, kappa_key: cac.conger if len(coders) == 2 else cac.fleiss}
    for key, method in methods.items():
        est = method()["est"]
        compare(f"{row['code']} {key}", row[key], est["coefficient_value"])
        interval = row["intervals"][key]
        if interval:
            compare(f"{row['code']} {key} se", interval["standardError"], est["se"])
            compare(f"{row['code']} {key} lower", interval["lower"], est["confidence_interval"][0])
            compare(f"{row['code']} {key} upper", interval["upper"], est["confidence_interval"][1])
    if len(coders) == 2 and complete[0].nunique() + complete[1].nunique() > 2:
        compare(f"{row['code']} sklearn", row["cohenKappa"], cohen_kappa_score(complete[0], complete[1]))
    pairable = t[t.notna().sum(axis=1) >= 2]
    if pairable.stack().nunique() > 1:
        compare(f"{row['code']} alpha", row["krippendorffAlpha"],
                krippendorff.alpha(reliability_data=pairable.T.to_numpy(), level_of_measurement="nominal"))
    compare(f"{row['code']} agreement", row["percentAgreement"], float((complete.nunique(axis=1) == 1).mean()))

print(f"{len(report['codes'])} codes, {compared} figures compared; largest difference {worst:.2e}")
