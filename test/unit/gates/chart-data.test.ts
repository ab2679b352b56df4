/**
 * Chart data of the gate report (issue 16): built from what the gates measured, small enough to
 * keep in a run record, and checked again when read back from one (a record may come from a pull
 * request, so a malformed or oversized chart is dropped, never drawn).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Card } from '../../../server/src/card/model';
import { parseCard } from '../../../server/src/card/parse';
import { CHART_LIMITS, chartNumber, histogramOf, readChart } from '../../../server/src/gates/engine/chart-data';
import { runGates } from '../../../server/src/gates/engine/run';
import { buildRecord, recordJson } from '../../../server/src/records';

const ROOT = path.resolve(__dirname, '../../..');

describe('chart data: histograms', () => {
  it('bins several samples over shared edges, ends included, missing values skipped', () => {
    const h = histogramOf([{ name: 'a', values: [0, 1, 2, 3, 4] }, { name: 'b', values: [Number.NaN, 4, 4] }], 'x', 4);
    assert.deepEqual(h?.edges, [0, 1, 2, 3, 4]);
    assert.deepEqual(h?.series.map((s) => s.counts), [[1, 1, 1, 2], [0, 0, 0, 2]]);
  });

  it('counts values outside a given range in the end bins, never dropping one', () => {
    const h = histogramOf([{ name: 'a', values: [-5, 0.5, 99] }], 'x', 2, { lo: 0, hi: 2 });
    assert.deepEqual(h?.series[0]?.counts, [2, 1]);
  });

  it('widens a range of one value and has nothing to draw without values', () => {
    assert.deepEqual(histogramOf([{ name: 'a', values: [7, 7] }], 'x', 1)?.edges, [7, 8]);
    assert.equal(histogramOf([{ name: 'a', values: [] }], 'x', 3), undefined);
    assert.equal(histogramOf([{ name: 'a', values: [Number.NaN] }], 'x', 3), undefined);
  });

  it('caps the number of bins', () => {
    assert.equal(histogramOf([{ name: 'a', values: [0, 1] }], 'x', 10_000)?.edges.length, CHART_LIMITS.bins + 1);
  });

  it('rounds chart numbers to six significant digits', () => {
    assert.equal(chartNumber(0.123456789), 0.123457);
    assert.equal(chartNumber(1075.327999999999), 1075.33);
  });
});

describe('chart data: read back from a record', () => {
  const good = { kind: 'histogram', x: 'x', edges: [0, 1, 2], series: [{ name: 'a', counts: [1, 2] }], marks: [{ role: 'threshold', value: 1, label: 'limit 1' }] };

  it('accepts every kind in its shape', () => {
    assert.ok(readChart(good));
    assert.ok(readChart({ kind: 'bars', x: 'c', categories: ['a', 'b'], series: [{ name: 'r', values: [0.5, 0.5] }], marks: [] }));
    assert.ok(readChart({ kind: 'series', y: 'y', series: [{ name: 'd', points: [['2026-11-01', 1]] }], marks: [{ role: 'observed', value: 1, label: 'x', from: '2026-11-01', to: '2026-11-07' }] }));
    assert.ok(readChart({ kind: 'reliability', series: [{ name: 'c', points: [[0.1, 0.2, 30]] }], marks: [] }));
  });

  it('drops what is malformed, lies about its size, or is not finite', () => {
    const bad: unknown[] = [
      null, 'histogram', [], { ...good, kind: 'pie' },
      { ...good, edges: [0, 2, 1] },
      { ...good, edges: [0, 1, null] },
      { ...good, series: [{ name: 'a', counts: [1] }] },
      { ...good, series: [{ name: 'a', counts: [1, -1] }] },
      { ...good, series: [] },
      { ...good, marks: [{ role: 'limit', value: 1, label: 'x' }] },
      { ...good, marks: [{ role: 'threshold', value: 'NaN', label: 'x' }] },
      { ...good, x: 'x'.repeat(CHART_LIMITS.text + 1) },
      { ...good, edges: Array.from({ length: CHART_LIMITS.bins + 2 }, (_, i) => i), series: [{ name: 'a', counts: new Array(CHART_LIMITS.bins + 1).fill(1) }] },
      { kind: 'series', y: 'y', series: [{ name: 'd', points: [['yesterday', 1]] }], marks: [] },
      { kind: 'series', y: 'y', series: [{ name: 'd', points: [['2026-11-01', 1]] }], marks: [{ role: 'observed', value: 1, label: 'x', from: '<script>' }] },
      { kind: 'reliability', series: [{ name: 'c', points: [[0.1, 0.2]] }], marks: [] },
    ];
    for (const b of bad) assert.equal(readChart(b), undefined, JSON.stringify(b).slice(0, 120));
  });
});

describe('chart data: what the gates keep, and the record size', () => {
  it('churn-blocked keeps a chart per drifted or critical column, metric, slice, calibration, latency path, cost and drills, all within limits', async () => {
    const file = path.join(ROOT, 'examples/churn-blocked/release-card.yaml');
    const card = new Card(file, parseCard(readFileSync(file, 'utf8')));
    const result = await runGates(card, { root: ROOT, cardFile: file, now: new Date('2026-11-26T12:00:00Z'), log: () => undefined });
    const charted = result.gates.flatMap((g) => g.checks.filter((c) => c.chart).map((c) => `${g.gate}.${c.id}`));
    assert.deepEqual(charted, [
      'data.drift.monthly_charges', 'data.drift.total_charges', 'data.drift.contract_type',
      'quality.average_precision', 'quality.calibration.ece', 'quality.slice.new customers', 'quality.slice.month-to-month contracts', 'quality.slice.senior customers',
      'performance.p99_latency_ms', 'performance.cold_start.p99_latency_ms',
      'cost.cost_per_useful_result_30d.cap',
      'rollback.drill.rto',
    ]);
    for (const g of result.gates) for (const c of g.checks) if (c.chart) assert.ok(readChart(JSON.parse(JSON.stringify(c.chart))), `${g.gate}.${c.id}: its chart does not read back`);
    const quality = result.gates.find((g) => g.gate === 'quality')?.checks.find((c) => c.id === 'slice.new customers');
    assert.deepEqual(quality?.chart?.marks.map((m) => [m.role, m.value]), [['threshold', -0.02], ['observed', quality?.observed]]);
    // What the charts add to the record: about a kilobyte each (docs/run-records.md).
    const record = buildRecord(result, file);
    const charts = result.gates.flatMap((g) => g.checks).map((c) => JSON.stringify(c.chart ?? '').length).reduce((a, b) => a + b, 0);
    assert.ok(charts < 16_000, `charts take ${charts} bytes`);
    assert.ok(recordJson(record).length < 90_000, `the record takes ${recordJson(record).length} bytes`);
  });

  it('writes a record as JSON that reads back the same, lists of plain values on one line', () => {
    const v = { a: [1, 2.5, null], b: [{ c: [['2026-11-01', 1]] }], d: {}, e: [], f: 'x[y]"z' };
    const text = recordJson(v);
    assert.deepEqual(JSON.parse(text), v);
    assert.match(text, /"a": \[1,2\.5,null\]/);
    assert.match(text, /"c": \[\["2026-11-01",1\]\]/);
  });
});
