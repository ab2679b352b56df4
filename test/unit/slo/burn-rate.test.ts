import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  burnRateFactor, burnRateProfile, canNeverFire, ceilSignificant, errorRatioThreshold, factorCap, factorsMatch, formatDuration,
  impliedBudgetShare, MAX_DERIVED_ERROR_RATIO, maxBurnRate, oneFailureRate, parseDurationSeconds, profileFromCard, roundFactor,
  sloFromCard, trafficGuard, windowsFromCard,
} from '../../../server/src/slo';

describe('burn-rate profile', () => {
  it('derives the Workbook profile for 99.9 % over 30 days', () => {
    // 30 d = 720 h: 0.02·720/1 = 14.4, 0.05·720/6 = 6, 0.10·720/72 = 1.
    const p = burnRateProfile({ objectivePercent: 99.9, periodDays: 30 });
    assert.deepEqual(p.map((w) => [w.severity, w.factor, w.longWindow, w.shortWindow]), [
      ['page', 14.4, '1h', '5m'],
      ['page', 6, '6h', '30m'],
      ['ticket', 1, '3d', '6h'],
    ]);
    assert.deepEqual(p.map((w) => [w.longSeconds, w.shortSeconds]), [[3600, 300], [21600, 1800], [259200, 21600]]);
  });

  it('derives 13.44, 5.6 and 0.933 for 99 % over 28 days (rounded to 3 decimals)', () => {
    // 28 d = 672 h: 0.02·672 = 13.44, 0.05·672/6 = 5.6, 0.10·672/72 = 0.9333… → 0.933.
    const p = burnRateProfile({ objectivePercent: 99, periodDays: 28 });
    assert.deepEqual(p.map((w) => w.factor), [13.44, 5.6, 0.933]);
    assert.ok(Math.abs(burnRateFactor(0.1, 28, 259200) - 0.9333333333) < 1e-9);
  });

  it('computes error-ratio thresholds and the inverse budget share', () => {
    assert.ok(Math.abs(errorRatioThreshold(14.4, 99.9) - 0.0144) < 1e-12);
    assert.ok(Math.abs(errorRatioThreshold(0.933, 99) - 0.00933) < 1e-12);
    assert.ok(Math.abs(impliedBudgetShare(6, 30, 21600) - 0.05) < 1e-12);
  });

  it('rounds half up and matches within max(0.005, 1 %)', () => {
    assert.equal(roundFactor(0.93349), 0.933);
    assert.equal(roundFactor(2.0005), 2.001);
    assert.ok(factorsMatch(0.93, 0.933), '0.003 off is within 0.005');
    assert.ok(factorsMatch(14.5, 14.4), '0.1 off is within 1 % of 14.4 (0.144)');
    assert.ok(!factorsMatch(14, 14.4), '0.4 off is not');
    assert.ok(!factorsMatch(1.5, 1));
  });
});

describe('durations', () => {
  it('parses and formats Prometheus-style durations', () => {
    assert.equal(parseDurationSeconds('5m'), 300);
    assert.equal(parseDurationSeconds('1h30m'), 5400);
    assert.equal(parseDurationSeconds('3d'), 259200);
    assert.equal(parseDurationSeconds('3 d'), undefined);
    assert.equal(parseDurationSeconds(''), undefined);
    assert.equal(formatDuration(21600), '6h');
    assert.equal(formatDuration(259200), '3d');
    assert.equal(formatDuration(90), '90s');
  });
});

describe('reading the SLO and windows from a card', () => {
  it('defaults the period to 30 days and rejects bad objectives', () => {
    assert.deepEqual(sloFromCard({ objective_percent: 99.5 }), { objectivePercent: 99.5, periodDays: 30 });
    assert.ok('problem' in sloFromCard(undefined));
    assert.ok('problem' in sloFromCard({ objective_percent: 100 }));
  });

  it('reads explicit windows and reports unreadable ones by index', () => {
    const r = windowsFromCard([
      { severity: 'page', factor: 14.4, long_window: '1h', short_window: '5m' },
      { severity: 'page', factor: 6, long_window: 'six hours', short_window: '30m' },
    ]);
    assert.deepEqual(r.windows.map((w) => [w.factor, w.longSeconds, w.shortSeconds]), [[14.4, 3600, 300]]);
    assert.deepEqual(r.problems.map((p) => p.index), [1]);
  });
});

describe('a profile for any SLO (low objectives)', () => {
  it('regression: caps a 90 % SLO at 5x (half the fastest burn of 10x) instead of 14.4x, which needs a 144 % error ratio', () => {
    assert.equal(maxBurnRate(90), 10);
    assert.equal(factorCap(90), 5);
    assert.ok(canNeverFire(14.4, 90));
    assert.ok(canNeverFire(10, 90), 'a threshold of exactly 100 % is never exceeded');
    assert.ok(!canNeverFire(9.999, 90));
    const p = burnRateProfile({ objectivePercent: 90, periodDays: 30 });
    assert.deepEqual(p.map((w) => [w.severity, w.factor, w.cappedFrom, Number(((w.budgetShare ?? 0) * 100).toFixed(3))]), [
      ['page', 5, 14.4, 0.694], ['page', 5, 6, 4.167], ['ticket', 1, undefined, 10],
    ]);
  });

  it('caps 95 % at 10x for the 1h page only, and leaves 99 % and 99.9 % alone', () => {
    assert.deepEqual(burnRateProfile({ objectivePercent: 95, periodDays: 30 }).map((w) => [w.factor, w.cappedFrom]), [[10, 14.4], [6, undefined], [1, undefined]]);
    for (const o of [99, 99.9, 99.99]) assert.ok(burnRateProfile({ objectivePercent: o, periodDays: 30 }).every((w) => w.cappedFrom === undefined), String(o));
  });

  it('rounds a capped factor down, so its threshold stays at most half the requests', () => {
    assert.equal(factorCap(92.5), 6.666);
    assert.equal(factorCap(96.5), 14.285);
    assert.equal(factorCap(0.01), 0.5);
  });

  it('never derives an alert that cannot fire, for any objective and period', () => {
    const objectives = [0.01, 0.5, 10, 33.3, 50, 66.7, 75, 90, 92.5, 95, 96.5, 96.6, 97, 99, 99.5, 99.9, 99.95, 99.99, 99.999];
    for (const objectivePercent of objectives) {
      for (const periodDays of [1, 7, 28, 30, 90, 366]) {
        for (const w of burnRateProfile({ objectivePercent, periodDays })) {
          const threshold = errorRatioThreshold(w.factor, objectivePercent);
          const at = `${objectivePercent} % / ${periodDays} d ${w.longWindow}: ${w.factor}`;
          assert.ok(w.factor > 0 && threshold > 0, at);
          assert.ok(threshold <= MAX_DERIVED_ERROR_RATIO + 1e-9, at);
          assert.ok(!canNeverFire(w.factor, objectivePercent), at);
        }
      }
    }
  });
});

describe('minimum-traffic guard', () => {
  it('defaults to the rate below which one failed request fires the most sensitive pair', () => {
    // 99.9 %: 1 / (14.4 × 0.001 × 3600 s) = 0.01929… req/s, i.e. the 30-day budget holds 50 requests.
    assert.equal(oneFailureRate(burnRateProfile({ objectivePercent: 99.9, periodDays: 30 }), 99.9), 0.0193);
    assert.equal(oneFailureRate(burnRateProfile({ objectivePercent: 99, periodDays: 30 }), 99), 0.00193);
    // 90 %: the capped 1h page compares with 50 %, so 2 requests an hour.
    assert.equal(oneFailureRate(burnRateProfile({ objectivePercent: 90, periodDays: 30 }), 90), 0.000556);
    assert.equal(oneFailureRate([], 99.9), 0);
    assert.equal(ceilSignificant(0.0192901234), 0.0193);
    assert.equal(ceilSignificant(0.0193), 0.0193);
    assert.equal(ceilSignificant(1234.5), 1240);
  });

  it('reads slo.min_request_rate: a number of requests per second of 0 or more, else a problem', () => {
    const windows = burnRateProfile({ objectivePercent: 99.9, periodDays: 30 });
    assert.deepEqual(trafficGuard(undefined, windows, 99.9), { minRate: 0.0193, source: 'default', oneFailureRate: 0.0193 });
    assert.deepEqual(trafficGuard(0, windows, 99.9), { minRate: 0, source: 'card', oneFailureRate: 0.0193 });
    assert.deepEqual(trafficGuard(0.05, windows, 99.9), { minRate: 0.05, source: 'card', oneFailureRate: 0.0193 });
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, '1', null, true, [1]]) {
      const g = trafficGuard(bad, windows, 99.9);
      assert.ok('problem' in g, String(bad));
      assert.match(g.problem, /must be a number of requests per second of 0 or more/);
    }
    const nan = trafficGuard(Number.NaN, windows, 99.9);
    assert.ok('problem' in nan && nan.problem.startsWith('slo.min_request_rate is NaN,'));
  });
});

describe('the profile a card asks for', () => {
  it('derives from the SLO, or reads explicit windows and refuses those that can never fire', () => {
    const derived = profileFromCard({ objective_percent: 90 }, undefined);
    assert.deepEqual([derived.source, derived.windows.map((w) => w.factor), derived.problems], ['derived', [5, 5, 1], []]);
    const explicit = profileFromCard({ objective_percent: 90 }, [
      { severity: 'page', factor: 14.4, long_window: '1h', short_window: '5m' },
      { severity: 'ticket', factor: 1, long_window: '3d', short_window: '6h' },
      { severity: 'page', factor: 10, long_window: '2h', short_window: '10m' },
    ]);
    assert.deepEqual(explicit.windows.map((w) => [w.factor, w.index]), [[1, 1]]);
    assert.deepEqual(explicit.problems.map((p) => [p.index, p.field, p.window?.longWindow]), [[0, 'factor', '1h'], [2, 'factor', '2h']]);
    assert.match(explicit.problems[0]?.message ?? '', /asks for an error ratio above 144 %.*Use 5 \(the derived 90 % profile's factor for 1h, capped/);
    assert.match(explicit.problems[1]?.message ?? '', /above 100 %.*Use a factor of at most 5 \(half the fastest possible burn\)/);
  });

  it('refuses explicit windows without an SLO, and unusable SLO values', () => {
    const noSlo = profileFromCard(undefined, [{ severity: 'page', factor: 14.4, long_window: '1h', short_window: '5m' }]);
    assert.deepEqual([noSlo.windows.length, noSlo.problems.map((p) => p.index)], [0, [undefined]]);
    assert.match(noSlo.problems[0]?.message ?? '', /nobody can tell whether these alerts fire/);
    for (const slo of [{ objective_percent: 99.9, period_days: Number.POSITIVE_INFINITY }, { objective_percent: Number.NaN }, { objective_percent: '99.9' }]) {
      assert.equal(profileFromCard(slo, undefined).source, 'none', JSON.stringify(slo));
    }
  });

  it('rejects zero-length windows and non-finite factors', () => {
    const r = windowsFromCard([
      { severity: 'page', factor: 14.4, long_window: '0h', short_window: '5m' },
      { severity: 'page', factor: Number.POSITIVE_INFINITY, long_window: '1h', short_window: '5m' },
    ]);
    assert.deepEqual([r.windows.length, r.problems.map((p) => p.index)], [0, [0, 1]]);
  });
});
