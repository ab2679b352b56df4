import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  burnRateFactor, burnRateProfile, errorRatioThreshold, factorsMatch, formatDuration, impliedBudgetShare, parseDurationSeconds,
  roundFactor, sloFromCard, windowsFromCard,
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
