"""The data-gate benchmark in Python: exactly the checks `release-gates run --gate data` makes on the
bench card (bench/gates.mjs), as one whole process (imports included, timed from outside):
hash both files, read them, minimum rows, per column the type, null share, range or enum, IQR
outliers (numeric, after an infinity check), then drift of every column against the reference with
Evidently's large-reference tests (normed Wasserstein when more than five distinct values are seen,
stopping at the sixth as ours does; Jensen-Shannon over category shares otherwise), each after its
missing-share and infinity checks, and the dataset share rule.
Prints one JSON line with every check's value, so bench/gates.mjs can compare the answers.
Usage: /usr/bin/python3 bench/python/data_gate.py reference.csv current.csv
"""
import hashlib
import json
import sys

import numpy as np
import pandas as pd
from scipy.spatial.distance import jensenshannon
from scipy.stats import wasserstein_distance

NUMERIC = [f'num{i}' for i in range(14)]
CATEGORIES = [['a', 'b', 'c'], ['north', 'south', 'east', 'west'], ['x1', 'x2', 'x3', 'x4', 'x5'], ['card', 'bank', 'wallet'], ['s', 'm', 'l', 'xl'], ['p', 'q', 'r', 's', 't', 'u', 'v', 'w']]
CATEGORICAL = {f'cat{i}': levels for i, levels in enumerate(CATEGORIES)}
MIN_ROWS, LOW, HIGH, MAX_NULL_SHARE, MAX_OUTLIER_SHARE, IQR = 1000, -1000, 10000, 0.01, 0.05, 1.5


def sha256(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(1 << 20), b''):
            h.update(block)
    return h.hexdigest()


def validity(cur, out):
    for name in NUMERIC:
        col = cur[name]
        values = col.to_numpy(dtype=float)
        out[f'schema.{name}'] = bool(pd.api.types.is_numeric_dtype(col))
        out[f'nulls.{name}'] = float(col.isna().mean())
        out[f'range.{name}'] = int(((values < LOW) | (values > HIGH)).sum())
        if np.isinf(values).any():
            out[f'outliers.{name}'] = 'error: infinite values'
            continue
        present = values[~np.isnan(values)]
        q1, q3 = np.percentile(present, [25, 75])
        lo, hi = q1 - IQR * (q3 - q1), q3 + IQR * (q3 - q1)
        out[f'outliers.{name}'] = float(((present < lo) | (present > hi)).sum() / len(present))
    for name, levels in CATEGORICAL.items():
        col = cur[name]
        out[f'schema.{name}'] = True
        out[f'nulls.{name}'] = int(col.isna().sum())
        out[f'enum.{name}'] = int((~col.dropna().isin(set(levels))).sum())


def more_than_five_distinct(a, b):
    """Distinct values of both samples together, looking no further than the sixth (as ours)."""
    seen = set()
    for arr in (a, b):
        for start in range(0, len(arr), 4096):
            seen.update(np.unique(arr[start:start + 4096]).tolist())
            if len(seen) > 5:
                return True
    return False


def drift(ref, cur, out):
    drifted = tested = 0
    for name in NUMERIC + list(CATEGORICAL):
        r, c = ref[name], cur[name]
        allowed = MAX_NULL_SHARE if name in NUMERIC else 0.0
        if r.isna().mean() > allowed or c.isna().mean() > allowed:
            out[f'drift.{name}'] = 'error: missing share'
            continue
        r, c = r.dropna(), c.dropna()
        if name in NUMERIC:
            rv, cv = r.to_numpy(dtype=float), c.to_numpy(dtype=float)
            if np.isinf(rv).any() or np.isinf(cv).any():
                out[f'drift.{name}'] = 'error: infinite values'
                continue
            if more_than_five_distinct(rv, cv):
                score = wasserstein_distance(rv, cv) / max(np.std(rv), 0.001)
            else:
                score = categorical_js(pd.Series(rv), pd.Series(cv))
        else:
            score = categorical_js(r, c)
        out[f'drift.{name}'] = float(score)
        tested += 1
        drifted += score >= 0.1
    out['drift.dataset'] = drifted / tested if tested else 'error: nothing tested'


def categorical_js(r, c):
    keys = list(dict.fromkeys(list(r.unique()) + list(c.unique())))
    rs = r.value_counts(normalize=True).reindex(keys, fill_value=0)
    cs = c.value_counts(normalize=True).reindex(keys, fill_value=0)
    return jensenshannon(rs.to_numpy(), cs.to_numpy())


def main():
    ref_path, cur_path = sys.argv[1], sys.argv[2]
    sha256(ref_path), sha256(cur_path)
    ref, cur = pd.read_csv(ref_path), pd.read_csv(cur_path)
    out = {'min_rows.current': len(cur) >= MIN_ROWS, 'min_rows.reference': len(ref) >= MIN_ROWS}
    validity(cur, out)
    drift(ref, cur, out)
    print(json.dumps(out))


if __name__ == '__main__':
    main()
