// Bias-corrected and accelerated (BCa) bootstrap interval (Efron 1987), as SciPy's `bootstrap(method='BCa')`.
import { percentileSorted } from './numeric';
import { isDegenerate, PreparedMetric } from './prepared';
import { normalCdf, normalQuantile } from './special';

/** Up to this many units the jackknife leaves out one unit at a time. */
export const EXACT_JACKKNIFE_MAX = 1000;

/** Above EXACT_JACKKNIFE_MAX units, units are split into this many interleaved groups (unit i in group i mod G). */
export const JACKKNIFE_GROUPS = 200;

/**
 * Acceleration a = Σ(θ̄ − θ₍ᵢ₎)³ / (6 · (Σ(θ̄ − θ₍ᵢ₎)²)^{3/2}) from jackknife estimates of the paired
 * difference. For large samples a delete-group jackknife (G interleaved groups, each left out once)
 * replaces the O(n²) leave-one-out; 0 when the estimates do not vary. A leave-out whose remaining
 * units compare nothing (a group holding every positive) is no estimate and is left out.
 */
export function jackknifeAcceleration(newMetric: PreparedMetric, baseMetric: PreparedMetric, sign: number): number {
  const n = newMetric.size;
  const groups = n <= EXACT_JACKKNIFE_MAX ? n : JACKKNIFE_GROUPS;
  const weights = new Uint32Array(n);
  const estimates: number[] = [];
  for (let g = 0; g < groups; g++) {
    for (let i = 0; i < n; i++) weights[i] = i % groups === g ? 0 : 1;
    if (!isDegenerate(newMetric, baseMetric, weights)) estimates.push(sign * (newMetric.evaluate(weights) - baseMetric.evaluate(weights)));
  }
  const kept = estimates.length;
  let meanEstimate = 0;
  for (const e of estimates) meanEstimate += e / kept;
  let num = 0;
  let den = 0;
  for (const e of estimates) {
    const d = meanEstimate - e;
    num += d * d * d;
    den += d * d;
  }
  const a = num / (6 * den ** 1.5);
  return Number.isFinite(a) ? a : 0;
}

/** BCa interval from sorted bootstrap estimates, the observed estimate, the acceleration and α (each tail). */
export function bcaInterval(sorted: Float64Array, observed: number, acceleration: number, alpha: number): [number, number] {
  let below = 0;
  let atOrBelow = 0;
  for (const v of sorted) {
    if (v < observed) below++;
    if (v <= observed) atOrBelow++;
  }
  // SciPy's percentile-of-score uses the mean of the strict and weak ranks.
  const z0 = normalQuantile((below + atOrBelow) / (2 * sorted.length));
  const adjust = (zAlpha: number): number => {
    const s = z0 + zAlpha;
    return normalCdf(z0 + s / (1 - acceleration * s));
  };
  // When every resample lies on one side of the estimate z0 is infinite; fall back to the tails.
  const lo = Number.isFinite(z0) ? adjust(normalQuantile(alpha)) : alpha;
  const hi = Number.isFinite(z0) ? adjust(normalQuantile(1 - alpha)) : 1 - alpha;
  return [percentileSorted(sorted, 100 * lo), percentileSorted(sorted, 100 * hi)];
}
