"""The data-gate benchmark in Python: the same work as `runGates(card, {gates: ['data']})` on the
files bench/gates.mjs generates (hash both files, load them, schema/null/range/enum/IQR outlier
checks on the current slice, Evidently's large-reference drift tests on every column).
Prints one JSON line: {"seconds": ...}.
Usage: /usr/bin/python3 bench/python/data_gate.py reference.csv current.csv
"""
import hashlib
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy.spatial.distance import jensenshannon
from scipy.stats import wasserstein_distance


def sha256(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(1 << 20), b''):
            h.update(block)
    return h.hexdigest()


def validity(cur):
    out = {}
    for name in cur.columns:
        col = cur[name]
        out[f'nulls.{name}'] = col.isna().mean()
        if name.startswith('num'):
            out[f'range.{name}'] = int(((col < -1000) | (col > 10000)).sum())
            q1, q3 = np.percentile(col.dropna(), [25, 75])
            out[f'outliers.{name}'] = float(((col < q1 - 1.5 * (q3 - q1)) | (col > q3 + 1.5 * (q3 - q1))).mean())
        else:
            out[f'enum.{name}'] = int((~col.isin(set(col.dropna().unique()))).sum())
    return out


def drift(ref, cur):
    out = {}
    for name in ref.columns:
        r, c = ref[name].dropna(), cur[name].dropna()
        if name.startswith('num') and pd.concat([r, c]).nunique() > 5:
            out[name] = wasserstein_distance(r, c) / max(np.std(r), 0.001)
        else:
            keys = sorted(set(r.unique()) | set(c.unique()))
            rs = r.value_counts(normalize=True).reindex(keys, fill_value=0)
            cs = c.value_counts(normalize=True).reindex(keys, fill_value=0)
            out[name] = jensenshannon(rs.values, cs.values)
    return out


def main():
    ref_path, cur_path = sys.argv[1], sys.argv[2]
    t0 = time.perf_counter()
    sha256(ref_path), sha256(cur_path)
    ref, cur = pd.read_csv(ref_path), pd.read_csv(cur_path)
    checks = validity(cur)
    scores = drift(ref, cur)
    drifted = sum(1 for v in scores.values() if v >= 0.1)
    seconds = time.perf_counter() - t0
    print(f'data gate (python): {seconds:.2f} s — {len(checks) + len(scores) + 1} checks, drifted columns: {drifted}')
    print(json.dumps({'seconds': seconds}))


if __name__ == '__main__':
    main()
