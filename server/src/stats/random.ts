// Seeded pseudo-random numbers for the bootstrap: xoshiro128** (Blackman & Vigna) with its 128-bit
// state filled from the 32-bit seed by splitmix32, so equal seeds give equal streams on every platform.

/** splitmix32 step: returns the next 32-bit output of a Weyl sequence passed through a mixer. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** xoshiro128** generator; `seed` is reduced to an unsigned 32-bit integer. */
export class Xoshiro128 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Seeds the 128-bit state from `seed` with splitmix32 (never all zero). */
  constructor(seed: number) {
    const st = { s: seed >>> 0 };
    this.a = splitmix32(st);
    this.b = splitmix32(st);
    this.c = splitmix32(st);
    this.d = splitmix32(st);
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 32 random bits. */
  nextFloat(): number {
    return this.nextUint32() * 2.3283064365386963e-10;
  }

  /**
   * Multinomial bootstrap counts: draws `counts.length` indices uniformly (index = floor(u · n) with
   * a 32-bit u, bias below n / 2³² which is negligible) and tallies them into `counts`.
   */
  fillBootstrapCounts(counts: Uint32Array): void {
    const n = counts.length;
    counts.fill(0);
    const scale = n * 2.3283064365386963e-10;
    // The generator is inlined on locals: field access per draw doubled the cost of a resample.
    let a = this.a;
    let b = this.b;
    let c = this.c;
    let d = this.d;
    for (let i = 0; i < n; i++) {
      const x = Math.imul(b, 5);
      const r = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = (d << 11) | (d >>> 21);
      const j = (r * scale) >>> 0;
      counts[j] = (counts[j] as number) + 1;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
