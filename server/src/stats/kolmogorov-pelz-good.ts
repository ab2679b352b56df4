// Pelz–Good asymptotic expansion of the Kolmogorov CDF, the same series SciPy's `_kolmogn_PelzGood`
// evaluates (Li-Chien/Korolyuk terms rewritten with Jacobi theta functions for small z).

const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
const SQRT2PI = Math.sqrt(2 * Math.PI);
const MIN_LOG = -708;

/** K0..K3 sums over odd integers, in Horner form in q = exp(−π²/(8z²)). */
function oddTermSums(z: number, q: number, maxk: number): number[] {
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3a = -30 * z6 - 90 * z ** 8;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const K = [0, 0, 0, 0];
  for (let k = maxk; k > 0; k--) {
    const m2 = (2 * k - 1) ** 2;
    const qp = q ** (8 * k);
    const coeffs = [1, -z2 + (PI2 / 4) * m2, k2a + k2b * m2 + k2c * m2 * m2, k3a + k3b * m2 + k3c * m2 * m2 + k3d * m2 * m2 * m2];
    for (let i = 0; i < 4; i++) K[i] = (K[i] as number) * qp + (coeffs[i] as number);
  }
  const denominators = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  return K.map((v, i) => (v * q * SQRT2PI) / (denominators[i] as number));
}

/** Extra K2 and K3 terms summed over all integers with q = exp(−π²/(2z²)). */
function allTermSums(z: number, maxk: number): [number, number] {
  const z2 = z * z;
  const q = Math.exp(-PI2 / 2 / z2);
  const sqrt3z = Math.sqrt(3) * z;
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k > 0; k--) {
    const k2 = k * k;
    const qp = q ** k2;
    const kpi = Math.PI * k;
    k2extra += k2 * qp;
    k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qp;
  }
  return [(k2extra * PI2 * SQRT2PI) / (-36 * z2 * z), (k3extra * PI2 * SQRT2PI) / (216 * z2 * z2 * z2)];
}

/** Pelz–Good approximation of P(D_n <= x) for 0 <= x <= 1. */
export function kolmogorovCdfPelzGood(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const qlog = -PI2 / 8 / (z * z);
  if (qlog < MIN_LOG) return 0;
  const maxk = Math.ceil((16 * z) / Math.PI);
  const K = oddTermSums(z, Math.exp(qlog), maxk);
  const [k2extra, k3extra] = allTermSums(z, maxk);
  K[2] = (K[2] as number) + k2extra;
  K[3] = (K[3] as number) + k3extra;
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += (K[i] as number) / n ** (i / 2);
  return sum;
}
