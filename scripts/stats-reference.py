#!/usr/bin/env python3
"""Reference values for server/src/stats, computed with SciPy / scikit-learn / NumPy.

Run with Debian's interpreter (the one that has SciPy and scikit-learn):
    /usr/bin/python3 scripts/stats-reference.py
It writes test/fixtures/stats/reference.json. Inputs are seeded and rounded to a few decimals so that
the JSON stays small and the TypeScript tests read exactly the same numbers.

Evidently is not installed; its drift tests are re-stated here from its source (stattests/*.py) on
top of the same SciPy calls it makes. ECE and Recall@K follow the definitions in docs/statistics.md.
"""
import json
import os
import sys

# Set iteration order (categories) follows the string hash; a fixed seed makes the output repeatable.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})

import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy import special, stats
from scipy.spatial import distance
from sklearn import metrics

rng = np.random.default_rng(20251126)
OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "stats", "reference.json")


def r(a, d=3):
    return [float(x) for x in np.round(np.asarray(a, dtype=float), d)]


def num(x):
    x = float(x)
    if np.isnan(x):
        return "NaN"
    if np.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


# ---------------------------------------------------------------- inputs shared by several cases
arrays = {
    "norm50": r(rng.normal(0, 1, 50)),
    "norm45": r(rng.normal(0.3, 1, 45)),
    "norm30": r(rng.normal(0, 1, 30)),
    "ties60": r(rng.integers(0, 6, 60), 0),
    "ties50": r(rng.integers(0, 7, 50), 0),
    "one": [0.5],
    "five": r(rng.normal(0, 1, 5)),
    "equal20a": [1.0] * 20,
    "equal20b": [1.0] * 20,
    "norm20": r(rng.normal(0, 1, 20)),
    "norm20s": r(rng.normal(1.0, 1, 20)),
    "norm800": r(rng.normal(0, 1, 800)),
    "norm1200": r(rng.normal(0.1, 1.1, 1200)),
    "norm3000": r(rng.normal(0, 1, 3000), 2),
    "big": r(rng.normal(0, 1, 10500), 2),
    "norm300": r(rng.normal(0.05, 1, 300), 2),
    "norm40": r(rng.normal(0.5, 1, 40), 2),
    "norm2": r(rng.normal(0, 1, 2), 2),
}
A = {k: np.array(v) for k, v in arrays.items()}

# ---------------------------------------------------------------- percentile
percentile_cases = []
for name in ["norm50", "ties60", "one", "equal20a", "norm2"]:
    qs = [0, 1, 2.5, 10, 25, 33.3, 50, 66.7, 75, 90, 97.5, 99, 100]
    percentile_cases.append({"array": name, "q": qs, "expected": [num(np.percentile(A[name], q)) for q in qs]})

# ---------------------------------------------------------------- special functions
special_cases = {
    "chi2sf": [[x, df, num(stats.chi2.sf(x, df))] for df in [1, 2, 3, 5, 10, 30, 99]
               for x in [0.001, 0.1, 0.5, 1, 2, 5, 10, 20, 50, 100, 300]],
    "erfc": [[x, num(special.erfc(x))] for x in [-3, -1, -0.2, 0.01, 0.2, 0.5, 1, 2, 3, 5, 8, 12, 20, 26]],
    "ndtri": [[p, num(special.ndtri(p))] for p in [1e-12, 1e-6, 0.001, 0.01, 0.025, 0.05, 0.2, 0.5, 0.8, 0.975, 0.999, 1 - 1e-9]],
    "gammaln": [[x, num(special.gammaln(x))] for x in [0.1, 0.5, 1, 1.5, 2.5, 7, 20.5, 100, 1000.5]],
}

# ---------------------------------------------------------------- kstwo.sf on a grid (all regions of _kolmogn)
kstwo_cases = []
for n in [3, 10, 50, 140, 141, 400, 1000, 5000, 20000, 200000]:
    for x in [0.001, 0.003, 0.004, 0.01, 0.012, 0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.45, 0.6, 0.9, 0.99]:
        kstwo_cases.append([x, n, num(stats.kstwo.sf(x, n))])

# ---------------------------------------------------------------- ks_2samp
ks_pairs = [("norm50", "norm45"), ("norm30", "norm50"), ("ties60", "ties50"), ("one", "five"),
            ("equal20a", "equal20b"), ("norm20", "norm20s"), ("norm20", "norm50"), ("norm800", "norm1200"),
            ("norm3000", "norm800"), ("big", "norm300"), ("big", "norm40"), ("norm300", "big"), ("big", "norm2"),
            ("norm3000", "norm3000")]
ks_cases = []
for a, b in ks_pairs:
    res = stats.ks_2samp(A[a], A[b])
    exact = max(len(A[a]), len(A[b])) <= 10000
    ks_cases.append({"a": a, "b": b, "statistic": num(res.statistic), "pValue": num(res.pvalue),
                     "method": "exact" if exact else "asymptotic"})

# ---------------------------------------------------------------- wasserstein
wass_cases = [{"a": a, "b": b, "expected": num(stats.wasserstein_distance(A[a], A[b]))}
              for a, b in [("norm50", "norm45"), ("ties60", "ties50"), ("one", "five"), ("norm800", "norm1200")]]


# ---------------------------------------------------------------- Evidently-style drift tests
def binned(ref, cur, numeric, fill):
    ref = pd.Series(ref).dropna()
    cur = pd.Series(cur).dropna()
    if numeric and ref.nunique() > 20:
        bins = np.histogram_bin_edges(pd.concat([ref, cur]).values, bins="sturges")
        rp = np.histogram(ref, bins)[0] / len(ref)
        cp = np.histogram(cur, bins)[0] / len(cur)
    else:
        keys = list(set(ref.unique()) | set(cur.unique()))
        rc = {**dict.fromkeys(keys, 0), **dict(ref.value_counts())}
        cc = {**dict.fromkeys(keys, 0), **dict(cur.value_counts())}
        rp = np.array([rc[k] / len(ref) for k in keys])
        cp = np.array([cc[k] / len(cur) for k in keys])
    if fill:
        for p in (rp, cp):
            m = min(p[p != 0])
            np.place(p, p == 0, m / 10**6 if m <= 0.0001 else 0.0001)
    return rp, cp


def chi(ref, cur):
    ref, cur = pd.Series(ref).dropna(), pd.Series(cur).dropna()
    keys = list(set(ref.unique()) | set(cur.unique()))
    rc = {**dict.fromkeys(keys, 0), **dict(ref.value_counts())}
    cc = {**dict.fromkeys(keys, 0), **dict(cur.value_counts())}
    k = len(cur) / len(ref)
    with np.errstate(divide="ignore", invalid="ignore"):
        res = stats.chisquare([cc[x] for x in keys], [rc[x] * k for x in keys])
    return res.statistic, res.pvalue


def ztest(ref, cur):
    ref, cur = pd.Series(ref).dropna(), pd.Series(cur).dropna()
    if ref.nunique() == 1 and cur.nunique() == 1 and ref.unique()[0] == cur.unique()[0]:
        return 0.0, 1.0
    keys = sorted(set(ref.unique()) | set(cur.unique()))
    a = ref.apply(lambda x: 0 if x == keys[0] else 1)
    b = cur.apply(lambda x: 0 if x == keys[0] else 1)
    n1, n2 = len(a), len(b)
    p1, p2 = a.sum() / n1, b.sum() / n2
    P = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(P * (1 - P) * (1 / n1 + 1 / n2))
    # Evidently writes 2 * (1 - norm.cdf(|z|)); norm.sf is the same number without cancellation.
    return z, 2 * stats.norm.sf(abs(z))


cats = {
    "catA": list(rng.choice(["a", "b", "c", "d"], 300, p=[0.4, 0.3, 0.2, 0.1])),
    "catB": list(rng.choice(["a", "b", "c", "d"], 200, p=[0.3, 0.3, 0.3, 0.1])),
    "catC": list(rng.choice(["a", "b", "c", "e"], 250, p=[0.4, 0.3, 0.2, 0.1])),
    "catBig": list(rng.choice(["a", "b", "c", "d", "e"], 1500, p=[0.3, 0.3, 0.2, 0.15, 0.05])),
    "catBig2": list(rng.choice(["a", "b", "c", "d", "e"], 900, p=[0.25, 0.3, 0.2, 0.15, 0.1])),
    "binA": list(rng.choice(["no", "yes"], 400, p=[0.7, 0.3])),
    "binB": list(rng.choice(["no", "yes"], 300, p=[0.6, 0.4])),
    "binC": ["yes"] * 50,
    "binD": ["yes"] * 70,
    "binE": ["no"] * 40 + ["yes"] * 2,
}
cats = {k: [str(x) for x in v] for k, v in cats.items()}
arrays.update({"few1200": r(rng.integers(0, 4, 1200), 0), "few700": r(rng.integers(0, 5, 700), 0),
               "ints900": r(rng.integers(0, 15, 900), 0), "ints1100": r(rng.integers(0, 16, 1100), 0)})
A = {k: np.array(v) for k, v in arrays.items()}


def src(name):
    return cats[name] if name in cats else A[name]


chi_cases = [{"a": a, "b": b, "statistic": num(s), "pValue": num(p)} for a, b in
             [("catA", "catB"), ("catA", "catC"), ("catBig", "catBig2"), ("ties60", "ties50"), ("catA", "catA")]
             for s, p in [chi(src(a), src(b))]]
z_cases = [{"a": a, "b": b, "statistic": num(z), "pValue": num(p)} for a, b in
           [("binA", "binB"), ("binC", "binD"), ("binA", "binE"), ("binE", "binC")] for z, p in [ztest(src(a), src(b))]]
wn_cases = [{"a": a, "b": b, "expected": num(stats.wasserstein_distance(A[a], A[b]) / max(np.std(A[a]), 0.001))}
            for a, b in [("norm1200", "norm800"), ("big", "norm300"), ("equal20a", "norm20")]]
dist_cases = []
for a, b, numeric in [("norm1200", "norm800", True), ("big", "norm300", True), ("catBig", "catBig2", False),
                      ("catA", "catC", False), ("few1200", "few700", True), ("ints900", "ints1100", True),
                      ("norm50", "norm20s", True)]:
    rp, cp = binned(src(a), src(b), numeric, False)
    js = distance.jensenshannon(rp, cp)
    rp, cp = binned(src(a), src(b), numeric, True)
    psi = np.sum((rp - cp) * np.log(rp / cp))
    dist_cases.append({"a": a, "b": b, "numeric": numeric, "jensenshannon": num(js), "psi": num(psi)})

# ---------------------------------------------------------------- classification / regression metrics
n = 500
y = (rng.random(n) < 0.3).astype(int)
s_cont = np.round(np.clip(0.35 * y + rng.normal(0.35, 0.2, n), 0, 1), 4)
s_ties = np.round(s_cont, 1)
w = rng.integers(0, 4, n)
cls_inputs = {"y": [int(v) for v in y], "sCont": r(s_cont, 4), "sTies": r(s_ties, 1), "w": [int(v) for v in w],
              "yNone": [0] * 20, "sNone": r(rng.random(20), 3), "yAll": [1] * 20}


def ece(yv, p, weights=None, bins=10):
    weights = np.ones(len(p)) if weights is None else np.asarray(weights, float)
    idx = np.minimum(np.floor(np.asarray(p) * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        m = idx == b
        if weights[m].sum() == 0:
            continue
        share = weights[m].sum() / weights.sum()
        total += share * abs(np.average(np.asarray(yv)[m], weights=weights[m]) - np.average(np.asarray(p)[m], weights=weights[m]))
    return total


def ece_quantile(yv, p, weights=None, bins=10):
    """ECE over scikit-learn's quantile bins (calibration_curve, strategy='quantile'): edges are
    np.percentile at np.linspace(0, 1, bins + 1) * 100, bin = np.searchsorted(inner edges, p)."""
    from sklearn.calibration import calibration_curve
    yv, p = np.asarray(yv, float), np.asarray(p, float)
    w = np.ones(len(p)) if weights is None else np.asarray(weights, float)
    edges = np.percentile(p, np.linspace(0, 1, bins + 1) * 100)
    ids = np.searchsorted(edges[1:-1], p)
    total = sum(abs(np.sum((w * (yv - p))[ids == b])) for b in range(bins)) / w.sum()
    if weights is None:
        # The same bins as scikit-learn's own calibration curve.
        prob_true, prob_pred = calibration_curve(yv, p, n_bins=bins, strategy="quantile")
        counts = np.bincount(ids, minlength=bins)
        counts = counts[counts > 0]
        assert abs(np.sum(counts / len(p) * np.abs(prob_true - prob_pred)) - total) < 1e-12
    return total


cls_cases = []
for sname in ["sCont", "sTies"]:
    s = np.array(cls_inputs[sname])
    for wname in [None, "w"]:
        sw = None if wname is None else np.array(cls_inputs[wname])
        cls_cases.append({
            "scores": sname, "weights": wname,
            "averagePrecision": num(metrics.average_precision_score(y, s, sample_weight=sw)),
            "rocAuc": num(metrics.roc_auc_score(y, s, sample_weight=sw)),
            "f1At05": num(metrics.f1_score(y, (s >= 0.5).astype(int), sample_weight=sw)),
            "f1At03": num(metrics.f1_score(y, (s >= 0.3).astype(int), sample_weight=sw)),
            "brier": num(metrics.brier_score_loss(y, s, sample_weight=sw)),
            "ece": num(ece(y, s, sw)),
            "eceQuantile": num(ece_quantile(y, s, sw)),
            "eceQuantile7": num(ece_quantile(y, s, sw, bins=7)),
        })
with np.errstate(all="ignore"):
    import warnings
    warnings.simplefilter("ignore")
    ap_none = metrics.average_precision_score(cls_inputs["yNone"], cls_inputs["sNone"])
    ap_all = metrics.average_precision_score(cls_inputs["yAll"], cls_inputs["sNone"])

t = np.round(rng.gamma(2.0, 10.0, n), 2)
pred = np.round(t + rng.normal(0, 3, n) + 0.05 * t, 2)
reg_inputs = {"t": r(t, 2), "p": r(pred, 2)}
ranges = [[-1e300, 10], [10, 20], [20, 40], [40, 1e300], [1000, 2000]]
reg_cases = []
for wname in [None, "w"]:
    sw = None if wname is None else np.asarray(cls_inputs["w"], float)
    by = []
    for lo, hi in ranges:
        m = (t >= lo) & (t < hi)
        ww = np.ones(n)[m] if sw is None else sw[m]
        by.append(num(np.average(np.abs(t - pred)[m], weights=ww)) if ww.sum() > 0 else "NaN")
    reg_cases.append({"weights": wname, "mae": num(metrics.mean_absolute_error(t, pred, sample_weight=sw)),
                      "rmse": num(np.sqrt(metrics.mean_squared_error(t, pred, sample_weight=sw))), "byRange": by})

# ---------------------------------------------------------------- ranking
Q, L = 40, 12
rel = rng.integers(0, 4, (Q, L)) * (rng.random((Q, L)) < 0.4)
rel[3] = 0
rel[7] = 0
sc = np.round(rel * 0.3 + rng.normal(0, 0.5, (Q, L)), 1)  # one decimal: many ties
sc[5] = 0.0  # a query whose scores all tie


def recall_at_k(relq, scq, k):
    vals, skipped = [], 0
    for rr, ss in zip(relq, scq):
        R = int((rr > 0).sum())
        if R == 0:
            skipped += 1
            continue
        order = sorted(range(len(ss)), key=lambda i: -ss[i])  # stable: ties keep input order
        hits = sum(1 for i in order[:k] if rr[i] > 0)
        vals.append(hits / min(k, R))
    return float(np.mean(vals)), skipped


rank_inputs = {"relevance": [[int(v) for v in row] for row in rel], "scores": [r(row, 1) for row in sc]}
rank_cases = []
for k in [1, 3, 5, 12]:
    rec, skipped = recall_at_k(rel, sc, k)
    rank_cases.append({"k": k, "ndcg": num(metrics.ndcg_score(rel, sc, k=k)), "recall": num(rec), "skipped": skipped})

# ---------------------------------------------------------------- BCa from SciPy's own bootstrap distribution
bca_data = rng.exponential(1.0, 60)  # full precision: rounded data made a resample tie with the estimate
bca_res = stats.bootstrap((bca_data,), np.mean, confidence_level=0.95, n_resamples=999, method="BCa",
                          random_state=np.random.default_rng(5))
bca_case = {"data": [float(v) for v in bca_data], "distribution": [float(v) for v in bca_res.bootstrap_distribution],
            "low": num(bca_res.confidence_interval.low), "high": num(bca_res.confidence_interval.high)}

out = {
    "generator": "scripts/stats-reference.py",
    "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__, "pandas": pd.__version__},
    "arrays": arrays, "categorical": cats,
    "percentile": percentile_cases, "special": special_cases, "kstwo": kstwo_cases, "ks": ks_cases,
    "wasserstein": wass_cases, "chisquare": chi_cases, "z": z_cases, "wassersteinNorm": wn_cases, "distances": dist_cases,
    "classification": {"inputs": cls_inputs, "cases": cls_cases, "apNoPositive": num(ap_none), "apAllPositive": num(ap_all)},
    "regression": {"inputs": reg_inputs, "ranges": ranges, "cases": reg_cases},
    "ranking": {"inputs": rank_inputs, "cases": rank_cases},
    "bca": bca_case,
}
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump(out, f, separators=(",", ":"))
print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes)")
