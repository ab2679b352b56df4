// Seeded random draws for the demo generator, on the project's own xoshiro128** so that the same
// seed gives the same bytes on every platform and Node version.
import { Xoshiro128 } from '../../server/src/stats';

/** A seeded source of the few distributions the demo needs. */
export class Rng {
  private readonly g: Xoshiro128;

  /** Creates a stream for `seed`; distinct files use distinct seeds so one change does not shift all. */
  constructor(seed: number) {
    this.g = new Xoshiro128(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.g.nextFloat();
  }

  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** Standard normal by Box–Muller (one value per call, the other discarded for simplicity). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and log-sd. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Poisson by inversion (small means only). */
  poisson(mean: number): number {
    const l = Math.exp(-mean);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.next();
    } while (p > l);
    return k - 1;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One of `items`, drawn with the given weights (summing to about 1). */
  pick<T>(items: readonly T[], weights: readonly number[]): T {
    let u = this.next() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < items.length; i++) {
      u -= weights[i] as number;
      if (u < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }
}

/** Writes rows as CSV (`\n` line ends, header first); cells are already formatted strings. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

/** ISO 8601 UTC with milliseconds. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** ISO 8601 UTC to the second. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** `YYYY-MM-DD` of an instant. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
