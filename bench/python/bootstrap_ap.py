"""The paired-bootstrap benchmark in Python, as one whole process (imports included, timed from
outside): read the predictions, then 1,000 paired resamples of average precision (the same resampled
rows for both models), the 2.5th and 97.5th percentiles of the differences.
  --numpy: sort once, then weight rows by their resample counts (what ours does), all resamples;
  --sklearn N: scikit-learn's average_precision_score per resample, the reference definition,
    timed in-process on N resamples and extrapolated (it re-sorts every resample).
Prints one JSON line.
Usage: /usr/bin/python3 bench/python/bootstrap_ap.py boot.csv 1000 (--numpy | --sklearn 30)
"""
import json
import sys
import time

import numpy as np
import pandas as pd


def prepared_ap(y, s):
    order = np.argsort(-s, kind='mergesort')
    ys, ss = y[order], s[order]
    last = np.r_[ss[1:] != ss[:-1], True]  # last row of each tied-score group

    def ap(w):
        ws = w[order]
        tp = np.cumsum(ws * ys)[last]
        total = np.cumsum(ws)[last]
        gain = np.diff(np.r_[0.0, tp])
        return float(np.sum(gain * tp / np.where(total > 0, total, 1)) / tp[-1]) if tp[-1] > 0 else 0.0
    return ap


def main():
    df = pd.read_csv(sys.argv[1])
    resamples = int(sys.argv[2])
    y, a, b = df['label'].to_numpy(), df['candidate_score'].to_numpy(), df['baseline_score'].to_numpy()
    rng = np.random.default_rng(7)
    if sys.argv[3] == '--numpy':
        ap_a, ap_b = prepared_ap(y, a), prepared_ap(y, b)
        diffs = []
        for _ in range(resamples):
            w = np.bincount(rng.integers(0, len(y), len(y)), minlength=len(y)).astype(float)
            diffs.append(ap_a(w) - ap_b(w))
        lower, upper = np.percentile(diffs, [2.5, 97.5])
        print(json.dumps({'lower': lower, 'upper': upper, 'difference': ap_a(np.ones(len(y))) - ap_b(np.ones(len(y)))}))
        return
    from sklearn.metrics import average_precision_score
    measured = min(resamples, int(sys.argv[4]))
    t0 = time.perf_counter()
    for _ in range(measured):
        idx = rng.integers(0, len(y), len(y))
        average_precision_score(y[idx], a[idx]) - average_precision_score(y[idx], b[idx])
    print(json.dumps({'seconds': (time.perf_counter() - t0) * resamples / measured, 'measured_resamples': measured}))


if __name__ == '__main__':
    main()
