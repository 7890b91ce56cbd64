#!/usr/bin/env python3
"""Reference values for the agreement statistics, from independent implementations.

Run by hand (the test suite never runs Python):

    pip install irrCAC krippendorff scikit-learn
    python3 Tests/CaseCoreTests/Reference/make_reference.py > Tests/CaseCoreTests/Reference/agreement-reference.json

For every dataset (units x raters, None = not rated):
- the kappa family on the units every rater rated (as case-explorer does): irrCAC's Fleiss'
  kappa, Gwet's AC1, Brennan-Prediger and Conger's kappa (= Cohen's for two raters) with their
  standard errors, 95 % intervals, p_a and p_e; scikit-learn's cohen_kappa_score for two raters;
- Krippendorff's alpha (nominal) on every unit, from the `krippendorff` package and irrCAC
  (irrCAC's standard error of alpha is kept for comparison with the bootstrap);
- percent agreement (all raters agree) on the complete units, counted here directly.
"""
import json
import sys
from importlib.metadata import version

import krippendorff
import numpy as np
import pandas as pd
from irrCAC.raw import CAC
from sklearn.metrics import cohen_kappa_score

DIGITS = 15


def units_from_raters(*raters):
    return [list(u) for u in zip(*raters)]


N = None
DATASETS = {
    # Two coders, one binary code, 20 excerpts.
    "two-coders-binary": units_from_raters(
        [1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1],
        [1, 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1],
    ),
    # The prevalence paradox: 100 excerpts, the coders agree on 94 (all "not applied"), each
    # applies the code to three excerpts the other does not.
    "prevalence-paradox": [[0, 0]] * 94 + [[1, 0]] * 3 + [[0, 1]] * 3,
    # A rare code the coders agree on once: high agreement, kappa far below it.
    "rare-code-two-coders": [[0, 0]] * 180 + [[1, 1]] * 2 + [[1, 0]] * 5 + [[0, 1]] * 3,
    # Three coders with missing ratings (None: the coder has not reviewed the excerpt).
    "three-coders-missing": [
        [1, 1, 1], [0, 0, 0], [1, 0, 1], [0, 0, N], [1, 1, 0], [N, 1, 1], [0, N, 0], [1, 1, 1],
        [0, 0, 0], [0, 1, 0], [1, N, N], [0, 0, 0], [1, 1, N], [0, 0, 1], [1, 1, 1], [0, 0, 0],
        [N, 0, 0], [1, 0, 0], [0, 0, 0], [1, 1, 1],
    ],
    # Three coders, three categories, complete.
    "three-coders-three-categories": [[0, 0, 0], [0, 1, 2], [1, 1, 1], [2, 2, 1], [0, 2, 2], [1, 1, 0],
                                      [2, 2, 2], [0, 0, 1], [1, 2, 1], [2, 2, 2], [0, 0, 0], [1, 1, 1]],
    # Krippendorff's own example (2011): four coders, twelve units, five categories, missing values.
    "krippendorff-four-coders": units_from_raters(
        [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
        [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
    ),
}


def frame(units):
    return pd.DataFrame([[np.nan if v is None else float(v) for v in u] for u in units])


def irr(result):
    est = result["est"]
    lower, upper = est["confidence_interval"]
    return {"value": float(est["coefficient_value"]), "standardError": float(est["se"]),
            "lower": float(lower), "upper": float(upper), "pa": float(est["pa"]), "pe": float(est["pe"])}


def reference(name, units):
    raters = len(units[0])
    complete = [u for u in units if all(v is not None for v in u)]
    out = {"name": name, "raters": raters, "units": units, "completeUnits": len(complete)}
    cac = CAC(frame(complete), digits=DIGITS)
    out["fleissKappa"] = irr(cac.fleiss())
    out["gwetAC1"] = irr(cac.gwet())
    out["brennanPrediger"] = irr(cac.bp())
    if raters == 2:
        out["cohenKappa"] = irr(cac.conger())
        a, b = zip(*complete)
        out["cohenKappaScikitLearn"] = float(cohen_kappa_score(a, b))
    out["percentAgreement"] = sum(len(set(u)) == 1 for u in complete) / len(complete)
    reliability = np.array([[np.nan if v is None else float(v) for v in column] for column in zip(*units)])
    out["krippendorffAlpha"] = float(krippendorff.alpha(reliability_data=reliability, level_of_measurement="nominal"))
    alpha = CAC(frame(units), digits=DIGITS).krippendorff()["est"]
    out["krippendorffAlphaIrrCAC"] = {"value": float(alpha["coefficient_value"]), "standardError": float(alpha["se"])}
    return out


json.dump({
    "generatedBy": "Tests/CaseCoreTests/Reference/make_reference.py",
    "versions": {p: version(p) for p in ["irrCAC", "krippendorff", "scikit-learn", "numpy", "scipy", "pandas"]},
    "datasets": [reference(name, units) for name, units in DATASETS.items()],
}, sys.stdout, indent=1)
sys.stdout.write("\n")
