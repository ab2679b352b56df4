"""The paired-bootstrap benchmark in Python: resample rows with replacement, the same indices for
both models, and take average precision of each (scikit-learn's average_precision_score, the
reference definition), then the 2.5th percentile of the differences. scikit-learn re-sorts every
resample, so it runs a sample of resamples and extrapolates; a NumPy variant that sorts once and
weights rows by their resample counts (what our implementation does) runs too.
Prints one JSON line with the timings.
Usage: /usr/bin/python3 bench/python/bootstrap_ap.py boot.csv 1000
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score

SKLEARN_SAMPLE = 30
NUMPY_SAMPLE = 200


def sklearn_bootstrap(y, a, b, resamples, rng):
    diffs = []
    for _ in range(resamples):
        idx = rng.integers(0, len(y), len(y))
        diffs.append(average_precision_score(y[idx], a[idx]) - average_precision_score(y[idx], b[idx]))
    return np.percentile(diffs, 2.5)


def prepared_ap(y, s):
    order = np.argsort(-s, kind='mergesort')
    ys, ss = y[order], s[order]
    last = np.r_[ss[1:] != ss[:-1], True]          # last row of each tied-score group

    def ap(w):
        ws = w[order]
        tp = np.cumsum(ws * ys)[last]
        total = np.cumsum(ws)[last]
        gain = np.diff(np.r_[0.0, tp])
        return float(np.sum(gain * tp / np.where(total > 0, total, 1)) / tp[-1]) if tp[-1] > 0 else 0.0
    return ap


def numpy_bootstrap(y, a, b, resamples, rng):
    ap_a, ap_b = prepared_ap(y, a), prepared_ap(y, b)
    diffs = []
    for _ in range(resamples):
        w = np.bincount(rng.integers(0, len(y), len(y)), minlength=len(y)).astype(float)
        diffs.append(ap_a(w) - ap_b(w))
    return np.percentile(diffs, 2.5)


def main():
    df = pd.read_csv(sys.argv[1])
    resamples = int(sys.argv[2])
    y, a, b = df['label'].to_numpy(), df['candidate'].to_numpy(), df['baseline'].to_numpy()
    rng = np.random.default_rng(7)
    measured = min(resamples, SKLEARN_SAMPLE)
    t0 = time.perf_counter()
    sklearn_bootstrap(y, a, b, measured, rng)
    sk = (time.perf_counter() - t0) * resamples / measured
    nmeasured = min(resamples, NUMPY_SAMPLE)
    t1 = time.perf_counter()
    numpy_bootstrap(y, a, b, nmeasured, rng)
    npy = (time.perf_counter() - t1) * resamples / nmeasured
    print(f'paired bootstrap (python): scikit-learn {sk:.2f} s, NumPy sort-once {npy:.2f} s for {resamples} resamples on {len(y):,} rows'
          + (f' (extrapolated from {measured} and {nmeasured} resamples)' if measured < resamples else ''))
    print(json.dumps({'seconds': sk, 'numpy_seconds': npy, 'extrapolated': measured < resamples, 'measured_resamples': measured}))


if __name__ == '__main__':
    main()
