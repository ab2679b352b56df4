// Distribution of the two-sided one-sample Kolmogorov–Smirnov statistic D_n, used by the
// asymptotic branch of the two-sample test exactly as SciPy uses `kstwo.sf(d, round(en))`.
// The branch structure follows Simard & L'Ecuyer (2011) as SciPy's `_kolmogn` does, so that
// the same approximation (exact sum, Durbin matrix or Pelz–Good) is used in the same region.

const E128 = 128;
const EP128 = 2 ** 128;
const EM128 = 2 ** -128;

function clip01(p: number): number {
  return Math.min(1, Math.max(0, p));
}

/** One-sided Smirnov survival P(D+_n >= x), exact Birnbaum–Tingey sum evaluated in log space. */
export function smirnovSf(n: number, x: number): number {
  if (!(x > 0)) return 1;
  if (x >= 1) return 0;
  const last = Math.floor(n * (1 - x));
  const logs: number[] = [];
  let logBinom = 0; // log C(n, j), updated incrementally
  let maxLog = -Infinity;
  for (let j = 0; j <= last; j++) {
    if (j > 0) logBinom += Math.log((n - j + 1) / j);
    const base = 1 - x - j / n;
    if (base <= 0) continue; // the term is 0^(n-j) = 0
    const t = logBinom + (n - j) * Math.log(base) + (j - 1) * Math.log(x + j / n);
    logs.push(t);
    if (t > maxLog) maxLog = t;
  }
  let sum = 0;
  for (const t of logs) sum += Math.exp(t - maxLog);
  return clip01(x * sum * Math.exp(maxLog));
}

function matMul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k] as number;
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] = (out[i * m + j] as number) + aik * (b[k * m + j] as number);
    }
  }
  return out;
}

function durbinMatrix(k: number, h: number): Float64Array {
  const m = 2 * k - 1;
  const H = new Float64Array(m * m);
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - i + 1] as number;
  }
  for (let r = 0; r < m; r++) H[r * m] = v[r] as number;
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c] as number;
  return H;
}

/** CDF P(D_n <= d) by the Durbin matrix method (Marsaglia–Tsang–Wang), as SciPy's `_kolmogn_DMTW`. */
export function kolmogorovCdfDurbin(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const m = 2 * k - 1;
  let H: Float64Array = durbinMatrix(k, k - nd);
  let Hpwr: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) Hpwr[i * m + i] = 1;
  let nn = n;
  let expnt = 0;
  let Hexpnt = 0;
  const centre = (k - 1) * m + (k - 1);
  while (nn > 0) {
    if (nn % 2) {
      Hpwr = matMul(Hpwr, H, m);
      expnt += Hexpnt;
    }
    H = matMul(H, H, m);
    Hexpnt *= 2;
    if (Math.abs(H[centre] as number) > EP128) {
      for (let i = 0; i < H.length; i++) H[i] = (H[i] as number) / EP128;
      Hexpnt += E128;
    }
    nn = Math.floor(nn / 2);
  }
  let p = Hpwr[centre] as number;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= EP128;
      expnt -= E128;
    }
  }
  return clip01(expnt !== 0 ? p * 2 ** expnt : p);
}
