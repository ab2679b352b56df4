// Survival function of D_n, following the region split of SciPy's `_kolmogn(n, x, cdf=False)`.
import { kolmogorovCdfDurbin, smirnovSf } from './kolmogorov';
import { kolmogorovCdfPelzGood } from './kolmogorov-pelz-good';
import { logGamma } from './special';

function clip01(p: number): number {
  return Math.min(1, Math.max(0, p));
}

/** log(n! / n^n), used by the Ruben–Gambino lower tail for large n. */
function logFactorialOverPower(n: number): number {
  return logGamma(n + 1) - n * Math.log(n);
}

/**
 * P(D_n >= x) for the two-sided one-sample KS statistic (as `scipy.stats.kstwo.sf(x, n)`).
 * For n <= 140 and 0.754693 < n·x² <= 4 SciPy uses Pomeranz's recursion; we use the Durbin
 * matrix there, another exact algorithm, so both agree to rounding.
 */
export function kstwoSf(x: number, n: number): number {
  if (!Number.isInteger(n) || n <= 0 || Number.isNaN(x)) return Number.NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clip01(1 - prob);
  }
  if (t >= n - 1) return clip01(2 * (1 - x) ** n);
  if (x >= 0.5) return clip01(2 * smirnovSf(n, x));
  const nx2 = t * x;
  if (n <= 140) {
    if (nx2 <= 4) return clip01(1 - kolmogorovCdfDurbin(n, x));
    return clip01(2 * smirnovSf(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip01(2 * smirnovSf(n, x));
  let cdf: number;
  if (nx2 >= 18) cdf = 1;
  else if (n <= 100000 && n * x ** 1.5 <= 1.4) cdf = kolmogorovCdfDurbin(n, x);
  else cdf = kolmogorovCdfPelzGood(n, x);
  return clip01(1 - cdf);
}
