import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pairedBootstrap } from '../../../server/src/stats/bootstrap';
import { prepareAveragePrecision } from '../../../server/src/stats/classification';
import { prepareMae } from '../../../server/src/stats/regression';
import { Xoshiro128 } from '../../../server/src/stats/random';
import { PreparedMetric } from '../../../server/src/stats/prepared';
import { bcaInterval, jackknifeAcceleration } from '../../../server/src/stats/bca';
import { assertClose, reference } from './reference';
import { EXHAUSTIVE, sweepSize } from '../../exhaustive';

/** Two correlated classifiers on one labelled sample: the new one slightly better. */
function classifiers(n: number, seed: number): { a: PreparedMetric; b: PreparedMetric } {
  const rng = new Xoshiro128(seed);
  const y = new Uint8Array(n);
  const s1 = new Float64Array(n);
  const s2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.nextFloat() < 0.3 ? 1 : 0;
    const shared = rng.nextFloat();
    s1[i] = (y[i] as number) * 0.6 + shared + 0.3 * rng.nextFloat();
    s2[i] = (y[i] as number) * 0.5 + shared + 0.3 * rng.nextFloat();
  }
  return { a: prepareAveragePrecision(y, s1), b: prepareAveragePrecision(y, s2) };
}

describe('Xoshiro128 / splitmix32', () => {
  it('is deterministic per seed and uniform enough', () => {
    const a = new Xoshiro128(42);
    const b = new Xoshiro128(42);
    const c = new Xoshiro128(43);
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    assert.deepEqual(xs, Array.from({ length: 5 }, () => b.nextUint32()));
    assert.notDeepEqual(xs, Array.from({ length: 5 }, () => c.nextUint32()));
    const counts = new Uint32Array(1000);
    a.fillBootstrapCounts(counts);
    assert.equal(counts.reduce((s, v) => s + v, 0), 1000);
  });
});

describe('pairedBootstrap', () => {
  const { a, b } = classifiers(2000, 1);
  it('is reproducible with the same seed and changes with another', () => {
    const r1 = pairedBootstrap(a, b, { delta: 0.01, seed: 7, resamples: 300 });
    const r2 = pairedBootstrap(a, b, { delta: 0.01, seed: 7, resamples: 300 });
    const r3 = pairedBootstrap(a, b, { delta: 0.01, seed: 8, resamples: 300 });
    assert.equal(r1.status, 'ok');
    assert.deepEqual(r1, r2);
    assert.ok(r1.status === 'ok' && r3.status === 'ok');
    assert.notEqual(r1.lower, r3.lower);
    assert.ok(r1.lower <= r1.difference && r1.difference <= r1.upper);
  });
  it('decides pass iff lower > −delta, and orients error metrics so positive = better', () => {
    const r = pairedBootstrap(a, b, { delta: 0.01, seed: 1, resamples: 300 });
    assert.ok(r.status === 'ok');
    assert.equal(r.pass, r.lower > -0.01);
    const swapped = pairedBootstrap(b, a, { delta: 0, seed: 1, resamples: 300 });
    assert.ok(swapped.status === 'ok' && swapped.difference < 0 && !swapped.pass);
    const t = new Float64Array(500);
    const good = new Float64Array(500).fill(1);
    const bad = new Float64Array(500).fill(2);
    const mae = pairedBootstrap(prepareMae(t, good), prepareMae(t, bad), { delta: 0, higherIsBetter: false, resamples: 50 });
    assert.ok(mae.status === 'ok' && mae.difference === 1 && mae.pass);
  });
  it('reports an insufficient sample instead of deciding', () => {
    const small = classifiers(50, 2);
    const r = pairedBootstrap(small.a, small.b, { delta: 0.01, minSampleSize: 100 });
    assert.equal(r.status, 'insufficient');
  });
  it('BCa gives an interval near the percentile one and is reproducible', () => {
    const p = pairedBootstrap(a, b, { delta: 0.01, seed: 3, resamples: 500 });
    const q = pairedBootstrap(a, b, { delta: 0.01, seed: 3, resamples: 500, method: 'bca' });
    assert.ok(p.status === 'ok' && q.status === 'ok');
    assert.deepEqual(q, pairedBootstrap(a, b, { delta: 0.01, seed: 3, resamples: 500, method: 'bca' }));
    const width = p.upper - p.lower;
    assert.ok(Math.abs(q.lower - p.lower) < width / 2 && Math.abs(q.upper - p.upper) < width / 2);
    const large = classifiers(3000, 4); // above the exact-jackknife limit: grouped jackknife
    assert.equal(pairedBootstrap(large.a, large.b, { delta: 0.01, seed: 3, resamples: 200, method: 'bca' }).status, 'ok');
  });
  it('covers a known difference about 95 % of the time', () => {
    // Errors share a component u; the new model's extra error has mean 0.25, the base's 0.35,
    // so the true oriented MAE difference (base − new) is 0.1. `npm run test:exhaustive` runs 1,000
    // replications and requires 93–97 %; `npm test` runs the first 300 of them, whose share has a
    // standard error of 1.3 points, and requires 91–99 % (three standard errors either side).
    const n = 200;
    const replications = sweepSize(300, 1000);
    const [least, most] = EXHAUSTIVE ? [0.93, 0.97] : [0.91, 0.99];
    let covered = 0;
    const t = new Float64Array(n);
    for (let rep = 0; rep < replications; rep++) {
      const rng = new Xoshiro128(1000 + rep);
      const pNew = new Float64Array(n);
      const pBase = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const u = rng.nextFloat();
        pNew[i] = u + 0.5 * rng.nextFloat();
        pBase[i] = u + 0.7 * rng.nextFloat();
      }
      const r = pairedBootstrap(prepareMae(t, pNew), prepareMae(t, pBase), {
        delta: 0, higherIsBetter: false, resamples: 1000, seed: rep,
      });
      if (r.status === 'ok' && r.lower <= 0.1 && 0.1 <= r.upper) covered++;
    }
    const share = covered / replications;
    assert.ok(share >= least && share <= most, `coverage ${share} of ${replications}`);
    if (process.env.STATS_VERBOSE) console.log(`coverage ${share}`);
  });
});

describe('BCa interval', () => {
  it('matches scipy.stats.bootstrap(method="BCa") given SciPy\'s own bootstrap distribution', () => {
    const c = reference.bca as { data: number[]; distribution: number[]; low: number; high: number };
    // mean(data) as a paired difference: MAE of predictions=data against 0, minus a zero baseline.
    const zeros = new Float64Array(c.data.length);
    const mean = prepareMae(zeros, c.data);
    const base = prepareMae(zeros, zeros);
    const a = jackknifeAcceleration(mean, base, 1);
    const [low, high] = bcaInterval(Float64Array.from(c.distribution).sort(), mean.evaluate(), a, 0.025);
    assertClose(low, c.low, 'low', 1e-12);
    assertClose(high, c.high, 'high', 1e-12);
  });
});

describe('bootstrap speed', { skip: process.env.STATS_PERF ? false : 'set STATS_PERF=1 to run' }, () => {
  it('runs 1000 paired resamples of AP on 200 000 rows within 3 s', () => {
    const { a, b } = classifiers(200000, 9);
    const start = performance.now();
    const r = pairedBootstrap(a, b, { delta: 0.01, seed: 1, resamples: 1000 });
    const ms = performance.now() - start;
    console.log(`1000 resamples, AP, 200k rows: ${ms.toFixed(0)} ms`);
    assert.equal(r.status, 'ok');
    assert.ok(ms <= 3000, `${ms.toFixed(0)} ms`);
  });
});
