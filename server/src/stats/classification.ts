// Binary classification metrics: average precision and ROC AUC as scikit-learn computes them.
// Labels are truthy/1 for the positive class; scores are any real numbers (higher = more positive).
import { NumericInput, Weights } from './numeric';
import { descendingOrder } from './argsort';
import { assertSameLength, PreparedMetric } from './prepared';

/** Labels of a binary task: 1/true positive, 0/false negative. */
export type BinaryLabels = NumericInput | readonly boolean[] | Uint8Array;

/**
 * Rows sorted once by descending score, packed one per 32-bit word for a cache-friendly hot loop:
 * code = rowIndex·4 + (last row of a tied-score group ? 2 : 0) + (positive ? 1 : 0).
 */
function rankRows(labels: BinaryLabels, scores: NumericInput): Uint32Array {
  assertSameLength('binary metric', labels, scores);
  const n = scores.length;
  if (n >= 2 ** 30) throw new RangeError(`binary metric: ${n} rows exceed the supported 2^30`);
  const s = Float64Array.from(scores as ArrayLike<number>);
  const order = descendingOrder(s);
  const code = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const idx = order[k] as number;
    const last = k + 1 === n || s[order[k + 1] as number] !== s[idx];
    code[k] = idx * 4 + (last ? 2 : 0) + (labels[idx] ? 1 : 0);
  }
  return code;
}

/**
 * True unless rows of both classes carry weight (`labelAt` is 0 or 1). Stops at the first row of
 * the second class, so on a sample of both classes it reads only a few rows.
 */
export function oneClass(n: number, labelAt: (k: number) => number, weightOf: (k: number) => number): boolean {
  let seen = 0;
  for (let k = 0; k < n; k++) {
    if (weightOf(k) > 0) seen |= 1 << labelAt(k);
    if (seen === 3) return false;
  }
  return true;
}

/**
 * `oneClass` over ranked rows packed as in `rankRows`, without a call per row, looking for the
 * other class from the far end: a good model ranks thousands of positives first and negatives
 * last, and the bootstrap asks this of every resample.
 */
function rankedOneClass(code: Uint32Array, weights: Weights | undefined): boolean {
  const w = (k: number): number => (weights === undefined ? 1 : (weights[(code[k] as number) >>> 2] as number));
  let first = 0;
  while (first < code.length && !(w(first) > 0)) first++;
  if (first === code.length) return true;
  const cls = (code[first] as number) & 1;
  for (let k = code.length - 1; k > first; k--) {
    if (((code[k] as number) & 1) !== cls && w(k) > 0) return false;
  }
  return true;
}

/** AP hot loop for integer weights (bootstrap counts): int32 sums are markedly faster. */
function apCounts(code: Uint32Array, w: Uint32Array): number {
  let tp = 0;
  let total = 0;
  let tpBefore = 0;
  let sum = 0;
  for (let k = 0; k < code.length; k++) {
    const c = code[k] as number;
    const wk = w[c >>> 2] as number;
    tp = (tp + wk * (c & 1)) | 0;
    total = (total + wk) | 0;
    if ((c & 2) !== 0 && tp > tpBefore) {
      // Threshold reached: recall grew by (tp − tpBefore)/TP at precision tp/total.
      sum += ((tp - tpBefore) * tp) / total;
      tpBefore = tp;
    }
  }
  return tp > 0 ? sum / tp : 0;
}

/** AP loop for arbitrary non-negative weights. */
function apWeights(code: Uint32Array, w: Weights): number {
  let tp = 0;
  let total = 0;
  let tpBefore = 0;
  let sum = 0;
  for (let k = 0; k < code.length; k++) {
    const c = code[k] as number;
    const wk = w[c >>> 2] as number;
    tp += wk * (c & 1);
    total += wk;
    if ((c & 2) !== 0 && tp > tpBefore) {
      sum += ((tp - tpBefore) * tp) / total;
      tpBefore = tp;
    }
  }
  return tp > 0 ? sum / tp : 0;
}

/** Uint32Array weights are counts (see `Weights`), summed on the int32 fast path. */
function isCounts(w: Weights): w is Uint32Array {
  return w instanceof Uint32Array;
}

/**
 * Average precision exactly as `sklearn.metrics.average_precision_score`: Σ (R_k − R_{k−1})·P_k over
 * distinct score thresholds (tied scores form one threshold), no interpolation. With no positive
 * label scikit-learn returns 0, and so do we.
 */
export function prepareAveragePrecision(labels: BinaryLabels, scores: NumericInput): PreparedMetric {
  const code = rankRows(labels, scores);
  const n = code.length;
  const unit = new Uint32Array(n).fill(1);
  return {
    size: n,
    evaluate(weights?: Weights): number {
      const w = weights ?? unit;
      return isCounts(w) ? apCounts(code, w) : apWeights(code, w);
    },
    degenerate: (weights?: Weights) => rankedOneClass(code, weights),
  };
}

/** Average precision (`sklearn.metrics.average_precision_score`), optionally weighted. */
export function averagePrecision(labels: BinaryLabels, scores: NumericInput, weights?: Weights): number {
  return prepareAveragePrecision(labels, scores).evaluate(weights);
}

/**
 * ROC AUC as `sklearn.metrics.roc_auc_score`: trapezoids between distinct thresholds, so a tied
 * positive/negative pair counts one half. NaN when only one class is present (scikit-learn raises).
 */
export function prepareRocAuc(labels: BinaryLabels, scores: NumericInput): PreparedMetric {
  const code = rankRows(labels, scores);
  const n = code.length;
  return {
    size: n,
    evaluate(weights?: Weights): number {
      let tp = 0;
      let fp = 0;
      let tpGroupStart = 0;
      let fpGroupStart = 0;
      let area = 0;
      for (let k = 0; k < n; k++) {
        const c = code[k] as number;
        const wk = weights === undefined ? 1 : (weights[c >>> 2] as number);
        tp += wk * (c & 1);
        fp += wk * (1 - (c & 1));
        if ((c & 2) !== 0) {
          // Trapezoid between the previous threshold and this one.
          area += (fp - fpGroupStart) * (tpGroupStart + tp) * 0.5;
          tpGroupStart = tp;
          fpGroupStart = fp;
        }
      }
      return tp > 0 && fp > 0 ? area / (tp * fp) : Number.NaN;
    },
    degenerate: (weights?: Weights) => rankedOneClass(code, weights),
  };
}

/** ROC AUC (`sklearn.metrics.roc_auc_score`), optionally weighted; NaN with a single class. */
export function rocAuc(labels: BinaryLabels, scores: NumericInput, weights?: Weights): number {
  return prepareRocAuc(labels, scores).evaluate(weights);
}
