#!/usr/bin/env python3
"""Reference values for server/src/stats/mann-whitney.ts, computed with scipy.stats.mannwhitneyu.

Run with Debian's interpreter (apt-get install python3-scipy):
    /usr/bin/python3 scripts/stats-reference-mannwhitney.py
It writes test/fixtures/stats/mannwhitney.json. It follows scripts/stats-reference.py (seeded
inputs rounded to a few decimals, so the TypeScript tests read exactly the same numbers) but keeps
its own file, so that adding these cases leaves the other reference values untouched.
"""
import json
import os

import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20261126)
OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "stats", "mannwhitney.json")


def num(x):
    """A float for JSON; NaN and infinities as the strings test/unit/stats/reference.ts reads."""
    x = float(x)
    if np.isnan(x):
        return "NaN"
    if np.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def r(a, d=3):
    return [float(x) for x in np.round(np.asarray(a, dtype=float), d)]


# Per-interval values as the canary judge sees them: small samples (one value per interval), ties
# from rounded ratios, a shifted canary, equal samples, one value, and large samples.
arrays = {
    "lat12": r(rng.normal(0.42, 0.03, 12), 4),
    "lat12worse": r(rng.normal(0.48, 0.03, 12), 4),
    "lat5": r(rng.normal(0.40, 0.02, 5), 4),
    "lat7": r(rng.normal(0.41, 0.02, 7), 4),
    "lat3": [0.41, 0.39, 0.44],
    "lat4": [0.52, 0.55, 0.49, 0.6],
    "err20": r(rng.binomial(1000, 0.004, 20) / 1000, 3),
    "err20worse": r(rng.binomial(1000, 0.009, 20) / 1000, 3),
    "ties30a": r(rng.integers(0, 4, 30), 0),
    "ties30b": r(rng.integers(1, 5, 30), 0),
    "equal6a": [0.5] * 6,
    "equal6b": [0.5] * 6,
    "one": [0.7],
    "two": [0.1, 0.9],
    "big300": r(rng.normal(0, 1, 300), 3),
    "big250": r(rng.normal(0.15, 1, 250), 3),
    "small8": r(rng.normal(0, 1, 8), 3),
    "small8b": r(rng.normal(0.9, 1, 8), 3),
    "long60": r(rng.normal(0, 1, 60), 3),
}

pairs = [
    ("lat12worse", "lat12"), ("lat12", "lat12worse"), ("lat5", "lat7"), ("lat3", "lat4"), ("lat4", "lat3"),
    ("err20worse", "err20"), ("ties30a", "ties30b"), ("equal6a", "equal6b"), ("one", "lat5"), ("one", "two"),
    ("big300", "big250"), ("small8", "small8b"), ("small8b", "small8"), ("small8", "long60"), ("lat5", "long60"),
]

cases = []
for a, b in pairs:
    for alternative in ("two-sided", "greater", "less"):
        for method in ("auto", "exact", "asymptotic"):
            x, y = arrays[a], arrays[b]
            if method == "exact" and len(x) * len(y) > 4000:
                continue
            res = stats.mannwhitneyu(x, y, alternative=alternative, method=method)
            chosen = method
            if method == "auto":
                ties = len(set(x + y)) < len(x) + len(y)
                chosen = "asymptotic" if (len(x) > 8 and len(y) > 8) or ties else "exact"
            cases.append({"x": a, "y": b, "alternative": alternative, "method": method, "used": chosen,
                          "statistic": num(res.statistic), "pValue": num(res.pvalue)})
    res = stats.mannwhitneyu(arrays[a], arrays[b], alternative="greater", method="asymptotic", use_continuity=False)
    cases.append({"x": a, "y": b, "alternative": "greater", "method": "asymptotic", "used": "asymptotic", "continuity": False,
                  "statistic": num(res.statistic), "pValue": num(res.pvalue)})

out = {"versions": {"numpy": np.__version__, "scipy": scipy.__version__}, "arrays": arrays, "cases": cases}
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump(out, f, separators=(",", ":"))
print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes, {len(cases)} cases)")
