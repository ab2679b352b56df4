import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { EXAMPLES, generateExample } from '../../../scripts/generate-demo';
import { CHURN, type DemoConfig } from '../../../scripts/demo-gen/config';

const SMALL: DemoConfig = { ...CHURN, dataRows: 200, predictionRows: 300, requestRows: 500, traces: 3, ledgerDays: 10 };
const ROOT = path.resolve(__dirname, '../../..');

/** sha256 of each generated file. */
function digests(files: ReadonlyMap<string, string>): Record<string, string> {
  return Object.fromEntries([...files].map(([p, t]) => [p, createHash('sha256').update(t).digest('hex')]));
}

describe('demo generator', () => {
  it('produces identical bytes for the same config and different ones for another seed', () => {
    const a = generateExample(SMALL);
    assert.deepEqual(digests(generateExample(SMALL)), digests(a));
    const b = generateExample({ ...SMALL, seed: SMALL.seed + 1 });
    assert.notEqual(b.get('evidence/data/current.csv'), a.get('evidence/data/current.csv'));
  });

  it('writes the files the README contract lists, with the configured sizes', () => {
    const files = generateExample(SMALL);
    for (const p of ['evidence/data/reference.csv', 'evidence/data/freshness.csv', 'evidence/quality/predictions.csv', 'evidence/perf/requests.csv',
      'evidence/cost/ledger.csv', 'evidence/cost/outcomes.csv', 'evidence/obs/traces.json', 'evidence/obs/metrics.txt', 'evidence/obs/alerts.rules.yaml',
      'evidence/rollback/inventory.csv', 'evidence/rollback/drills.csv', 'evidence/robustness/fallback.csv', 'runbooks/churn-scorer.md', 'schemas/churn-input.schema.json']) {
      assert.ok(files.has(p), p);
    }
    const lines = (p: string): number => (files.get(p) ?? '').trimEnd().split('\n').length - 1;
    assert.equal(lines('evidence/data/current.csv'), 200);
    assert.equal(lines('evidence/perf/requests.csv'), 500);
    assert.equal(lines('evidence/cost/outcomes.csv'), 10);
    assert.ok(!generateExample({ ...SMALL, faults: { missingSuite: true } }).has('evidence/robustness/fallback.csv'));
  });

  it('matches the committed example files (re-running the generator changes nothing)', () => {
    for (const [name, config] of Object.entries(EXAMPLES)) {
      for (const [rel, text] of generateExample(config)) {
        const committed = readFileSync(path.join(ROOT, 'examples', name, rel), 'utf8');
        assert.ok(committed === text, `examples/${name}/${rel} differs from the generator's output; run npx tsx scripts/generate-demo.ts`);
      }
    }
  });
});
